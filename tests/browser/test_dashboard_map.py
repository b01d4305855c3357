"""The dashboard map in a real browser: the registry's camera map with the proposed points and
the problems as two layers a user can switch off (run with `pytest -m browser`)."""

from datetime import date
from decimal import Decimal

from playwright.sync_api import expect

from safetyzone.census.models import ProblemReport, Proposal, Round, Submission
from tests.browser.helpers import BROWSER_TEST, assert_no_browser_errors, log_in
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory

pytestmark = BROWSER_TEST


def test_map_shows_cameras_proposed_points_and_problems(page):
    office = OrganisationFactory(name="สำนักงานจังหวัดอ่างทอง", kind="provincial_office", area_id="15")
    town = OrganisationFactory(name="เทศบาลเมืองอ่างทอง", kind="local_admin", area_id="150101")
    CameraFactory.create_batch(3, site=SiteFactory(owner=town))
    secretariat = UserFactory(username="sec", organisation=office, role="secretariat")
    rnd = Round.objects.create(province_id="15", title="รอบ", opens_on=date(2026, 1, 1), deadline=date(2026, 1, 31),
                               status="open", created_by=secretariat)
    sub = Submission.objects.create(round=rnd, organisation=town, status="submitted", has_cameras=True)
    for i in range(2):
        Proposal.objects.create(submission=sub, name=f"ทางแยก {i}", lat=Decimal("14.59") + Decimal(i) / 100,
                                lon=Decimal("100.45"), area_id="150101", reason="risk_point", camera_count=2,
                                camera_type="ptz", estimated_budget=Decimal("90000"), budget_source="provincial")
    ProblemReport.objects.create(submission=sub, category="no_maintenance_budget", description="ไม่มีงบดูแลรักษา")

    log_in(page, "sec")
    page.goto("/dashboard/map/")
    control = page.locator(".leaflet-control-layers")
    expect(control).to_contain_text("จุดที่เสนอติดตั้ง (2)")
    expect(control).to_contain_text("ปัญหาอุปสรรค (1)")
    expect(page.locator(".proposal-icon")).to_have_count(2)
    expect(page.locator(".problem-icon")).to_have_count(1)
    expect(page.locator("#map-status")).to_contain_text("3")  # the cameras, from the clustered endpoint
    page.locator(".problem-icon").click()
    expect(page.locator(".leaflet-popup")).to_contain_text("ไม่มีงบดูแลรักษา")
    control.get_by_text("จุดที่เสนอติดตั้ง (2)").click()  # switch the proposals layer off
    expect(page.locator(".proposal-icon")).to_have_count(0)
    assert_no_browser_errors(page)
