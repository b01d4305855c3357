"""Zone polygons: validation, area, centroid, points inside; and the local projection's inverse.

A zone is drawn on the map as a ring of (lat, lon) corners, closed or not. It is accepted when
it has at least 3 distinct corners, all in Thailand, encloses a non-zero area and does not cross
itself (shapely's validity test; the refusal names the place where the edges cross).

Area: the geodesic area on the WGS84 ellipsoid (pyproj.Geod), in km². It equals what an
equal-area projection gives and needs no choice between UTM 47N and 48N for a zone that
straddles 102°E; UTM itself is conformal, not equal-area (its scale factor changes an area by
up to ~0.2 % at a zone edge in Thailand). `utm_epsg` is there for callers that want metric
coordinates in UTM.

Centroid: computed in the local equirectangular projection around the zone (fov.to_local_xy)
and projected back, so it is the centre of mass on the ground, not of the degrees' grid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.validation import explain_validity

from .errors import GeoInputError, check_thailand
from .fov import METRES_PER_DEG_LAT, to_local_xy

# seed 001 L304: a Safety Zone is a community area of at most 2 km².
MAX_COMMUNITY_KM2 = 2.0
_SAME_M = 0.01  # corners closer than 1 cm are the same corner (a double click)


def from_local_xy(x, y, lat0: float, lon0: float) -> tuple[np.ndarray, np.ndarray]:
    """(lat, lon) of points x metres east, y metres north of (lat0, lon0): the inverse of
    fov.to_local_xy."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    lat = lat0 + y / METRES_PER_DEG_LAT
    lon = lon0 + x / (METRES_PER_DEG_LAT * np.cos(np.radians(lat0)))
    return lat, lon


def utm_epsg(lon: float) -> int:
    """EPSG code of the WGS84 UTM zone for Thailand at this longitude: 47N west of 102°E, 48N east."""
    return 32647 if lon < 102.0 else 32648


@lru_cache(maxsize=1)
def _geod():
    from pyproj import Geod

    return Geod(ellps="WGS84")


@dataclass(eq=False)
class Zone:
    """A validated zone: `lat`, `lon` are its distinct corners (not closed), `polygon` the
    shapely polygon in (lon, lat) order, prepared for fast point tests."""

    lat: np.ndarray
    lon: np.ndarray
    polygon: Polygon
    area_km2: float
    perimeter_m: float
    centroid_lat: float
    centroid_lon: float

    @property
    def oversize(self) -> bool:
        """More than a community area (seed 001 L304: at most 2 km²)."""
        return self.area_km2 > MAX_COMMUNITY_KM2

    def contains(self, lat, lon) -> np.ndarray:
        """Which points lie inside the zone (vectorised; a point exactly on the edge is outside)."""
        return points_in_polygon(self.polygon, lat, lon)

    def ring(self) -> list[list[float]]:
        """[[lat, lon], ...], not closed: the form stored on a Safety Zone."""
        return [[float(a), float(b)] for a, b in zip(self.lat, self.lon)]


def _corners(points) -> tuple[np.ndarray, np.ndarray]:
    try:
        arr = np.asarray(points, dtype=float)
    except (TypeError, ValueError) as exc:
        raise GeoInputError("coordinate_invalid", point=0, lat=None, lon=None) from exc
    if arr.ndim != 2 or arr.shape[1] != 2:
        raise GeoInputError("too_few_points", count=int(arr.size // 2))
    bad = ~np.isfinite(arr).all(axis=1)  # out-of-range numbers are refused as outside Thailand
    if bad.any():
        i = int(np.nonzero(bad)[0][0])
        raise GeoInputError("coordinate_invalid", point=i + 1, lat=float(arr[i, 0]), lon=float(arr[i, 1]))
    return arr[:, 0], arr[:, 1]


def validate_zone(points) -> Zone:
    """Check a ring of [lat, lon] corners and measure it; raise GeoInputError when refused.

    Codes: coordinate_invalid (point, lat, lon), too_few_points (count: distinct corners),
    coordinates_swapped / outside_thailand (point, lat, lon[, count]), zero_area (all corners
    on one line), self_intersection (lat, lon: where the edges cross).
    """
    lat, lon = _corners(points)
    check_thailand(lat, lon, np.arange(1, len(lat) + 1), what="point")
    # The local frame's origin: every x/y below (and the centroid) is relative to it.
    lat0, lon0 = (float(lat.mean()), float(lon.mean())) if len(lat) else (0.0, 0.0)
    x, y = to_local_xy(lat, lon, lat0, lon0)
    # Drop repeated corners (a double click, the closing corner) and a closing copy of the first.
    keep = np.ones(len(lat), dtype=bool)
    if len(lat) > 1:
        keep[1:] = np.hypot(np.diff(x), np.diff(y)) > _SAME_M
    lat, lon, x, y = lat[keep], lon[keep], x[keep], y[keep]
    if len(lat) > 1 and np.hypot(x[-1] - x[0], y[-1] - y[0]) <= _SAME_M:
        lat, lon, x, y = lat[:-1], lon[:-1], x[:-1], y[:-1]
    distinct = len({(round(a, 2), round(b, 2)) for a, b in zip(x, y)})
    if distinct < 3:
        raise GeoInputError("too_few_points", count=distinct)
    xy = np.column_stack([x - x.mean(), y - y.mean()])
    spread = np.linalg.svd(xy, compute_uv=False)  # the ring's extent along its two main axes
    if spread[1] < _SAME_M:
        raise GeoInputError("zero_area")  # every corner on one line
    local = Polygon(xy + [x.mean(), y.mean()])
    polygon = Polygon(np.column_stack([lon, lat]))
    if not polygon.is_valid:
        raise GeoInputError("self_intersection", **_where(polygon))
    area, perimeter = _geod().geometry_area_perimeter(polygon)
    c = local.centroid
    clat, clon = from_local_xy(c.x, c.y, lat0, lon0)
    shapely.prepare(polygon)
    return Zone(lat, lon, polygon, abs(area) / 1e6, float(perimeter), float(clat), float(clon))


def _where(polygon: Polygon) -> dict:
    """The place shapely names in its explanation, e.g. 'Self-intersection[100.5 13.7]'."""
    reason = explain_validity(polygon)
    m = re.search(r"\[\s*([-\d.eE+]+)\s+([-\d.eE+]+)", reason)
    if not m:
        return {"lat": None, "lon": None, "reason": reason}
    return {"lat": float(m.group(2)), "lon": float(m.group(1)), "reason": reason}


def points_in_polygon(polygon, lat, lon) -> np.ndarray:
    """Vectorised: which (lat, lon) points lie inside a (lon, lat) shapely polygon (or a Zone).
    Non-finite positions are outside."""
    if isinstance(polygon, Zone):
        polygon = polygon.polygon
    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    if not lat.size:
        return np.zeros(lat.shape, dtype=bool)
    finite = np.isfinite(lat) & np.isfinite(lon)
    out = np.zeros(lat.shape, dtype=bool)
    out[finite] = shapely.contains_xy(polygon, lon[finite], lat[finite])
    return out
