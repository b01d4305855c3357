"""Location checks shared by the form, the API and the importer.

Thailand's bounding box is a hard rule. "Inside the stated area" is checked against the
area's boundary when the deployment has loaded one; otherwise against the cameras already
registered in the same district: a point far from all of them is reported as implausible
(see docs/adr/0003-area-plausibility.md).
"""

import math
from dataclasses import dataclass
from statistics import median

from django.utils.translation import gettext as _

from .models import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN, Camera

# A camera more than this far from the median point of its district's other cameras is
# reported. Thai districts are rarely more than ~60 km across.
PEER_DISTANCE_KM = 40.0
MIN_PEERS = 5


@dataclass(frozen=True)
class LocationIssue:
    blocking: bool
    message: str


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def in_thailand(lat: float, lon: float) -> bool:
    return LAT_MIN <= lat <= LAT_MAX and LON_MIN <= lon <= LON_MAX


def _inside_boundary(geojson: dict, lat: float, lon: float) -> bool:
    from shapely.geometry import Point, shape

    return shape(geojson).covers(Point(lon, lat))


def district_medians(district_codes: set[str]) -> dict[str, tuple[float, float, int]]:
    """Median lat/lon and count of registered cameras per district, in one query."""
    rows = Camera.objects.filter(district_id__in=district_codes).values_list(
        "district_id", "lat", "lon"
    )
    points: dict[str, list[tuple[float, float]]] = {}
    for code, lat, lon in rows.iterator(chunk_size=5000):
        points.setdefault(code, []).append((float(lat), float(lon)))
    return {
        code: (median(p[0] for p in pts), median(p[1] for p in pts), len(pts))
        for code, pts in points.items()
    }


def check_location(lat: float, lon: float, area, medians=None) -> list[LocationIssue]:
    """Issues with a point for a stated administrative area (empty list: fine)."""
    if not in_thailand(lat, lon):
        return [LocationIssue(True, _("The coordinates %(lat)s, %(lon)s are outside Thailand.")
                              % {"lat": lat, "lon": lon})]
    if area is None:
        return []
    if area.boundary:
        if not _inside_boundary(area.boundary, lat, lon):
            return [LocationIssue(True, _("The point is outside the boundary of %(area)s.")
                                  % {"area": area.name})]
        return []
    district = area.code[:4] if len(area.code) >= 4 else None
    if district is None:
        return []
    if medians is None:
        medians = district_medians({district})
    if district in medians:
        mlat, mlon, count = medians[district]
        if count >= MIN_PEERS and haversine_km(lat, lon, mlat, mlon) > PEER_DISTANCE_KM:
            return [LocationIssue(False, _(
                "The point is %(km).0f km from the other cameras of this district; "
                "check the coordinates or the area.") % {"km": haversine_km(lat, lon, mlat, mlon)})]
    return []
