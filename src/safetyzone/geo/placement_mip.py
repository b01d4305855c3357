"""Exact mode and the LP bound of the placement optimiser: a MIP solved by HiGHS (highspy).

    maximise   Σ_g w_g·y_g
    subject to y_g ≤ Σ_{j covers g} x_j        (a group counts only if some chosen option sees it)
               Σ_j cost_j·x_j ≤ budget
               Σ_{j at site s} x_j ≤ 1          (one camera per pole, unless allowed)
               x_j = 1 for earlier phases' cameras (their cost added to the budget)
               x ∈ {0,1}, 0 ≤ y ≤ 1

y may stay continuous: for integral x the best y is 0/1 anyway. Relaxing x to [0, 1] gives
the LP relaxation, whose value bounds every plan from above.
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np
from scipy import sparse

from .placement_greedy import Reduced


@dataclass(frozen=True)
class MipResult:
    chosen: list[int]
    value: float  # covered weight of the returned plan (groups not pre-covered)
    bound: float  # best proven upper bound (LP value for a relaxation)
    status: str  # "optimal", "time_limit", "other"
    gap: float  # (bound - value) / bound, 0 when optimal


def _model(red: Reduced, budget: float, fixed, covered, integer: bool) -> highspy.HighsLp:
    live = ~covered
    a = red.csr[live]
    w = red.weight[live]
    n_opt, n_grp = red.n_options, a.shape[0]
    blocks = [[-a, sparse.identity(n_grp, format="csr")],
              [sparse.csr_matrix(red.cost.reshape(1, -1)), None]]
    row_lo = [np.full(n_grp, -np.inf), [-np.inf]]
    row_up = [np.zeros(n_grp), [budget]]
    if red.one_per_site:
        n_sites = int(red.site_row.max()) + 1
        per_site = np.bincount(red.site_row, minlength=n_sites)
        multi = np.nonzero(per_site > 1)[0]
        if len(multi):
            members = np.nonzero(np.isin(red.site_row, multi))[0]
            row_of = np.searchsorted(multi, red.site_row[members])
            s = sparse.csr_matrix((np.ones(len(members)), (row_of, members)), shape=(len(multi), n_opt))
            blocks.append([s, None])
            row_lo.append(np.full(len(multi), -np.inf))
            row_up.append(np.ones(len(multi)))
    m = sparse.bmat(blocks, format="csc")
    lp = highspy.HighsLp()
    lp.num_col_ = n_opt + n_grp
    lp.num_row_ = m.shape[0]
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = np.concatenate([np.zeros(n_opt), w])
    lower = np.zeros(n_opt + n_grp)
    upper = np.ones(n_opt + n_grp)
    fixed = np.asarray(list(fixed), dtype=np.int64)
    if len(fixed):
        lower[fixed] = 1.0  # earlier phases' cameras stay; their cost is added to the budget row
    lp.col_lower_ = lower
    lp.col_upper_ = upper
    lp.row_lower_ = np.concatenate(row_lo)
    row_upper = np.concatenate(row_up)
    if len(fixed):
        row_upper[n_grp] += float(red.cost[fixed].sum())
    lp.row_upper_ = row_upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = m.indptr.astype(np.int32)
    lp.a_matrix_.index_ = m.indices.astype(np.int32)
    lp.a_matrix_.value_ = m.data.astype(float)
    if integer:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * n_opt + [highspy.HighsVarType.kContinuous] * n_grp
    return lp


def _highs(time_limit: float | None, gap: float | None = None, threads: int = 1,
           presolve: str = "choose") -> highspy.Highs:
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", threads)
    h.setOptionValue("presolve", presolve)
    if time_limit is not None:
        h.setOptionValue("time_limit", float(time_limit))
    if gap is not None:
        h.setOptionValue("mip_rel_gap", float(gap))
    return h


def lp_bound(red: Reduced, budget: float, fixed=(), covered=None, time_limit: float | None = None) -> float:
    """Value of the LP relaxation (an upper bound on the covered weight of any plan)."""
    covered = np.zeros(len(red.weight), dtype=bool) if covered is None else covered
    h = _highs(time_limit)
    h.passModel(_model(red, budget, fixed, covered, integer=False))
    h.run()
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kOptimal:
        return float(h.getInfo().objective_function_value)
    # Stopped early: only a dual bound is valid; the simplex's dual objective is not reported
    # reliably, so fall back to the trivial bound (all coverable weight).
    return float(red.weight[~covered].sum())


def solve_mip(red: Reduced, budget: float, start: list[int], fixed=(), covered=None,
              gap: float = 1e-6, time_limit: float | None = 60.0) -> MipResult:
    """Best plan within `gap` or `time_limit`, warm-started from `start` (a feasible plan)."""
    covered = np.zeros(len(red.weight), dtype=bool) if covered is None else covered
    lp = _model(red, budget, fixed, covered, integer=True)
    # Presolve off: on this coverage MIP HiGHS's presolve made the whole solve 5-8x slower in
    # bench/placement.py (B1 13-20 s vs 1.5-3.6 s, B2 58 s vs 7 s, the same optimum); the
    # demand rows are already merged before the model is built. (The LP keeps the default.)
    h = _highs(time_limit, gap, presolve="off")
    h.passModel(lp)
    n_opt = red.n_options
    if start or len(fixed):
        x = np.zeros(lp.num_col_)
        x[list(start) + list(fixed)] = 1.0
        cov = np.zeros(len(red.weight), dtype=bool)
        for j in list(start) + list(fixed):
            cov[red.col_rows(j)] = True
        x[n_opt:] = cov[~covered].astype(float)
        sol = highspy.HighsSolution()
        sol.col_value = x.tolist()
        h.setSolution(sol)
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    fixed_set = set(int(f) for f in fixed)
    col = np.asarray(h.getSolution().col_value[:n_opt]) if info.primal_solution_status else None
    chosen = [int(j) for j in np.nonzero(col > 0.5)[0] if int(j) not in fixed_set] if col is not None else list(start)
    value = red.value(list(fixed) + chosen) - float(red.weight[covered].sum())
    start_value = red.value(list(fixed) + list(start)) - float(red.weight[covered].sum())
    if start_value > value:  # never return worse than the warm start
        chosen, value = list(start), start_value
    bound = float(info.mip_dual_bound) if np.isfinite(info.mip_dual_bound) else float(red.weight[~covered].sum())
    bound = max(bound, value)
    name = {highspy.HighsModelStatus.kOptimal: "optimal",
            highspy.HighsModelStatus.kTimeLimit: "time_limit"}.get(status, "other")
    return MipResult(chosen, value, bound, name, (bound - value) / bound if bound > 0 else 0.0)
