"""Misuse guards: the station head sees each user's search and request volumes, unusual ones
are flagged (above a limit, or above 3× the station's median), and acknowledged with a note."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from safetyzone.core.models import AccessLog
from safetyzone.footage import misuse
from safetyzone.footage.models import MisuseFlag, Search
from tests.factories import OrganisationFactory, UserFactory
from tests.footage.stats_world import Outcome, make_request

pytestmark = pytest.mark.django_db


def searches(user, n, *, hours_ago=1, purpose="ตรวจสอบเหตุลักทรัพย์"):
    at = timezone.now() - timedelta(hours=hours_ago)
    Search.objects.bulk_create([
        Search(user=user, organisation=user.organisation, at=at, lat=Decimal("14.59"), lon=Decimal("100.45"),
               radius_m=100, starts_at=at - timedelta(hours=2), ends_at=at - timedelta(hours=1),
               case_ref="อ่างทอง 5/2569", purpose=purpose) for _ in range(n)])


@pytest.fixture
def station(db, settings):
    settings.SAFETYZONE_MISUSE_LIMITS = {("searches", "day"): 30, ("searches", "week"): 100}
    settings.SAFETYZONE_MISUSE_MEDIAN_FACTOR, settings.SAFETYZONE_MISUSE_MEDIAN_FLOOR = 3, 5
    org = OrganisationFactory(name="สถานีตำรวจภูธรเมืองอ่างทอง", kind="police_station", area_id="1501")
    users = {name: UserFactory(username=name, organisation=org, role="investigator")
             for name in ("a", "b", "c", "d", "busy")}
    users["head"] = UserFactory(username="head", organisation=org, role="org_admin")
    for name, n in {"a": 2, "b": 2, "c": 3, "d": 2, "busy": 12}.items():
        searches(users[name], n)
    return {"org": org, **users}


def test_a_user_far_above_the_station_median_is_flagged(station):
    rows, medians = misuse.volumes(station["head"])
    by_name = {v.user.username: v for v in rows}
    assert medians[("searches", "day")] == 2
    assert list(by_name["busy"].reasons) == [("searches", "day"), ("searches", "week")]
    assert "2" in by_name["busy"].reasons[("searches", "day")]  # names the median it compared with
    assert not any(by_name[n].reasons for n in ("a", "b", "c", "d", "head"))


def test_a_fixed_limit_flags_even_when_everyone_is_busy(station):
    for name in ("a", "b", "c", "d"):
        searches(station[name], 26)  # 28-29 each: busy, but within the limit
    searches(station["busy"], 20)  # 32 in 24 hours: above the limit of 30
    by_name = {v.user.username: v for v in misuse.volumes(station["head"])[0]}
    assert "30" in by_name["busy"].reasons[("searches", "day")]
    assert not by_name["a"].reasons


def test_old_searches_and_other_stations_do_not_count(station):
    searches(station["a"], 40, hours_ago=24 * 8)  # more than 7 days ago
    other = UserFactory(organisation=OrganisationFactory(kind="police_station", area_id="1502"), role="investigator")
    searches(other, 40)
    by_name = {v.user.username: v for v in misuse.volumes(station["head"])[0]}
    assert by_name["a"].counts[("searches", "week")] == 2
    assert other.username not in by_name


def test_requests_are_counted_too(station, settings):
    settings.SAFETYZONE_MISUSE_LIMITS = {("requests", "day"): 2}
    from tests.factories import CameraFactory
    cam = CameraFactory()
    for _ in range(3):
        make_request(station["busy"], [(cam, Outcome())], at=timezone.now() - timedelta(hours=2))
    by_name = {v.user.username: v for v in misuse.volumes(station["head"])[0]}
    assert by_name["busy"].counts[("requests", "day")] == 3
    assert ("requests", "day") in by_name["busy"].reasons


def test_only_the_station_head_opens_the_page(client, station):
    owner_admin = UserFactory(organisation=OrganisationFactory(kind="local_admin"), role="org_admin")
    for user in (station["a"], owner_admin):
        client.force_login(user)
        assert client.get(reverse("footage:misuse")).status_code == 403
    client.force_login(station["head"])
    html = client.get(reverse("footage:misuse")).content.decode()
    assert 'data-user="busy"' in html and "<strong>⚠ 12</strong>" in html


def test_head_acknowledges_a_flag_with_a_note_and_it_is_not_raised_again(client, station):
    client.force_login(station["head"])
    client.get(reverse("footage:misuse"))
    client.get(reverse("footage:misuse"))  # a second visit raises nothing new
    flags = MisuseFlag.objects.filter(user=station["busy"])
    assert flags.count() == 2 and flags.filter(acknowledged_at__isnull=True).count() == 2
    flag = flags.get(window="day")
    response = client.post(reverse("footage:misuse_ack", args=[flag.pk]), {"note": "  "}, follow=True)
    assert "กรุณาเขียนบันทึก" in response.content.decode()
    client.post(reverse("footage:misuse_ack", args=[flag.pk]), {"note": "ตรวจแล้ว คดีชิงทรัพย์ต่อเนื่อง 12 คดี"})
    flag.refresh_from_db()
    assert flag.acknowledged_by == station["head"] and flag.note.startswith("ตรวจแล้ว")
    searches(station["busy"], 5)
    html = client.get(reverse("footage:misuse")).content.decode()
    assert MisuseFlag.objects.filter(user=station["busy"], window="day").count() == 1
    assert "ตรวจแล้ว คดีชิงทรัพย์ต่อเนื่อง" in html


def test_another_stations_head_cannot_acknowledge(client, station):
    misuse.refresh_flags(station["head"])
    flag = MisuseFlag.objects.filter(user=station["busy"]).first()
    other_head = UserFactory(organisation=OrganisationFactory(kind="police_station", area_id="1502"), role="org_admin")
    client.force_login(other_head)
    assert client.post(reverse("footage:misuse_ack", args=[flag.pk]), {"note": "x"}).status_code == 403
    flag.refresh_from_db()
    assert flag.acknowledged_at is None


def test_opening_a_users_searches_shows_purposes_and_is_logged(client, station):
    searches(station["busy"], 1, purpose="ติดตามรถจักรยานยนต์หาย")
    client.force_login(station["head"])
    html = client.get(reverse("footage:misuse_activity", args=[station["busy"].pk])).content.decode()
    assert "ติดตามรถจักรยานยนต์หาย" in html
    entry = AccessLog.objects.latest("id")
    assert (entry.username, entry.object_type, entry.object_id) == ("head", "core.user", str(station["busy"].pk))
    outsider = UserFactory(organisation=OrganisationFactory(kind="police_station", area_id="1502"))
    assert client.get(reverse("footage:misuse_activity", args=[outsider.pk])).status_code == 404
