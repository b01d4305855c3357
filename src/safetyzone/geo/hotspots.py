"""Crime hotspots on a regular grid: counts per cell, a kernel-density surface, Getis-Ord Gi*.

Coordinates are local metres (x east, y north of an origin), as `fov.to_local_xy` gives them;
`LocalFrame` converts lat/lon both ways. A `Grid` is a block of square cells (default 100 m);
every per-cell array has the shape (ny, nx), row 0 the southernmost, column 0 the westernmost.

- `kde`: quartic (biweight) kernel density at the cell centres, in incidents per km²:
  f(s) = Σ w_i · 3 / (π h²) · (1 − d_i² / h²)² over incidents within the bandwidth h (metres).
  The kernel integrates to 1, so the surface integrates to the total weight. Each incident
  only reaches the cells of a (2m+1)² window around it (m = ceil(h / cell + 1/2)), so the cost
  is O(incidents · (h / cell)²) whatever the grid size; the sum is the exact direct sum (the
  same terms, computed from the incidents' own positions, not snapped to cells).
- `gi_star`: Getis & Ord (1992), Ord & Getis (1995) Gi* z-score per cell with binary
  distance-band weights (cells whose centres lie within `band` metres, the cell itself
  included), on the per-cell counts:
      z_i = (Σ_j w_ij x_j − x̄ W_i) / (S · sqrt((n W_i − W_i²) / (n − 1)))
  with W_i = Σ_j w_ij, x̄ and S the mean and (population) standard deviation of the n cells of
  the study area; it equals PySAL esda's G_Local(star=True, transform='B') Zs. Two-sided p-values
  from the normal approximation, optionally adjusted for the many cells tested
  (Benjamini-Hochberg false discovery rate). Neighbour sums are an exact correlation with
  the band's disc of cells (scipy.ndimage), O(cells · disc size).
  The normal approximation is rough where nearly every cell is empty; a cell is never
  significant when the study area has no variation (no incidents, or the same count everywhere).

Errors are raised as `HotspotError(code, **values)`: a language-free code plus the numbers
behind it (rows are 0-based indices of the input arrays), for the Django layer to translate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import ndimage, stats

from .fov import METRES_PER_DEG_LAT, to_local_xy

DEFAULT_CELL_M = 100.0
DEFAULT_BANDWIDTH_M = 300.0
DEFAULT_BAND_M = 300.0
MAX_CELLS = 4_000_000  # 200 km × 200 km at 100 m; a float64 surface of this size is 32 MB
# Gi* classes: +3/+2/+1 hot spot at 99/95/90 % confidence, −3/−2/−1 cold spot, 0 not significant.
LEVELS = ((3, 0.01), (2, 0.05), (1, 0.10))
CHUNK_ELEMENTS = 2_000_000  # KDE working arrays per chunk of incidents (~100 MB of temporaries)
BAND_EPS = 1e-9  # a neighbour exactly at the band distance counts, whatever the rounding


class HotspotError(ValueError):
    """A refused input: `code` names the problem, `values` the numbers behind it."""

    def __init__(self, code: str, **values):
        self.code = code
        self.values = values
        super().__init__(code + (" " + repr(values) if values else ""))


@dataclass(frozen=True)
class LocalFrame:
    """The local equirectangular projection of `fov` around (lat0, lon0), both directions."""

    lat0: float
    lon0: float

    @classmethod
    def around(cls, lat, lon) -> "LocalFrame":
        """The frame centred on the middle of the points' bounding box."""
        lat, lon = _finite_pair(lat, lon, "position_missing")
        if not len(lat):
            raise HotspotError("no_points")
        return cls(float((lat.min() + lat.max()) / 2), float((lon.min() + lon.max()) / 2))

    def xy(self, lat, lon) -> tuple[np.ndarray, np.ndarray]:
        """Metres east, north of the frame's origin."""
        return to_local_xy(lat, lon, self.lat0, self.lon0)

    def latlon(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        """Degrees latitude, longitude of local metres (the inverse of `xy`)."""
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        lat = self.lat0 + y / METRES_PER_DEG_LAT
        return lat, self.lon0 + x / (METRES_PER_DEG_LAT * math.cos(math.radians(self.lat0)))


@dataclass(frozen=True)
class Grid:
    """Square cells of `cell` metres; the south-west corner of cell (0, 0) is at (x0, y0)."""

    x0: float
    y0: float
    cell: float
    nx: int
    ny: int

    @classmethod
    def of(cls, x0: float, y0: float, cell: float, nx: int, ny: int, max_cells: int = MAX_CELLS) -> "Grid":
        if not (math.isfinite(cell) and cell > 0):
            raise HotspotError("cell_invalid", cell=cell)
        if not (math.isfinite(x0) and math.isfinite(y0)):
            raise HotspotError("origin_invalid", x0=x0, y0=y0)
        nx, ny = int(nx), int(ny)
        if nx < 1 or ny < 1:
            raise HotspotError("grid_empty", nx=nx, ny=ny)
        if nx * ny > max_cells:
            raise HotspotError("grid_too_large", cells=nx * ny, limit=max_cells, cell=cell)
        return cls(float(x0), float(y0), float(cell), nx, ny)

    @classmethod
    def bounds(cls, xmin, ymin, xmax, ymax, cell=DEFAULT_CELL_M, max_cells=MAX_CELLS) -> "Grid":
        """The cells covering the box [xmin, xmax] × [ymin, ymax], corners snapped to
        multiples of `cell` (the same area always gives the same cells)."""
        if not (math.isfinite(cell) and cell > 0):
            raise HotspotError("cell_invalid", cell=cell)
        if not all(math.isfinite(v) for v in (xmin, ymin, xmax, ymax)) or xmax < xmin or ymax < ymin:
            raise HotspotError("bounds_invalid", xmin=xmin, ymin=ymin, xmax=xmax, ymax=ymax)
        x0, y0 = math.floor(xmin / cell) * cell, math.floor(ymin / cell) * cell
        nx = math.floor((xmax - x0) / cell) + 1
        ny = math.floor((ymax - y0) / cell) + 1
        return cls.of(x0, y0, cell, nx, ny, max_cells)

    @classmethod
    def covering(cls, x, y, cell=DEFAULT_CELL_M, margin=0.0, max_cells=MAX_CELLS) -> "Grid":
        """The cells covering every point plus `margin` metres on each side."""
        x, y = _finite_pair(x, y, "position_missing")
        if not len(x):
            raise HotspotError("no_points")
        return cls.bounds(x.min() - margin, y.min() - margin, x.max() + margin, y.max() + margin, cell, max_cells)

    @property
    def shape(self) -> tuple[int, int]:
        return self.ny, self.nx

    @property
    def cell_km2(self) -> float:
        return self.cell * self.cell / 1e6

    def centres(self) -> tuple[np.ndarray, np.ndarray]:
        """Cell centres (x, y) in metres, each of shape (ny, nx)."""
        xs = self.x0 + (np.arange(self.nx) + 0.5) * self.cell
        ys = self.y0 + (np.arange(self.ny) + 0.5) * self.cell
        return np.meshgrid(xs, ys)

    def centres_latlon(self, frame: LocalFrame) -> tuple[np.ndarray, np.ndarray]:
        """Cell centres (lat, lon) in degrees, each of shape (ny, nx)."""
        return frame.latlon(*self.centres())

    def index(self, x, y) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, column, inside) of each point; a point on a shared edge belongs to the cell
        north/east of it, a point on the grid's outer north/east edge to the last cell."""
        x, y = _finite_pair(x, y, "position_missing")
        col = np.floor((x - self.x0) / self.cell).astype(np.int64)
        row = np.floor((y - self.y0) / self.cell).astype(np.int64)
        col[(col == self.nx) & (x <= self.x0 + self.nx * self.cell)] = self.nx - 1
        row[(row == self.ny) & (y <= self.y0 + self.ny * self.cell)] = self.ny - 1
        inside = (col >= 0) & (col < self.nx) & (row >= 0) & (row < self.ny)
        return row, col, inside

    def counts(self, x, y, weights=None) -> np.ndarray:
        """Incidents (or their summed weights) per cell, shape (ny, nx); points outside the
        grid are left out (`outside` tells how many)."""
        row, col, inside = self.index(x, y)
        w = _weights(weights, len(row))
        flat = row[inside] * self.nx + col[inside]
        return np.bincount(flat, weights=w[inside], minlength=self.nx * self.ny).reshape(self.shape)

    def outside(self, x, y) -> int:
        return int((~self.index(x, y)[2]).sum())


def kde(grid: Grid, x, y, weights=None, bandwidth: float = DEFAULT_BANDWIDTH_M) -> np.ndarray:
    """Quartic-kernel density at each cell centre, incidents (or weight) per km², (ny, nx).

    Incidents outside the grid still count in the cells within `bandwidth` metres of them.
    """
    if not (math.isfinite(bandwidth) and bandwidth > 0):
        raise HotspotError("bandwidth_invalid", bandwidth=bandwidth)
    x, y = _finite_pair(x, y, "position_missing")
    w = _weights(weights, len(x))
    c, h = grid.cell, float(bandwidth)
    reach = (x > grid.x0 - h) & (x < grid.x0 + grid.nx * c + h) & (y > grid.y0 - h) & (y < grid.y0 + grid.ny * c + h)
    x, y, w = x[reach], y[reach], w[reach]
    m = math.ceil(h / c + 0.5)
    di, dj = (a.ravel() for a in np.mgrid[-m:m + 1, -m:m + 1])
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

    def hot(self, confidence: float = 0.95) -> np.ndarray:
        """Cells that are hot spots at this confidence (0.90, 0.95 or 0.99) or higher."""
        return self.classes >= _level(confidence)

    def cold(self, confidence: float = 0.95) -> np.ndarray:
        return self.classes <= -_level(confidence)


def band_footprint(cell: float, band: float) -> np.ndarray:
    """The binary disc of cells whose centres lie within `band` metres of the middle cell's."""
    if not (math.isfinite(band) and band >= 0):
        raise HotspotError("band_invalid", band=band)
    m = int(band // cell) + 1
    di, dj = np.mgrid[-m:m + 1, -m:m + 1]
    return (np.hypot(di * cell, dj * cell) <= band * (1 + BAND_EPS)).astype(float)


def gi_star(values, cell: float = DEFAULT_CELL_M, band: float = DEFAULT_BAND_M, mask=None,
            fdr: bool = False) -> GiStar:
    """Getis-Ord Gi* of per-cell `values` (counts, or summed weights) on a grid of `cell`
    metres, binary weights within `band` metres; `mask` (bool, same shape) marks the cells of
    the study area (default: all)."""
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
    disc = band_footprint(cell, band)
    inside = area.astype(float)
    x = np.where(area, x, 0.0)
    n = int(area.sum())
    w = ndimage.correlate(inside, disc, mode="constant", cval=0.0)
    wx = ndimage.correlate(x, disc, mode="constant", cval=0.0)
    z = np.zeros(x.shape)
    if n > 1:
        mean = x.sum() / n
        s = float(np.sqrt(np.sum((x[area] - mean) ** 2) / n))
        spread = (n * w - w * w) / (n - 1)
        den = s * np.sqrt(np.clip(spread, 0.0, None))
        ok = area & (den > 0) & (s > 1e-12 * max(abs(mean), 1.0))
        z[ok] = (wx[ok] - mean * w[ok]) / den[ok]
    p = np.where(area, 2.0 * stats.norm.sf(np.abs(z)), 1.0)
    q = p.copy()
    if fdr and n:
        q[area] = stats.false_discovery_control(p[area], method="bh")
    classes = np.zeros(x.shape, np.int8)
    for level, alpha in reversed(LEVELS):
        classes[(q < alpha) & (z > 0)] = level
        classes[(q < alpha) & (z < 0)] = -level
    return GiStar(z, p, q, classes, np.where(area, w, 0.0), float(band), n, bool(fdr))


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
                fdr: bool = True) -> HotspotMap:
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
                      gi_star(counts, grid.cell, band, mask, fdr), grid.outside(x, y), float(bandwidth))


def _level(confidence: float) -> int:
    for level, alpha in LEVELS:
        if abs(confidence - (1 - alpha)) < 1e-9:
            return level
    raise HotspotError("confidence_invalid", confidence=confidence, allowed=[0.90, 0.95, 0.99])


def _finite_pair(a, b, code: str) -> tuple[np.ndarray, np.ndarray]:
    a = np.asarray(a, dtype=float).ravel()
    b = np.asarray(b, dtype=float).ravel()
    if len(a) != len(b):
        raise HotspotError("shape_mismatch", expected=len(a), got=[len(b)])
    bad = ~(np.isfinite(a) & np.isfinite(b))
    if bad.any():
        raise HotspotError(code, count=int(bad.sum()), rows=np.nonzero(bad)[0][:10].tolist())
    return a, b


def _weights(weights, n: int) -> np.ndarray:
    if weights is None:
        return np.ones(n)
    w = np.asarray(weights, dtype=float).ravel()
    if len(w) != n:
        raise HotspotError("shape_mismatch", expected=n, got=[len(w)])
    bad = ~np.isfinite(w) | (w < 0)
    if bad.any():
        raise HotspotError("weight_invalid", count=int(bad.sum()), rows=np.nonzero(bad)[0][:10].tolist())
    return w
