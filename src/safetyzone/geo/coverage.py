"""The coverage matrix: which candidate camera options see which demand points.

Demand points are places that should be watched (street samples weighted by risk). A
candidate *option* is one way to mount a camera at a candidate site (a pole): position,
bearing, opening, range and cost. A site may offer several options (orientations, camera
types), which then share a site id. The matrix is sparse (demand × options, CSR, boolean):
a camera sees a few dozen points out of tens of thousands, so the dense product would waste
all but a fraction of a percent of its memory.

Only pairs within the largest range of a site are ever tested: a k-d tree over the demand
points (scipy cKDTree) yields those pairs without the dense product, and the sector test
(`fov.sector_covers`) runs vectorised over them. The number of pairs is counted first
(`count_neighbors`, which allocates nothing per pair), so a candidate set too large for memory
is refused with its size before anything big is allocated.

Errors are raised as `PlacementError(code, **values)`: a language-free code plus the numbers
behind it, for the caller (the Django layer) to translate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.spatial import cKDTree

from .fov import sector_covers

# Default ceiling for the coverage build's working memory. A pair costs ~8 float64/int64
# temporaries while the sector test runs (dx, dy, bearing, fov, range, indices...) plus 5
# bytes in the final matrix (int32 index + bool value).
DEFAULT_MAX_BYTES = 2 * 1024**3
BYTES_PER_PAIR = 8 * 8 + 5
# Query radii ladder (see _radius_bins): at most ~10 % more pairs tested than strictly needed.
RANGE_STEP = 1.05


class PlacementError(ValueError):
    """A refused input: `code` names the problem, `values` the numbers behind it."""

    def __init__(self, code: str, **values):
        self.code = code
        self.values = values
        super().__init__(code + (" " + repr(values) if values else ""))


@dataclass(frozen=True)
class Options:
    """Candidate camera options, one entry per option (arrays of equal length).

    site: integer site id (options sharing it are alternatives on the same pole);
    x, y: metres east/north in one local projection; bearing: degrees clockwise from north;
    fov: opening in degrees (>= 360 all round); rng: range in metres; cost: baht (> 0).
    """

    site: np.ndarray
    x: np.ndarray
    y: np.ndarray
    bearing: np.ndarray
    fov: np.ndarray
    rng: np.ndarray
    cost: np.ndarray

    @classmethod
    def of(cls, site, x, y, bearing, fov, rng, cost) -> "Options":
        arrays = [np.asarray(v, dtype=float).ravel() for v in (x, y, bearing, fov, rng, cost)]
        site = np.asarray(site).ravel().astype(np.int64)
        n = len(site)
        if any(len(a) != n for a in arrays):
            raise PlacementError("shape_mismatch", expected=n, got=[len(a) for a in arrays])
        x, y, bearing, fov, rng, cost = arrays
        if not (np.isfinite(x).all() and np.isfinite(y).all()):
            raise PlacementError("option_position_missing", count=int((~np.isfinite(x) | ~np.isfinite(y)).sum()))
        if n and (~np.isfinite(rng) | (rng <= 0)).any():
            raise PlacementError("option_range_invalid", count=int((~np.isfinite(rng) | (rng <= 0)).sum()))
        if n and (~np.isfinite(cost) | (cost <= 0)).any():
            raise PlacementError("option_cost_invalid", count=int((~np.isfinite(cost) | (cost <= 0)).sum()))
        if n:
            _, first, inverse = np.unique(site, return_index=True, return_inverse=True)
            moved = (x != x[first][inverse]) | (y != y[first][inverse])
            if moved.any():  # the coverage build queries each site once, at one position
                raise PlacementError("site_position_mismatch", count=int(moved.sum()))
        return cls(site, x, y, bearing, fov, rng, cost)

    def __len__(self) -> int:
        return len(self.site)


def _demand_arrays(x, y):
    x = np.asarray(x, dtype=float).ravel()
    y = np.asarray(y, dtype=float).ravel()
    if len(x) != len(y):
        raise PlacementError("shape_mismatch", expected=len(x), got=[len(y)])
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise PlacementError("demand_position_missing", count=int((~np.isfinite(x) | ~np.isfinite(y)).sum()))
    return x, y


def _sites(options: Options):
    """Unique sites: (site x, site y, site's largest range, option -> site row)."""
    _, first, inverse = np.unique(options.site, return_index=True, return_inverse=True)
    max_rng = np.zeros(len(first))
    np.maximum.at(max_rng, inverse, options.rng)
    return options.x[first], options.y[first], max_rng, inverse


def _radius_bins(max_rng: np.ndarray) -> np.ndarray:
    """Each site's query radius: its largest range rounded up to a ladder of radii 5 % apart,
    so sites of similar ranges share one k-d tree query (the sector test is exact anyway)."""
    steps = np.ceil(np.log(np.maximum(max_rng, 1e-3)) / np.log(RANGE_STEP) - 1e-9)
    return np.maximum(RANGE_STEP ** steps, max_rng)


def estimate_pairs(demand_x, demand_y, options: Options) -> int:
    """Number of (demand point, option) pairs the coverage build will test: every point within
    its site's query radius, times the site's options. Counted without building the pairs."""
    dx, dy = _demand_arrays(demand_x, demand_y)
    if not len(dx) or not len(options):
        return 0
    sx, sy, max_rng, inverse = _sites(options)
    tree = cKDTree(np.column_stack([dx, dy]))
    per_site = np.bincount(inverse, minlength=len(sx)).astype(float)
    radii = _radius_bins(max_rng)
    total = 0.0
    for r in np.unique(radii):
        sel = radii == r
        site_tree = cKDTree(np.column_stack([sx[sel], sy[sel]]))
        total += float(site_tree.count_neighbors(tree, r + 1e-6, weights=(per_site[sel], None)))
    return int(round(total))


def coverage_matrix(demand_x, demand_y, options: Options, *, max_bytes: int = DEFAULT_MAX_BYTES,
                    timings: dict | None = None) -> sparse.csr_matrix:
    """Boolean CSR matrix (demand points × options): True where the option's sector sees the point.

    Refuses with PlacementError("matrix_too_large", pairs=..., bytes=..., limit=...) when the
    pairs to test would need more than `max_bytes`. `timings`, if given, receives the seconds
    spent in 'build' (tree, pairs, matrix) and 'geometry' (the sector test).
    """
    from time import perf_counter

    dx_all, dy_all = _demand_arrays(demand_x, demand_y)
    n_dem, n_opt = len(dx_all), len(options)
    if not n_dem or not n_opt:
        return sparse.csr_matrix((n_dem, n_opt), dtype=bool)
    t0 = perf_counter()
    pairs = estimate_pairs(dx_all, dy_all, options)
    need = pairs * BYTES_PER_PAIR
    if need > max_bytes:
        raise PlacementError("matrix_too_large", pairs=pairs, bytes=need, limit=max_bytes)
    sx, sy, max_rng, inverse = _sites(options)
    dem_tree = cKDTree(np.column_stack([dx_all, dy_all]))
    # Options of each site, as a CSR-like layout: opts_by_site[site_start[s]:site_start[s+1]].
    order = np.argsort(inverse, kind="stable")
    site_start = np.concatenate([[0], np.cumsum(np.bincount(inverse, minlength=len(sx)))])
    rows_parts, cols_parts = [], []
    geometry = 0.0
    radii = _radius_bins(max_rng)
    for r in np.unique(radii):
        sel = np.nonzero(radii == r)[0]
        site_tree = cKDTree(np.column_stack([sx[sel], sy[sel]]))
        found = site_tree.sparse_distance_matrix(dem_tree, r + 1e-6, output_type="ndarray")
        site_idx = sel[found["i"]]
        dem_idx = found["j"].astype(np.int64)
        # Expand each (site, point) pair to the site's options.
        counts = site_start[site_idx + 1] - site_start[site_idx]
        rep_dem = np.repeat(dem_idx, counts)
        starts = np.repeat(site_start[site_idx], counts)
        within = np.arange(len(rep_dem)) - np.repeat(np.cumsum(counts) - counts, counts)
        opt_idx = order[starts + within]
        g0 = perf_counter()
        hit = sector_covers(dx_all[rep_dem] - options.x[opt_idx], dy_all[rep_dem] - options.y[opt_idx],
                            options.bearing[opt_idx], options.fov[opt_idx], options.rng[opt_idx])
        geometry += perf_counter() - g0
        rows_parts.append(rep_dem[hit])
        cols_parts.append(opt_idx[hit])
    rows = np.concatenate(rows_parts)
    cols = np.concatenate(cols_parts)
    matrix = sparse.csr_matrix((np.ones(len(rows), dtype=bool), (rows, cols)), shape=(n_dem, n_opt))
    matrix.sum_duplicates()
    matrix.sort_indices()
    if timings is not None:
        timings["geometry"] = timings.get("geometry", 0.0) + geometry
        timings["build"] = timings.get("build", 0.0) + perf_counter() - t0 - geometry
    return matrix


def _row_keys(indices: np.ndarray, indptr: np.ndarray, n_cols: int) -> np.ndarray:
    """A 64-bit key per (non-empty) row: the wrapping sum of fixed random keys of its columns.
    Equal rows get equal keys; unequal rows almost never do, and merge_identical_rows checks."""
    col_key = np.random.default_rng(20261121).integers(1, 2**63, n_cols, dtype=np.uint64)
    return np.add.reduceat(col_key[indices], indptr[:-1]) + np.diff(indptr).astype(np.uint64)


def merge_identical_rows(matrix: sparse.csr_matrix, weight) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """Merge demand points covered by exactly the same set of options.

    Returns (merged matrix, summed weights, group of each input row). Rows covered by no option
    are dropped (no plan can cover them) and get group -1. The merged problem has the same
    optimum: a plan covers a merged row exactly when it covers every point merged into it.
    Rows are grouped by a hash of their column sets, then every row is compared entry by entry
    with its group's first row; on a (vanishingly rare) collision the rows are keyed by their
    bytes instead, so the grouping is always exact.
    """
    matrix = sparse.csr_matrix(matrix, dtype=bool)
    matrix.sum_duplicates()
    matrix.sort_indices()
    weight = np.asarray(weight, dtype=float).ravel()
    lengths = np.diff(matrix.indptr)
    live = np.nonzero(lengths > 0)[0]
    group = np.full(matrix.shape[0], -1, dtype=np.int64)
    if not len(live):
        return sparse.csr_matrix((0, matrix.shape[1]), dtype=bool), np.zeros(0), group
    sub = matrix[live]
    sub_len = np.diff(sub.indptr)
    _, first, inverse = np.unique(_row_keys(sub.indices, sub.indptr, matrix.shape[1]),
                                  return_index=True, return_inverse=True)
    inverse = inverse.ravel()
    rep = first[inverse]  # each row's group representative
    same = bool((sub_len[rep] == sub_len).all())
    if same:
        offset = np.arange(len(sub.indices)) - np.repeat(sub.indptr[:-1], sub_len)
        same = bool((sub.indices == sub.indices[np.repeat(sub.indptr[rep], sub_len) + offset]).all())
    if not same:  # a hash collision: key each row by its bytes
        keys: dict[bytes, int] = {}
        inverse = np.empty(len(live), dtype=np.int64)
        first_list = []
        for k in range(len(live)):
            key = sub.indices[sub.indptr[k]:sub.indptr[k + 1]].tobytes()
            if key not in keys:
                keys[key] = len(first_list)
                first_list.append(k)
            inverse[k] = keys[key]
        first = np.asarray(first_list, dtype=np.int64)
    merged = sub[first]
    merged_weight = np.bincount(inverse, weights=weight[live], minlength=len(first))
    group[live] = inverse
    return sparse.csr_matrix(merged), merged_weight, group
