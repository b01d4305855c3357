"""Patrol plan pages: points and shifts, the printable QR sheet and PNG codes, the weekly report."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from PIL import Image

from safetyzone.planning import patrol_selectors
from safetyzone.planning.models import PatrolCheckin, PatrolPoint, PatrolShift
from tests.factories import UserFactory
from tests.planning import world

pytestmark = pytest.mark.django_db
MONDAY = date(2026, 11, 9)


@pytest.fixture
def station():
    return world.org("police_station", area=world.MUEANG)


@pytest.fixture
def zone(station):
    return world.zone(station)


@pytest.fixture
def editor(station, client):
    user = UserFactory(organisation=station, role="editor", first_name="สมชาย")
    client.force_login(user)
    return user


def point(zone, name, lat="14.5935", lon="100.4550"):
    return PatrolPoint.objects.create(zone=zone, name=name, lat=Decimal(lat), lon=Decimal(lon))


def test_points_are_added_inside_the_zone_only(client, zone, editor):
    url = reverse("planning:patrol_point_new", args=[zone.pk])
    ok = client.post(url, {"name": "ตลาดเช้า", "lat": "14.5940", "lon": "100.4560", "tolerance_m": 60, "active": "on"})
    assert ok.status_code == 302
    far = client.post(url, {"name": "สถานีรถไฟ", "lat": "14.6200", "lon": "100.4560", "tolerance_m": 60,
                            "active": "on"}, HTTP_ACCEPT_LANGUAGE="en")
    assert far.status_code == 400 and "outside the zone" in far.content.decode()
    abroad = client.post(url, {"name": "x", "lat": "1.0", "lon": "100.4560", "tolerance_m": 60})
    assert abroad.status_code == 400 and 'id="error-lat"' in abroad.content.decode()
    assert list(PatrolPoint.objects.values_list("name", flat=True)) == ["ตลาดเช้า"]


def test_a_shift_needs_days_and_distinct_hours(client, zone, editor):
    url = reverse("planning:patrol_shift_new", args=[zone.pk])
    assert client.post(url, {"starts": "20:00", "ends": "20:00", "rounds": 2}).status_code == 400
    response = client.post(url, {"weekdays": ["4", "5"], "starts": "20:00", "ends": "02:00", "rounds": 2})
    assert response.status_code == 302
    shift = PatrolShift.objects.get()
    assert shift.weekdays == [4, 5] and shift.rounds == 2
    page = client.get(reverse("planning:patrol", args=[zone.pk])).content.decode()
    assert "ศุกร์, เสาร์" in page and "20:00–02:00" in page


def test_viewers_of_another_organisation_cannot_add_points(client, zone):
    client.force_login(UserFactory(organisation=world.org("local_admin"), role="editor"))
    response = client.post(reverse("planning:patrol_point_new", args=[zone.pk]),
                           {"name": "x", "lat": "14.5940", "lon": "100.4560", "tolerance_m": 60})
    assert response.status_code == 403 and not PatrolPoint.objects.exists()


def test_qr_sheet_and_png_encode_the_check_in_url(client, zone, editor):
    a, b = point(zone, "หน้าวัด"), point(zone, "ท่าน้ำ")
    page = client.get(reverse("planning:patrol_qr", args=[zone.pk])).content.decode()
    for p in (a, b):
        url = settings.SITE_URL + reverse("planning:checkin", args=[p.token])
        assert f'data-url="{url}"' in page
    assert page.count("<svg") == 2 and "หน้าวัด" in page
    response = client.get(reverse("planning:patrol_point_qr", args=[a.pk]))
    assert response["Content-Type"] == "image/png"
    image = Image.open(BytesIO(response.content)).convert("L")
    expected = segno.make_qr(settings.SITE_URL + reverse("planning:checkin", args=[a.token]), error="m")
    scale, border = 8, 4
    modules = [[image.getpixel(((c + border) * scale + scale // 2, (r + border) * scale + scale // 2)) < 128
                for c in range(len(expected.matrix))] for r in range(len(expected.matrix))]
    assert modules == [[bool(v) for v in row] for row in expected.matrix]  # the image is that URL's code


def _at(day, hh, mm):
    return timezone.make_aware(datetime.combine(day, time(hh, mm)))


def _checkin(p, officer, when, accepted=True, reason=""):
    c = PatrolCheckin.objects.create(point=p, officer=officer, accepted=accepted, reason=reason, distance_m=5)
    PatrolCheckin.objects.filter(pk=c.pk).update(checked_at=when)


def test_week_report_counts_rounds_and_missed_points(client, zone, editor):
    a, b = point(zone, "หน้าวัด"), point(zone, "ท่าน้ำ")
    PatrolShift.objects.create(zone=zone, weekdays=[0, 1], starts=time(20), ends=time(2), rounds=2)
    # Monday night: both points twice (b scanned twice in a row: one round), then b once more
    for p, hh, mm in [(a, 20, 10), (b, 20, 20), (b, 20, 25), (a, 22, 0), (b, 23, 50)]:
        _checkin(p, editor, _at(MONDAY, hh, mm))
    _checkin(a, editor, _at(MONDAY, 21, 0), accepted=False, reason="too_far:240")
    # Tuesday night: only point a, once, after midnight (still Tuesday's shift)
    _checkin(a, editor, _at(MONDAY + timedelta(days=2), 0, 30))
    report = patrol_selectors.week_report(editor, zone, MONDAY, now=_at(MONDAY + timedelta(days=7), 12, 0))
    rows = [(r.day, r.planned, r.done, [(p.name, n) for p, n in r.missed]) for r in report.rows]
    assert rows == [(MONDAY, 2, 2, []), (MONDAY + timedelta(days=1), 2, 0, [("ท่าน้ำ", 2), ("หน้าวัด", 1)])]
    assert (report.planned, report.done, report.accepted, len(report.refused)) == (4, 2, 6, 1)
    page = client.get(reverse("planning:patrol_report", args=[zone.pk]), {"week": MONDAY.isoformat()},
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "too far from the point: 240 m" in page
    book = load_workbook(BytesIO(b"".join(client.get(reverse("planning:patrol_report_xlsx", args=[zone.pk]),
                                                     {"week": MONDAY.isoformat()}).streaming_content)))
    sheet = list(book.worksheets[0].values)
    assert sheet[1][4:6] == (2, 2) and sheet[2][4:6] == (2, 0) and "ท่าน้ำ (2)" in sheet[2][7]


def test_shifts_still_to_come_are_not_missed(zone, editor):
    point(zone, "หน้าวัด")
    PatrolShift.objects.create(zone=zone, weekdays=[0, 1, 2, 3, 4, 5, 6], starts=time(8), ends=time(10))
    report = patrol_selectors.week_report(editor, zone, MONDAY, now=_at(MONDAY + timedelta(days=2), 9, 0))
    states = [r.state for r in report.rows]
    assert states == ["over", "over", "running", "upcoming", "upcoming", "upcoming", "upcoming"]
    assert report.planned == 2 and all(not r.missed for r in report.rows if r.state != "over")


def test_report_and_plan_pages_do_not_grow_queries_with_rows(client, zone, editor, django_assert_max_num_queries):
    pts = [point(zone, f"จุด {i}") for i in range(6)]
    PatrolShift.objects.create(zone=zone, weekdays=[0, 1, 2, 3, 4, 5, 6], starts=time(20), ends=time(23), rounds=3)
    PatrolShift.objects.create(zone=zone, weekdays=[5, 6], starts=time(9), ends=time(12), rounds=1)
    for d in range(7):
        for p in pts:
            _checkin(p, editor, _at(MONDAY + timedelta(days=d), 20, 30))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("planning:patrol_report", args=[zone.pk]), {"week": MONDAY.isoformat()}).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("planning:patrol", args=[zone.pk])).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("planning:patrol_qr", args=[zone.pk])).status_code == 200
