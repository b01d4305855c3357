"""A crime-prevention officer loads a GeoJSON road file, sees the streets on the map coloured by
class, then the coverage of the streets by the station's camera: the headline share, the
blind spots on the map and in the table."""

import json
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from safetyzone.planning.models import RoadFile
from tests.browser.helpers import BROWSER_TEST, log_in
from tests.factories import CameraFactory, SiteFactory, UserFactory
from tests.planning import world

pytestmark = BROWSER_TEST
LAT, LON0, LON1 = 14.5935, 100.4500, 100.451856  # a 200 m street running east


@pytest.fixture
def officer(db):
    station = world.org("police_station", area=world.MUEANG)
    user = UserFactory(username="prevention", organisation=station, role="editor")
    site = SiteFactory(owner=station, area_id=world.MUEANG_SUB)
    CameraFactory(site=site, lat=Decimal(str(LAT)), lon=Decimal(str(LON0)), bearing_deg=90, fov_deg=10, range_m=100)
    return user


def test_officer_loads_streets_and_sees_the_blind_spots(page, officer, tmp_path):
    path = tmp_path / "streets.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"highway": "residential", "name": "ถนนเทศบาล 3"},
         "geometry": {"type": "LineString", "coordinates": [[LON0, LAT], [LON1, LAT]]}},
        {"type": "Feature", "properties": {"highway": "service", "name": "ซอย 5"},
         "geometry": {"type": "LineString", "coordinates": [[100.4510, LAT], [100.4510, 14.5940]]}}]}))
    log_in(page, "prevention")
    page.goto("/planning/roads/load/")
    page.fill("#id_name", "ถนนตลาดเก่า")
    page.select_option("#id_area", world.MUEANG)
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="นำเข้า", exact=True).click()
    expect(page.locator("#class-totals")).to_contain_text("ซอย")
    page.wait_for_function("document.getElementById('road-map').dataset.ready === '1'")
    lines = page.evaluate("(() => { let n = 0; window.__testMaps[0].eachLayer(l => { if (l instanceof L.Polyline) n++; }); return n; })()")
    assert lines == 2
    road_file = RoadFile.objects.get()
    page.get_by_role("link", name="พื้นที่ที่กล้องมองเห็นบนถนนเหล่านี้").click()
    page.get_by_role("button", name="แสดงพื้นที่ที่กล้องมองเห็น").click()
    expect(page.locator("#coverage-headline")).to_contain_text("กล้องที่ใช้งานได้มองเห็นร้อยละ")
    page.wait_for_function("document.getElementById('coverage-map').dataset.ready === '1'")
    drawn = page.evaluate("""(() => { const out = {sectors: 0, points: 0};
        window.__testMaps[0].eachLayer(l => { if (l instanceof L.Polygon) out.sectors++;
          else if (l instanceof L.CircleMarker) out.points++; }); return out; })()""")
    assert drawn["sectors"] == 1 and drawn["points"] > 8  # the camera's sector, its dot and the demand points
    expect(page.locator("#blind-spots tbody tr").first).to_contain_text("ซอย 5")  # lanes weigh most
    assert f"road_file={road_file.pk}" in page.url
