"""Changing ids in URLs and forms of the zone and patrol pages: a user of another organisation
never reaches, changes or attaches anything to a zone that is not theirs."""

from datetime import time
from decimal import Decimal

import pytest
from django.urls import reverse

from safetyzone.planning.models import PatrolCheckin, PatrolPoint, PatrolShift, SafetyZone, ZoneTask
from tests.factories import UserFactory
from tests.planning import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def theirs():
    """A station's zone with a task, a point, a shift and a check-in."""
    station = world.org("police_station", area=world.MUEANG)
    zone = world.zone(station, name="ของสถานี")
    task = ZoneTask.objects.create(zone=zone, kind="lighting", detail="ไฟหน้าวัด")
    point = PatrolPoint.objects.create(zone=zone, name="หน้าวัด", lat=Decimal("14.5935"), lon=Decimal("100.4550"))
    shift = PatrolShift.objects.create(zone=zone, weekdays=[0], starts=time(20), ends=time(22))
    officer = UserFactory(organisation=station, role="viewer", first_name="ดาบตำรวจสมชาย")
    PatrolCheckin.objects.create(point=point, officer=officer, accepted=False, reason="too_far:300")
    return zone, task, point, shift


def urls(zone, task, point, shift):
    return {
        "zone": reverse("planning:zone", args=[zone.pk]),
        "patrol": reverse("planning:patrol", args=[zone.pk]),
        "report": reverse("planning:patrol_report", args=[zone.pk]),
        "report_xlsx": reverse("planning:patrol_report_xlsx", args=[zone.pk]),
        "qr": reverse("planning:patrol_qr", args=[zone.pk]),
        "qr_png": reverse("planning:patrol_point_qr", args=[point.pk]),
        "point": reverse("planning:patrol_point", args=[point.pk]),
        "task": reverse("planning:zone_task", args=[zone.pk, task.pk]),
    }


def test_another_district_station_reaches_nothing_of_the_zone(client, theirs):
    zone, task, point, shift = theirs
    other = world.org("police_station", area="1504")
    client.force_login(UserFactory(organisation=other, role="org_admin"))
    for name, url in urls(*theirs).items():
        assert client.get(url).status_code == 404, name
    posts = [reverse("planning:zone_task_new", args=[zone.pk]), reverse("planning:patrol_point_new", args=[zone.pk]),
             reverse("planning:patrol_shift_new", args=[zone.pk]), reverse("planning:zone_decision", args=[zone.pk]),
             reverse("planning:zone_recount", args=[zone.pk]), reverse("planning:patrol_shift_delete", args=[shift.pk])]
    for url in posts:
        assert client.post(url, {"kind": "lighting", "status": "planned", "name": "x", "lat": "14.5935",
                                 "lon": "100.4550", "tolerance_m": 50, "weekdays": ["1"], "starts": "08:00",
                                 "ends": "09:00", "rounds": 1}).status_code == 404, url
    assert ZoneTask.objects.count() == 1 and PatrolPoint.objects.count() == 1 and PatrolShift.objects.count() == 1


def test_a_reader_through_area_sharing_changes_nothing(client, theirs):
    zone, task, point, shift = theirs
    client.force_login(UserFactory(organisation=world.org("local_admin"), role="editor"))
    assert client.get(reverse("planning:zone", args=[zone.pk])).status_code == 200  # reads it
    assert client.post(reverse("planning:zone_task", args=[zone.pk, task.pk]),
                       {"kind": "other", "status": "cancelled"}).status_code == 403
    assert client.post(reverse("planning:zone_task_new", args=[zone.pk]),
                       {"kind": "other", "status": "planned"}).status_code == 403
    assert client.post(reverse("planning:patrol_point", args=[point.pk]),
                       {"name": "ย้าย", "lat": "14.5936", "lon": "100.4551", "tolerance_m": 50}).status_code == 403
    assert client.post(reverse("planning:patrol_shift_delete", args=[shift.pk])).status_code == 403
    assert client.post(reverse("planning:zone_recount", args=[zone.pk])).status_code == 403
    task.refresh_from_db()
    point.refresh_from_db()
    assert task.status == "planned" and point.name == "หน้าวัด" and PatrolShift.objects.filter(pk=shift.pk).exists()
    assert ZoneTask.objects.count() == 1


def test_an_editor_cannot_reach_another_zones_task_through_its_own_zone(client, theirs):
    zone, task, point, shift = theirs
    mine_org = world.org("police_station", area="1504")
    mine = world.zone(mine_org, area=world.OTHER_DISTRICT_SUB, name="ของฉัน")
    client.force_login(UserFactory(organisation=mine_org, role="editor"))
    url = reverse("planning:zone_task", args=[mine.pk, task.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"kind": "other", "status": "cancelled"}).status_code == 404
    task.refresh_from_db()
    assert task.zone_id == zone.pk and task.status == "planned"


def test_a_non_admin_cannot_draw_a_zone_for_another_organisation(client, theirs):
    zone = theirs[0]
    mine_org = world.org("police_station", area=world.MUEANG)
    client.force_login(UserFactory(organisation=mine_org, role="editor"))
    client.post(reverse("planning:zone_new"), {
        "name": "แอบอ้าง", "area": world.MUEANG_SUB, "polygon": "[[14.589,100.45],[14.589,100.46],[14.598,100.46]]",
        "landmark": 0, "economic": 0, "is_community": "on", "organisation": zone.organisation_id})
    assert SafetyZone.objects.get(name="แอบอ้าง").organisation == mine_org


def test_qr_codes_are_printed_only_by_the_zones_own_organisation(client, theirs):
    """A reader through area sharing (the municipality) or the province (the secretariat) sees the
    plan but not the check-in links: a QR code is the station's patrol material."""
    zone, task, point, shift = theirs
    for reader in (UserFactory(organisation=world.org("local_admin"), role="editor"),
                   UserFactory(organisation=world.org("provincial_office", area="15"), role="secretariat")):
        client.force_login(reader)
        page = client.get(reverse("planning:patrol", args=[zone.pk]))
        assert page.status_code == 200 and "หน้าวัด" in page.content.decode()
        assert point.token not in page.content.decode()
        assert reverse("planning:patrol_qr", args=[zone.pk]) not in page.content.decode()
        assert client.get(reverse("planning:patrol_qr", args=[zone.pk])).status_code == 403
        assert client.get(reverse("planning:patrol_point_qr", args=[point.pk])).status_code == 403
    client.force_login(UserFactory(organisation=zone.organisation, role="viewer"))  # the officer on patrol
    assert point.token in client.get(reverse("planning:patrol_qr", args=[zone.pk])).content.decode()
    assert client.get(reverse("planning:patrol_point_qr", args=[point.pk])).status_code == 200
