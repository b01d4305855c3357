"""A footage request in a real browser: the investigator marks the incident on the map, picks a
camera and sends; the owner sees it in the inbox and marks the footage preserved; the
investigator's request page shows it. Then the owner uploads a clip, the investigator downloads it
through a short-lived link and marks it usable (evidence_steps)."""

from playwright.sync_api import expect

from tests.browser.evidence_steps import investigator_downloads, investigator_marks_usable, owner_uploads_clip
from tests.browser.footage_steps import footage_world, investigator_sends_request, owner_marks_preserved
from tests.browser.helpers import BROWSER_TEST, assert_no_browser_errors

pytestmark = BROWSER_TEST


def test_investigator_requests_and_the_owner_preserves(page, browser, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = footage_world()
    investigator_sends_request(page, world)
    assert world.item.camera_id == world.a1.pk and world.item.status == "sent"

    owner = browser.new_context(base_url=live_server.url, locale="th-TH", timezone_id="Asia/Bangkok")
    owner_page = owner.new_page()
    owner_marks_preserved(owner_page, world)
    assert world.item.status == "preserved"
    owner_uploads_clip(owner_page, world, tmp_path)
    assert world.item.status == "delivered"
    owner.close()

    page.reload()
    expect(page.locator(f"#item-{world.item.pk}")).to_contain_text("ส่งภาพแล้ว")
    investigator_downloads(page, world)
    investigator_marks_usable(page, world)
    assert_no_browser_errors(page)
