"""Placement plans computed on a small block of streets: the service gives exactly what the pure
optimiser gives on the same demand and candidates, phases keep to their yearly budgets, the
working cameras count as covered already, and every refusal is a clear message, not a crash."""

from decimal import Decimal

import numpy as np
import pytest
from django.core.management import call_command
from django.test import override_settings

from safetyzone.geo.blindspots import existing_coverage
from safetyzone.geo.candidates import CameraType, candidate_poles, pole_options
from safetyzone.geo.coverage import coverage_matrix
from safetyzone.geo.placement import optimise
from safetyzone.planning import plan_services
from safetyzone.planning.coverage_selectors import demand_for
from safetyzone.planning.models import PlacementPlan, Pole, PoleSet
from tests.factories import CameraFactory, SiteFactory
from tests.planning import plan_world as pw
from tests.planning import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def block():
    station, user = pw.station_and_editor()
    return station, user, pw.block_road_file(station)


def run(plan, every_m=40):
    plan_services.run_plan(plan.pk, every_m, "en")
    plan.refresh_from_db()
    return plan


def test_the_plan_is_what_the_optimiser_chooses_on_the_same_streets(block):
    station, user, rf = block
    plan = run(pw.make_plan(user, rf))
    assert plan.status == "done", plan.error_message
    # the same computation straight from the pure library
    d = demand_for(user, rf).demand
    types = [CameraType(t["name"], t["fov_deg"], t["range_m"], t["cost"]) for t in plan.camera_types]
    segments = [s for s in _segments(rf)]
    cand = pole_options(candidate_poles(segments, 40, origin=d.origin), types, "street")
    cover = coverage_matrix(d.x, d.y, cand.options)
    expected = optimise(cover, d.weight, cand.options.cost, cand.options.site, 150000.0,
                        already_covered=np.zeros(len(d), dtype=bool))
    cameras = list(plan.cameras.all())
    assert len(cameras) == len(expected.options) > 0
    assert float(plan.cost_total) == pytest.approx(expected.cost)
    assert plan.covered_after == pytest.approx(expected.covered_weight)
    assert plan.covered_before == 0 and plan.total_weight == pytest.approx(d.total_weight)
    assert plan.lp_bound == pytest.approx(expected.lp_bound) and plan.lp_bound >= plan.covered_after
    assert sum(c.gain for c in cameras) == pytest.approx(expected.covered_weight, abs=1e-3)  # gains kept to 4 decimals
    assert {(round(float(c.lat), 6), round(float(c.lon), 6)) for c in cameras} == {
        (round(float(cand_lat), 6), round(float(cand_lon), 6)) for cand_lat, cand_lon in zip(
            np.asarray(candidate_poles(segments, 40, origin=d.origin).lat)[cand.pole[expected.options]],
            np.asarray(candidate_poles(segments, 40, origin=d.origin).lon)[cand.pole[expected.options]])}
    assert plan.gap == pytest.approx(1 - expected.covered_weight / expected.lp_bound)


def _segments(rf):
    from safetyzone.geo.roads import Segment

    out = []
    for seg in rf.segments.order_by("id"):
        arr = np.asarray(seg.coords, dtype=float)
        out.append(Segment(arr[:, 0], arr[:, 1], seg.road_class, seg.name))
    return out


def test_yearly_phases_keep_to_each_years_budget_and_buy_the_best_first(block):
    station, user, rf = block
    plan = run(pw.make_plan(user, rf, budget=Decimal("150000"), phases=[100000, 50000]))
    assert plan.status == "done"
    cams = list(plan.cameras.all())
    by_year = {1: [c for c in cams if c.phase == 1], 2: [c for c in cams if c.phase == 2]}
    assert by_year[1] and by_year[2]
    assert sum(c.cost for c in by_year[1]) <= 100000 and sum(c.cost for c in by_year[2]) <= 50000
    assert max(c.gain for c in by_year[2]) <= max(c.gain for c in by_year[1])


def test_a_working_camera_counts_as_covered_before_the_plan(block):
    station, user, rf = block
    site = SiteFactory(owner=station, area_id=world.MUEANG_SUB)
    lat, lon = pw.at(150, 100)
    CameraFactory(site=site, lat=Decimal(str(lat)), lon=Decimal(str(lon)), bearing_deg=0, fov_deg=360, range_m=60,
                  status="working")
    plan = run(pw.make_plan(user, rf))
    assert plan.status == "done"
    assert 0 < plan.covered_before < plan.covered_after <= plan.lp_bound
    # no planned camera is bought for points the working camera already sees
    assert sum(c.gain for c in plan.cameras.all()) == pytest.approx(plan.covered_after - plan.covered_before, abs=1e-3)


def test_exact_mode_proves_the_optimum_of_a_small_plan(block):
    station, user, rf = block
    plan = run(pw.make_plan(user, rf, mode="exact", gap_target=0.0, time_limit_s=60))
    fast = run(pw.make_plan(user, rf))
    assert plan.status == "done" and plan.optimum == pytest.approx(plan.covered_after)
    assert plan.covered_after >= fast.covered_after - 1e-9 and plan.gap <= 1e-6


def test_the_solver_time_limit_gives_the_best_plan_so_far_not_a_failure(block, client):
    station, user, rf = block
    plan = run(pw.make_plan(user, rf, mode="exact", gap_target=0.0, time_limit_s=0))
    assert plan.status == "done" and plan.optimum is None and plan.gap > 0
    assert plan.cameras.exists()
    client.force_login(user)
    text = client.get(f"/planning/plans/{plan.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The time limit of 0 s was reached: these are the best cameras found so far" in text


def test_a_budget_below_the_cheapest_camera_is_refused_with_both_amounts(block):
    station, user, rf = block
    plan = run(pw.make_plan(user, rf, budget=Decimal("15000")))
    assert plan.status == "failed" and plan.error_code == "budget_below_cheapest"
    assert "15,000" in plan.error_message and "22,000" in plan.error_message
    assert not plan.cameras.exists()


@override_settings(PLAN_MAX_MATRIX_BYTES=10_000)
def test_a_candidate_set_too_large_for_memory_is_refused_with_a_clear_message(block):
    station, user, rf = block
    plan = run(pw.make_plan(user, rf))
    assert plan.status == "failed" and plan.error_code == "matrix_too_large"
    assert "Too many candidate cameras for one run" in plan.error_message
    assert "Plan a Safety Zone or a smaller area" in plan.error_message


def test_a_zone_without_streets_of_the_road_file_is_refused(block):
    station, user, rf = block
    far = world.zone(station, polygon=pw.FAR_AWAY, name="ชุมชนห่างไกล")
    plan = run(pw.make_plan(user, rf, zone=far))
    assert plan.status == "failed" and plan.error_code == "no_streets"
    assert "The road file has no streets in this zone or area" in plan.error_message


def test_a_zone_plan_covers_only_the_streets_inside_it(block):
    station, user, rf = block
    whole = run(pw.make_plan(user, rf))
    half = [pw.at(-20, -20), pw.at(140, -20), pw.at(140, 220), pw.at(-20, 220)]  # the western half of the block
    zone = world.zone(station, polygon=half)
    plan = run(pw.make_plan(user, rf, zone=zone))
    assert plan.status == "done" and plan.total_weight < whole.total_weight
    assert all(float(c.lon) <= pw.at(140, 0)[1] + 1e-6 for c in plan.cameras.all())


def test_loaded_poles_with_room_for_two_cameras(block):
    station, user, rf = block
    poles = PoleSet.objects.create(organisation=station, area_id=world.MUEANG, name="เสาไฟฟ้า กฟภ.")
    for i, (x, y) in enumerate([(0, 0), (150, 100), (300, 200)], start=1):
        lat, lon = pw.at(x, y)
        Pole.objects.create(pole_set=poles, ref=f"เสา {i}", lat=Decimal(str(lat)), lon=Decimal(str(lon)), max_cameras=2)
    one = run(pw.make_plan(user, rf, pole_set=poles, budget=Decimal("300000")))
    two = run(pw.make_plan(user, rf, pole_set=poles, budget=Decimal("300000"), max_per_pole=2))
    assert one.status == two.status == "done"
    assert {c.pole_ref for c in one.cameras.all()} <= {"เสา 1", "เสา 2", "เสา 3"}
    assert one.cameras.count() <= 3 < two.cameras.count() <= 6
    per_pole = {}
    for c in two.cameras.all():
        per_pole[c.pole_ref] = per_pole.get(c.pole_ref, 0) + 1
    assert max(per_pole.values()) == 2 and two.covered_after > one.covered_after


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_a_queued_plan(committed_areas, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    station, user = pw.station_and_editor()
    rf = pw.block_road_file(station)
    plan = plan_services.create_plan(user, organisation=station, area=station.area, run_kwargs={"every_m": 40},
                                     **pw.plan_fields(rf))
    plan.refresh_from_db()
    assert plan.status == "queued" and not plan.cameras.exists()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    plan.refresh_from_db()
    assert plan.status == "done" and plan.cameras.exists() and plan.covered_after > 0


def test_a_viewer_cannot_create_a_plan(block):
    from django.core.exceptions import PermissionDenied

    from tests.factories import UserFactory

    station, user, rf = block
    viewer = UserFactory(organisation=station, role="viewer")
    with pytest.raises(PermissionDenied):
        plan_services.create_plan(viewer, organisation=station, area=station.area, **pw.plan_fields(rf))
    assert not PlacementPlan.objects.exists()
