"""Crime hotspots on a regular grid: counts per cell, a kernel-density surface, Getis-Ord Gi*.

The grid, its counts per cell and the lat/lon frame are in `hotspot_grid` (imported here):
local metres, square cells (default 100 m), per-cell arrays of shape (ny, nx).

- `kde`: quartic (biweight) kernel density at the cell centres, in incidents per km²:
  f(s) = Σ w_i · 3 / (π h²) · (1 − d_i² / h²)² over incidents within the bandwidth h (metres).
  The kernel integrates to 1, so the surface integrates to the total weight (summed over the
  cells: within 1.5 % when h spans 2 cells, 0.15 % at 4, 0.03 % at 6). Each incident
  only reaches the cells of a disc of radius h + cell/√2 around its nearest cell, so the cost
  is O(incidents · (h / cell)²) whatever the grid size; the sum is the exact direct sum (the
  same terms, computed from the incidents' own positions, not snapped to cells).
- `gi_star`: Getis & Ord (1992), Ord & Getis (1995) Gi* z-score per cell with binary
  distance-band weights (cells whose centres lie within `band` metres, the cell itself
  included), on the per-cell counts:
      z_i = (Σ_j w_ij x_j − x̄ W_i) / (S · sqrt((n W_i − W_i²) / (n − 1)))
  with W_i = Σ_j w_ij, x̄ and S the mean and (population) standard deviation of the n cells of
  the study area; it equals PySAL esda's G_Local(star=True, transform='B') Zs. Two-sided p-values
  from the normal approximation, optionally adjusted for the many cells tested
  (Benjamini-Hochberg false discovery rate). Neighbour sums over the band's disc of cells
  take one difference of cumulative row sums per disc row, O(cells · band / cell).
  The normal approximation's tail is too light where nearly every cell is empty (tens of
  incidents over hundreds of cells: spots at 95 % after FDR in 12-18 % of purely random maps
  instead of 5 %); `permutations` gives randomisation p-values instead, and `resampled=True`
  the exact tail of the band sum under resampling the study area's counts (no floor on p, so
  it survives the FDR adjustment over a whole district; see `resampled_p`). A cell is never
  significant when the study area has no variation (no incidents, or the same count everywhere).

Errors: `HotspotError(code, **values)`, a language-free code for the Django layer to translate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import special

from .hotspot_grid import DEFAULT_CELL_M, MAX_CELLS, Grid, HotspotError, LocalFrame, checked_weights, finite_xy

__all__ = ["DEFAULT_BANDWIDTH_M", "DEFAULT_BAND_M", "DEFAULT_CELL_M", "MAX_CELLS", "GiStar", "Grid", "HotspotError",
           "HotspotMap", "LocalFrame", "band_footprint", "bh_adjust", "disc_sums", "gi_star", "hotspot_map", "kde"]
DEFAULT_BANDWIDTH_M = 300.0
DEFAULT_BAND_M = 300.0
# Gi* classes: +3/+2/+1 hot spot at 99/95/90 % confidence, −3/−2/−1 cold spot, 0 not significant.
LEVELS = ((3, 0.01), (2, 0.05), (1, 0.10))
CHUNK_ELEMENTS = 2_000_000  # KDE working arrays per chunk of incidents (~100 MB of temporaries)
BAND_EPS = 1e-9  # a neighbour exactly at the band distance counts, whatever the rounding


def kde(grid: Grid, x, y, weights=None, bandwidth: float = DEFAULT_BANDWIDTH_M) -> np.ndarray:
    """Quartic-kernel density at each cell centre, incidents (or weight) per km², (ny, nx).

    Incidents outside the grid still count in the cells within `bandwidth` metres of them.
    """
    if not (math.isfinite(bandwidth) and bandwidth > 0):
        raise HotspotError("bandwidth_invalid", bandwidth=bandwidth)
    x, y = finite_xy(x, y, "position_missing")
    w = checked_weights(weights, len(x))
    c, h = grid.cell, float(bandwidth)
    reach = (x > grid.x0 - h) & (x < grid.x0 + grid.nx * c + h) & (y > grid.y0 - h) & (y < grid.y0 + grid.ny * c + h)
    x, y, w = x[reach], y[reach], w[reach]
    m = math.ceil(h / c + 0.5)
    di, dj = (a.ravel() for a in np.mgrid[-m:m + 1, -m:m + 1])
    # The nearest centre is within c/√2 of the incident, so a cell further than h + c/√2 from
    # that centre is out of reach: only the window's disc of offsets is visited.
    near = np.hypot(di, dj) * c <= h + c * math.sqrt(0.5) + 1e-9 * c
    di, dj = di[near], dj[near]
    total = np.zeros(grid.nx * grid.ny)
    chunk = max(1, CHUNK_ELEMENTS // len(di))
    for start in range(0, len(x), chunk):
        px, py, pw = x[start:start + chunk, None], y[start:start + chunk, None], w[start:start + chunk, None]
        cols = np.rint((px - grid.x0) / c - 0.5).astype(np.int64) + dj
        rows = np.rint((py - grid.y0) / c - 0.5).astype(np.int64) + di
        d2 = (grid.x0 + (cols + 0.5) * c - px) ** 2 + (grid.y0 + (rows + 0.5) * c - py) ** 2
        keep = (d2 < h * h) & (cols >= 0) & (cols < grid.nx) & (rows >= 0) & (rows < grid.ny)
        values = (pw * (1.0 - d2 / (h * h)) ** 2)[keep]
        total += np.bincount(rows[keep] * grid.nx + cols[keep], weights=values, minlength=total.size)
    return (total * (3.0 / (math.pi * h * h)) * 1e6).reshape(grid.shape)


@dataclass(frozen=True)
class GiStar:
    """Gi* per cell, arrays of shape (ny, nx); cells outside the study area have z 0, p 1,
    class 0. `q` holds the Benjamini-Hochberg adjusted p-values when `fdr` (else equals `p`);
    classes are drawn from q. `neighbours` is W_i, the study-area cells within the band."""

    z: np.ndarray
    p: np.ndarray
    q: np.ndarray
    classes: np.ndarray
    neighbours: np.ndarray
    band: float
    cells: int
    fdr: bool
    permutations: int = 0  # 0: p from the normal approximation (or resampled, see gi_star)

    def hot(self, confidence: float = 0.95) -> np.ndarray:
        """Cells that are hot spots at this confidence (0.90, 0.95 or 0.99) or higher."""
        return self.classes >= _level(confidence)

    def cold(self, confidence: float = 0.95) -> np.ndarray:
        return self.classes <= -_level(confidence)


def band_footprint(cell: float, band: float, max_offset: int | None = None) -> np.ndarray:
    """The binary disc of cells whose centres lie within `band` metres of the middle cell's
    (cut at `max_offset` cells from the middle: offsets beyond a grid's size never matter)."""
    if not (math.isfinite(band) and band >= 0):
        raise HotspotError("band_invalid", band=band)
    m = int(band // cell) + 1
    m = m if max_offset is None else min(m, max_offset)
    di, dj = np.mgrid[-m:m + 1, -m:m + 1]
    return (np.hypot(di * cell, dj * cell) <= band * (1 + BAND_EPS)).astype(float)


def disc_sums(a: np.ndarray, disc: np.ndarray) -> np.ndarray:
    """Σ of `a` over each cell's disc (cells beyond the grid count 0). A disc row is a run of
    cells, so each row offset is one difference of cumulative row sums: O(cells · disc rows),
    exact for counts (integers below 2^53)."""
    ny, nx = a.shape
    m = disc.shape[0] // 2
    pad = m + 1
    # csum[:, k] = Σ a[:, :k], stored at column k + pad, flat beyond both ends of the row
    csum = np.zeros((ny, nx + 1 + 2 * pad))
    np.cumsum(a, axis=1, out=csum[:, pad + 1:pad + 1 + nx])
    csum[:, pad + 1 + nx:] = csum[:, pad + nx:pad + 1 + nx]
    out = np.zeros((ny, nx))
    for di in range(max(-m, 1 - ny), min(m, ny - 1) + 1):
        run = int(disc[m + di].sum())  # 2·half + 1 cells, or none beyond the band
        if not run:
            continue
        half = run // 2
        src = slice(max(di, 0), ny + min(di, 0))  # rows r + di that exist, for rows r of dst
        dst = slice(max(-di, 0), ny - max(di, 0))
        out[dst] += csum[src, pad + half + 1:pad + half + 1 + nx] - csum[src, pad - half:pad - half + nx]
    return out


def bh_adjust(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (q-values) of a 1-D array of p-values."""
    n = len(p)
    order = np.argsort(p, kind="stable")
    scaled = p[order] * n / np.arange(1, n + 1)
    q = np.empty(n)
    q[order] = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    return q


def gi_star(values, cell: float = DEFAULT_CELL_M, band: float = DEFAULT_BAND_M, mask=None,
            fdr: bool = False, permutations: int = 0, seed: int | None = 0, resampled: bool = False) -> GiStar:
    """Getis-Ord Gi* of per-cell `values` (counts, or summed weights) on a grid of `cell`
    metres, binary weights within `band` metres; `mask` (bool, same shape) marks the cells of
    the study area (default: all).

    `permutations` > 0: p-values by randomisation instead of the normal approximation (use it
    when incidents are sparse, well under one per cell, where the approximation's far tail
    is too light): the study area's values are shuffled over its cells that many times and
    p = 2 · min(#{sums ≥ observed} + 1, #{sums ≤ observed} + 1) / (permutations + 1), capped
    at 1 (the smallest p is 2 / (permutations + 1)). Deterministic for a given `seed`. With
    `fdr` over many cells that smallest p must beat 0.05 · k / n for k cells to pass: on 50,000
    cells 199 shuffles find nothing unless thousands of cells stand out (use more shuffles, or
    the station's own area as the study area)."""
    x = np.asarray(values, dtype=float)
    if x.ndim != 2:
        raise HotspotError("values_not_a_grid", ndim=x.ndim)
    if not np.isfinite(x).all():
        raise HotspotError("values_invalid", count=int((~np.isfinite(x)).sum()))
    if not (math.isfinite(cell) and cell > 0):
        raise HotspotError("cell_invalid", cell=cell)
    area = np.ones(x.shape, bool) if mask is None else np.asarray(mask, dtype=bool)
    if area.shape != x.shape:
        raise HotspotError("shape_mismatch", expected=list(x.shape), got=list(area.shape))
    disc = band_footprint(cell, band, max_offset=max(x.shape))
    x = np.where(area, x, 0.0)
    n = int(area.sum())
    w = disc_sums(area.astype(float), disc)
    wx = disc_sums(x, disc)
    z = np.zeros(x.shape)
    if n > 1:
        mean = x.sum() / n
        s = float(np.sqrt(np.sum((x[area] - mean) ** 2) / n))
        spread = (n * w - w * w) / (n - 1)
        den = s * np.sqrt(np.clip(spread, 0.0, None))
        # no spread among the study area's cells (rounding aside): nothing stands out
        ok = area & (den > 0) & (s > 1e-12 * float(np.abs(x[area]).max()))
        z[ok] = (wx[ok] - mean * w[ok]) / den[ok]
    p = np.where(area, 2.0 * special.ndtr(-np.abs(z)), 1.0)  # two-sided normal tail
    if resampled and n > 1:
        p = np.where(z != 0, resampled_p(x[area], w, wx, area), 1.0)
    elif permutations > 0 and n > 1:  # fewer cells: every z is 0 and p 1 already
        p = np.where(z != 0, _permutation_p(x, area, wx, disc, int(permutations), seed), 1.0)
    q = p.copy()
    if fdr and n:
        q[area] = bh_adjust(p[area])
    classes = np.zeros(x.shape, np.int8)
    for level, alpha in reversed(LEVELS):
        classes[(q < alpha) & (z > 0)] = level
        classes[(q < alpha) & (z < 0)] = -level
    return GiStar(z, p, q, classes, np.where(area, w, 0.0), float(band), n, bool(fdr), max(int(permutations), 0))


def resampled_p(values, w, wx, area) -> np.ndarray:
    """Two-sided p of each cell's band sum `wx` against the sum of W_i = `w` counts drawn at
    random (with replacement) from the study area's `values` (whole numbers): the exact
    distribution, the W-fold convolution of the counts' frequencies (by FFT). It is the
    randomisation null of Gi* with binary weights, except that drawing without replacement
    would be a little narrower (by (n − W) / (n − 1) in variance): these p are slightly
    conservative, and have no floor (a permutation test's smallest p is 2 / (shuffles + 1)).
    Cells outside `area` get p 1. Counts that are not whole numbers: HotspotError."""
    values = np.asarray(values, dtype=float)
    if (values < 0).any() or not np.allclose(values, np.rint(values)):
        raise HotspotError("values_not_counts")
    freq = np.bincount(np.rint(values).astype(np.int64)) / len(values)
    top = len(freq) - 1
    p = np.ones(w.shape)
    sizes = np.rint(w).astype(np.int64)
    sums = np.rint(wx).astype(np.int64)
    for size in np.unique(sizes[area]):
        if size < 1:
            continue
        length = 1 << int(size * top).bit_length()  # > size · top: no wrap-around
        pmf = np.clip(np.fft.irfft(np.fft.rfft(freq, length) ** size, length)[:size * top + 1], 0.0, None)
        upper = np.cumsum(pmf[::-1])[::-1]  # P(S ≥ s)
        lower = np.cumsum(pmf)  # P(S ≤ s)
        cells = area & (sizes == size)
        s = np.clip(sums[cells], 0, size * top)
        p[cells] = np.minimum(1.0, 2.0 * np.minimum(upper[s], lower[s]))
    return p


def _permutation_p(x, area, wx, disc, permutations: int, seed) -> np.ndarray:
    """Two-sided randomisation p-values of each cell's neighbour sum (see `gi_star`). The
    shuffles keep the mean and spread, so the neighbour sum orders the z-scores as well."""
    rng = np.random.default_rng(seed)
    values = x[area]
    tie = 1e-9 * max(float(np.abs(values).max()), 1e-300) * disc.sum()  # rounding in the sums
    above = np.zeros(x.shape, np.int64)
    below = np.zeros(x.shape, np.int64)
    shuffled = np.zeros(x.shape)
    for _ in range(permutations):
        shuffled[area] = rng.permutation(values)
        sums = disc_sums(shuffled, disc)
        above += sums >= wx - tie
        below += sums <= wx + tie
    return np.minimum(1.0, 2.0 * (np.minimum(above, below) + 1) / (permutations + 1))


@dataclass(frozen=True)
class HotspotMap:
    """Everything a hotspot page shows for one set of incidents on one grid."""

    grid: Grid
    counts: np.ndarray  # incidents (or weight) per cell
    density: np.ndarray  # incidents per km², quartic kernel
    gi: GiStar
    outside: int  # incidents outside the grid (they still reach the density near its edge)
    bandwidth: float


def hotspot_map(x, y, weights=None, *, grid: Grid | None = None, cell: float = DEFAULT_CELL_M,
                bandwidth: float = DEFAULT_BANDWIDTH_M, band: float = DEFAULT_BAND_M, mask=None,
                fdr: bool = True, permutations: int = 0, resampled: bool = False) -> HotspotMap:
    """Counts, density and Gi* for incidents at (x, y) metres. Without `grid`, the cells
    covering the incidents plus one bandwidth around them (HotspotError 'no_points' if none),
    and without `mask` Gi*'s study area is then the cells of the incidents' bounding box: the
    empty margin would make the edge of any spread of incidents look like a hot spot."""
    if grid is None:
        grid = Grid.covering(x, y, cell, margin=bandwidth)
        if mask is None:
            box = Grid.covering(x, y, cell)
            mask = np.zeros(grid.shape, bool)
            r0, c0 = round((box.y0 - grid.y0) / cell), round((box.x0 - grid.x0) / cell)
            mask[r0:r0 + box.ny, c0:c0 + box.nx] = True
    counts = grid.counts(x, y, weights)
    return HotspotMap(grid, counts, kde(grid, x, y, weights, bandwidth),
                      gi_star(counts, grid.cell, band, mask, fdr, permutations, resampled=resampled),
                      grid.outside(x, y), float(bandwidth))


def _level(confidence: float) -> int:
    for level, alpha in LEVELS:
        if abs(confidence - (1 - alpha)) < 1e-9:
            return level
    raise HotspotError("confidence_invalid", confidence=confidence, allowed=[0.90, 0.95, 0.99])
