"""The placement optimiser on small instances: exact mode equals brute-force enumeration, the
fast plan keeps the budgeted-coverage guarantee, and the rules a planner relies on (budget,
one camera per pole, existing cameras, yearly phases) hold."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetyzone.geo.coverage import PlacementError
from safetyzone.geo.placement import maximal_covering, optimise


def random_instance(seed, n_demand, n_options, shared_sites):
    rng = np.random.default_rng(seed)
    cover = rng.random((n_demand, n_options)) < rng.uniform(0.1, 0.5)
    weight = rng.integers(0, 10, n_demand).astype(float)
    weight[0] = max(weight[0], 1.0)
    cost = rng.integers(1, 8, n_options) * 50_000.0
    site = rng.integers(0, max(1, n_options // 2), n_options) if shared_sites else np.arange(n_options)
    budget = float(rng.integers(cost.min(), cost.sum() + 1))
    return cover, weight, cost, site, budget


def enumerate_best(cover, weight, cost, site, budget, already=None):
    """The optimum by trying every affordable set with at most one option per site."""
    open_weight = weight if already is None else np.where(already, 0.0, weight)
    best = 0.0
    for r in range(cover.shape[1] + 1):
        for chosen in itertools.combinations(range(cover.shape[1]), r):
            chosen = list(chosen)
            if cost[chosen].sum() > budget or len(set(site[chosen])) < len(chosen):
                continue
            best = max(best, open_weight[cover[:, chosen].any(axis=1)].sum())
    return best


def assert_feasible(plan, cost, site, budget, one_per_site=True):
    assert plan.cost == pytest.approx(cost[plan.options].sum())
    assert plan.cost <= budget + 1e-6
    assert len(set(plan.options.tolist())) == len(plan.options)
    if one_per_site:
        assert len(set(site[plan.options].tolist())) == len(plan.options)


def covered_by(cover, options, weight):
    return float(weight[cover[:, options].any(axis=1)].sum()) if len(options) else 0.0


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_demand=st.integers(1, 14), n_options=st.integers(1, 9),
       shared_sites=st.booleans())
def test_exact_mode_equals_brute_force_enumeration(seed, n_demand, n_options, shared_sites):
    cover, weight, cost, site, budget = random_instance(seed, n_demand, n_options, shared_sites)
    best = enumerate_best(cover, weight, cost, site, budget)
    plan = optimise(cover, weight, cost, site, budget, mode="exact", gap=0.0)
    assert_feasible(plan, cost, site, budget)
    assert plan.status == "optimal"
    assert plan.covered_weight == pytest.approx(best)
    assert covered_by(cover, plan.options, weight) == pytest.approx(best)
    assert plan.lp_bound >= best - 1e-6  # the LP relaxation bounds the optimum from above
    assert 0.0 <= plan.share_of_bound <= 1.0 + 1e-9


@settings(max_examples=120, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_demand=st.integers(1, 14), n_options=st.integers(1, 9))
def test_fast_plan_is_never_below_the_budgeted_coverage_guarantee(seed, n_demand, n_options):
    # One option per site: plain budgeted maximum coverage, where greedy-by-ratio plus the best
    # single option is guaranteed (1 - 1/e)/2 of the optimum.
    cover, weight, cost, site, budget = random_instance(seed, n_demand, n_options, shared_sites=False)
    best = enumerate_best(cover, weight, cost, site, budget)
    plan = optimise(cover, weight, cost, site, budget, mode="fast")
    assert_feasible(plan, cost, site, budget)
    assert plan.status == "heuristic"
    assert plan.covered_weight <= best + 1e-9
    assert plan.covered_weight >= (1 - 1 / math.e) / 2 * best - 1e-9
    assert covered_by(cover, plan.options, weight) == pytest.approx(plan.covered_weight)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_demand=st.integers(1, 14), n_options=st.integers(1, 9))
def test_fast_plan_with_shared_poles_is_feasible_and_below_the_optimum(seed, n_demand, n_options):
    cover, weight, cost, site, budget = random_instance(seed, n_demand, n_options, shared_sites=True)
    plan = optimise(cover, weight, cost, site, budget, mode="fast")
    assert_feasible(plan, cost, site, budget)
    assert plan.covered_weight <= enumerate_best(cover, weight, cost, site, budget) + 1e-9
    assert plan.covered_weight <= plan.lp_bound + 1e-6


def pole_instance():
    # Pole 0 has two orientations (options 0 and 1) each seeing a different street;
    # pole 1 (option 2) sees a third, lighter street.
    cover = np.array([[1, 0, 0], [1, 0, 0], [0, 1, 0], [0, 1, 0], [0, 0, 1]], dtype=bool)
    weight = np.array([3.0, 3.0, 2.0, 2.0, 1.0])
    return cover, weight, np.array([100.0, 100.0, 100.0]), np.array([0, 0, 1])


@pytest.mark.parametrize("mode", ["fast", "exact"])
def test_one_camera_per_pole_unless_allowed(mode):
    cover, weight, cost, site = pole_instance()
    plan = optimise(cover, weight, cost, site, 300.0, mode=mode)
    assert sorted(plan.options.tolist()) == [0, 2]
    assert plan.covered_weight == 7.0
    allowed = optimise(cover, weight, cost, site, 300.0, mode=mode, one_per_site=False)
    assert sorted(allowed.options.tolist()) == [0, 1, 2]
    assert allowed.coverage_share == 1.0


@pytest.mark.parametrize("mode", ["fast", "exact"])
def test_demand_seen_by_existing_cameras_earns_nothing(mode):
    cover, weight, cost, site = pole_instance()
    already = np.array([True, True, False, False, False])  # an existing camera sees street A
    plan = optimise(cover, weight, cost, site, 100.0, mode=mode, already_covered=already)
    assert plan.options.tolist() == [1]  # the new camera turns to street B
    assert plan.existing_weight == 6.0
    assert plan.covered_weight == 4.0
    assert plan.covered.tolist() == [True, True, True, True, False]
    assert plan.coverage_share == pytest.approx(10 / 11)


@pytest.mark.parametrize("mode", ["fast", "exact"])
def test_yearly_phases_spend_each_years_budget_and_never_rebuy(mode):
    cover, weight, cost, site, _ = random_instance(7, 40, 12, shared_sites=True)
    budgets = [cost.min() * 2, cost.min() * 3, cost.min() * 2]
    plan = optimise(cover, weight, cost, site, budgets, mode=mode)
    assert len(plan.phases) == 3
    for phase, budget in zip(plan.phases, budgets):
        assert phase.cost == pytest.approx(cost[phase.options].sum())
        assert phase.cost <= budget + 1e-6
    bought = np.concatenate([p.options for p in plan.phases])
    assert bought.tolist() == plan.options.tolist()
    assert len(set(site[bought].tolist())) == len(bought)
    assert sum(p.covered_weight for p in plan.phases) == pytest.approx(plan.covered_weight)
    assert plan.covered_weight <= plan.lp_bound + 1e-6
    # the first year's cameras are the best the first year's money can buy alone (exact mode)
    if mode == "exact":
        first = enumerate_best(cover, weight, cost, site, budgets[0])
        assert plan.phases[0].covered_weight == pytest.approx(first)


def test_time_limit_returns_the_best_plan_so_far_with_its_gap():
    cover, weight, cost, site, budget = random_instance(11, 400, 120, shared_sites=True)
    fast = optimise(cover, weight, cost, site, budget, mode="fast", with_lp_bound=False)
    plan = optimise(cover, weight, cost, site, budget, mode="exact", time_limit=0.0)
    assert plan.status == "time_limit"
    assert_feasible(plan, cost, site, budget)
    assert plan.covered_weight >= fast.covered_weight - 1e-9
    assert plan.gap is not None and 0.0 <= plan.gap <= 1.0
    assert plan.phases[0].status == "time_limit"


def test_cardinality_mode_picks_p_cameras():
    cover, weight, *_ = random_instance(3, 30, 10, shared_sites=False)
    plan = maximal_covering(cover, weight, 3, mode="exact")
    assert len(plan.options) == 3
    best = max(covered_by(cover, list(c), weight) for c in itertools.combinations(range(10), 3))
    assert plan.covered_weight == pytest.approx(best)


@pytest.mark.parametrize("kwargs, code", [
    (dict(budget=50.0), "budget_below_cheapest"),
    (dict(budget=[500.0, 50.0]), "budget_below_cheapest"),
    (dict(budget=-1.0), "budget_invalid"),
    (dict(budget=float("nan")), "budget_invalid"),
    (dict(mode="best"), "mode_invalid"),
    (dict(weight=np.zeros(5)), "empty_demand"),
    (dict(weight=np.array([1.0, -1.0, 1.0, 1.0, 1.0])), "demand_weight_invalid"),
    (dict(cost=np.array([100.0, 0.0, 100.0])), "option_cost_invalid"),
    (dict(cover=np.zeros((0, 3), dtype=bool), weight=np.zeros(0)), "empty_demand"),
    (dict(cover=np.zeros((5, 0), dtype=bool), cost=np.zeros(0), site=np.zeros(0)), "empty_candidates"),
    (dict(already_covered=np.array([True, False])), "shape_mismatch"),
])
def test_bad_input_is_refused_with_a_code_and_its_values(kwargs, code):
    cover, weight, cost, site = pole_instance()
    args = dict(cover=cover, weight=weight, cost=cost, site=site, budget=300.0)
    args.update(kwargs)
    with pytest.raises(PlacementError) as err:
        optimise(args.pop("cover"), args.pop("weight"), args.pop("cost"), args.pop("site"), args.pop("budget"),
                 **args)
    assert err.value.code == code
    if code == "budget_below_cheapest":
        assert err.value.values["cheapest"] == 100.0
        assert err.value.values["budget"] == 50.0
        assert err.value.values["phase"] == (1 if isinstance(kwargs["budget"], list) else 0)


@pytest.mark.parametrize("mode", ["fast", "exact"])
def test_nothing_left_to_cover_gives_an_empty_plan_not_an_error(mode):
    cover, weight, cost, site = pole_instance()
    everything = np.ones(len(weight), dtype=bool)  # existing cameras already see every point
    plan = optimise(cover, weight, cost, site, 300.0, mode=mode, already_covered=everything)
    assert plan.options.tolist() == []
    assert plan.cost == 0.0
    assert plan.lp_bound == 0.0 and plan.share_of_bound == 1.0
    assert plan.coverage_share == 1.0


def test_planning_from_geometry_end_to_end():
    """Poles with four orientations along a street grid: the plan's cameras, tested again with
    the sector geometry, see exactly the points the plan reports as covered."""
    from safetyzone.geo.coverage import Options, coverage_matrix
    from safetyzone.geo.fov import sector_covers

    rng = np.random.default_rng(4)
    x, y = rng.uniform(0, 300, 400), rng.choice([0.0, 100.0, 200.0, 300.0], 400) + rng.normal(0, 2, 400)
    weight = rng.integers(1, 4, 400).astype(float)
    poles = 30
    px, py = rng.uniform(0, 300, poles), rng.choice([0.0, 100.0, 200.0, 300.0], poles)
    options = Options.of(np.repeat(np.arange(poles), 4), np.repeat(px, 4), np.repeat(py, 4),
                         np.tile([0.0, 90.0, 180.0, 270.0], poles), np.full(poles * 4, 90.0),
                         np.full(poles * 4, 50.0), np.tile([30_000.0, 30_000.0, 45_000.0, 45_000.0], poles))
    cover = coverage_matrix(x, y, options)
    plan = optimise(cover, weight, options.cost, options.site, 300_000.0, mode="exact")
    assert plan.cost <= 300_000.0
    assert len(set(options.site[plan.options].tolist())) == len(plan.options)
    seen = sector_covers(x[:, None] - options.x[plan.options], y[:, None] - options.y[plan.options],
                         options.bearing[plan.options], options.fov[plan.options],
                         options.rng[plan.options]).any(axis=1)
    np.testing.assert_array_equal(plan.covered, seen)
    assert plan.covered_weight == pytest.approx(weight[seen].sum())
    fast = optimise(cover, weight, options.cost, options.site, 300_000.0, mode="fast")
    assert fast.covered_weight <= plan.covered_weight + 1e-9
    assert plan.covered_weight <= plan.lp_bound + 1e-6
