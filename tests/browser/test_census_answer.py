"""An agency answers a census round in a real browser, and the secretariat sees it live.

The municipality's data officer opens the round from the Census menu, adds a proposed
installation point (Part 2, coordinates in degrees-minutes-seconds) and a problem (Part 3),
first answers "we have none" (refused: three cameras are registered), then "we have cameras"; the
secretariat's round page then counts the answer as submitted without a reload.
"""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from safetyzone.census import rounds
from safetyzone.census.models import ProblemReport, Proposal, Submission
from tests.browser.helpers import BROWSER_TEST, assert_no_browser_errors, log_in
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory

pytestmark = BROWSER_TEST


def test_agency_completes_its_answer_and_the_secretariat_sees_it(page, browser, live_server):
    office = OrganisationFactory(name="สำนักงานจังหวัดอ่างทอง", kind="provincial_office", area_id="15")
    secretariat = UserFactory(username="secretariat", organisation=office, role="secretariat")
    agency = OrganisationFactory(name="เทศบาลเมืองอ่างทอง", kind="local_admin", area_id="150101")
    UserFactory(username="officer", organisation=agency, role="editor")
    CameraFactory.create_batch(3, site=SiteFactory(owner=agency, area_id="150101"))
    today = timezone.localdate()
    round_ = rounds.create_round(secretariat, province_id="15", title="สำรวจกล้อง ๒๕๖๙", opens_on=today,
                                 deadline=today + timedelta(days=14), organisations=[agency])
    rounds.move_round(secretariat, round_, "open")

    # The secretariat keeps the round page open in another window.
    watching = browser.new_context(base_url=live_server.url, locale="th-TH")
    watcher = watching.new_page()
    log_in(watcher, "secretariat")
    watcher.goto(f"/census/rounds/{round_.pk}/")
    expect(watcher.locator('[data-status="submitted"] b')).to_have_text("0")

    log_in(page, "officer")
    page.get_by_role("link", name="สำรวจกล้อง", exact=True).click()
    page.get_by_role("link", name="สำรวจกล้อง ๒๕๖๙").click()
    page.get_by_role("link", name="เทศบาลเมืองอ่างทอง").click()
    expect(page.get_by_text("ทะเบียนกล้องมีกล้องของหน่วยงานนี้ 3 ตัว")).to_be_visible()

    page.get_by_label("สถานที่").fill("ทางเข้าตลาดศาลเจ้า")
    page.get_by_label("ละติจูด").fill("14°35'24\"N")
    page.get_by_label("ลองจิจูด").fill("100°27'05\"E")
    page.get_by_label("ตำบล").select_option("150101")
    page.get_by_label("ความเร่งด่วน").select_option("urgent")
    page.locator("select[name=reason]").select_option("risk_point")
    page.get_by_label("จำนวนกล้อง").fill("2")
    page.get_by_label("ประเภทกล้อง").select_option("bullet")
    page.get_by_label("งบประมาณที่ต้องใช้ (บาท)").fill("50000")
    page.get_by_label("แหล่งงบประมาณ").select_option("provincial")
    page.get_by_role("button", name="เพิ่มจุดติดตั้ง").click()
    expect(page.locator("table.parts").first).to_contain_text("ทางเข้าตลาดศาลเจ้า")

    page.get_by_label("ประเภทปัญหา").select_option("short_retention")
    page.get_by_label("ปัญหาอุปสรรค").fill("เครื่องบันทึกเก็บภาพได้ประมาณ ๓ วัน")
    page.get_by_role("button", name="เพิ่ม", exact=True).click()
    expect(page.locator("table.parts").nth(1)).to_contain_text("บันทึกภาพย้อนหลังได้เพียงไม่กี่วัน")
    expect(page.locator(".sub-status")).to_have_text("กำลังดำเนินการ")

    # Cameras are registered, so "we have cameras" is chosen already; "none" would contradict them.
    expect(page.get_by_label("มีกล้องวงจรปิด (ลงทะเบียนไว้ในรายการกล้องแล้ว)")).to_be_checked()
    page.get_by_label("ไม่มี หน่วยงานไม่มีกล้องวงจรปิด").check()
    page.get_by_role("button", name="ส่งข้อมูลให้ฝ่ายเลขานุการ").click()
    expect(page.get_by_text("ตอบว่าไม่มีกล้อง แต่มีกล้องของหน่วยงานลงทะเบียนไว้ 3 ตัว")).to_be_visible()
    # The refused form comes back as a 400 page, which Chromium also logs to the console.
    page.console_errors[:] = [e for e in page.console_errors if "/submit/" not in e or "status of 400" not in e]
    page.get_by_label("มีกล้องวงจรปิด (ลงทะเบียนไว้ในรายการกล้องแล้ว)").check()
    page.get_by_role("button", name="ส่งข้อมูลให้ฝ่ายเลขานุการ").click()
    expect(page.get_by_text("ส่งข้อมูลให้ฝ่ายเลขานุการแล้ว")).to_be_visible()
    expect(page.locator(".sub-status")).to_have_text("ส่งแล้ว")
    expect(page.get_by_role("button", name="เพิ่มจุดติดตั้ง")).to_have_count(0)

    sub = Submission.objects.get(round=round_, organisation=agency)
    assert (sub.status, sub.has_cameras, sub.camera_count) == ("submitted", True, 3)
    assert Proposal.objects.get().camera_count == 2 and ProblemReport.objects.count() == 1

    # The secretariat's page refreshes its counts by itself (htmx, every 30 s).
    expect(watcher.locator('[data-status="submitted"] b')).to_have_text("1", timeout=40_000)
    watching.close()
    assert_no_browser_errors(page)
