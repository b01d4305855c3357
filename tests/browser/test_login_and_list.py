"""A municipality's data officer logs in, sees its own cameras in Thai, and switches language."""

import re

from playwright.sync_api import expect

from tests.browser.helpers import BROWSER_TEST, assert_no_browser_errors, log_in
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory

pytestmark = BROWSER_TEST

THAI = re.compile(r"[\u0E01-\u0E5B]")
OWN_SITES = ["ตลาดสดเทศบาลเมืองอ่างทอง", "หน้าโรงเรียนอ่างทองปัทมาวาสน์", "สี่แยกศาลากลางจังหวัดอ่างทอง"]
OTHER_SITE = "ท่าน้ำวัดต้นสน (อบต. อื่น)"


def test_editor_sees_own_cameras_in_thai_and_switches_language(page):
    agency = OrganisationFactory(
        name="เทศบาลเมืองอ่างทอง", name_en="Ang Thong Town Municipality", kind="local_admin", area_id="1501"
    )
    neighbour = OrganisationFactory(name="อบต.โพสะ", kind="local_admin", area_id="150103")
    editor = UserFactory(organisation=agency, role="editor", first_name="สมศรี", last_name="ใจดี")
    for name in OWN_SITES:
        CameraFactory(site=SiteFactory(owner=agency, name=name, area_id="150101"))
    CameraFactory(site=SiteFactory(owner=neighbour, name=OTHER_SITE, area_id="150103"), status="broken")

    log_in(page, editor.username)

    # Thai by default: the camera list of the officer's own agency, nobody else's cameras.
    expect(page.locator("html")).to_have_attribute("lang", "th")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(THAI)
    rows = page.locator("table.cameras tbody tr")
    expect(rows).to_have_count(len(OWN_SITES))
    for name in OWN_SITES:
        expect(rows.filter(has_text=name)).to_have_count(1)
    expect(page.get_by_text(OTHER_SITE)).to_have_count(0)
    expect(page.locator(".summary")).to_contain_text(str(len(OWN_SITES)))
    expect(page.locator("header")).to_contain_text("สมศรี ใจดี")

    # English on request; the same cameras, English labels.
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(heading).to_have_text("Camera registry")
    expect(page.locator("header nav").get_by_role("link", name="Cameras", exact=True)).to_be_visible()
    expect(rows).to_have_count(len(OWN_SITES))
    expect(rows.first.locator(".badge")).to_have_text("Working")

    # And back to Thai; the choice sticks when moving to another page.
    page.get_by_role("button", name="ไทย").click()
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(heading).not_to_have_text("Camera registry")
    expect(heading).to_have_text(THAI)
    expect(rows.first.locator(".badge")).to_have_text(THAI)
    page.locator("header nav").locator("a[href='/map/']").click()  # Map in the menu
    expect(page).to_have_url(re.compile(r"/map/"))
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.locator("#map-status")).to_contain_text(str(len(OWN_SITES)))

    assert_no_browser_errors(page)


def test_wrong_password_keeps_the_user_out(page):
    user = UserFactory(role="editor")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill("not-the-password")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .error")).to_be_visible()
    expect(page.locator("main .error")).to_have_text(THAI)
    expect(page.locator("table.cameras")).to_have_count(0)
    assert_no_browser_errors(page)
