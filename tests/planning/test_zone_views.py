"""Zone pages: drawing (a refused drawing is kept), the comparison table, XLSX, print, decisions, tasks."""

import json
from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from safetyzone.planning.models import SafetyZone, ZoneTask
from tests.factories import UserFactory
from tests.planning import world
from tests.planning.test_zone_services import BIG, BOWTIE

pytestmark = pytest.mark.django_db


@pytest.fixture
def station():
    return world.org("police_station", area=world.MUEANG)


@pytest.fixture
def editor(station, client):
    user = UserFactory(organisation=station, role="editor")
    client.force_login(user)
    return user


def post_zone(client, polygon, **kw):
    data = {"name": "ชุมชนหลังตลาด", "area": world.MUEANG_SUB, "polygon": json.dumps(polygon), "landmark": 0,
            "economic": 1, "is_community": "on"} | kw
    return client.post(reverse("planning:zone_new"), data)


def test_drawing_a_zone_saves_it_with_area_and_counts(client, station, editor):
    world.risk_point(station)
    response = post_zone(client, world.SQUARE)
    zone = SafetyZone.objects.get()
    assert response.status_code == 302 and response.url == reverse("planning:zone", args=[zone.pk])
    page = client.get(response.url).content.decode()
    assert f"{zone.area_km2:,.2f}" in page and zone.risk_points_inside == 1
    assert Decimal("1.05") < zone.area_km2 < Decimal("1.12")


def test_a_self_crossing_drawing_is_refused_and_kept_on_the_form(client, editor):
    response = post_zone(client, BOWTIE, HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 200 and not SafetyZone.objects.exists()
    page = response.content.decode()
    assert 'id="error-polygon"' in page
    kept = json.loads(response.context["form"]["polygon"].value())
    assert kept == BOWTIE  # the drawing comes back to the map to be fixed


def test_an_oversize_zone_is_shown_in_red_with_its_figure(client, editor):
    post_zone(client, BIG)
    zone = SafetyZone.objects.get()
    page = client.get(reverse("planning:zones")).content.decode()
    assert f'<tr id="zone-{zone.pk}" class="oversize">' in page
    assert f"{zone.area_km2:,.2f}" in page


def test_comparison_sorts_by_a_column(client, station, editor):
    world.zone(station, name="ก ชุมชนเล็ก", area_km2="0.5000", risk_points_inside=3)
    world.zone(station, name="ข ชุมชนใหญ่", area_km2="1.9000", risk_points_inside=1)
    by_area = [z.name for z in client.get(reverse("planning:zones"), {"sort": "-area"}).context["zones"]]
    by_risk = [z.name for z in client.get(reverse("planning:zones"), {"sort": "risk"}).context["zones"]]
    assert by_area == ["ข ชุมชนใหญ่", "ก ชุมชนเล็ก"] and by_risk == ["ข ชุมชนใหญ่", "ก ชุมชนเล็ก"]


def test_comparison_query_count_does_not_grow_with_zones(client, station, editor, django_assert_max_num_queries):
    for i in range(12):
        z = world.zone(station, name=f"โซน {i}")
        ZoneTask.objects.create(zone=z, kind="lighting", due_on=timezone.localdate() - timedelta(days=1))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("planning:zones"))
    assert len(response.context["zones"]) == 12 and response.context["zones"][0].overdue_tasks == 1


def test_xlsx_and_print_show_the_seed_criteria(client, station, editor):
    world.zone(station, name="ชุมชนตลาดเก่า", risk_points_inside=2)
    page = client.get(reverse("planning:zones_print")).content.decode()
    assert "มีขนาดพื้นที่ไม่ควรเกิน ๒ ตารางกิโลเมตร และเป็นพื้นที่ชุมชน" in page
    assert "มีความสำคัญในเชิงสัญลักษณ์ของประเทศ (LAND MARK)" in page
    response = client.get(reverse("planning:zones_xlsx"))
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][7].startswith("(๓.๑) เป็นพื้นที่จุดเสี่ยงภัยอาชญากรรม")
    assert rows[1][0] == "ชุมชนตลาดเก่า" and rows[1][5] == 2


def test_decision_without_a_meeting_date_is_refused_on_the_page(client, station, editor):
    zone = world.zone(station)
    response = client.post(reverse("planning:zone_decision", args=[zone.pk]), {"status": "selected"})
    assert response.status_code == 400 and 'id="error-meeting_date"' in response.content.decode()
    response = client.post(reverse("planning:zone_decision", args=[zone.pk]),
                           {"status": "selected", "meeting_date": "2026-03-02", "meeting_ref": "1/2569"})
    assert response.status_code == 302
    page = client.get(reverse("planning:zone", args=[zone.pk])).content.decode()
    assert "1/2569" in page and "2 มี.ค. 2569" in page  # Buddhist era


def test_a_reader_of_another_organisation_sees_but_cannot_decide(client, station):
    zone = world.zone(station)
    client.force_login(UserFactory(organisation=world.org("local_admin"), role="editor"))
    assert client.get(reverse("planning:zone", args=[zone.pk])).status_code == 200
    response = client.post(reverse("planning:zone_decision", args=[zone.pk]),
                           {"status": "selected", "meeting_date": "2026-03-02"})
    assert response.status_code == 403
    assert SafetyZone.objects.get(pk=zone.pk).status == "candidate"
    assert client.get(reverse("planning:zone_edit", args=[zone.pk])).status_code == 403


def test_a_zone_outside_the_users_scope_is_not_found(client, station):
    zone = world.zone(station)
    client.force_login(UserFactory(organisation=world.org("private_business"), role="editor"))
    assert client.get(reverse("planning:zone", args=[zone.pk])).status_code == 404


def test_tasks_are_added_and_overdue_shown(client, station, editor):
    zone = world.zone(station)
    late = (timezone.localdate() - timedelta(days=3)).isoformat()
    response = client.post(reverse("planning:zone_task_new", args=[zone.pk]),
                           {"kind": "link_cameras", "responsible": "เทศบาลเมืองอ่างทอง", "status": "in_progress",
                            "due_on": late})
    assert response.status_code == 302
    page = client.get(reverse("planning:zone", args=[zone.pk])).content.decode()
    assert 'class="overdue"' in page and "เทศบาลเมืองอ่างทอง" in page
    task = ZoneTask.objects.get()
    client.post(reverse("planning:zone_task", args=[zone.pk, task.pk]), {"kind": "link_cameras", "status": "done"})
    task.refresh_from_db()
    assert task.done_on == timezone.localdate()


def test_a_system_admin_draws_for_a_station_in_its_province(client, station):
    client.force_login(UserFactory(organisation=None, role="system_admin"))
    wrong = post_zone(client, world.SQUARE, organisation=station.pk, area="4101")  # Udon for an Ang Thong station
    assert wrong.status_code == 200 and 'id="error-area"' in wrong.content.decode()
    ok = post_zone(client, world.SQUARE, organisation=station.pk)
    assert ok.status_code == 302 and SafetyZone.objects.get().organisation == station


def test_readers_cannot_open_the_task_and_point_forms(client, station):
    zone = world.zone(station)
    task = ZoneTask.objects.create(zone=zone, kind="lighting")
    point = zone.patrol_points.create(name="หน้าวัด", lat=zone.centroid_lat, lon=zone.centroid_lon)
    client.force_login(UserFactory(organisation=station, role="viewer"))
    assert client.get(reverse("planning:zone_task", args=[zone.pk, task.pk])).status_code == 403
    assert client.get(reverse("planning:patrol_point", args=[point.pk])).status_code == 403
    assert client.get(reverse("planning:patrol", args=[zone.pk])).status_code == 200  # reading is fine


def test_editing_the_shape_on_the_page_recomputes_the_area(client, station, editor):
    post_zone(client, world.SQUARE)
    zone = SafetyZone.objects.get()
    page = client.get(reverse("planning:zone_edit", args=[zone.pk]))
    assert json.loads(page.context["form"]["polygon"].value()) == zone.polygon  # the map starts from it
    response = client.post(reverse("planning:zone_edit", args=[zone.pk]),
                           {"name": zone.name, "area": world.MUEANG_SUB, "polygon": json.dumps(BIG), "landmark": 0,
                            "economic": 1, "is_community": "on"})
    zone.refresh_from_db()
    assert response.status_code == 302 and zone.oversize and len(zone.polygon) == 4


def test_a_zone_page_leads_to_its_coverage_and_to_planning_cameras_for_it(client, db):
    """From the zone the network chose, the officer goes on to what its cameras see and to a plan."""
    from tests.factories import UserFactory
    from tests.planning import world

    station = world.org("police_station", area=world.MUEANG)
    z = world.zone(station)
    client.force_login(UserFactory(organisation=station, role="editor"))
    page = client.get(f"/planning/zones/{z.pk}/").content.decode()
    assert f'href="/planning/coverage/?zone={z.pk}"' in page
    assert f'href="/planning/plans/new/?zone={z.pk}"' in page
    town = world.org("local_admin", area=world.MUEANG_SUB)
    client.force_login(UserFactory(organisation=town, role="editor"))  # reads the zone, may not plan for it
    page = client.get(f"/planning/zones/{z.pk}/").content.decode()
    assert f'href="/planning/coverage/?zone={z.pk}"' in page and "/planning/plans/new/" not in page
