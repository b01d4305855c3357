"""An inspector checks a camera with a phone (390×844, GPS allowed and fixed near the camera):
opens the assignment, photographs it, taps "found, not working", saves; the camera page then
shows the new status and the inspector in its history. Without GPS the page refuses to send."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from safetyzone.census import verification
from safetyzone.census.models import Visit
from tests.browser.helpers import BROWSER_TEST, ConsoleWatch, log_in
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory

pytestmark = BROWSER_TEST
PHONE = {"width": 390, "height": 844}


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (16, 12), (40, 120, 200)).save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture
def scene(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    office = OrganisationFactory(name="สำนักงานจังหวัดอ่างทอง", kind="provincial_office", area_id="1501")
    town = OrganisationFactory(name="เทศบาลเมืองอ่างทอง", kind="local_admin", area_id="150101")
    secretariat = UserFactory(organisation=office, role="secretariat")
    inspector = UserFactory(organisation=office, role="committee", first_name="สมชาย", last_name="ตรวจดี")
    camera = CameraFactory(site=SiteFactory(owner=town, name="สี่แยกศาลากลางจังหวัด"), asset_code="AT-CAM-7",
                           lat="14.589600", lon="100.455000", status="working")
    inspection = verification.assign(secretariat, [camera.pk], inspector)[0]
    return inspector, camera, inspection


def _phone(browser, live_server, request, **options):
    context = browser.new_context(base_url=live_server.url, locale="th-TH", timezone_id="Asia/Bangkok",
                                  viewport=PHONE, is_mobile=True, has_touch=True, **options)
    context.set_default_timeout(15_000)
    request.addfinalizer(context.close)
    page = context.new_page()
    page.console_errors = ConsoleWatch(page).errors
    return page


def test_inspector_reports_a_broken_camera_from_a_phone(browser, live_server, request, scene):
    inspector, camera, inspection = scene
    page = _phone(browser, live_server, request, permissions=["geolocation"],
                  geolocation={"latitude": 14.58962, "longitude": 100.45501, "accuracy": 9})
    log_in(page, inspector.username)
    page.goto("/census/verify/")
    page.get_by_role("link", name=re.compile("สี่แยกศาลากลางจังหวัด")).click()
    expect(page).to_have_url(re.compile(rf"/census/verify/{inspection.pk}/$"))

    expect(page.locator("#gps-status")).to_contain_text("±9")  # the phone's fix arrived
    page.locator("input[name=photo]").set_input_files(  # a PDF renamed .jpg is refused on the phone
        {"name": "scan.jpg", "mimeType": "image/jpeg", "buffer": b"%PDF-1.4\n%%EOF\n"})
    expect(page.locator("#photo-status")).to_contain_text("ไม่ใช่รูปภาพ")
    page.locator("input[name=photo]").set_input_files(
        {"name": "IMG_0001.png", "mimeType": "image/png", "buffer": _png()})
    expect(page.locator("#photo-preview")).to_be_visible()
    expect(page.locator("#photo-status")).to_have_text("")
    found_broken = page.get_by_text("พบกล้อง ใช้งานไม่ได้")
    found_broken.tap()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    save = page.get_by_role("button", name="บันทึกผล")
    box = save.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] and box["height"] >= 44  # thumb-sized
    save.tap()

    expect(page.locator(".messages")).to_contain_text("บันทึกแล้ว")
    visit = Visit.objects.get()
    assert visit.result == "found_not_working" and visit.flagged and visit.distance_m < 10

    page.goto(f"/cameras/{camera.pk}/")
    expect(page.locator(".page-head .badge")).to_have_text("ใช้งานไม่ได้")
    latest = page.locator("ol.history > li").first
    expect(latest).to_contain_text("สมชาย ตรวจดี")
    expect(latest.locator("table.changes")).to_contain_text("ใช้งานไม่ได้")
    expect(latest.locator("table.changes")).to_contain_text("ตรวจสอบภาคสนาม")
    assert page.console_errors == [], page.console_errors


def test_without_gps_the_phone_page_refuses_and_keeps_the_input(browser, live_server, request, scene):
    inspector, camera, inspection = scene
    page = _phone(browser, live_server, request)  # location not allowed
    log_in(page, inspector.username)
    page.goto(f"/census/verify/{inspection.pk}/")
    expect(page.locator("#gps-status")).to_contain_text("ไม่ได้รับตำแหน่ง GPS")
    page.locator("input[name=photo]").set_input_files(
        {"name": "IMG_0002.png", "mimeType": "image/png", "buffer": _png()})
    page.get_by_text("ไม่พบกล้อง", exact=True).tap()
    page.locator("textarea[name=note]").fill("ไม่พบเสากล้อง")
    page.get_by_role("button", name="บันทึกผล").tap()
    expect(page.locator("#form-status")).to_contain_text("ไม่ได้รับตำแหน่ง GPS")
    expect(page).to_have_url(re.compile(rf"/census/verify/{inspection.pk}/$"))
    expect(page.locator("textarea[name=note]")).to_have_value("ไม่พบเสากล้อง")
    assert not Visit.objects.exists()
    camera.refresh_from_db()
    assert camera.status == "working"
    # a console error from the denied location request is the browser's, not the page's
    assert [e for e in page.console_errors if "geolocation" not in e.lower()] == []
