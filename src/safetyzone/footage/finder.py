"""The camera finder: every camera the user may read that could have seen an incident.

One indexed bounding-box query through the access gate (indexes camera_lat_lon_status and
camera_long_range_lat_lon) fetches what the geometry needs and what a hit shows, with the
site's and owner's names; geo.fov decides coverage and ranks in numpy; the hits become model
instances. The query is compiled once per gate filter and reused (footage/finder_query.py).

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
from django.utils import timezone

from safetyzone.cameras.models import Camera
from safetyzone.geo import fov

from . import finder_query

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


def candidates(user, lat: float, lon: float, radius_m: float):
    """(ids, lat, lon, bearing, fov, range, box) of the cameras in the search box the user may
    read: numpy arrays for the geometry (NaN where unknown), and the query's raw rows."""
    dlat, dlon = fov.degrees_box(lat, radius_m + NEAR_M)
    flat, flon = fov.degrees_box(lat, radius_m + MAX_RANGE_M)
    bounds = (lat - dlat, lat + dlat, lon - dlon, lon + dlon, lat - flat, lat + flat, lon - flon, lon + flon)
    box = finder_query.box_rows(user, bounds, NEAR_M)
    if not box.rows:
        return (np.empty(0, dtype=np.int64),) + (np.empty(0),) * 5 + (box,)
    columns = list(zip(*box.rows))
    ids, *floats = (columns[i] for i in finder_query.GEOMETRY)
    return (np.array(ids, dtype=np.int64), *(np.array(c, dtype=float) for c in floats), box)


def find_cameras(user, *, lat: float, lon: float, radius_m: int, starts_at: datetime,
                 ends_at: datetime, now: datetime | None = None) -> FinderResult:
    """The cameras the user may read whose field of view reaches the disc (lat, lon, radius_m),
    ranked by coverage; those whose footage of `starts_at` is overwritten by `now` are `gone`."""
    _aware(starts_at, "starts_at")
    _aware(ends_at, "ends_at")
    if ends_at < starts_at:
        raise ValueError("ends_at is before starts_at")
    now = _aware(now, "now") if now is not None else timezone.now()
    ids, lats, lons, bearings, fovs, ranges, box = candidates(user, float(lat), float(lon), float(radius_m))
    east, north = fov.to_local_xy(lats, lons, float(lat), float(lon))  # cameras around the incident
    dx, dy = -east, -north  # the incident seen from each camera
    covered, score, known = fov.coverage(dx, dy, bearings, fovs, ranges, radius=float(radius_m))
    dist = np.hypot(dx, dy)
    picked = np.nonzero(covered)[0]
    order = picked[np.lexsort((ids[picked], dist[picked], -score[picked]))]
    # the hits' cameras, with site and owner, from the rows the gated box query already read
    cameras = finder_query.cameras(box, [box.rows[i] for i in order])
    result, moments = FinderResult(), {}  # a few retention periods among the hits
    for i, camera in zip(order, cameras):
        days = camera.retention_days
        moment = moments[days] if days in moments else moments.setdefault(days, overwrite_moment(starts_at, days))
        hit = Hit(camera=camera, distance_m=int(round(dist[i])), score=float(score[i]),
                  overwrite_at=moment, direction_known=bool(known[i]))
        (result.gone if moment is not None and moment <= now else result.available).append(hit)
    return result
