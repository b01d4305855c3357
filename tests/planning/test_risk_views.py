"""Risk point pages: recording on the form (Thai digits, wrong places), who sees and who edits,
closing and reopening, the list's counts, map and query count."""

import json

import pytest
from django.urls import reverse

from safetyzone.planning import risk_services
from safetyzone.planning.models import Mitigation, RiskPoint
from tests.planning import world
from tests.planning.risk_fixtures import media, point_data, rw  # noqa: F401

pytestmark = pytest.mark.django_db
NEW = reverse("planning:risk_create")


def test_recording_a_point_with_thai_digits(rw, client):
    client.force_login(rw.users.station_editor)
    response = client.post(NEW, point_data(lat="๑๔.๕๙๓๕๐๐", lon="๑๐๐.๔๕๕๐๐๐"))
    point = RiskPoint.objects.get()
    assert response.status_code == 302 and response.url == reverse("planning:risk_detail", args=[point.pk])
    assert (str(point.lat), str(point.lon)) == ("14.593500", "100.455000")
    assert (point.organisation, point.area_id) == (rw.station, world.MUEANG_SUB)
    assert point.times_of_day == ["evening", "night"]
    page = client.get(response.url).content.decode()
    assert "ซอยเปลี่ยวหลังตลาดสด" in page and "ประชุม คปอ. 5/2569" in page


def test_the_form_explains_the_space_classes_in_thai(rw, client):
    client.force_login(rw.users.station_editor)
    page = client.get(NEW).content.decode()
    assert "พื้นที่ปฐมภูมิ" in page and "พื้นที่ทุติยภูมิ" in page and "พื้นที่สาธารณะ" in page
    assert 'id="risk-map"' in page and "planning/risk.js" in page


@pytest.mark.parametrize("lat, lon, words", [
    ("1.352100", "103.819800", "นอกประเทศไทย"),  # Singapore
    ("17.415000", "102.787000", "อ่างทอง"),  # Udon Thani: in Thailand, not in the station's province
])
def test_a_place_outside_thailand_or_the_province_is_refused_on_the_field(rw, client, lat, lon, words):
    client.force_login(rw.users.station_editor)
    response = client.post(NEW, point_data(lat=lat, lon=lon))
    assert response.status_code == 400
    errors = response.context["form"].errors["lat"]
    assert any(words in e for e in errors), errors
    assert not RiskPoint.objects.exists()


def test_swapped_coordinates_are_named(rw, client):
    client.force_login(rw.users.station_editor)
    response = client.post(NEW, point_data(lat="100.455", lon="14.5935"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "swapped" in " ".join(response.context["form"].errors["lat"]).lower()


def test_a_viewer_may_not_record(rw, client):
    client.force_login(rw.users.station_viewer)
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, point_data()).status_code == 403
    assert not RiskPoint.objects.exists()


def test_another_station_neither_sees_nor_edits_and_the_municipality_reads_only(rw, client):
    point = world.risk_point(rw.station, name="ลานจอดรถร้าง")
    detail, edit = reverse("planning:risk_detail", args=[point.pk]), reverse("planning:risk_edit", args=[point.pk])
    client.force_login(rw.users.far_editor)
    assert client.get(detail).status_code == 404
    assert client.post(edit, point_data(name="แก้แล้ว")).status_code == 404
    assert "ลานจอดรถร้าง" not in client.get(reverse("planning:risk_list")).content.decode()
    client.force_login(rw.users.town_editor)  # same area: reads through the network's sharing
    assert client.get(detail).status_code == 200
    assert "ลานจอดรถร้าง" in client.get(reverse("planning:risk_list")).content.decode()
    assert client.get(edit).status_code == 403
    assert client.post(edit, point_data(name="แก้แล้ว")).status_code == 403
    assert client.post(reverse("planning:risk_close", args=[point.pk]),
                       {"closed_note": "x", "without_measures": "on"}).status_code == 403
    point.refresh_from_db()
    assert (point.name, point.status) == ("ลานจอดรถร้าง", "open")


def test_editing_keeps_the_owner_and_records_history(rw, client):
    point = world.risk_point(rw.station)
    client.force_login(rw.users.station_editor)
    response = client.post(reverse("planning:risk_edit", args=[point.pk]), point_data(severity="4", name="ซอย 5"))
    assert response.status_code == 302
    point.refresh_from_db()
    assert (point.name, point.severity, point.organisation) == ("ซอย 5", 4, rw.station)
    assert point.history.first().history_user == rw.users.station_editor


def test_closing_from_the_page_twice_changes_nothing(rw, client):
    point = world.risk_point(rw.station)
    client.force_login(rw.users.station_editor)
    close = reverse("planning:risk_close", args=[point.pk])
    refused = client.post(close, {"closed_note": "แก้ไขแล้ว"})
    assert refused.status_code == 400 and refused.context["form"].errors["without_measures"]
    assert client.post(close, {"closed_note": "รื้อถอนแล้ว", "without_measures": "on"}).status_code == 302
    point.refresh_from_db()
    closed_at = point.closed_at
    again = client.post(close, {"closed_note": "ปิดซ้ำ", "without_measures": "on"})
    assert again.status_code == 403
    point.refresh_from_db()
    assert (point.closed_at, point.closed_note) == (closed_at, "รื้อถอนแล้ว")
    page = client.get(reverse("planning:risk_detail", args=[point.pk])).content.decode()
    assert "ปิดโดยไม่มีมาตรการ" in page
    assert client.post(reverse("planning:risk_reopen", args=[point.pk])).status_code == 302
    point.refresh_from_db()
    assert point.status == "open"


def test_measures_from_the_page(rw, client):
    point = world.risk_point(rw.station)
    client.force_login(rw.users.station_editor)
    add = reverse("planning:risk_mitigation_add", args=[point.pk])
    response = client.post(add, {"m-kind": "camera", "m-status": "done", "m-done_on": "๕/๑๑/๒๕๖๙",
                                 "m-camera": str(rw.cams[0].pk), "m-responsible": "เทศบาลเมืองอ่างทอง"})
    assert response.status_code == 302
    m = Mitigation.objects.get()
    assert (m.camera, str(m.done_on)) == (rw.cams[0], "2026-11-05")
    bad = client.post(add, {"m-kind": "light", "m-status": "done"})
    assert bad.status_code == 400 and bad.context["mitigation_form"].errors["done_on"]
    planned = risk_services.add_mitigation(rw.users.station_editor, point.pk, Mitigation(kind="trees"))
    client.post(reverse("planning:risk_mitigation_finish", args=[planned.pk]), {"status": "cancelled"})
    planned.refresh_from_db()
    assert planned.status == "cancelled"
    client.force_login(rw.users.far_editor)
    assert client.post(add, {"m-kind": "light", "m-status": "planned"}).status_code == 404
    assert Mitigation.objects.count() == 2


def test_list_counts_per_category_and_greys_closed_points_on_the_map(rw, client):
    world.risk_point(rw.station, name="ซอย 1")
    world.risk_point(rw.town, name="ซอย 2")
    world.risk_point(rw.station, name="สะพานลอย", category="footbridge")
    shut = world.risk_point(rw.station, name="โกดังร้าง", category="abandoned_building")
    risk_services.close_point(rw.users.station_editor, shut.pk, "รื้อแล้ว", without_measures=True)
    world.risk_point(rw.far, area=world.OTHER_DISTRICT_SUB, name="จุดอื่น")
    client.force_login(rw.users.station_editor)
    response = client.get(reverse("planning:risk_list"))
    counts = {c["value"]: (c["open"], c["closed"]) for c in response.context["counts"]}
    assert counts["lonely_road"] == (2, 0) and counts["footbridge"] == (1, 0)
    assert counts["abandoned_building"] == (0, 1)
    points = {p["name"]: p["closed"] for p in response.context["map_config"]["points"]}
    assert points == {"ซอย 1": False, "ซอย 2": False, "สะพานลอย": False, "โกดังร้าง": True}
    config = json.loads(response.content.decode().split('id="risk-map-config" type="application/json">')[1]
                        .split("</script>")[0])
    assert len(config["points"]) == 4
    filtered = client.get(reverse("planning:risk_list"), {"status": "open", "category": "lonely_road"})
    assert [p.name for p in filtered.context["page"].object_list] == ["ซอย 1", "ซอย 2"]
    by_area = client.get(reverse("planning:risk_list"), {"area": "1504"})
    assert list(by_area.context["page"].object_list) == []


def test_the_list_costs_the_same_queries_for_few_and_many_points(rw, client, django_assert_max_num_queries):
    client.force_login(rw.users.station_editor)

    def add(n):
        for i in range(n):
            p = world.risk_point(rw.station if i % 2 else rw.town, name=f"จุด {i}", severity=1 + i % 4)
            Mitigation.objects.create(risk_point=p, kind="light")

    add(3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("planning:risk_list")).status_code == 200
    add(40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("planning:risk_list"))
    assert response.context["page"].paginator.count == 43


def test_the_thai_pages_show_no_english_words(rw, client, media):
    import re

    from tests.core.test_translations import visible_text

    point = world.risk_point(rw.station, name="ซอยมืด", times_of_day=["night"])
    risk_services.add_mitigation(rw.users.station_editor, point.pk, Mitigation(kind="camera", camera_id=rw.cams[0].pk))
    client.force_login(rw.users.station_editor)
    for url in (reverse("planning:risk_list"), NEW, reverse("planning:risk_detail", args=[point.pk]),
                reverse("planning:risk_edit", args=[point.pk]), reverse("planning:risk_close", args=[point.pk])):
        text = visible_text(client.get(url).content.decode())
        words = set(re.findall(r"\b[A-Za-z]{4,}\b", text)) - {"XLSX", "SafetyZone", "JPEG", "WebP", "English", "CCTV"}
        assert not words, (url, words)


def test_a_system_admin_chooses_the_owner_and_its_province(rw, client):
    client.force_login(rw.users.sysadmin)
    wrong = client.post(NEW, point_data(organisation=str(rw.town.pk), area="410101"))
    assert wrong.status_code == 400 and wrong.context["form"].errors["area"]
    assert client.post(NEW, point_data(organisation=str(rw.town.pk), area="1501")).status_code == 302
    point = RiskPoint.objects.get()
    assert (point.organisation, point.area_id, point.district_id) == (rw.town, "1501", "1501")
