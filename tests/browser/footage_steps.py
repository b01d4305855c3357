"""Steps of the footage-request story in a real browser, shared by the browser tests.

    world = footage_world()                       # station, investigator, owner, two cameras
    investigator_sends_request(page, world)       # find on the map, pick a1, send → request page
    owner_marks_preserved(owner_page, world)      # inbox → open the item → "footage preserved"

After these, world.request is the FootageRequest and world.item its item for camera a1 (status
"preserved"): the evidence steps (upload, download, "usable") continue from there.
"""

import re
from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone
from playwright.sync_api import Page, expect

from safetyzone.footage.models import FootageRequest
from tests.browser.helpers import log_in
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory

INCIDENT = (14.589900, 100.455900)  # in front of the municipal market, Mueang Ang Thong
CASE = "คดีอาญา 555/2569"


def footage_world() -> SimpleNamespace:
    station = OrganisationFactory(name="สภ.เมืองอ่างทอง", kind="police_station", area_id="1501")
    owner = OrganisationFactory(name="ร้านทองเยาวราชอ่างทอง", kind="private_business", area_id="150101")
    a1 = CameraFactory(site=SiteFactory(owner=owner, name="หน้าร้านทอง"), point="กล้องหน้าร้าน",
                       lat="14.590000", lon="100.456000", bearing_deg=None, retention_days=7)
    a2 = CameraFactory(site=SiteFactory(owner=owner, name="ลานจอดรถ"), point="กล้องลานจอดรถ",
                       lat="14.589800", lon="100.455700", bearing_deg=None, retention_days=3)
    return SimpleNamespace(
        station=station, owner=owner, a1=a1, a2=a2, request=None, item=None,
        investigator=UserFactory(username="investigator", organisation=station, role="investigator"),
        owner_editor=UserFactory(username="shop_owner", organisation=owner, role="editor"))


def _click_map_at(page: Page, lat: float, lon: float) -> None:
    page.wait_for_function("() => document.getElementById('incident-map').dataset.ready === '1'")
    x, y = page.evaluate("([lat, lon]) => { const p = window.__testMaps[0].latLngToContainerPoint([lat, lon]);"
                         " return [p.x, p.y]; }", [lat, lon])
    box = page.locator("#incident-map").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def investigator_sends_request(page: Page, world) -> None:
    """The investigator marks the incident on the map, searches, picks camera a1 and sends."""
    log_in(page, world.investigator.username)
    page.get_by_role("link", name="ขอภาพกล้อง").click()
    page.get_by_role("link", name="ค้นหากล้อง").click()
    _click_map_at(page, *INCIDENT)
    lat = float(page.locator("#id_lat").input_value())
    lon = float(page.locator("#id_lon").input_value())
    assert abs(lat - INCIDENT[0]) < 0.00005 and abs(lon - INCIDENT[1]) < 0.00005, (lat, lon)
    now = timezone.localtime()
    page.get_by_label("รัศมี (เมตร)").fill("100")
    page.locator("#id_starts_at").fill((now - timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_ends_at").fill((now - timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("เลขคดี / เลขอ้างอิง").fill(CASE)
    page.get_by_label("วัตถุประสงค์", exact=True).fill("สืบสวนคดีลักทรัพย์หน้าร้านทอง")
    page.get_by_role("button", name="ค้นหากล้อง").click()
    results = page.locator("#send-form")
    expect(results).to_contain_text("กล้องหน้าร้าน")
    expect(results).to_contain_text("กล้องลานจอดรถ")
    page.locator(f"#cam-{world.a2.pk}").uncheck()
    page.get_by_label("ประเภทเหตุ").select_option("theft")
    page.get_by_label("เหตุการณ์ที่เกิดขึ้น").fill("คนร้ายลักรถจักรยานยนต์หน้าร้านทอง")
    page.get_by_role("button", name="ส่งคำขอถึงเจ้าของกล้อง").click()
    expect(page.locator(".messages")).to_contain_text("ส่งคำขอถึงเจ้าของกล้อง 1 ตัวแล้ว")
    world.request = FootageRequest.objects.get(case_ref=CASE)
    world.item = world.request.items.get()
    expect(page.locator(f"#item-{world.item.pk}")).to_contain_text("ส่งแล้ว")


def owner_marks_preserved(page: Page, world) -> None:
    """The camera owner opens the request from the inbox and marks the footage preserved."""
    log_in(page, world.owner_editor.username)
    page.get_by_role("link", name="ขอภาพกล้อง").click()
    expect(page.locator("#inbox")).to_contain_text(world.station.name)
    expect(page.locator("#inbox .countdown")).to_have_text(re.compile(r"^อีก 6 วัน 1[78] ชม\.$"))  # 7-day recorder, 6 h ago
    page.get_by_role("link", name=world.item.camera_label).click()
    expect(page.locator("#item-status")).to_contain_text("เจ้าของกล้องเปิดอ่านแล้ว")
    page.get_by_role("button", name="เก็บรักษาภาพไว้แล้ว").click()
    expect(page.locator("#item-status")).to_contain_text("เก็บรักษาภาพไว้แล้ว")
    world.item.refresh_from_db()
