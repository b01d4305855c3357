"""Camera placement: where the next cameras go to cover the most risk for the budget.

Input: the coverage matrix (demand points × candidate options, see coverage.py), the demand
weights, each option's cost and site, and a budget (one sum, or one per yearly phase).
Existing cameras are fixed: the demand they already see (`already_covered`) counts as
covered and earns nothing. At most one option per site unless `one_per_site=False`.

Before solving, points already covered or without weight are set aside, points no candidate
sees are dropped, and points covered by exactly the same candidates are merged (weights
summed): the optimum is unchanged and the problem often shrinks several-fold.

Modes:
- "fast": cost-benefit greedy + best single option, then swap local search
  (placement_greedy.py); seconds for a city.
- "exact": the fast plan warm-starts a MIP solved by HiGHS to `gap` or `time_limit`
  (placement_mip.py); when the limit is reached the best plan found so far is returned with
  its proven gap (status "time_limit").
Both report the LP relaxation's value (an upper bound on any plan's new coverage) and the
plan's share of it, so a user sees how far the plan can be from the best possible.

Phases (a budget per year, no carry-over): each year's cameras are chosen with the earlier
years' fixed, so the most valuable cameras come first; the LP bound is that of the total
budget, which bounds the phased plan as well.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .coverage import PlacementError, merge_identical_rows
from .placement_greedy import Reduced, best_single, greedy, swap_search
from .placement_mip import lp_bound, solve_mip

MODES = ("fast", "exact")


@dataclass(frozen=True)
class Phase:
    budget: float
    options: np.ndarray  # option indices bought this phase
    cost: float
    covered_weight: float  # demand weight newly covered this phase
    status: str  # "heuristic" (fast), "optimal" or "time_limit" (exact)
    gap: float | None  # exact mode: proven relative gap of this phase


@dataclass(frozen=True)
class Plan:
    options: np.ndarray  # every chosen option, phase by phase
    cost: float
    covered_weight: float  # demand weight newly covered by the plan
    existing_weight: float  # demand weight the existing cameras already cover
    total_weight: float  # all demand weight
    coverable_weight: float  # new weight some candidate could cover
    lp_bound: float | None  # upper bound on covered_weight (LP relaxation, total budget)
    mode: str
    status: str  # "heuristic", "optimal" or "time_limit"
    gap: float | None  # exact mode: largest proven relative gap of the phases
    phases: tuple[Phase, ...]
    covered: np.ndarray  # per demand point: seen after the plan (existing cameras included)

    @property
    def share_of_bound(self) -> float | None:
        """The plan's new coverage as a share of the LP bound (1.0 = provably optimal)."""
        if self.lp_bound is None:
            return None
        return 1.0 if self.lp_bound <= 0 else self.covered_weight / self.lp_bound

    @property
    def coverage_share(self) -> float:
        """Share of all demand weight seen after the plan (existing cameras included)."""
        return (self.existing_weight + self.covered_weight) / self.total_weight


def _check(cover, weight, cost, site, budgets, already_covered):
    if cover.shape[0] == 0 or len(weight) == 0:
        raise PlacementError("empty_demand")
    if cover.shape[1] == 0 or len(cost) == 0:
        raise PlacementError("empty_candidates")
    if len(weight) != cover.shape[0]:
        raise PlacementError("shape_mismatch", expected=cover.shape[0], got=[len(weight)])
    if len(cost) != cover.shape[1] or len(site) != cover.shape[1]:
        raise PlacementError("shape_mismatch", expected=cover.shape[1], got=[len(cost), len(site)])
    if already_covered is not None and len(already_covered) != cover.shape[0]:
        raise PlacementError("shape_mismatch", expected=cover.shape[0], got=[len(already_covered)])
    if (~np.isfinite(weight) | (weight < 0)).any():
        raise PlacementError("demand_weight_invalid", count=int((~np.isfinite(weight) | (weight < 0)).sum()))
    if weight.sum() <= 0:
        raise PlacementError("empty_demand")
    if (~np.isfinite(cost) | (cost <= 0)).any():
        raise PlacementError("option_cost_invalid", count=int((~np.isfinite(cost) | (cost <= 0)).sum()))
    if not budgets or any(not np.isfinite(b) or b < 0 for b in budgets):
        raise PlacementError("budget_invalid", budget=list(budgets))
    cheapest = float(cost.min())
    for year, b in enumerate(budgets):
        if b < cheapest:
            raise PlacementError("budget_below_cheapest", budget=float(b), cheapest=cheapest, phase=year)


def optimise(cover, weight, cost, site, budget, *, mode: str = "fast", already_covered=None,
             one_per_site: bool = True, gap: float = 1e-4, time_limit: float | None = 60.0,
             with_lp_bound: bool = True, lp_time_limit: float | None = None, swap_passes: int = 3,
             timings: dict | None = None) -> Plan:
    """Choose options to maximise newly covered demand weight; see the module docstring.

    cover: (demand × options) sparse or dense boolean; weight: per demand point (>= 0);
    cost: per option (> 0); site: per option (ids); budget: a number or one per phase;
    already_covered: per demand point, True where an existing camera sees it.
    timings, if given, receives the seconds of 'merge' (setting aside and merging demand rows),
    'solve' and 'lp_bound'.
    """
    from time import perf_counter

    if mode not in MODES:
        raise PlacementError("mode_invalid", mode=mode)
    cover = sparse.csr_matrix(cover, dtype=bool)
    weight = np.asarray(weight, dtype=float).ravel()
    cost = np.asarray(cost, dtype=float).ravel()
    site = np.asarray(site).ravel()
    budgets = [float(b) for b in np.atleast_1d(np.asarray(budget, dtype=float))]
    pre = None if already_covered is None else np.asarray(already_covered, dtype=bool).ravel()
    _check(cover, weight, cost, site, budgets, pre)
    t0 = perf_counter()
    pre = np.zeros(len(weight), dtype=bool) if pre is None else pre
    open_weight = np.where(pre, 0.0, weight)
    merged, group_weight, _ = merge_identical_rows(cover, open_weight)
    keep = group_weight > 0
    merged, group_weight = merged[keep], group_weight[keep]
    red = Reduced(merged, group_weight, cost, site if one_per_site else np.arange(len(cost)), one_per_site)
    t_merge = perf_counter()
    chosen: list[int] = []
    phases = []
    for b in budgets:
        covered = np.zeros(len(group_weight), dtype=bool)
        for j in chosen:
            covered[red.col_rows(j)] = True
        before = float(group_weight[covered].sum())
        picks = greedy(red, b, fixed=chosen, covered=covered)
        single = best_single(red, b, fixed=chosen, covered=covered)
        if red.value(chosen + single) > red.value(chosen + picks):
            picks = single
        picks = swap_search(red, b, picks, fixed=chosen, base_covered=covered, max_passes=swap_passes)
        status, phase_gap = "heuristic", None
        if mode == "exact":
            result = solve_mip(red, b, picks, fixed=chosen, gap=gap, time_limit=time_limit)
            picks, status, phase_gap = result.chosen, result.status, result.gap
        chosen += picks
        phases.append(Phase(b, np.asarray(picks, dtype=np.int64), float(cost[picks].sum()),
                            red.value(chosen) - before, status, phase_gap))
    t1 = perf_counter()
    bound = lp_bound(red, sum(budgets), time_limit=lp_time_limit) if with_lp_bound else None
    if timings is not None:
        timings["merge"] = t_merge - t0
        timings["solve"] = t1 - t_merge
        timings["lp_bound"] = perf_counter() - t1
    options = np.asarray(chosen, dtype=np.int64)
    seen = pre | (cover[:, options].getnnz(axis=1) > 0) if len(options) else pre.copy()
    statuses = {p.status for p in phases}
    status = "time_limit" if "time_limit" in statuses else ("optimal" if statuses == {"optimal"} else
                                                            "heuristic" if mode == "fast" else "other")
    gaps = [p.gap for p in phases if p.gap is not None]
    return Plan(
        options=options,
        cost=float(cost[options].sum()),
        covered_weight=float(weight[seen & ~pre].sum()),
        existing_weight=float(weight[pre].sum()),
        total_weight=float(weight.sum()),
        coverable_weight=float(group_weight.sum()),
        lp_bound=None if bound is None else max(bound, float(weight[seen & ~pre].sum())),
        mode=mode,
        status=status,
        gap=max(gaps) if gaps else None,
        phases=tuple(phases),
        covered=seen,
    )


def maximal_covering(cover, weight, p: int, **kwargs) -> Plan:
    """The maximal covering location problem (MCLP): the `p` options covering the most weight
    (unit costs, budget p; every option its own site unless `site` is given)."""
    cover = sparse.csr_matrix(cover, dtype=bool)
    n = cover.shape[1]
    if p < 1:
        raise PlacementError("budget_below_cheapest", budget=float(p), cheapest=1.0, phase=0)
    site = kwargs.pop("site", np.arange(n))
    return optimise(cover, weight, np.ones(n), site, float(p), **kwargs)
