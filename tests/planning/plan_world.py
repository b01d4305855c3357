"""A small world for the plan tests: a police station in Mueang Ang Thong, its editor, a road
file of a 300 m x 200 m block (two east-west streets, three north-south lanes) and a Safety
Zone around it."""

from decimal import Decimal

from safetyzone.planning import plan_services
from safetyzone.planning.models import PlacementPlan
from tests.factories import UserFactory
from tests.planning import world

LAT0, LON0 = 14.5900, 100.4500
DLAT, DLON = 1 / 110_700.0, 1 / 107_740.0  # degrees per metre at 14.59 N
BLOCK = [[LAT0 - 20 * DLAT, LON0 - 20 * DLON], [LAT0 - 20 * DLAT, LON0 + 320 * DLON],
         [LAT0 + 220 * DLAT, LON0 + 320 * DLON], [LAT0 + 220 * DLAT, LON0 - 20 * DLON]]
FAR_AWAY = [[14.6500, 100.5000], [14.6500, 100.5100], [14.6600, 100.5100], [14.6600, 100.5000]]


def at(x_m: float, y_m: float) -> list[float]:
    return [round(LAT0 + y_m * DLAT, 7), round(LON0 + x_m * DLON, 7)]


STREETS = [
    ("local", "ถนนเทศบาล 1", [at(0, 0), at(300, 0)]),
    ("local", "ถนนเทศบาล 2", [at(0, 200), at(300, 200)]),
    ("lane", "ซอย 1", [at(0, 0), at(0, 200)]),
    ("lane", "ซอย 2", [at(150, 0), at(150, 200)]),
    ("lane", "ซอย 3", [at(300, 0), at(300, 200)]),
]


def station_and_editor():
    station = world.org("police_station", area=world.MUEANG)
    return station, UserFactory(organisation=station, role="editor")


def block_road_file(owner):
    return world.road_file(owner, STREETS)


def plan_fields(road_file, **kw) -> dict:
    types = [dict(t, name=str(t["name"]), orientations="street") for t in plan_services.DEFAULT_CAMERA_TYPES[:2]]
    return {"name": "แผนติดตั้งกล้องชุมชนตลาด", "road_file": road_file, "budget": Decimal("150000"),
            "camera_types": types, "mode": "fast"} | kw


def make_plan(user, road_file, **kw) -> PlacementPlan:
    """A queued plan written as the service would (without enqueueing it)."""
    return PlacementPlan.objects.create(organisation=user.organisation, area_id=world.MUEANG, created_by=user,
                                        **plan_fields(road_file, **kw))
