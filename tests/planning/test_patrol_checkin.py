"""Check-ins at a patrol point's QR code: judged on the server by distance, GPS accuracy and the
age of the form; only the zone's organisation may check in."""

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from safetyzone.planning import patrol_services as services
from safetyzone.planning.models import PatrolCheckin, PatrolPoint
from tests.factories import UserFactory
from tests.planning import world

pytestmark = pytest.mark.django_db
# 0.0009° of latitude is ~100 m
POINT = (Decimal("14.593500"), Decimal("100.455000"))


@pytest.fixture
def station():
    return world.org("police_station", area=world.MUEANG)


@pytest.fixture
def point(station):
    zone = world.zone(station)
    return PatrolPoint.objects.create(zone=zone, name="หน้าวัดต้นสน", lat=POINT[0], lon=POINT[1], tolerance_m=50)


@pytest.fixture
def officer(station, client):
    user = UserFactory(organisation=station, role="viewer")
    client.force_login(user)
    return user


def post(client, point, **kw):
    data = {"stamp": services.form_stamp(point), "lat": "14.593600", "lon": "100.455000", "accuracy": "12"} | kw
    return client.post(reverse("planning:checkin", args=[point.token]), data, HTTP_ACCEPT_LANGUAGE="en")


def test_the_qr_page_opens_a_form_for_the_officer(client, point, officer):
    response = client.get(reverse("planning:checkin", args=[point.token]))
    assert response.status_code == 200
    assert 'name="stamp"' in response.content.decode() and "หน้าวัดต้นสน" in response.content.decode()


def test_a_check_in_near_the_point_is_accepted_with_server_time(client, point, officer):
    before = timezone.now()
    response = post(client, point)
    record = PatrolCheckin.objects.get()
    assert response.status_code == 200 and record.accepted and record.officer == officer
    assert record.distance_m == 11 and record.accuracy_m == 12 and record.checked_at >= before
    assert 'id="checkin-reason"' not in response.content.decode()


def test_too_far_is_recorded_not_accepted_with_the_distance(client, point, officer):
    response = post(client, point, lat="14.594600")  # ~122 m north
    record = PatrolCheckin.objects.get()
    assert not record.accepted and record.reason == "too_far:122"
    assert record.distance_m == 122
    assert "too far from the point: 122 m" in response.content.decode()


def test_no_gps_permission_is_recorded_not_accepted(client, point, officer):
    response = post(client, point, lat="", lon="", accuracy="", gps_error="denied")
    record = PatrolCheckin.objects.get()
    assert not record.accepted and record.lat is None and record.reason == "no_gps:denied"
    assert "permission refused" in response.content.decode()


def test_an_imprecise_fix_is_not_accepted_even_at_the_point(client, point, officer):
    post(client, point, lat="14.593500", accuracy="400")
    record = PatrolCheckin.objects.get()
    assert not record.accepted and record.reason == "inaccurate:400" and record.distance_m == 0


def test_an_old_or_replayed_form_counts_by_server_time(client, point, officer):
    stamp = services.form_stamp(point)
    later = timezone.now() + timedelta(minutes=25)
    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        response = post(client, point, stamp=stamp)
    record = PatrolCheckin.objects.get()
    assert not record.accepted and record.reason.startswith("stale:")
    assert "scan the code again" in response.content.decode()


def test_a_form_signed_for_another_point_is_refused(client, point, officer):
    other = PatrolPoint.objects.create(zone=point.zone, name="ท่าน้ำ", lat=POINT[0], lon=POINT[1])
    post(client, point, stamp=services.form_stamp(other))
    assert PatrolCheckin.objects.get().reason == "form_invalid"
    post(client, point, stamp=signing.TimestampSigner(salt="x").sign(point.token))
    assert PatrolCheckin.objects.filter(reason="form_invalid").count() == 2


def test_a_user_of_another_station_gets_403_and_nothing_is_recorded(client, point):
    far = world.org("police_station", area="1504")
    client.force_login(UserFactory(organisation=far, role="editor"))
    assert post(client, point).status_code == 403
    assert client.get(reverse("planning:checkin", args=[point.token])).status_code == 403
    # a municipality that reads the zone through area sharing may not check in either
    client.force_login(UserFactory(organisation=world.org("local_admin"), role="editor"))
    assert post(client, point).status_code == 403
    assert not PatrolCheckin.objects.exists()


def test_an_anonymous_scan_is_sent_to_log_in_first(client, point):
    response = client.get(reverse("planning:checkin", args=[point.token]))
    assert response.status_code == 302 and "login" in response.url and point.token in response.url


def test_garbage_coordinates_count_as_no_gps(client, point, officer):
    post(client, point, lat="1e400", lon="NaN", accuracy="-3")
    record = PatrolCheckin.objects.get()
    assert not record.accepted and record.reason == "no_gps:invalid" and record.lat is None
