"""The heavy part of a placement plan (ADR 0010, plan half): demand, existing coverage,
candidate poles and their camera options, the coverage matrix and the optimiser.

Everything is read through the access gate as the user who asked for the run (the worker has
no request; plan_services passes that user): their demand (coverage_selectors.demand_for),
poles and streets. The pure
geo library does the work; this module only turns records into arrays and the optimiser's
Plan into planned cameras with the demand each adds. Refusals are PlanRefused(code, values),
translated by plan_services.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from scipy.spatial import cKDTree

from safetyzone.core import access
from safetyzone.geo.candidates import CameraType, candidate_poles, pole_options
from safetyzone.geo.blindspots import existing_coverage
from safetyzone.geo.coverage import DEFAULT_MAX_BYTES, PlacementError, coverage_matrix
from safetyzone.geo.demand import Samples
from safetyzone.geo.fov import to_local_xy
from safetyzone.geo.placement import optimise
from safetyzone.geo.roads import Segment
from safetyzone.geo.shapes import validate_zone

from .coverage_selectors import demand_for
from .models import PlacementPlan, Pole, RoadSegment

DEFAULT_POLE_SPACING_M = 40


class PlanRefused(Exception):
    """The plan cannot be computed: `code` says why, `values` the numbers behind it."""

    def __init__(self, code: str, **values):
        self.code, self.values = code, values
        super().__init__(code)


@dataclass
class PlannedCamera:
    phase: int
    lat: float
    lon: float
    bearing: float
    fov: float
    range_m: float
    type_index: int
    cost: float
    gain: float
    place: str


@dataclass
class Computed:
    total_weight: float
    existing_weight: float
    covered_weight: float  # newly covered by the plan
    lp_bound: float | None  # bound on the newly covered weight
    status: str  # heuristic / optimal / time_limit / other
    gap: float | None  # exact: proven MIP gap; fast: distance to the LP bound
    cost: float
    cameras: list[PlannedCamera] = field(default_factory=list)
    demand_points: int = 0
    poles: int = 0
    options: int = 0


def camera_types(plan: PlacementPlan) -> list[CameraType]:
    return [CameraType(t["name"], float(t["fov_deg"]), float(t["range_m"]), float(t["cost"]))
            for t in plan.camera_types]


def budgets(plan: PlacementPlan) -> list[float]:
    return [float(b) for b in plan.phases] if plan.phases else [float(plan.budget)]


def _clip(plan: PlacementPlan):
    if plan.zone_id:
        return validate_zone(plan.zone.polygon).polygon
    return None


def _segments(user, plan: PlacementPlan) -> tuple[list[Segment], list[str]]:
    rows = access.scope(user, RoadSegment.objects.filter(road_file_id=plan.road_file_id)).order_by("id")
    segments, names = [], []
    for cls, name, coords in rows.values_list("road_class", "name", "coords").iterator(chunk_size=5000):
        arr = np.asarray(coords, dtype=float).reshape(-1, 2)
        segments.append(Segment(arr[:, 0], arr[:, 1], cls, name))
        names.append(name)
    return segments, names


def _street_names(demand, names: list[str], x, y) -> tuple[np.ndarray, list[str]]:
    """Bearing of the street and its name at the demand point nearest each (x, y)."""
    _, near = cKDTree(np.column_stack([demand.x, demand.y])).query(np.column_stack([x, y]))
    return demand.bearing[near], [names[demand.segment[i]] if demand.segment[i] < len(names) else "" for i in near]


def _loaded_poles(user, plan, demand, names, reach: float):
    rows = list(access.scope(user, Pole.objects.filter(pole_set_id=plan.pole_set_id)).order_by("id")
                .values_list("ref", "lat", "lon", "max_cameras"))
    if not rows:
        raise PlacementError("empty_candidates")
    lat = np.array([float(r[1]) for r in rows])
    lon = np.array([float(r[2]) for r in rows])
    x, y = to_local_xy(lat, lon, *demand.origin)
    dist, _ = cKDTree(np.column_stack([demand.x, demand.y])).query(np.column_stack([x, y]))
    keep = np.nonzero(dist <= reach)[0]  # a pole farther than the longest range sees nothing
    bearing, streets = _street_names(demand, names, x[keep], y[keep])
    n = len(keep)
    poles = Samples(x[keep], y[keep], lat[keep], lon[keep], np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int8),
                    bearing, np.zeros(n), demand.origin)
    places = [rows[i][0] or streets[k] for k, i in enumerate(keep)]
    limits = np.array([min(rows[i][3], plan.max_per_pole) for i in keep], dtype=np.int64)
    return poles, places, limits


def _generated_poles(plan, demand, segments, names, every_m: float):
    poles = candidate_poles(segments, every_m, origin=demand.origin, clip=_clip(plan))
    places = [f"{names[s] or '–'} #{i + 1}" for i, s in enumerate(poles.segment)]
    return poles, places, np.full(len(poles), plan.max_per_pole, dtype=np.int64)


def _per_pole(cover, cost, site, limits_by_site):
    """Let a pole hold up to its limit of cameras: the options are repeated once per extra
    camera under a site id of their own (pole × k + j), so one-per-site holds per copy."""
    k = int(limits_by_site.max()) if len(limits_by_site) else 1
    if k <= 1:
        return cover, cost, site, np.arange(len(cost))
    cols, sites = [], []
    for j in range(k):
        sel = np.nonzero(limits_by_site[site] > j)[0]
        cols.append(sel)
        sites.append(site[sel] * k + j)
    idx = np.concatenate(cols)
    return cover[:, idx], cost[idx], np.concatenate(sites), idx


def _gains(cover, weight, covered, phases) -> list[tuple[int, int, float]]:
    """(phase, option, weight it adds) in buying order: within a phase, largest addition first."""
    covered = covered.copy()
    cols = cover.tocsc()
    out = []
    for number, phase in enumerate(phases, start=1):
        left = [int(j) for j in phase.options]
        while left:
            adds = [float(weight[cols.indices[cols.indptr[j]:cols.indptr[j + 1]]][
                ~covered[cols.indices[cols.indptr[j]:cols.indptr[j + 1]]]].sum()) for j in left]
            best = int(np.argmax(adds))
            j = left.pop(best)
            covered[cols.indices[cols.indptr[j]:cols.indptr[j + 1]]] = True
            out.append((number, j, adds[best]))
    return out


def compute(plan: PlacementPlan, *, user=None, every_m: float = DEFAULT_POLE_SPACING_M,
            progress=lambda text: None) -> Computed:
    """`user`: whose access the run reads through (plan_services passes who asked for it)."""
    user = user or plan.created_by
    types = camera_types(plan)
    orientations = (plan.camera_types[0].get("orientations") or "street") if plan.camera_types else "street"
    progress("demand")
    area_demand = demand_for(user, plan.road_file, zone=plan.zone, area=None if plan.zone_id else plan.area)
    demand = area_demand.demand
    if not len(demand) or demand.total_weight <= 0:
        raise PlanRefused("no_streets")
    cams = area_demand.cameras
    existing = existing_coverage(demand, cams.lat, cams.lon, cams.extra["bearing"], cams.extra["fov"],
                                 cams.extra["range"])
    progress("poles")
    segments, names = _segments(user, plan)
    reach = max(t.range_m for t in types)
    if plan.pole_set_id:
        poles, places, limits = _loaded_poles(user, plan, demand, names, reach)
    else:
        poles, places, limits = _generated_poles(plan, demand, segments, names, every_m)
    if not len(poles):
        raise PlacementError("empty_candidates")
    cand = pole_options(poles, types, orientations)
    progress("coverage")
    max_bytes = int(getattr(settings, "PLAN_MAX_MATRIX_BYTES", DEFAULT_MAX_BYTES))
    cover = coverage_matrix(demand.x, demand.y, cand.options, max_bytes=max_bytes)
    site = cand.options.site
    cover_k, cost_k, site_k, col = _per_pole(cover, cand.options.cost, site, limits)
    progress("optimise")
    result = optimise(cover_k, demand.weight, cost_k, site_k, budgets(plan), mode=plan.mode,
                      already_covered=existing.covered, gap=plan.gap_target, time_limit=float(plan.time_limit_s))
    cameras = []
    for phase, j, gain in _gains(cover_k, demand.weight, existing.covered, result.phases):
        o = col[j]
        p = cand.pole[o]
        cameras.append(PlannedCamera(phase, float(poles.lat[p]), float(poles.lon[p]),
                                     float(cand.options.bearing[o]) % 360, float(cand.options.fov[o]),
                                     float(cand.options.rng[o]), int(cand.camera_type[o]), float(cand.options.cost[o]),
                                     gain, places[p]))
    if plan.mode == "exact" and result.gap is not None:
        gap = result.gap
    elif result.lp_bound:
        gap = max(0.0, (result.lp_bound - result.covered_weight) / result.lp_bound)
    else:
        gap = 0.0 if result.lp_bound is not None else None
    return Computed(result.total_weight, result.existing_weight, result.covered_weight, result.lp_bound,
                    result.status, gap, result.cost, cameras, len(demand), len(poles), len(cand))
