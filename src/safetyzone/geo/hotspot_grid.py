"""The grid hotspot maps are drawn on: square cells over an area in local metres.

Coordinates are local metres (x east, y north of an origin), as `fov.to_local_xy` gives them;
`LocalFrame` converts lat/lon both ways. A `Grid` is a block of square cells (default 100 m);
every per-cell array has the shape (ny, nx), row 0 the southernmost, column 0 the westernmost.
Errors are raised as `HotspotError(code, **values)`: a language-free code plus the numbers
behind it (rows are 0-based indices of the input arrays), for the Django layer to translate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .fov import METRES_PER_DEG_LAT, to_local_xy

DEFAULT_CELL_M = 100.0
MAX_CELLS = 4_000_000  # 200 km × 200 km at 100 m; a float64 surface of this size is 32 MB


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
        lat, lon = finite_xy(lat, lon, "position_missing")
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
        x, y = finite_xy(x, y, "position_missing")
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
        x, y = finite_xy(x, y, "position_missing")
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
        w = checked_weights(weights, len(row))
        flat = row[inside] * self.nx + col[inside]
        return np.bincount(flat, weights=w[inside], minlength=self.nx * self.ny).reshape(self.shape)

    def outside(self, x, y) -> int:
        return int((~self.index(x, y)[2]).sum())


def finite_xy(a, b, code: str) -> tuple[np.ndarray, np.ndarray]:
    a = np.asarray(a, dtype=float).ravel()
    b = np.asarray(b, dtype=float).ravel()
    if len(a) != len(b):
        raise HotspotError("shape_mismatch", expected=len(a), got=[len(b)])
    bad = ~(np.isfinite(a) & np.isfinite(b))
    if bad.any():
        raise HotspotError(code, count=int(bad.sum()), rows=np.nonzero(bad)[0][:10].tolist())
    return a, b


def checked_weights(weights, n: int) -> np.ndarray:
    if weights is None:
        return np.ones(n)
    w = np.asarray(weights, dtype=float).ravel()
    if len(w) != n:
        raise HotspotError("shape_mismatch", expected=n, got=[len(w)])
    bad = ~np.isfinite(w) | (w < 0)
    if bad.any():
        raise HotspotError("weight_invalid", count=int(bad.sum()), rows=np.nonzero(bad)[0][:10].tolist())
    return w
