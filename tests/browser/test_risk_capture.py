"""A crime-prevention officer records a risk point from a phone: clicks the place on the map
(the click fills the coordinates), fills the form with a photo, saves, sees the photo on the
point's page and the point on the risk map."""

import pytest
from PIL import Image
from playwright.sync_api import expect

from safetyzone.planning.models import RiskPoint
from tests.browser.helpers import BROWSER_TEST, assert_no_browser_errors, log_in
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory


pytestmark = BROWSER_TEST


@pytest.fixture
def officer(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    station = OrganisationFactory(name="สภ.เมืองอ่างทอง", kind="police_station", area_id="1501")
    site = SiteFactory(owner=OrganisationFactory(kind="local_admin", area_id="150101"))
    for i in range(5):
        CameraFactory(site=site, lat=f"14.59{i}000", lon="100.455000")
    return UserFactory(organisation=station, role="editor", username="prevention")


def test_officer_places_a_risk_point_on_the_map_from_a_phone(page, officer, tmp_path):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "prevention")
    page.goto("/planning/risk/new/")
    page.wait_for_function("window.__testMaps && window.__testMaps.length > 0")
    map_box = page.locator("#risk-map")
    map_box.scroll_into_view_if_needed()
    page.evaluate("window.__testMaps[0].setView([14.5935, 100.4550], 17, {animate: false})")
    map_box.click()
    lat, lon = float(page.input_value("#id_lat")), float(page.input_value("#id_lon"))
    assert abs(lat - 14.5935) < 0.0005 and abs(lon - 100.455) < 0.0005
    page.fill("#id_name", "ซอยเปลี่ยวข้างตลาด")
    page.select_option("#id_area", "150101")
    page.select_option("#id_category", "lonely_road")
    page.check("input[name=space_class][value=public]")
    page.select_option("#id_severity", "3")
    page.check("input[name=times_of_day][value=night]")
    page.select_option("#id_source", "citizen")
    photo = tmp_path / "soi.png"
    Image.new("RGB", (40, 30), (20, 20, 20)).save(photo)
    page.set_input_files("#id_photos", str(photo))
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.locator("h1")).to_contain_text("ซอยเปลี่ยวข้างตลาด")
    point = RiskPoint.objects.get()
    assert (point.category, point.times_of_day, point.photos.count()) == ("lonely_road", ["night"], 1)
    image = page.locator("#photos img")
    expect(image).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth", image.element_handle()) == 40
    page.goto("/planning/risk/")
    page.wait_for_function("window.__testMaps && window.__testMaps.length > 0")
    expect(page.locator("#risk-map")).to_have_attribute("data-ready", "1")
    drawn = page.evaluate(
        "() => { let n = 0; window.__testMaps[0].eachLayer(l => { if (l instanceof L.CircleMarker) n++; }); return n; }")
    assert drawn == 1
    assert_no_browser_errors(page)
