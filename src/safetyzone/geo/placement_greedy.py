"""Fast mode of the placement optimiser: cost-benefit greedy, best single option, swap search.

Works on the reduced problem (merged demand groups × options, see placement.py). The greedy
keeps every option's marginal gain exact at all times: when an option is chosen, only the
groups it newly covers change, so only the options covering those groups lose gain, by those
groups' weight (one sparse row-slice product per pick; over a whole run every matrix entry is
touched at most once). It makes the same picks a lazy greedy (stale gains in a priority
queue, re-evaluated on pop) would, without the queue, and each pick is one vectorised argmax.

Guarantee: budgeted maximum coverage with the ratio rule (skip what no longer fits) plus the
best single affordable option reaches at least (1 - 1/e)/2 of the optimum (Khuller, Moss and
Naor 1999) when every site offers one option; the one-option-per-site rule is an extra
constraint the theorem does not cover, so the plan's share of the LP bound is always reported.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

# Gains below this share of the total weight are rounding noise of the running sums.
REL_EPS = 1e-12


class Reduced:
    """The reduced problem: group weights, options' costs and sites, and the matrix both ways."""

    def __init__(self, matrix: sparse.csr_matrix, weight: np.ndarray, cost: np.ndarray, site: np.ndarray,
                 one_per_site: bool):
        self.csr = sparse.csr_matrix(matrix, dtype=np.float64)
        self.csc = self.csr.tocsc()
        self.weight = weight
        self.cost = cost
        self.site = site
        self.one_per_site = one_per_site
        self.eps = REL_EPS * max(float(weight.sum()), 1.0)
        # Options of each site (for blocking a pole once it is used).
        _, self.site_row = np.unique(site, return_inverse=True)
        self.site_row = self.site_row.ravel()

    @property
    def n_options(self) -> int:
        return self.csr.shape[1]

    def col_rows(self, j: int) -> np.ndarray:
        return self.csc.indices[self.csc.indptr[j]:self.csc.indptr[j + 1]]

    def gains(self, row_weight: np.ndarray) -> np.ndarray:
        """Per option: the total of `row_weight` over the groups it covers."""
        return self.csr.T @ row_weight

    def rows_gain(self, rows: np.ndarray, row_weight: np.ndarray) -> np.ndarray:
        """Per option: the total of `row_weight[rows]` over those of `rows` it covers."""
        if not len(rows):
            return np.zeros(self.n_options)
        starts = self.csr.indptr[rows]
        lengths = self.csr.indptr[rows + 1] - starts
        ends = np.cumsum(lengths)
        at = np.arange(ends[-1]) + np.repeat(starts - (ends - lengths), lengths)
        return np.bincount(self.csr.indices[at], weights=np.repeat(row_weight, lengths),
                           minlength=self.n_options)

    def value(self, chosen) -> float:
        covered = np.zeros(len(self.weight), dtype=bool)
        for j in chosen:
            covered[self.col_rows(j)] = True
        return float(self.weight[covered].sum())

    def allowed(self, chosen, budget_left: float) -> np.ndarray:
        """Options that may still be added: affordable, not chosen, on a free site."""
        ok = self.cost <= budget_left + 1e-9 * max(budget_left, 1.0)
        chosen = np.asarray(list(chosen), dtype=np.int64)
        ok[chosen] = False
        if self.one_per_site and len(chosen):
            ok &= ~np.isin(self.site_row, self.site_row[chosen])
        return ok


def greedy(red: Reduced, budget: float, fixed=(), covered=None) -> list[int]:
    """Cost-benefit greedy from the already chosen `fixed` options; returns the options added."""
    covered = np.zeros(len(red.weight), dtype=bool) if covered is None else covered.copy()
    gain = red.gains(np.where(covered, 0.0, red.weight))
    alive = red.allowed(fixed, budget)
    left = budget
    picked: list[int] = []
    while True:
        ratio = np.where(alive & (gain > red.eps), gain / red.cost, -1.0)
        j = int(np.argmax(ratio))
        if ratio[j] <= 0:
            break
        rows = red.col_rows(j)
        new = rows[~covered[rows]]
        if red.weight[new].sum() <= red.eps:  # drifted running sum: nothing left to gain
            gain[j] = 0.0
            continue
        picked.append(j)
        covered[new] = True
        gain -= red.rows_gain(new, red.weight[new])
        left -= red.cost[j]
        alive[j] = False
        if red.one_per_site:
            alive &= red.site_row != red.site_row[j]
        alive &= red.cost <= left + 1e-9 * max(left, 1.0)
    return picked


def best_single(red: Reduced, budget: float, fixed=(), covered=None) -> list[int]:
    covered = np.zeros(len(red.weight), dtype=bool) if covered is None else covered
    gain = red.gains(np.where(covered, 0.0, red.weight))
    gain[~red.allowed(fixed, budget)] = -1.0
    j = int(np.argmax(gain))
    return [j] if gain[j] > red.eps else []


def swap_search(red: Reduced, budget: float, chosen: list[int], fixed=(), base_covered=None,
                max_passes: int = 3) -> list[int]:
    """1-for-1 swaps (and free additions) that raise the covered weight, until none does or
    `max_passes` passes over the plan are done. `fixed` options stay; `chosen` may change.

    For a chosen option i, swapping it for j changes the covered weight by
    gain(j) + (weight only i covers that j also covers) - (weight only i covers); gain(j) is
    one sparse product per accepted swap, the middle term one row-slice product per i.
    """
    chosen = list(chosen)
    fixed = list(fixed)
    n_groups = len(red.weight)
    base = np.zeros(n_groups, dtype=bool) if base_covered is None else base_covered
    count = base.astype(np.int64) * (len(fixed) + len(chosen) + 1)  # pre-covered: never lost
    for j in fixed + chosen:
        count[red.col_rows(j)] += 1
    n_sites = int(red.site_row.max()) + 1
    site_used = np.bincount(red.site_row[fixed + chosen], minlength=n_sites) if fixed + chosen else np.zeros(n_sites, int)
    in_plan = np.zeros(red.n_options, dtype=bool)
    in_plan[fixed + chosen] = True
    spent = float(red.cost[chosen].sum())
    for _ in range(max_passes):
        improved = False
        gain_now = red.gains(np.where(count == 0, red.weight, 0.0))
        for pos in range(len(chosen)):
            i = chosen[pos]
            rows_i = red.col_rows(i)
            only_i = rows_i[count[rows_i] == 1]
            loss = float(red.weight[only_i].sum())
            delta = gain_now + red.rows_gain(only_i, red.weight[only_i]) - loss
            left = budget - spent + float(red.cost[i])
            ok = ~in_plan & (red.cost <= left + 1e-9 * max(left, 1.0))
            if red.one_per_site:
                ok &= (site_used[red.site_row] - (red.site_row == red.site_row[i])) == 0
            delta = np.where(ok, delta, -np.inf)
            j = int(np.argmax(delta))
            if delta[j] <= red.eps:
                continue
            chosen[pos] = j
            improved = True
            count[rows_i] -= 1
            count[red.col_rows(j)] += 1
            in_plan[i], in_plan[j] = False, True
            site_used[red.site_row[i]] -= 1
            site_used[red.site_row[j]] += 1
            spent += float(red.cost[j] - red.cost[i])
            gain_now = red.gains(np.where(count == 0, red.weight, 0.0))
        extra = greedy(red, budget - spent, fixed=fixed + chosen, covered=count > 0)
        if extra:
            chosen += extra
            improved = True
            for j in extra:
                count[red.col_rows(j)] += 1
                in_plan[j] = True
                site_used[red.site_row[j]] += 1
            spent += float(red.cost[extra].sum())
        if not improved:
            break
    return chosen
