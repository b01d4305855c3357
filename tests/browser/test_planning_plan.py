"""A crime-prevention officer draws a Safety Zone, sees its criteria and the coverage of its
streets, runs a camera placement plan for it (queued, computed by the real task worker while
the page polls its progress), reads the result on the map and in the table, and turns it into
proposed installation points of the open census round."""

import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from safetyzone.census import rounds
from safetyzone.census.models import Proposal
from safetyzone.planning.models import PlacementPlan, RoadFile, SafetyZone
from tests.browser.helpers import BROWSER_TEST, log_in
from tests.browser.plan_steps import draw_zone, plan_layers
from tests.factories import OrganisationFactory, UserFactory
from tests.planning import plan_world as pw

pytestmark = BROWSER_TEST


@pytest.fixture
def officer(db):
    station, user = pw.station_and_editor()
    user.username = "prevention"
    user.save()
    pw.block_road_file(station)
    office = OrganisationFactory(name="สำนักงานจังหวัดอ่างทอง", kind="provincial_office", area_id="15")
    secretariat = UserFactory(organisation=office, role="secretariat")
    today = timezone.localdate()
    r = rounds.create_round(secretariat, province_id="15", title="สำรวจกล้อง ๒๕๖๙", opens_on=today,
                            deadline=today + timedelta(days=20), organisations=[station])
    rounds.move_round(secretariat, r, "open")
    return user


def run_worker_until_the_plan_is_computed(tries: int = 30) -> None:
    """The real database worker, in batch mode, until the plan has left the queue: under load the
    queued task can become visible to the worker a moment after the page shows "queued"."""
    for _ in range(tries):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        if PlacementPlan.objects.get().status in ("done", "failed"):
            return
        time.sleep(0.5)


def test_officer_draws_a_zone_and_turns_its_camera_plan_into_proposals(page, officer, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # a real queue and worker
    log_in(page, "prevention")
    page.goto("/planning/zones/new/")
    (s, w), (n, e) = pw.at(-20, -20), pw.at(320, 220)
    draw_zone(page, [(s, w), (s, e), (n, e), (n, w)], centre=pw.at(150, 100))
    page.fill("#id_name", "ชุมชนตลาดเก่า")
    page.get_by_role("button", name="บันทึกพื้นที่").click()
    expect(page.locator("#zone-area")).to_contain_text("ตร.กม.")
    expect(page.locator("#criteria")).to_be_visible()
    zone = SafetyZone.objects.get()
    road_file = RoadFile.objects.get()

    page.goto(f"/planning/coverage/?road_file={road_file.pk}&zone={zone.pk}")
    expect(page.locator("#coverage-headline")).to_contain_text("กล้องที่ใช้งานได้มองเห็นร้อยละ")

    page.goto(f"/planning/plans/new/?zone={zone.pk}")
    page.fill("#id_name", "แผนกล้องชุมชนตลาดเก่า ปีงบ 2570-2571")
    page.select_option("#id_road_file", str(road_file.pk))
    page.fill("#id_budget", "150000")
    page.fill("#id_phases", "100,000; 50,000")
    page.get_by_role("button", name="คำนวณแผน").click()
    expect(page.locator("#plan-status")).to_have_attribute("data-status", "queued")
    expect(page.locator("#plan-progress")).to_contain_text("รอคิวการคำนวณ")
    run_worker_until_the_plan_is_computed()
    # the page's htmx poll sees the plan done and reloads with the result
    expect(page.locator("#plan-result")).to_contain_text("ความต้องการที่กล้องเห็น: ปัจจุบัน 0.0%")
    expect(page.locator("#plan-bound")).to_contain_text("ขอบเขตบนจาก LP")
    plan = PlacementPlan.objects.get()
    assert plan.status == "done" and plan.zone_id == zone.pk
    cameras = plan.cameras.count()
    expect(page.locator("#plan-cameras tbody tr")).to_have_count(cameras)
    drawn = plan_layers(page)
    assert drawn["sectors"] + drawn["circles"] == cameras and drawn["outline"] == 1

    page.get_by_role("button", name="เสนอในแบบสำรวจ (ส่วนที่ 2)").click()
    expect(page.locator("body")).to_contain_text("เพิ่มจุดที่เสนอติดตั้ง")
    assert Proposal.objects.count() == len({(c.lat, c.lon) for c in plan.cameras.all()}) > 0
    expect(page.locator("#plan-cameras tbody")).to_contain_text("เร่งด่วน")  # year-1 cameras: urgent
