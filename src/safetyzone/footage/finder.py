"""The camera finder: every camera the user may read that could have seen an incident.

One indexed bounding-box query (index camera_lat_lon_status) fetches the few columns the
geometry needs, geo.fov decides coverage and ranks in numpy, and one more query loads the
hits with their site and owner. Both queries go through the access gate.

The box: a camera can see at most its range, and the registry holds no range above
MAX_RANGE_M (a database constraint). Nearly every camera sees less than NEAR_M, so the
query takes every camera within radius + NEAR_M of the incident, plus those within
radius + MAX_RANGE_M whose range is longer than NEAR_M (a few long-range PTZ cameras): exact,
without reading thousands of short-range cameras of a busy town centre kilometres away.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

import numpy as np
from django.db.models import FloatField, Q
from django.db.models.functions import Cast
from django.utils import timezone

from safetyzone.cameras.models import Camera
from safetyzone.core import access
from safetyzone.geo import fov

MAX_RANGE_M = 2000  # the camera_range_positive constraint
NEAR_M = 250  # must be >= fov.DEFAULT_RANGE_M; equals the condition of the index camera_long_range_lat_lon


@dataclass(frozen=True)
class Hit:
    camera: Camera  # with site and site.owner loaded
    distance_m: int  # from the camera to the incident's centre
    score: float  # coverage in [0, 1], higher is better (geo.fov.coverage)
    overwrite_at: datetime | None  # None when the camera's retention is unknown
    direction_known: bool


@dataclass
class FinderResult:
    available: list[Hit] = field(default_factory=list)  # best coverage first
    gone: list[Hit] = field(default_factory=list)  # footage already overwritten at `now`


def _aware(value: datetime, name: str) -> datetime:
    if timezone.is_naive(value):
        raise ValueError(f"{name} must be timezone-aware")  # a programming error: forms make aware times
    return value


def overwrite_moment(starts_at: datetime, retention_days: int | None) -> datetime | None:
    """When the recorder overwrites the footage of an incident that started at `starts_at`.

    A recorder keeping N days overwrites what it recorded N days (24 h each: elapsed time, not
    calendar days) later. None when the retention is unknown. The answer is in starts_at's
    time zone.
    """
    _aware(starts_at, "starts_at")
    if retention_days is None:
        return None
    moment = starts_at.astimezone(dt_timezone.utc) + timedelta(days=int(retention_days))
    return moment.astimezone(starts_at.tzinfo)


def _floats(values) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def candidates(user, lat: float, lon: float, radius_m: float):
    """(ids, lat, lon, bearing, fov, range) of the cameras in the search box the user may read."""
    def box(margin):
        dlat, dlon = fov.degrees_box(lat, margin)
        return Q(lat__gte=lat - dlat, lat__lte=lat + dlat, lon__gte=lon - dlon, lon__lte=lon + dlon)

    where = box(radius_m + NEAR_M) | (box(radius_m + MAX_RANGE_M) & Q(range_m__gt=NEAR_M))
    rows = list(access.scope(user, Camera.objects.filter(where)).order_by()
                .annotate(flat=Cast("lat", FloatField()), flon=Cast("lon", FloatField()))
                .values_list("id", "flat", "flon", "bearing_deg", "fov_deg", "range_m"))
    if not rows:
        return (np.empty(0, dtype=np.int64),) + (np.empty(0),) * 5
    ids, lats, lons, bearings, fovs, ranges = zip(*rows)
    return (np.array(ids, dtype=np.int64), np.array(lats, dtype=float), np.array(lons, dtype=float),
            _floats(bearings), _floats(fovs), _floats(ranges))


def find_cameras(user, *, lat: float, lon: float, radius_m: int, starts_at: datetime,
                 ends_at: datetime, now: datetime | None = None) -> FinderResult:
    """The cameras the user may read whose field of view reaches the disc (lat, lon, radius_m),
    ranked by coverage; those whose footage of `starts_at` is overwritten by `now` are `gone`."""
    _aware(starts_at, "starts_at")
    _aware(ends_at, "ends_at")
    if ends_at < starts_at:
        raise ValueError("ends_at is before starts_at")
    now = _aware(now, "now") if now is not None else timezone.now()
    ids, lats, lons, bearings, fovs, ranges = candidates(user, float(lat), float(lon), float(radius_m))
    east, north = fov.to_local_xy(lats, lons, float(lat), float(lon))  # cameras around the incident
    dx, dy = -east, -north  # the incident seen from each camera
    covered, score, known = fov.coverage(dx, dy, bearings, fovs, ranges, radius=float(radius_m))
    dist = np.hypot(dx, dy)
    picked = np.nonzero(covered)[0]
    order = picked[np.lexsort((ids[picked], dist[picked], -score[picked]))]
    # the ids came through the access gate in candidates(); filtering the gate's Q again here
    # (an OR across the site join for a police station) only cost the planner time
    cameras = Camera.objects.select_related("site__owner").filter(pk__in=ids[order].tolist())
    by_id = {c.pk: c for c in cameras}
    result = FinderResult()
    for i in order:
        camera = by_id.get(int(ids[i]))
        if camera is None:  # deleted between the two queries
            continue
        moment = overwrite_moment(starts_at, camera.retention_days)
        hit = Hit(camera=camera, distance_m=int(round(dist[i])), score=float(score[i]),
                  overwrite_at=moment, direction_known=bool(known[i]))
        (result.gone if moment is not None and moment <= now else result.available).append(hit)
    return result
