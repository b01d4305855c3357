"""Demand points: the places along the streets that should be watched, weighted by risk.

Each street segment is cut into n = ceil(length / spacing) equal pieces and a demand point is
put at the middle of each piece, so consecutive points are never more than `spacing_m` apart
along a street and n · spacing_m is within one spacing of the street's length; each point
carries its piece's length (`length_m`, summing exactly to the network's length).

Weight of a point = its road class's weight × length_m / spacing_m (so a 5 m stub does not
weigh like a full piece) + the weight of every risk point within `risk_radius_m` + the weight
of every incident within `incident_radius_m`. Defaults follow seed 000 (lanes and blind corners
need cameras more than main roads): lane 3, local 2, main 1; a risk point of severity s
(1 low .. 4 critical) adds 2·s; an incident adds 1.

Positions are metres in the local projection of fov.to_local_xy around `origin` (default: the
middle of the streets' bounding box): the same projection the coverage matrix and the
placement work in. Over a province (~100 km) lengths are off by at most ~0.5 % far from the
origin, well inside the sampling step.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from .errors import GeoInputError
from .fov import azimuth, to_local_xy
from .shapes import points_in_polygon

CLASS_CODES = ("main", "local", "lane")  # road_class codes in the arrays: 0, 1, 2
DEFAULT_CLASS_WEIGHTS = {"lane": 3.0, "local": 2.0, "main": 1.0}
DEFAULT_SEVERITY_WEIGHTS = {1: 2.0, 2: 4.0, 3: 6.0, 4: 8.0}
DEFAULT_SPACING_M = 25.0
DEFAULT_RADIUS_M = 50.0


@dataclass(frozen=True)
class Samples:
    """Points along streets: local metres, lat/lon, the segment they lie on, its class code,
    the street's bearing there (degrees from north) and the length of road each stands for."""

    x: np.ndarray
    y: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    segment: np.ndarray
    road_class: np.ndarray  # int8 index into CLASS_CODES
    bearing: np.ndarray
    length_m: np.ndarray
    origin: tuple[float, float]

    def __len__(self) -> int:
        return len(self.x)


@dataclass(frozen=True)
class Demand(Samples):
    weight: np.ndarray = None  # class weight share + risk + incidents
    risks_unmatched: int = 0  # risk points with no demand point within their radius
    incidents_unmatched: int = 0

    @property
    def total_weight(self) -> float:
        return float(self.weight.sum())


def origin_of(segments) -> tuple[float, float]:
    """The middle of the segments' bounding box (lat, lon)."""
    lat = np.concatenate([s.lat for s in segments])
    lon = np.concatenate([s.lon for s in segments])
    return float((lat.min() + lat.max()) / 2), float((lon.min() + lon.max()) / 2)


def _positive(name: str, value: float) -> float:
    value = float(value)
    if not np.isfinite(value) or value <= 0:
        raise GeoInputError("parameter_invalid", name=name, value=value)
    return value


def sample_segments(segments, spacing_m: float = DEFAULT_SPACING_M, *, origin=None, ends: bool = False) -> Samples:
    """Points every `spacing_m` metres or closer along each segment (vectorised over all).

    ends=False: the middles of n = ceil(L / spacing) equal pieces (demand points);
    ends=True: the n + 1 ends of those pieces, both street ends included (candidate poles).
    Segments shorter than a centimetre (or with fewer than two vertices) are skipped; a vertex
    that is not a number is refused (geometry_invalid, the segment's number from 1).
    """
    spacing_m = _positive("spacing_m", spacing_m)
    segments = list(segments)
    counts = np.array([len(s.lat) for s in segments], dtype=np.int64)
    if not counts.sum():
        empty = np.zeros(0)
        return Samples(empty, empty, empty, empty, np.zeros(0, np.int64), np.zeros(0, np.int8), empty, empty,
                       tuple(origin) if origin else (0.0, 0.0))
    lat = np.concatenate([np.asarray(s.lat, dtype=float) for s in segments])
    lon = np.concatenate([np.asarray(s.lon, dtype=float) for s in segments])
    seg_of_vertex = np.repeat(np.arange(len(segments)), counts)
    bad = ~(np.isfinite(lat) & np.isfinite(lon))
    if bad.any():  # a NaN would spread along the running length and silently drop every later street
        raise GeoInputError("geometry_invalid", feature=int(seg_of_vertex[np.argmax(bad)]) + 1,
                            reason="coordinate not a number")
    lat0, lon0 = origin if origin is not None else origin_of(segments)
    x, y = to_local_xy(lat, lon, lat0, lon0)
    edge = np.hypot(np.diff(x), np.diff(y))
    edge[seg_of_vertex[1:] != seg_of_vertex[:-1]] = 0.0  # no length between two segments
    cum = np.concatenate([[0.0], np.cumsum(edge)])
    first = np.concatenate([[0], np.cumsum(counts)[:-1]])
    # a segment of one vertex or none has no length (its `first` may be past the last vertex)
    first = np.where(counts >= 2, first, 0)
    start, length = cum[first], cum[np.where(counts >= 2, first + counts - 1, 0)] - cum[first]
    live = length > 0.01
    n = np.where(live, np.ceil(length / spacing_m - 1e-9), 0).astype(np.int64)
    n = np.where(live, np.maximum(n, 1), 0)
    per = n + 1 if ends else n
    per = np.where(live, per, 0)
    seg = np.repeat(np.arange(len(segments)), per)
    k = np.arange(per.sum()) - np.repeat(np.cumsum(per) - per, per)
    piece = np.divide(length, n, out=np.zeros_like(length), where=n > 0)
    offset = k * piece[seg] if ends else (k + 0.5) * piece[seg]
    t = start[seg] + offset
    # The vertex at or before t, within the segment (the last edge for a street's end).
    last_vertex = first + counts - 1
    i = np.searchsorted(cum, t, side="right") - 1
    i = np.clip(i, first[seg], last_vertex[seg] - 1)
    span = cum[i + 1] - cum[i]
    frac = np.clip(np.divide(t - cum[i], span, out=np.zeros_like(t), where=span > 0), 0.0, 1.0)
    px = x[i] + frac * (x[i + 1] - x[i])
    py = y[i] + frac * (y[i + 1] - y[i])
    bearing = azimuth(x[i + 1] - x[i], y[i + 1] - y[i])
    plat = lat[i] + frac * (lat[i + 1] - lat[i])
    plon = lon[i] + frac * (lon[i + 1] - lon[i])
    codes = np.array([CLASS_CODES.index(s.road_class) for s in segments], dtype=np.int8)
    if ends:  # each end stands for half a piece, the inner points for a whole one
        each = piece[seg] * np.where((k == 0) | (k == n[seg]), 0.5, 1.0)
    else:
        each = piece[seg]
    return Samples(px, py, plat, plon, seg, codes[seg], bearing, each, (float(lat0), float(lon0)))


def _point_arrays(name, lat, lon, weight, default):
    lat = np.asarray(lat if lat is not None else [], dtype=float).ravel()
    lon = np.asarray(lon if lon is not None else [], dtype=float).ravel()
    if len(lat) != len(lon):
        raise GeoInputError("shape_mismatch", expected=len(lat), got=[len(lon)])
    w = np.asarray(default if weight is None else weight, dtype=float)
    if w.ndim and w.size != len(lat):  # one weight per point, or one for all
        raise GeoInputError("shape_mismatch", expected=len(lat), got=[int(w.size)])
    w = np.broadcast_to(w.ravel() if w.ndim else w, lat.shape).copy()
    ok = np.isfinite(lat) & np.isfinite(lon)
    if not np.isfinite(w).all() or (w < 0).any():
        raise GeoInputError("parameter_invalid", name=name, value=float(w[~np.isfinite(w) | (w < 0)][0]))
    return lat[ok], lon[ok], w[ok]


def severity_weights(severity, table=None) -> np.ndarray:
    """Weights of risk points from their severities (1 low .. 4 critical) through `table`."""
    table = DEFAULT_SEVERITY_WEIGHTS if table is None else table
    sev = np.asarray(severity).ravel()
    try:
        return np.array([float(table[int(s)]) for s in sev], dtype=float)
    except (KeyError, ValueError, TypeError) as exc:
        raise GeoInputError("parameter_invalid", name="severity", value=str(exc)) from exc


def _spread(tree, lat, lon, origin, weight, radius, out) -> int:
    """Add each point's weight to every demand point within `radius`; return how many points
    reached none."""
    if not len(lat):
        return 0
    px, py = to_local_xy(lat, lon, *origin)
    hits = tree.query_ball_point(np.column_stack([px, py]), radius)
    lengths = np.fromiter((len(h) for h in hits), dtype=np.int64, count=len(hits))
    if lengths.sum():
        idx = np.concatenate([np.asarray(h, dtype=np.int64) for h in hits if len(h)])
        np.add.at(out, idx, np.repeat(weight, lengths))
    return int((lengths == 0).sum())


def demand_points(segments, spacing_m: float = DEFAULT_SPACING_M, *, origin=None, class_weights=None,
                  risk_lat=None, risk_lon=None, risk_weight=None, risk_radius_m: float = DEFAULT_RADIUS_M,
                  incident_lat=None, incident_lon=None, incident_weight=None,
                  incident_radius_m: float = DEFAULT_RADIUS_M, clip=None) -> Demand:
    """Sample the streets into weighted demand points (see the module's docstring).

    risk_weight: one weight per risk point (see `severity_weights`), default the weight of a
    medium risk; incident_weight: per incident, default 1. clip: a shapes.Zone or a (lon, lat)
    shapely polygon; only points inside are kept (the risk and incident weights are spread
    before clipping, so a risk point just outside a zone still weighs on the streets inside).
    """
    weights = dict(DEFAULT_CLASS_WEIGHTS, **(class_weights or {}))
    for cls in CLASS_CODES:
        if not np.isfinite(float(weights[cls])) or float(weights[cls]) < 0:
            raise GeoInputError("parameter_invalid", name=f"class_weights[{cls}]", value=float(weights[cls]))
    risk_radius_m = _positive("risk_radius_m", risk_radius_m)
    incident_radius_m = _positive("incident_radius_m", incident_radius_m)
    s = sample_segments(segments, spacing_m, origin=origin)
    class_w = np.array([float(weights[c]) for c in CLASS_CODES])
    weight = class_w[s.road_class] * s.length_m / float(spacing_m)
    rlat, rlon, rw = _point_arrays("risk_weight", risk_lat, risk_lon, risk_weight, DEFAULT_SEVERITY_WEIGHTS[2])
    ilat, ilon, iw = _point_arrays("incident_weight", incident_lat, incident_lon, incident_weight, 1.0)
    risks_unmatched = incidents_unmatched = 0
    if len(s) and (len(rlat) or len(ilat)):
        tree = cKDTree(np.column_stack([s.x, s.y]))
        risks_unmatched = _spread(tree, rlat, rlon, s.origin, rw, risk_radius_m, weight)
        incidents_unmatched = _spread(tree, ilat, ilon, s.origin, iw, incident_radius_m, weight)
    else:
        risks_unmatched, incidents_unmatched = len(rlat), len(ilat)
    keep = points_in_polygon(clip, s.lat, s.lon) if clip is not None else np.ones(len(s), dtype=bool)
    return Demand(s.x[keep], s.y[keep], s.lat[keep], s.lon[keep], s.segment[keep], s.road_class[keep],
                  s.bearing[keep], s.length_m[keep], s.origin, weight[keep], risks_unmatched, incidents_unmatched)
