"""The demand of an area or a Safety Zone: its streets sampled into points weighted by road
class, open risk points and last year's incidents, and the working cameras around it.

`demand_for` is the one step the coverage page and the placement plans share (ADR 0010).
Every row it reads goes through the access gate: a user's demand is built only from the
streets, risk points, incidents and cameras that user may read.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass
from datetime import timedelta

import numpy as np
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from safetyzone.cameras.models import Camera, Status
from safetyzone.core import access
from safetyzone.core.templatetags.thai import thai_number
from safetyzone.geo import demand as geodemand
from safetyzone.geo.fov import degrees_box
from safetyzone.geo.roads import Segment
from safetyzone.geo.shapes import validate_zone

from .geo_refusals import segment_array
from .models import Incident, RiskPoint, RiskStatus, RoadFile, RoadSegment, SafetyZone

MAX_DEMAND_POINTS = 400_000  # a large city (~3,000 segments) is ~40,000
CAMERA_REACH_M = 2000.0  # the largest range the registry allows (cameras.models)
INCIDENT_DAYS = 365


class CoverageTooLarge(Exception):
    """The streets would give more demand points than the page computes in memory."""

    def __init__(self, points: int, limit: int = MAX_DEMAND_POINTS):
        self.points, self.limit = points, limit
        super().__init__(_("This area has too many streets for one coverage run: about %(points)s demand "
                           "points, at most %(limit)s. Choose a Safety Zone or a smaller area, or sample "
                           "the streets less often (a longer spacing).")
                         % {"points": thai_number(points), "limit": thai_number(limit)})


@dataclass(frozen=True)
class Weights:
    """How much each thing weighs in the demand (defaults: seed 000, see geo.demand)."""

    lane: float = geodemand.DEFAULT_CLASS_WEIGHTS["lane"]
    local: float = geodemand.DEFAULT_CLASS_WEIGHTS["local"]
    main: float = geodemand.DEFAULT_CLASS_WEIGHTS["main"]
    risk_low: float = geodemand.DEFAULT_SEVERITY_WEIGHTS[1]
    risk_medium: float = geodemand.DEFAULT_SEVERITY_WEIGHTS[2]
    risk_high: float = geodemand.DEFAULT_SEVERITY_WEIGHTS[3]
    risk_critical: float = geodemand.DEFAULT_SEVERITY_WEIGHTS[4]
    incident: float = 1.0
    spacing_m: float = geodemand.DEFAULT_SPACING_M
    radius_m: float = geodemand.DEFAULT_RADIUS_M

    def class_weights(self) -> dict[str, float]:
        return {"lane": self.lane, "local": self.local, "main": self.main}

    def severity_table(self) -> dict[int, float]:
        return {1: self.risk_low, 2: self.risk_medium, 3: self.risk_high, 4: self.risk_critical}

    def key(self) -> tuple:
        return astuple(self)


@dataclass(frozen=True)
class Points:
    """Plain arrays of positioned records (risk points, incidents, cameras)."""

    ids: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    extra: dict  # name -> array (risk: name, severity, weight; cameras: bearing, fov, range)

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class AreaDemand:
    demand: geodemand.Demand
    class_part: np.ndarray  # per demand point: weight from its road class
    risk_part: np.ndarray  # ... from risk points within the radius
    incident_part: np.ndarray  # ... from incidents within the radius
    segment_names: list[str]  # by demand.segment
    cameras: Points  # readable working cameras near the demand: bearing, fov, range (NaN unknown)
    risks: Points
    incidents: Points
    weights: Weights
    segments: int  # street segments used


def readable_road_files(user):
    return access.scope(user, RoadFile.objects.select_related("area", "organisation"))


def readable_road_file(user, pk: int) -> RoadFile | None:
    return readable_road_files(user).filter(pk=pk).first()


def road_file_for_zone(user, zone_id: int) -> int | None:
    """The newest readable road file of a readable zone's district (else its province), or None."""
    zone = access.scope(user, SafetyZone.objects.filter(pk=zone_id)).values("district_id", "province_id").first()
    if zone is None:
        return None
    files = readable_road_files(user).order_by("-created_at", "-id").values_list("pk", flat=True)
    if zone["district_id"]:
        found = files.filter(district_id=zone["district_id"]).first()
        if found:
            return found
    return files.filter(province_id=zone["province_id"]).first()


def class_totals(user, road_file: RoadFile) -> list[dict]:
    """Segments and length per road class (main, local, lane), through the gate."""
    rows = (access.scope(user, RoadSegment.objects.filter(road_file=road_file)).order_by()
            .values("road_class").annotate(n=Count("id"), length=Sum("length_m")))
    found = {r["road_class"]: r for r in rows}
    return [{"road_class": c, "segments": found.get(c, {}).get("n", 0),
             "length_km": round((found.get(c, {}).get("length") or 0) / 1000, 2)} for c in ("main", "local", "lane")]


def _segments(user, road_file: RoadFile, box) -> tuple[list[Segment], list[str]]:
    rows = access.scope(user, RoadSegment.objects.filter(road_file=road_file)).order_by("id").values_list(
        "road_class", "name", "coords")
    segments, names = [], []
    for number, (cls, name, coords) in enumerate(rows.iterator(chunk_size=5000), 1):
        arr = segment_array(coords, number, name)  # a broken line is refused naming its street
        if box is not None:
            s, n, w, e = box
            if arr[:, 0].max() < s or arr[:, 0].min() > n or arr[:, 1].max() < w or arr[:, 1].min() > e:
                continue
        segments.append(Segment(arr[:, 0], arr[:, 1], cls, name))
        names.append(name)
    return segments, names


def _clip(zone: SafetyZone | None, area):
    if zone is not None:
        return validate_zone(zone.polygon).polygon
    if area is not None and area.boundary:
        from shapely.geometry import shape

        try:
            return shape(area.boundary)
        except (ValueError, TypeError, AttributeError, KeyError):
            return None
    return None


def _grown(bounds, metres: float):
    """(south, north, west, east) grown by `metres`."""
    s, n, w, e = bounds
    dlat, dlon = degrees_box((s + n) / 2, metres)
    return s - dlat, n + dlat, w - dlon, e + dlon


def _located(user, qs, area, box):
    qs = access.scope(user, qs)
    if area is not None:
        qs = qs.filter(access.area_q(area, ""))
    s, n, w, e = box
    return qs.filter(lat__gte=s, lat__lte=n, lon__gte=w, lon__lte=e)


def _points(rows, *names) -> Points:
    rows = list(rows)
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    lat = np.array([float(r[1]) for r in rows], dtype=float)
    lon = np.array([float(r[2]) for r in rows], dtype=float)
    extra = {name: [r[3 + i] for r in rows] for i, name in enumerate(names)}
    return Points(ids, lat, lon, extra)


def _nan(values) -> np.ndarray:
    return np.array([np.nan if v is None else float(v) for v in values], dtype=float)


def demand_for(user, road_file: RoadFile, *, zone: SafetyZone | None = None, area=None,
               weights: Weights | None = None, now=None) -> AreaDemand:
    """The weighted demand of `road_file`'s streets in `zone` (clipped to its polygon) or `area`
    (the records located in it; no clipping unless the area has a boundary), with the working
    cameras, open risk points and last 12 months' incidents `user` may read (ADR 0010).

    Raises CoverageTooLarge before sampling when the streets would give too many points, and
    geo.errors.GeoInputError for weights the library refuses (parameter_invalid)."""
    weights = weights or Weights()
    if zone is None and area is None:
        area = road_file.area
    clip = _clip(zone, area)
    if clip is None:  # the whole file: refuse from the stored lengths before reading any segment
        stored = access.scope(user, RoadSegment.objects.filter(road_file=road_file)).aggregate(
            n=Count("id"), length=Sum("length_m"))
        estimate = int((stored["length"] or 0) / max(weights.spacing_m, 1e-3)) + stored["n"]
        if estimate > MAX_DEMAND_POINTS:
            raise CoverageTooLarge(estimate)
    box = None
    if clip is not None:
        w, s, e, n = clip.bounds
        box = _grown((s, n, w, e), weights.spacing_m)
    segments, names = _segments(user, road_file, box)
    lengths = sum(float(np.hypot(np.diff(sg.lat), np.diff(sg.lon)).sum()) for sg in segments) * 111_320
    estimate = int(lengths / max(weights.spacing_m, 1e-3)) + len(segments)
    if estimate > MAX_DEMAND_POINTS:
        raise CoverageTooLarge(estimate)
    if segments:
        lat = np.concatenate([sg.lat for sg in segments])
        lon = np.concatenate([sg.lon for sg in segments])
        bounds = (float(lat.min()), float(lat.max()), float(lon.min()), float(lon.max()))
    else:
        bounds = (0.0, 0.0, 0.0, 0.0)
    near = _grown(bounds, 2 * weights.radius_m)
    now = now or timezone.now()
    risks = _points(_located(user, RiskPoint.objects.filter(status=RiskStatus.OPEN), area if zone is None else None,
                             near).order_by("id").values_list("id", "lat", "lon", "name", "severity"),
                    "name", "severity")
    incidents = _points(_located(user, Incident.objects.filter(occurred_at__gte=now - timedelta(days=INCIDENT_DAYS)),
                                 area if zone is None else None, near).order_by("id").values_list("id", "lat", "lon"))
    cam_rows = _located(user, Camera.objects.filter(status=Status.WORKING), area if zone is None else None,
                        _grown(bounds, CAMERA_REACH_M)).order_by("id").values_list(
        "id", "lat", "lon", "bearing_deg", "fov_deg", "range_m")
    cams = _points(cam_rows, "bearing", "fov", "range")
    cams = Points(cams.ids, cams.lat, cams.lon, {k: _nan(v) for k, v in cams.extra.items()})
    risk_weight = geodemand.severity_weights(risks.extra["severity"], weights.severity_table()) if len(risks) \
        else np.zeros(0)
    risks.extra["weight"] = risk_weight
    common = {"spacing_m": weights.spacing_m, "clip": clip, "risk_radius_m": weights.radius_m,
              "incident_radius_m": weights.radius_m}
    demand = geodemand.demand_points(
        segments, class_weights=weights.class_weights(), risk_lat=risks.lat, risk_lon=risks.lon,
        risk_weight=risk_weight, incident_lat=incidents.lat, incident_lon=incidents.lon,
        incident_weight=np.full(len(incidents), float(weights.incident)), **common)
    risk_only = geodemand.demand_points(
        segments, origin=demand.origin, class_weights={"lane": 0.0, "local": 0.0, "main": 0.0},
        risk_lat=risks.lat, risk_lon=risks.lon, risk_weight=risk_weight, **common) if len(risks) else None
    class_w = np.array([weights.class_weights()[c] for c in geodemand.CLASS_CODES])
    class_part = class_w[demand.road_class] * demand.length_m / float(weights.spacing_m)
    risk_part = risk_only.weight if risk_only is not None else np.zeros(len(demand))
    incident_part = np.maximum(demand.weight - class_part - risk_part, 0.0)
    return AreaDemand(demand, class_part, risk_part, incident_part, names, cams, risks, incidents, weights,
                      len(segments))
