"""The top menu folds away on a phone so the page itself fills the first screen, opens with one
tap on 'เมนู', and stays spread out on a desktop."""

import re

from playwright.sync_api import expect

from tests.browser.helpers import BROWSER_TEST, assert_no_browser_errors, log_in
from tests.factories import OrganisationFactory, UserFactory

pytestmark = BROWSER_TEST


def test_menu_folds_on_a_phone_and_opens_with_one_tap(page):
    station = OrganisationFactory(name="สภ.เมืองอ่างทอง", kind="police_station", area_id="1501")
    UserFactory(organisation=station, role="editor", username="field")
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "field")
    page.goto("/planning/risk/")

    planning_link = page.locator("header nav").get_by_role("link", name="วางแผนพื้นที่")
    expect(planning_link).to_be_hidden()
    expect(page.get_by_role("button", name="ออกจากระบบ")).to_be_hidden()
    header = page.locator("header").bounding_box()
    assert header["height"] < 120  # the menu no longer fills the first screen
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()

    page.locator("header").get_by_text("เมนู").click()
    expect(planning_link).to_be_visible()
    expect(planning_link).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("button", name="ออกจากระบบ")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    planning_link.click()
    expect(page).to_have_url(re.compile(r"/planning/$"))

    page.set_viewport_size({"width": 1280, "height": 800})  # a desktop shows the menu without a toggle
    page.goto("/planning/")
    expect(page.locator("header nav").get_by_role("link", name="วางแผนพื้นที่")).to_be_visible()
    expect(page.locator("header").get_by_text("เมนู")).to_be_hidden()
    assert_no_browser_errors(page)
