"""What the existing cameras see of the demand, and the blind spots they leave.

A demand point is covered when at least one camera's field-of-view sector reaches it
(fov.sector_covers: position, bearing, opening, range; an unknown bearing or opening counts
as all round within range, an unknown range as fov.DEFAULT_RANGE_M). Only (camera, point)
pairs within the camera's range are tested: a k-d tree over the demand points gives them per
camera, in chunks of at most `max_pairs` pairs so the memory stays bounded whatever the
ranges, and points already covered are not tested again.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from .demand import Demand
from .errors import GeoInputError
from .fov import DEFAULT_RANGE_M, sector_covers, to_local_xy
from .shapes import from_local_xy

DEFAULT_MAX_PAIRS = 4_000_000  # ~8 float arrays of this length at a time: ~260 MB


@dataclass(frozen=True)
class CoverageResult:
    covered: np.ndarray  # bool per demand point
    covered_weight: float
    total_weight: float
    blind: np.ndarray  # indices of the uncovered points with weight, heaviest first
    cameras: int  # cameras with a position (the others cannot be placed)

    @property
    def share(self) -> float:
        """Covered share of the weighted demand, in [0, 1] (0 when there is no demand)."""
        return self.covered_weight / self.total_weight if self.total_weight > 0 else 0.0


def _arrays(cam_lat, cam_lon, bearing, fov, range_m):
    arrays = [np.asarray(v, dtype=float).ravel() for v in (cam_lat, cam_lon, bearing, fov, range_m)]
    n = len(arrays[0])
    if any(len(a) != n for a in arrays):
        raise GeoInputError("shape_mismatch", expected=n, got=[len(a) for a in arrays])
    return arrays


def existing_coverage(demand: Demand, cam_lat, cam_lon, bearing, fov, range_m, *,
                      max_pairs: int = DEFAULT_MAX_PAIRS) -> CoverageResult:
    """Which demand points the cameras see, the covered weighted share and the blind spots.

    Cameras are given as arrays (degrees, degrees clockwise from north, opening degrees,
    metres; NaN where unknown). Cameras without a position are left out and not counted.
    """
    lat, lon, bearing, fov, rng = _arrays(cam_lat, cam_lon, bearing, fov, range_m)
    placed = np.isfinite(lat) & np.isfinite(lon)
    lat, lon, bearing, fov, rng = (a[placed] for a in (lat, lon, bearing, fov, rng))
    rng = np.where(np.isfinite(rng) & (rng > 0), rng, DEFAULT_RANGE_M)
    covered = np.zeros(len(demand), dtype=bool)
    if len(demand) and len(lat):
        cx, cy = to_local_xy(lat, lon, *demand.origin)
        tree = cKDTree(np.column_stack([demand.x, demand.y]))
        cams = np.column_stack([cx, cy])
        counts = tree.query_ball_point(cams, rng, return_length=True)
        # Chunks of cameras whose pairs together stay under max_pairs (one camera may exceed it alone).
        bounds = np.concatenate([[0], np.nonzero(np.diff(np.cumsum(counts) // max(int(max_pairs), 1)))[0] + 1,
                                 [len(cams)]])
        for a, b in zip(bounds[:-1], bounds[1:]):
            if a == b or not counts[a:b].sum():
                continue
            hits = tree.query_ball_point(cams[a:b], rng[a:b])
            cam = np.repeat(np.arange(a, b), counts[a:b])
            pts = np.concatenate([np.asarray(h, dtype=np.int64) for h in hits])
            todo = ~covered[pts]
            cam, pts = cam[todo], pts[todo]
            seen = sector_covers(demand.x[pts] - cx[cam], demand.y[pts] - cy[cam], bearing[cam], fov[cam], rng[cam])
            covered[pts[seen]] = True
    weight = demand.weight
    blind = np.nonzero(~covered & (weight > 0))[0]
    blind = blind[np.argsort(-weight[blind], kind="stable")]
    return CoverageResult(covered, float(weight[covered].sum()), float(weight.sum()), blind, int(placed.sum()))


@dataclass(frozen=True)
class BlindCells:
    """Uncovered demand weight gathered on a square grid, heaviest cell first (for a map)."""

    lat: np.ndarray  # cell centres
    lon: np.ndarray
    weight: np.ndarray  # uncovered weight in the cell
    points: np.ndarray  # uncovered demand points in the cell
    cell_m: float


def blind_cells(demand: Demand, covered, cell_m: float = 100.0) -> BlindCells:
    """Sum the weight of uncovered demand points per `cell_m` square (local metres)."""
    if not np.isfinite(cell_m) or cell_m <= 0:
        raise GeoInputError("parameter_invalid", name="cell_m", value=float(cell_m))
    covered = np.asarray(covered, dtype=bool)
    if covered.shape != (len(demand),):
        raise GeoInputError("shape_mismatch", expected=len(demand), got=[int(covered.size)])
    open_ = ~covered & (demand.weight > 0)
    ix = np.floor(demand.x[open_] / cell_m).astype(np.int64)
    iy = np.floor(demand.y[open_] / cell_m).astype(np.int64)
    keys, inverse = np.unique(np.column_stack([ix, iy]), axis=0, return_inverse=True)
    inverse = inverse.ravel()
    weight = np.bincount(inverse, weights=demand.weight[open_], minlength=len(keys))
    points = np.bincount(inverse, minlength=len(keys))
    order = np.argsort(-weight, kind="stable")
    keys, weight, points = keys[order], weight[order], points[order]
    clat, clon = from_local_xy((keys[:, 0] + 0.5) * cell_m, (keys[:, 1] + 0.5) * cell_m, *demand.origin)
    return BlindCells(clat, clon, weight, points, float(cell_m))
