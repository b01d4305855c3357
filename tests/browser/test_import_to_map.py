"""The whole story of a census import, in a real browser.

A municipality's data officer uploads the census sheet as offices really fill it in (a title
row above Thai headers, Thai digits, Buddhist-era dates, degrees-minutes-seconds), accepts the
guessed columns, sees a dry run with no errors, imports, and then finds the cameras in the
list, on the map (clusters whose labels add up to every camera, single dots once zoomed in)
and on a camera page with its history.
"""

import re
from collections import Counter

from django.utils import timezone
from playwright.sync_api import expect

from safetyzone.cameras.models import Camera
from tests.browser.helpers import BROWSER_TEST, assert_no_browser_errors, log_in, wait_for_map
from tests.census.sample_files import HEADERS, SITES, sample_rows, write_sample_xlsx
from tests.factories import OrganisationFactory, UserFactory

pytestmark = BROWSER_TEST

# More cameras than the map shows one by one (800), so the first view is clustered.
N_ROWS = 850
STATUS_COLUMN = HEADERS.index("สถานะ")
GUESSES = {
    "ลำดับ": "",
    "รหัสครุภัณฑ์": "asset_code",
    "สถานที่ติดตั้ง": "site_name",
    "ละติจูด": "lat",
    "ลองจิจูด": "lon",
    "สถานะ": "status",
    "วันที่ติดตั้ง": "installed_on",
}


def test_import_thai_census_sheet_then_find_the_cameras(page, tmp_path, settings):
    # Through the background task (run at once by the immediate backend), not the small-file shortcut.
    settings.IMPORT_SYNC_MAX_BYTES = 0
    agency = OrganisationFactory(
        name="เทศบาลเมืองอ่างทอง", name_en="Ang Thong Town Municipality", kind="local_admin", area_id="1501"
    )
    editor = UserFactory(organisation=agency, role="editor", first_name="สมศรี", last_name="ใจดี")
    sheet = tmp_path / "กล้อง CCTV เทศบาลเมืองอ่างทอง.xlsx"
    write_sample_xlsx(sheet, N_ROWS, area_code="150101")
    working = Counter(row[STATUS_COLUMN] for row in sample_rows(N_ROWS))["ใช้งานได้"]

    log_in(page, editor.username)

    # 1. Upload, from the Import menu.
    page.locator("header nav").locator("a[href='/census/import/']").click()
    expect(page).to_have_url(re.compile(r"/census/import/$"))
    page.locator("input[type=file][name=file]").set_input_files(sheet)
    expect(page.locator("select[name=owner]")).to_have_value(str(agency.pk))
    page.locator("main form button[type=submit]").click()

    # 2. Column mapping: the Thai headers were recognised; accept the guesses.
    expect(page).to_have_url(re.compile(r"/mapping/$"))
    mapping = page.locator("table.mapping")
    for header, key in GUESSES.items():
        expect(mapping.get_by_label(header, exact=True)).to_have_value(key)
    expect(mapping).to_contain_text("๒๐ ธ.ค. ๒๕๕๙")  # the first values are shown as written
    page.locator("main form button[type=submit].primary").click()

    # 3. Dry run: every row can be imported, nothing saved yet.
    expect(page).to_have_url(re.compile(r"/census/import/\d+/$"))
    expect(page.locator("[data-count=total]")).to_have_text(f"{N_ROWS:,}")
    expect(page.locator("[data-count=created]")).to_have_text(f"{N_ROWS:,}")
    expect(page.locator("[data-count=errors]")).to_have_text("0")
    expect(page.locator("table.problems tr.error")).to_have_count(0)
    assert Camera.objects.count() == 0
    commit = page.locator("form[action$='/commit/'] button[type=submit]")
    expect(commit).to_be_visible()
    commit.click()

    # 4. The progress ends with the import finished.
    expect(page.locator("p.success")).to_be_visible(timeout=120_000)
    expect(page.locator("[data-count=created]")).to_have_text(f"{N_ROWS:,}")
    expect(page.locator("#job-progress")).to_have_count(0)

    # The camera list: every imported camera, the statuses from the sheet, Thai site names.
    page.locator("main a.primary[href^='/?organisation=']").click()
    expect(page.locator(".summary")).to_contain_text(f"{N_ROWS:,}")
    expect(page.locator("b[data-status=working]")).to_have_text(f"{working:,}")
    rows = page.locator("table.cameras tbody tr")
    expect(rows).to_have_count(50)  # first page
    expect(rows.filter(has_text=SITES[1]).first).to_be_visible()

    # A camera page from the list shows who registered it, in its history.
    rows.first.locator("a").first.click()
    expect(page).to_have_url(re.compile(r"/cameras/\d+/$"))
    history = page.locator("#history li")
    expect(history).to_have_count(1)
    expect(history).to_contain_text("สมศรี ใจดี")
    expect(history).to_contain_text(str(timezone.localdate().year + 543))  # Buddhist era

    # The map: clusters whose labels add up to every imported camera.
    page.locator("header nav").locator("a[href='/map/']").click()
    expect(page).to_have_url(re.compile(r"/map/$"))
    layers = wait_for_map(page, "layers.clusters.length > 0")
    assert sum(layers["clusters"]) == N_ROWS, layers["clusters"]
    expect(page.locator("#map-status")).to_contain_text(f"{N_ROWS:,}")

    # Clicking a cluster zooms in to single cameras; a dot opens its popup and camera page.
    page.locator(".cluster-icon").first.click()
    layers = wait_for_map(page, "layers.points.some((p) => p.inside)")
    assert layers["clusters"] == []
    dot = next(p for p in layers["points"] if p["inside"])
    page.locator("#camera-map-big").click(position={"x": dot["x"], "y": dot["y"]})
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(re.compile("|".join(map(re.escape, SITES))))
    popup.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/cameras/\d+/$"))
    expect(page.locator("#history li")).to_contain_text("สมศรี ใจดี")

    assert_no_browser_errors(page)
