"""Steps of the placement plan browser test: drawing a zone by clicking its corners on the
Leaflet map of the zone form, and counting what the plan map draws."""

from playwright.sync_api import Page


def click_at(page: Page, map_id: str, lat: float, lon: float) -> None:
    box = page.locator(f"#{map_id}").bounding_box()
    p = page.evaluate("(ll) => { const p = window.__testMaps[0].latLngToContainerPoint(ll); return [p.x, p.y]; }",
                      [lat, lon])
    page.mouse.click(box["x"] + p[0], box["y"] + p[1])


def draw_zone(page: Page, corners: list[tuple[float, float]], centre: tuple[float, float], zoom: int = 16) -> None:
    """On the zone form: centre the map, click each corner, close the shape."""
    page.wait_for_function("window.__testMaps && window.__testMaps.length > 0")
    page.locator("#zone-map").scroll_into_view_if_needed()
    page.evaluate(f"window.__testMaps[0].setView([{centre[0]}, {centre[1]}], {zoom}, {{animate: false}})")
    for lat, lon in corners:
        click_at(page, "zone-map", lat, lon)
    page.get_by_role("button", name="ปิดรูป").click()


PLAN_LAYERS_JS = """(() => { const out = {sectors: 0, circles: 0, outline: 0};
  window.__testMaps[0].eachLayer(l => {
    if (l instanceof L.Circle) out.circles++;
    else if (l instanceof L.Polygon && l.options.fill === false) out.outline++;
    else if (l instanceof L.Polygon) out.sectors++; });
  return out; })()"""


def plan_layers(page: Page) -> dict:
    page.wait_for_function("document.getElementById('plan-map').dataset.ready === '1'")
    return page.evaluate(PLAN_LAYERS_JS)
