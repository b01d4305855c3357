"""A crime-prevention officer draws a Safety Zone on the map (a self-crossing drawing is refused
and kept to fix), and a patrol officer checks in at a point with the phone's GPS."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from safetyzone.planning.models import PatrolCheckin, PatrolPoint, SafetyZone
from tests.browser.helpers import BROWSER_TEST, log_in
from tests.factories import UserFactory
from tests.planning import world

pytestmark = BROWSER_TEST


@pytest.fixture
def officer(db):
    station = world.org("police_station", area=world.MUEANG)
    return UserFactory(username="prevention", organisation=station, role="editor")


def click_at(page, lat, lon):
    box = page.locator("#zone-map").bounding_box()
    p = page.evaluate("(ll) => { const p = window.__testMaps[0].latLngToContainerPoint(ll); return [p.x, p.y]; }",
                      [lat, lon])
    page.mouse.click(box["x"] + p[0], box["y"] + p[1])


def drag(page, start, end):
    box = page.locator("#zone-map").bounding_box()
    js = "(ll) => { const p = window.__testMaps[0].latLngToContainerPoint(ll); return [p.x, p.y]; }"
    a, b = page.evaluate(js, list(start)), page.evaluate(js, list(end))
    page.mouse.move(box["x"] + a[0], box["y"] + a[1])
    page.mouse.down()
    page.mouse.move(box["x"] + (a[0] + b[0]) / 2, box["y"] + (a[1] + b[1]) / 2, steps=5)
    page.mouse.move(box["x"] + b[0], box["y"] + b[1], steps=5)
    page.mouse.up()


def test_officer_draws_fixes_and_saves_a_zone(page, officer):
    log_in(page, "prevention")
    page.goto("/planning/zones/new/")
    page.wait_for_function("window.__testMaps && window.__testMaps.length > 0")
    page.locator("#zone-map").scroll_into_view_if_needed()
    page.evaluate("window.__testMaps[0].setView([14.5935, 100.4550], 15, {animate: false})")
    for lat, lon in [(14.589, 100.450), (14.598, 100.460), (14.598, 100.450), (14.589, 100.460)]:  # a bow tie
        click_at(page, lat, lon)
    page.fill("#id_name", "ชุมชนตลาดเก่า")
    page.get_by_role("button", name="บันทึกพื้นที่").click()
    expect(page.locator("#error-polygon")).to_contain_text("ขอบเขตตัดกันเอง")
    assert not SafetyZone.objects.exists()
    page.wait_for_function("window.__testMaps && window.__testMaps.length > 0")
    expect(page.locator("#draw-status")).to_contain_text("4")  # the drawing came back
    page.evaluate("window.__testMaps[0].setView([14.5935, 100.4550], 15, {animate: false})")
    page.get_by_role("button", name="ยกเลิกมุมล่าสุด").click()
    expect(page.locator("#draw-status")).to_contain_text("3")
    page.get_by_role("button", name="เริ่มใหม่").click()
    for lat, lon in [(14.589, 100.450), (14.589, 100.460), (14.598, 100.460), (14.598, 100.450)]:
        click_at(page, lat, lon)
    drag(page, (14.598, 100.460), (14.598, 100.465))  # pull the north-east corner further east
    page.get_by_role("button", name="ปิดรูป").click()
    page.get_by_role("button", name="บันทึกพื้นที่").click()
    expect(page.locator("#zone-area")).to_contain_text("ตร.กม.")
    zone = SafetyZone.objects.get()
    assert len(zone.polygon) == 4 and abs(zone.polygon[2][1] - 100.465) < 0.0003
    assert 1.2 < float(zone.area_km2) < 1.5  # the dragged square: wider than 1.08 km²


def test_officer_checks_in_with_the_phones_position(page, officer):
    zone = world.zone(officer.organisation)
    point = PatrolPoint.objects.create(zone=zone, name="หน้าวัด", lat=Decimal("14.593500"), lon=Decimal("100.455000"))
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 14.5936, "longitude": 100.4550, "accuracy": 10})
    log_in(page, "prevention")
    page.goto(f"/planning/patrol/c/{point.token}/")
    expect(page.locator("#gps-state")).to_have_attribute("data-state", "ok")
    page.get_by_role("button", name="ลงชื่อตรวจ").click()
    expect(page.locator("#checkin-result")).to_contain_text("รับรองการลงชื่อแล้ว")
    record = PatrolCheckin.objects.get()
    assert record.accepted and record.distance_m == 11 and record.accuracy_m == 10
