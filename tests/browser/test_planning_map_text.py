"""Names typed or uploaded by users (a street name in a road file, a risk point's name, a camera's
place, a pole reference in a pole file) are shown on the planning maps' tooltips as text, never
run as HTML in the reader's browser (a Leaflet tooltip given a string treats it as HTML)."""

from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from safetyzone.planning.models import Mitigation, PlacementPlan, PlanCamera
from tests.browser.helpers import BROWSER_TEST, log_in
from tests.factories import CameraFactory, SiteFactory, UserFactory
from tests.planning import world

pytestmark = BROWSER_TEST
TRAP = '<img src="data:," onerror="window.__ran = (window.__ran || 0) + 1">'
LAT, LON0, LON1 = 14.5935, 100.4500, 100.451856


@pytest.fixture
def officer(db):
    station = world.org("police_station", area=world.MUEANG)
    return UserFactory(username="prevention", organisation=station, role="editor")


def _open_tooltips(page, count):
    page.wait_for_function("window.__testMaps && window.__testMaps.length > 0")
    page.evaluate("""() => { const map = window.__testMaps[0];
        map.eachLayer((layer) => { if (layer.getTooltip && layer.getTooltip()) { layer.openTooltip(); } }); }""")
    expect(page.locator(".leaflet-tooltip").filter(has_text="<img")).to_have_count(count)
    assert page.locator(".leaflet-tooltip img").count() == 0
    assert page.evaluate("window.__ran || 0") == 0


def test_street_risk_camera_and_pole_names_are_text_on_the_maps(page, officer):
    station = officer.organisation
    road_file = world.road_file(station, [("lane", "ซอย " + TRAP, [[LAT, LON0], [LAT, LON1]])])
    # a municipality's risk point and camera in the station's area: the station reads both
    town = world.org("local_admin")
    point = world.risk_point(town, name="ตรอก " + TRAP, lat=str(LAT), lon="100.4510")
    camera = CameraFactory(site=SiteFactory(owner=town, area_id=world.MUEANG_SUB), point="เสา " + TRAP,
                           lat=Decimal(str(LAT)), lon=Decimal("100.4511"))
    Mitigation.objects.create(risk_point=point, kind="camera", camera=camera, detail="ติดกล้อง")
    plan = PlacementPlan.objects.create(
        organisation=station, area_id=world.MUEANG, created_by=officer, name="แผน", road_file=road_file,
        budget=Decimal("30000"), camera_types=[{"name": "bullet", "camera_type": "bullet", "cost": 28000,
                                               "fov_deg": 90, "range_m": 40}],
        mode="fast", status="done", total_weight=10, covered_before=0, covered_after=5, lp_bound=6, gap=0.1,
        cost_total=Decimal("28000"), finished_at=timezone.now())
    PlanCamera.objects.create(plan=plan, lat=Decimal(str(LAT)), lon=Decimal("100.4505"), bearing_deg=90, fov_deg=90,
                              range_m=40, type_name="bullet", camera_type="bullet", cost=Decimal("28000"), gain=5,
                              pole_ref="เสา " + TRAP)
    log_in(page, "prevention")
    page.goto(f"/planning/roads/{road_file.pk}/")
    _open_tooltips(page, 1)
    page.goto(f"/planning/risk/{point.pk}/")
    _open_tooltips(page, 2)  # the risk point and the camera of its measure
    page.goto("/planning/risk/")
    _open_tooltips(page, 1)
    page.goto(f"/planning/coverage/?road_file={road_file.pk}&area={world.MUEANG}")
    expect(page.locator("#coverage-headline")).to_be_visible()
    _open_tooltips(page, 1)  # the risk point
    page.goto(f"/planning/plans/{plan.pk}/")
    _open_tooltips(page, 1)
