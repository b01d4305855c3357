"""Names typed by other users (a municipality's risk point, a patrol point) are shown on the zone
map's tooltips as text, never run as HTML in the officer's browser."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from safetyzone.planning.models import PatrolPoint
from tests.browser.helpers import BROWSER_TEST, log_in
from tests.factories import UserFactory
from tests.planning import world

pytestmark = BROWSER_TEST
TRAP = '<img src="data:," onerror="window.__ran = (window.__ran || 0) + 1">ซอย'


@pytest.fixture
def officer(db):
    station = world.org("police_station", area=world.MUEANG)
    return UserFactory(username="prevention", organisation=station, role="editor")


def test_risk_and_patrol_point_names_are_shown_as_text_on_the_zone_map(page, officer):
    zone = world.zone(officer.organisation)
    PatrolPoint.objects.create(zone=zone, name="จุด " + TRAP, lat=Decimal("14.5935"), lon=Decimal("100.4550"))
    # a municipality's risk point inside the station's area: the station reads it on its map
    world.risk_point(world.org("local_admin"), name="ตรอก " + TRAP, lat="14.5940", lon="100.4560")
    log_in(page, "prevention")
    page.goto(f"/planning/zones/{zone.pk}/")
    page.wait_for_function("window.__testMaps && window.__testMaps.length > 0")
    page.evaluate("""() => { const map = window.__testMaps[0];
        map.eachLayer((layer) => { if (layer.getTooltip && layer.getTooltip()) { layer.openTooltip(); } }); }""")
    tips = page.locator(".leaflet-tooltip")
    expect(tips).to_have_count(2)
    expect(tips.filter(has_text="ตรอก <img")).to_have_count(1)
    expect(tips.filter(has_text="จุด <img")).to_have_count(1)
    assert page.locator(".leaflet-tooltip img").count() == 0
    assert page.evaluate("window.__ran || 0") == 0
