"""Demo road files (issue 5 item 4): a generated street grid over central Udon Thani and one
around Ang Thong town, owned by the two police stations, and a small GeoJSON file of the Udon
Thani municipality, written here and loaded through the real loader (road_services.load_file).

Deterministic (fixed seeds) and quick: ~5,000 + ~700 segments, written in bulk.
"""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from safetyzone.core.models import AdminArea, User
from safetyzone.geo.street_grid import street_grid

from . import road_services
from .models import PlacementPlan, RoadFile, RoadFormat

# (name, username of the owner's officer, area, centre, size in metres, seed)
UDON_GRID = ("ตารางถนนจำลอง ใจกลางเมืองอุดรธานี", "prevention_udon", "410101", (17.413, 102.790), 4000.0, 41)
ANGTHONG_GRID = ("ตารางถนนจำลอง ตัวเมืองอ่างทอง", "prevention_angthong", "150101", (14.590, 100.453), 1600.0, 15)
UDON_GEOJSON = ("ถนนรอบศาลากลางอุดรธานี (GeoJSON)", "udon_editor", "410101", (17.4135, 102.7875), 500.0, 7)
NAMES = [UDON_GRID[0], ANGTHONG_GRID[0], UDON_GEOJSON[0]]


def udon_road_file() -> RoadFile | None:
    """The Udon grid (placement plans of the demo use it)."""
    return RoadFile.objects.filter(name=UDON_GRID[0]).first()


def angthong_road_file() -> RoadFile | None:
    return RoadFile.objects.filter(name=ANGTHONG_GRID[0]).first()


def _geojson(centre, size_m, seed) -> bytes:
    """A small GeoJSON FeatureCollection as a planner's GIS would export it (WGS84, lon/lat)."""
    features = [{"type": "Feature", "properties": {"highway": s.highway, "name": s.name},
                 "geometry": {"type": "LineString",
                              "coordinates": [[round(float(b), 7), round(float(a), 7)] for a, b in zip(s.lat, s.lon)]}}
                for s in street_grid(*centre, size_m, seed)]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode()


def load(reset: bool = False) -> None:
    users = {u.username: u for u in User.objects.filter(
        username__in=[UDON_GRID[1], ANGTHONG_GRID[1], UDON_GEOJSON[1]]).select_related("organisation")}
    if len(users) < 3:
        return  # the officers come with the camera demo
    existing = RoadFile.objects.filter(name__in=NAMES)
    if existing.count() == len(NAMES) and not reset:
        return
    areas = AdminArea.objects.in_bulk([UDON_GRID[2], ANGTHONG_GRID[2], UDON_GEOJSON[2]])
    with transaction.atomic():
        # plans of the demo use these files (PROTECT): they are rebuilt by the plans' demo after this
        PlacementPlan.objects.filter(road_file__in=existing).delete()
        existing.delete()
        for name, username, area, centre, size, seed in (UDON_GRID, ANGTHONG_GRID):
            user = users[username]
            road_services.store(user, name=name, organisation=user.organisation, area=areas[area],
                                fmt=RoadFormat.GENERATED, segments=street_grid(*centre, size, seed))
        name, username, area, centre, size, seed = UDON_GEOJSON
        user = users[username]
        upload = SimpleUploadedFile("udon_city_hall.geojson", _geojson(centre, size, seed),
                                    content_type="application/geo+json")
        road_services.load_file(user, name=name, organisation=user.organisation, area=areas[area], upload=upload)
