"""What the existing working cameras see of an area's or a zone's demand, and its blind spots.

`coverage_report` runs geo.blindspots.existing_coverage over `coverage_selectors.demand_for`
and folds the answer into plain numbers, rows and map data (picklable, so it is cached under
the inputs, the camera registry's version and the planning records' latest change).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np
from django.core.cache import cache
from django.utils import timezone
from scipy.spatial import cKDTree

from safetyzone.cameras.selectors import registry_version
from safetyzone.geo import demand as geodemand
from safetyzone.geo.blindspots import existing_coverage
from safetyzone.geo.fov import DEFAULT_RANGE_M, to_local_xy
from safetyzone.geo.shapes import from_local_xy

from .coverage_selectors import AreaDemand, Weights, demand_for
from .models import Incident, RiskPoint

CELL_M = 100.0  # blind spots are gathered on squares of this side
MAX_MAP_POINTS = 6000  # above this many demand points the map draws the squares instead
TABLE_ROWS = 50
CACHE_SECONDS = 600


@dataclass
class CoverageReport:
    share: float  # covered share of the weighted demand, 0..1
    covered_weight: float
    total_weight: float
    points: int
    covered_points: int
    cameras: int
    risks: int
    incidents: int
    segments: int
    by_class: list[dict] = field(default_factory=list)
    blind: list[dict] = field(default_factory=list)  # every 100 m square with uncovered demand, heaviest first
    map: dict = field(default_factory=dict)

    @property
    def share_pct(self) -> float:
        return round(100 * self.share, 1)

    @property
    def worst(self) -> list[dict]:
        return self.blind[:TABLE_ROWS]


def _by_class(d: AreaDemand, covered: np.ndarray) -> list[dict]:
    rows = []
    for code, cls in enumerate(geodemand.CLASS_CODES):
        sel = d.demand.road_class == code
        total = float(d.demand.weight[sel].sum())
        seen = float(d.demand.weight[sel & covered].sum())
        rows.append({"road_class": cls, "length_km": round(float(d.demand.length_m[sel].sum()) / 1000, 2),
                     "points": int(sel.sum()), "weight": round(total, 1), "covered": round(seen, 1),
                     "share_pct": round(100 * seen / total, 1) if total > 0 else None})
    return rows


def _blind_cells(d: AreaDemand, covered: np.ndarray) -> list[dict]:
    """Uncovered demand per CELL_M square, heaviest first, each with the street of its heaviest
    point and why it weighs (its road class, the nearest risk point, incidents nearby)."""
    dem = d.demand
    open_ = np.nonzero(~covered & (dem.weight > 0))[0]
    if not len(open_):
        return []
    keys = np.column_stack([np.floor(dem.x[open_] / CELL_M), np.floor(dem.y[open_] / CELL_M)]).astype(np.int64)
    cells, inverse = np.unique(keys, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    weight = np.bincount(inverse, weights=dem.weight[open_], minlength=len(cells))
    parts = {name: np.bincount(inverse, weights=arr[open_], minlength=len(cells))
             for name, arr in (("class", d.class_part), ("risk", d.risk_part), ("incident", d.incident_part))}
    order = np.argsort(-weight, kind="stable")
    members = np.argsort(inverse, kind="stable")
    starts = np.concatenate([[0], np.cumsum(np.bincount(inverse, minlength=len(cells)))])
    risk_tree = incident_tree = None
    origin = dem.origin
    if len(d.risks):
        risk_tree = cKDTree(np.column_stack(to_local_xy(d.risks.lat, d.risks.lon, *origin)))
    if len(d.incidents):
        incident_tree = cKDTree(np.column_stack(to_local_xy(d.incidents.lat, d.incidents.lon, *origin)))
    radius = d.weights.radius_m
    clat, clon = from_local_xy((cells[:, 0] + 0.5) * CELL_M, (cells[:, 1] + 0.5) * CELL_M, *origin)
    rows = []
    for c in order:
        pts = open_[members[starts[c]:starts[c + 1]]]
        top = pts[np.argmax(dem.weight[pts])]
        street = d.segment_names[dem.segment[top]]
        if not street:  # the nearest named street among the square's points
            named = [p for p in pts if d.segment_names[dem.segment[p]]]
            if named:
                near = min(named, key=lambda p: np.hypot(dem.x[p] - dem.x[top], dem.y[p] - dem.y[top]))
                street = d.segment_names[dem.segment[near]]
        risk = None
        if risk_tree is not None and parts["risk"][c] > 0:
            dist, i = risk_tree.query([dem.x[top], dem.y[top]])
            if dist <= radius * 3:
                risk = {"name": d.risks.extra["name"][i], "severity": int(d.risks.extra["severity"][i])}
        incidents = 0
        if incident_tree is not None and parts["incident"][c] > 0:
            hits = incident_tree.query_ball_point(np.column_stack([dem.x[pts], dem.y[pts]]), radius)
            incidents = len({i for h in hits for i in h})
        rows.append({"lat": round(float(clat[c]), 6), "lon": round(float(clon[c]), 6),
                     "weight": round(float(weight[c]), 1), "points": len(pts), "street": street,
                     "road_class": geodemand.CLASS_CODES[int(dem.road_class[top])],
                     "lane_weight": round(float(parts["class"][c]), 1), "risk_weight": round(float(parts["risk"][c]), 1),
                     "incident_weight": round(float(parts["incident"][c]), 1), "risk": risk, "incidents": incidents})
    return rows


def _map(d: AreaDemand, covered: np.ndarray, blind: list[dict]) -> dict:
    dem, cams = d.demand, d.cameras
    rng = np.where(np.isfinite(cams.extra["range"]), cams.extra["range"], DEFAULT_RANGE_M)
    cameras = [[round(float(a), 6), round(float(b), 6),
                None if np.isnan(br) else float(br), None if np.isnan(fv) else float(fv), float(r)]
               for a, b, br, fv, r in zip(cams.lat, cams.lon, cams.extra["bearing"], cams.extra["fov"], rng)]
    data = {"cameras": cameras, "cell_m": CELL_M, "max_weight": float(dem.weight.max()) if len(dem) else 0.0,
            "risks": [[round(float(a), 6), round(float(b), 6), n, int(s)] for a, b, n, s in
                      zip(d.risks.lat, d.risks.lon, d.risks.extra["name"], d.risks.extra["severity"])]}
    if len(dem) <= MAX_MAP_POINTS:
        data["points"] = [[round(float(a), 6), round(float(b), 6), round(float(w), 2), int(c)]
                          for a, b, w, c in zip(dem.lat, dem.lon, dem.weight, covered)]
    else:
        data["cells"] = [[r["lat"], r["lon"], r["weight"]] for r in blind]
        data["max_cell"] = blind[0]["weight"] if blind else 0.0
    if len(dem):
        data["bounds"] = [[float(dem.lat.min()), float(dem.lon.min())], [float(dem.lat.max()), float(dem.lon.max())]]
    return data


def compute(d: AreaDemand) -> CoverageReport:
    c = d.cameras
    result = existing_coverage(d.demand, c.lat, c.lon, c.extra["bearing"], c.extra["fov"], c.extra["range"])
    blind = _blind_cells(d, result.covered)
    return CoverageReport(
        share=result.share, covered_weight=round(result.covered_weight, 1), total_weight=round(result.total_weight, 1),
        points=len(d.demand), covered_points=int(result.covered.sum()), cameras=result.cameras, risks=len(d.risks),
        incidents=len(d.incidents), segments=d.segments, by_class=_by_class(d, result.covered), blind=blind,
        map=_map(d, result.covered, blind))


def _planning_version() -> tuple:
    last_risk = RiskPoint.history.order_by("-history_id").values_list("history_id", flat=True).first() or 0
    incidents = Incident.objects.order_by("-id").values_list("id", flat=True).first() or 0
    return last_risk, incidents, Incident.objects.count()


def cache_key(user, road_file, zone, area, weights: Weights) -> str:
    raw = repr((user.pk, user.role, user.organisation_id, user.is_superuser, road_file.pk,
                zone.pk if zone else None, zone.polygon if zone else None, getattr(area, "pk", None),
                weights.key(), registry_version(), _planning_version(), timezone.localdate()))
    return "planning-coverage:" + hashlib.sha256(raw.encode()).hexdigest()


def coverage_report(user, road_file, *, zone=None, area=None, weights: Weights | None = None) -> CoverageReport:
    """The coverage of the road file's streets in the zone or area (cached; see the module)."""
    weights = weights or Weights()
    key = cache_key(user, road_file, zone, area, weights)
    report = cache.get(key)
    if report is None:
        report = compute(demand_for(user, road_file, zone=zone, area=area, weights=weights))
        cache.set(key, report, CACHE_SECONDS)
    return report
