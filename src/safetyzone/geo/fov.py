"""Field-of-view geometry: which cameras could have seen a place, and how well.

A camera sees a circular sector: apex at the camera, centre line along its bearing (degrees
clockwise from north), opening `fov` degrees (360 = all round), radius `range` metres. A
target is a point or a small disc (point + radius). Everything is vectorised over arrays of
cameras; NaN marks an unknown value.

Coordinates: a local equirectangular projection centred on the incident
(x = R·Δλ·cos φ0 east, y = R·Δφ north). The finder never looks further than the largest
camera range the registry allows (2 km) plus the incident radius, and over a few kilometres
the projection's error is below 0.01 % of the distance (the change of cos φ over the box),
i.e. centimetres, far below the accuracy of a surveyed camera position. UTM (pyproj 47N/48N)
would be as exact but Thailand straddles the 102°E zone border, so a search near it would
have to pick a zone, and it costs a pyproj call per search; the local projection is three
numpy operations. Longitude wrap-around (the antimeridian) cannot occur in Thailand, but the
bearing wrap (350° and 10° are 20° apart) does, and is handled by `angle_diff`.
"""

from __future__ import annotations

import numpy as np

EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)
METRES_PER_DEG_LAT = np.pi * EARTH_RADIUS_M / 180.0
# A camera with no recorded range is assumed to see this far: a typical fixed camera of a
# shop or a lane identifies a face or a number plate up to 20-30 m. Callers may pass their own.
DEFAULT_RANGE_M = 30.0
# Tolerances: a target exactly on a sector edge or exactly at range counts as covered; these
# absorb the rounding of the trigonometry (a micrometre, a nano-degree).
EPS_M = 1e-6
EPS_DEG = 1e-9


def to_local_xy(lat, lon, lat0: float, lon0: float) -> tuple[np.ndarray, np.ndarray]:
    """Metres east (x) and north (y) of (lat0, lon0), in the local equirectangular projection."""
    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    y = (lat - lat0) * METRES_PER_DEG_LAT
    x = (lon - lon0) * METRES_PER_DEG_LAT * np.cos(np.radians(lat0))
    return x, y


def degrees_box(lat0: float, margin_m: float) -> tuple[float, float]:
    """(Δlat, Δlon) in degrees that hold every point within `margin_m` of latitude lat0
    (slightly generous, so the bounding-box query never cuts a camera the projection keeps)."""
    dlat = margin_m / METRES_PER_DEG_LAT
    cos_max = np.cos(np.radians(min(abs(lat0) + dlat, 89.0)))
    return dlat * 1.0001, margin_m / (METRES_PER_DEG_LAT * cos_max) * 1.0001


def azimuth(dx, dy) -> np.ndarray:
    """Direction of the vector (dx east, dy north) in degrees clockwise from north, in [0, 360)."""
    return np.mod(np.degrees(np.arctan2(dx, dy)), 360.0)


def angle_diff(a, b) -> np.ndarray:
    """Smallest absolute difference between two bearings in degrees, in [0, 180]; wraps at 0/360."""
    return np.abs(np.mod(np.asarray(a, dtype=float) - b + 180.0, 360.0) - 180.0)


def _segment_distance(px, py, ux, uy, length):
    """Distance from points p to the segments from the origin along unit vectors u, `length` long."""
    t = np.clip(px * ux + py * uy, 0.0, length)
    return np.hypot(px - t * ux, py - t * uy)


def _arrays(dx, dy, bearing, fov, rng):
    """The arguments broadcast to one shape and flattened; unknown ranges get the default."""
    arrays = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (dx, dy, bearing, fov, rng)))
    shape = arrays[0].shape
    dx, dy, bearing, fov, rng = (a.ravel() for a in arrays)
    return shape, dx, dy, bearing, fov, np.where(np.isnan(rng), DEFAULT_RANGE_M, rng)


def sector_covers(dx, dy, bearing, fov, rng, radius=0.0) -> np.ndarray:
    """Which sectors reach the target (a boolean array of the arguments' broadcast shape).

    dx, dy: target position relative to each camera (metres east, north); bearing: degrees
    clockwise from north; fov: opening in degrees (>= 360 all round); rng: metres (NaN: the
    DEFAULT_RANGE_M); radius: the target disc's radius (0 for a point). A camera whose
    bearing or fov is unknown (NaN) covers the target when the target is within its range,
    whatever the direction. A disc that merely touches a sector counts.
    """
    shape, *arrays = _arrays(dx, dy, bearing, fov, rng)
    return _cover(*arrays, float(radius))[0].reshape(shape)


def _cover(dx, dy, bearing, fov, rng, radius):
    """(covered, distance to the target's centre, off-axis angle or NaN, direction known)."""
    dist = np.hypot(dx, dy)
    all_round = fov >= 360.0
    known = all_round | ~(np.isnan(bearing) | np.isnan(fov))
    directional = known & ~all_round
    in_reach = dist - radius <= rng + EPS_M  # the disc comes within range of the camera
    off = np.where(dist > 0, angle_diff(azimuth(dx, dy), np.nan_to_num(bearing)), 0.0)
    half = fov / 2.0
    in_wedge = off <= half + EPS_DEG
    covered = in_reach & (~directional | in_wedge)
    # A disc centred outside the wedge may still touch one of the wedge's two straight edges
    # (the nearest point of a sector to a point outside its wedge lies on an edge).
    idx = np.nonzero(directional & in_reach & ~in_wedge)[0] if radius > 0 else ()
    if len(idx):
        px, py, reach = dx[idx], dy[idx], rng[idx]  # the target centre, camera at the origin
        near = np.full(len(idx), np.inf)
        for sign in (-1.0, 1.0):
            edge = np.radians(bearing[idx] + sign * half[idx])
            near = np.minimum(near, _segment_distance(px, py, np.sin(edge), np.cos(edge), reach))
        covered[idx] = near <= radius + EPS_M
    return covered, dist, np.where(directional, off, np.nan), known


def coverage(dx, dy, bearing, fov, rng, radius=0.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(covered, score, direction_known) per camera; see `sector_covers` for the arguments.

    The score ranks the covering cameras, in [0, 1] (0 for those that do not cover):
    - direction known (a sector, or an all-round camera): 0.5 + 0.25·closeness + 0.25·centrality,
      where closeness = 1 - distance/range and centrality = 1 - off-axis angle / half the opening
      (1 for all-round cameras), both clipped to [0, 1];
    - direction unknown: 0.49·closeness, so it always ranks below a known camera that covers.
    Distances are to the target's centre; closeness is relative to the camera's own range
    because a subject at a tenth of a camera's range fills far more pixels than at its limit.
    """
    shape, dx, dy, bearing, fov, rng = _arrays(dx, dy, bearing, fov, rng)
    covered, dist, off, known = _cover(dx, dy, bearing, fov, rng, float(radius))
    closeness = np.clip(1.0 - dist / rng, 0.0, 1.0)
    centrality = np.where(np.isnan(off), 1.0, np.clip(1.0 - np.nan_to_num(off) / np.maximum(fov / 2.0, EPS_DEG), 0.0, 1.0))
    score = np.where(known, 0.5 + 0.25 * closeness + 0.25 * centrality, 0.49 * closeness)
    return covered.reshape(shape), np.where(covered, score, 0.0).reshape(shape), known.reshape(shape)
