"""The hotspot map in a real browser: the density image is inflated and drawn, the significant
Gi* cells are drawn, and the legend and the table give the numbers (run with `pytest -m browser`)."""

import random

from playwright.sync_api import expect

from tests.browser.helpers import BROWSER_TEST, assert_no_browser_errors, log_in
from tests.factories import OrganisationFactory, UserFactory
from tests.planning.incident_world import incidents
from tests.planning.test_hotspot_views import CLUSTER, scatter

pytestmark = BROWSER_TEST


def test_the_map_draws_the_density_and_the_hot_cells(page):
    station = OrganisationFactory(kind="police_station", area_id="1501")
    UserFactory(username="prevention", organisation=station, role="editor")
    rng = random.Random(5)
    incidents(station, scatter(60, CLUSTER, 60, rng))
    incidents(station, scatter(150, (14.5900, 100.4500), 2000, rng))
    log_in(page, "prevention")
    page.goto("/planning/incidents/hotspots/?area=1501")
    expect(page.locator("#hotspot-map[data-ready='1']")).to_have_count(1)
    expect(page.locator("#hotspot-map")).to_have_attribute("data-density", "1")
    expect(page.locator(".density-layer")).to_have_count(1)
    cells = int(page.locator("#hotspot-map").get_attribute("data-cells"))
    assert cells > 0
    expect(page.locator("#hot-cells tbody tr").first).to_be_visible()
    expect(page.locator("#hotspot-legend")).to_contain_text("จุดร้อน ความเชื่อมั่น 99%")
    assert_no_browser_errors(page)
