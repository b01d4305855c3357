"""A camera's name is typed by its owner; on the investigator's find page it is shown on the map as
text, never run as HTML in the investigator's browser."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.footage_steps import INCIDENT, _click_map_at, footage_world
from tests.browser.helpers import BROWSER_TEST, log_in

pytestmark = BROWSER_TEST
TRAP = '<img src="data:," onerror="window.__ran = (window.__ran || 0) + 1">'


def test_a_camera_name_with_markup_is_shown_as_text_on_the_find_map(page):
    world = footage_world()
    world.a2.point = "กล้องลานจอดรถ " + TRAP
    world.a2.save()
    log_in(page, world.investigator.username)
    page.goto("/footage/find/")
    _click_map_at(page, *INCIDENT)
    now = timezone.localtime()
    page.get_by_label("รัศมี (เมตร)").fill("100")
    page.locator("#id_starts_at").fill((now - timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_ends_at").fill((now - timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("เลขคดี / เลขอ้างอิง").fill("คดีอาญา 556/2569")
    page.get_by_label("วัตถุประสงค์", exact=True).fill("สืบสวนคดีลักทรัพย์")
    page.get_by_role("button", name="ค้นหากล้อง").click()
    expect(page.locator("#send-form")).to_contain_text("กล้องลานจอดรถ <img")
    page.wait_for_function("window.__testMaps && window.__testMaps.length > 0")
    page.evaluate("""() => { const map = window.__testMaps[window.__testMaps.length - 1];
        map.eachLayer((layer) => { if (layer.getTooltip && layer.getTooltip()) { layer.openTooltip(); } }); }""")
    expect(page.locator(".leaflet-tooltip").filter(has_text="กล้องลานจอดรถ <img")).to_have_count(1)
    assert page.locator(".leaflet-tooltip img").count() == 0
    assert page.evaluate("window.__ran || 0") == 0
