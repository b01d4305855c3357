"""Writes of road files: a loaded file (GeoJSON, .osm, .pbf) or a generated street grid, stored
as one RoadFile with its RoadSegment rows in one transaction (bulk), or nothing at all.

The pure reader (geo.roads) refuses bad files with a code; `message` turns each code into a
sentence in the page's language that says what is wrong and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from safetyzone.core import access
from safetyzone.geo import roads as georoads
from safetyzone.geo.errors import GeoInputError
from safetyzone.geo.fov import to_local_xy
from safetyzone.geo.street_grid import street_grid
from safetyzone.core.templatetags.thai import thai_number

from .models import RoadFile, RoadFormat, RoadSegment

MAX_BYTES = 100 * 1024 * 1024  # a province's OpenStreetMap extract is ~10-30 MB
GRID_SIZE_M = (300.0, 5000.0)
BATCH = 2000


def _n(value) -> str:
    return thai_number(value)


def message(error: GeoInputError) -> str:
    """A road file refusal in words (the page's language)."""
    v = error.values
    texts = {
        "file_unreadable": lambda: _("The file could not be read: it is damaged or not a road file "
                                     "(%(reason)s). Export it again and load the new file.")
        % {"reason": v.get("reason", "")},
        "format_unknown": lambda: _("This is not a GeoJSON or OpenStreetMap (.osm, .pbf) file. "
                                    "Save the roads as GeoJSON or download an OpenStreetMap extract."),
        "no_roads": lambda: _("The file holds no roads: no line features and no OpenStreetMap ways "
                              "with a highway tag (%(features)s other features)."
                              ) % {"features": _n(v.get("features", 0))},
        "geometry_invalid": lambda: _("Feature %(feature)s has coordinates that are not numbers "
                                      "(%(reason)s).") % {"feature": _n(v.get("feature")),
                                                          "reason": v.get("reason", "")},
        "too_large": lambda: _("The file is too large: %(vertices)s points, at most %(limit)s. Cut it to "
                               "your district or municipality and load that part.")
        % {"vertices": _n(v.get("vertices", 0)), "limit": _n(v.get("limit", 0))},
        "crs_unknown": lambda: _("The file declares a coordinate system that is not known (%(crs)s). "
                                 "Export it in WGS84 (EPSG:4326).") % {"crs": v.get("crs", "")},
        "crs_mismatch": lambda: _("The file declares the projected system %(crs)s (metres) but its "
                                  "coordinates are degrees (%(x)s, %(y)s): the declaration is wrong. "
                                  "Remove the crs member or export the file again in WGS84 (EPSG:4326).")
        % {"crs": v.get("crs", ""), "x": v.get("x"), "y": v.get("y")},
        "coordinates_in_metres": lambda: _(
            "Wrong projection: feature %(feature)s has coordinates in metres (%(x)s, %(y)s), not "
            "degrees, and the file does not say which system they are in. Export the file in WGS84 "
            "(EPSG:4326), or with its crs (e.g. UTM 47N, EPSG:32647).")
        % {"feature": _n(v.get("feature")), "x": v.get("x"), "y": v.get("y")},
        "coordinates_swapped": lambda: _(
            "Latitude and longitude look swapped (feature %(feature)s: %(lat)s, %(lon)s). GeoJSON "
            "writes longitude first, then latitude; export the file again with the right order.")
        % {"feature": _n(v.get("feature", v.get("point"))), "lat": v.get("lat"), "lon": v.get("lon")},
        "outside_thailand": lambda: _(
            "The roads lie outside Thailand (%(count)s points, e.g. feature %(feature)s at %(lat)s, "
            "%(lon)s). Check that this is the file for your area.")
        % {"count": _n(v.get("count", 0)), "feature": _n(v.get("feature", v.get("point"))),
           "lat": v.get("lat"), "lon": v.get("lon")},
        "file_too_big": lambda: _("The file is too large: %(size)s MB, at most %(limit)s MB. Cut it to "
                                  "your district or municipality and load that part.")
        % {"size": _n(round(v.get("size", 0) / 2**20, 1)), "limit": _n(MAX_BYTES // 2**20)},
    }
    make = texts.get(error.code)
    return make() if make else _("The road file was refused (%(code)s).") % {"code": error.code}


SKIPPED = {
    "not_a_line": lambda n: _("%(n)s features without a line were left out") % {"n": _n(n)},
    "not_a_road": lambda n: _("%(n)s ways that are not roads (planned, under construction) were left out") % {"n": _n(n)},
    "nodes_missing": lambda n: _("%(n)s ways had points missing from the file") % {"n": _n(n)},
    "outside_thailand": lambda n: _("%(n)s roads outside Thailand were left out") % {"n": _n(n)},
}


@dataclass
class Loaded:
    road_file: RoadFile
    notes: list[str] = field(default_factory=list)


def _lengths(segments) -> list[float]:
    """Length in metres of each segment (local projection around the whole network)."""
    lat = np.concatenate([s.lat for s in segments])
    lon = np.concatenate([s.lon for s in segments])
    x, y = to_local_xy(lat, lon, float(lat.mean()), float(lon.mean()))
    counts = np.array([len(s.lat) for s in segments])
    edge = np.hypot(np.diff(x), np.diff(y))
    seg = np.repeat(np.arange(len(segments)), counts)
    edge[seg[1:] != seg[:-1]] = 0.0
    return np.bincount(seg[1:], weights=edge, minlength=len(segments)).tolist()


def _check_owner(user, organisation) -> None:
    if not access.can_write_org(user, organisation.pk if organisation else None):
        raise PermissionDenied(_("You may not add road files for this organisation."))


def segment_rows(segments) -> list[RoadSegment]:
    """Unsaved RoadSegment rows (no road file yet) of geo segments: 6 decimals, length in metres."""
    if not segments:
        return []
    return [RoadSegment(road_class=s.road_class, name=(s.name or "")[:200],
                        coords=[[round(float(a), 6), round(float(b), 6)] for a, b in zip(s.lat, s.lon)],
                        length_m=round(length, 1))
            for s, length in zip(segments, _lengths(segments))]


def store(user, *, name: str, organisation, area, fmt: str, segments) -> RoadFile:
    """One RoadFile and its segments, all or nothing (the owner re-checked in the transaction)."""
    rows = segment_rows(segments)
    with transaction.atomic():
        _check_owner(user, organisation)
        road_file = RoadFile.objects.create(
            name=name.strip()[:200], format=fmt, organisation=organisation, area=area, created_by=user,
            segment_count=len(rows), length_m=int(round(sum(r.length_m for r in rows))))
        for row in rows:
            row.road_file = road_file
        RoadSegment.objects.bulk_create(rows, batch_size=BATCH)
    return road_file


def load_file(user, *, name: str, organisation, area, upload) -> Loaded:
    """Read an uploaded road file and store it; ValidationError (with the message) when refused."""
    _check_owner(user, organisation)
    size = getattr(upload, "size", None) or 0
    try:
        if size > MAX_BYTES:
            raise GeoInputError("file_too_big", size=size)
        data = upload.read()
        parsed = georoads.read_roads(data, name=getattr(upload, "name", "") or "")
    except GeoInputError as error:
        raise ValidationError(message(error), code=error.code) from error
    road_file = store(user, name=name or getattr(upload, "name", ""), organisation=organisation, area=area,
                      fmt=RoadFormat(parsed.format), segments=parsed.segments)
    notes = [SKIPPED[k](n) for k, n in parsed.skipped.items() if k in SKIPPED and n]
    far = _km_from_area(parsed.segments, area)
    if far is not None:
        notes.append(_("The middle of these roads lies %(km)s km from the cameras of %(area)s: check that this "
                       "is the file for this area.") % {"km": _n(round(far)), "area": area.name})
    if parsed.crs:
        notes.append(_("Converted from %(crs)s to WGS84.") % {"crs": parsed.crs})
    return Loaded(road_file, notes)


def _km_from_area(segments, area, limit_km: float = 30.0) -> float | None:
    """How far the roads' middle lies from the median of the area's district's cameras, when
    more than `limit_km` (None when near, or when the district has too few cameras to tell)."""
    from safetyzone.cameras.validation import MIN_PEERS, district_medians, haversine_km

    if area is None or len(area.code) < 4 or not segments:
        return None
    medians = district_medians({area.code[:4]})
    if area.code[:4] not in medians or medians[area.code[:4]][2] < MIN_PEERS:
        return None
    lat = float(np.median(np.concatenate([s.lat for s in segments])))
    lon = float(np.median(np.concatenate([s.lon for s in segments])))
    km = haversine_km(lat, lon, *medians[area.code[:4]][:2])
    return km if km > limit_km else None


def generate(user, *, name: str, organisation, area, lat: float, lon: float, size_m: float = 1500.0,
             seed: int = 0) -> RoadFile:
    """A plausible street grid (geo.street_grid) of `size_m` around (lat, lon), stored as a road file."""
    low, high = GRID_SIZE_M
    if not low <= float(size_m) <= high:
        raise ValidationError(_("The grid's size must be between %(low)s and %(high)s m.")
                              % {"low": _n(int(low)), "high": _n(int(high))})
    segments = street_grid(float(lat), float(lon), float(size_m), int(seed))
    return store(user, name=name, organisation=organisation, area=area, fmt=RoadFormat.GENERATED,
                 segments=segments)


def delete(user, road_file: RoadFile) -> None:
    """Remove a road file and its segments; refused while a placement plan uses it."""
    with transaction.atomic():
        access.check_write(user, road_file)
        if road_file.plans.exists():
            raise ValidationError(_("Placement plans use this road file; delete them first."))
        road_file.delete()
