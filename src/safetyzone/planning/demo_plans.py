"""Demo placement plan (issue 5 item 5): one finished fast plan for the selected Udon zone
(ชุมชนรอบหนองประจักษ์) at 500,000 baht in two yearly phases, computed for real by the
optimiser when the demo loads (a zone of ~1.2 km² of the demo street grid: a few seconds).
Runs after the road, incident and zone demos; deterministic."""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation

from safetyzone.core.models import User

from . import plan_services
from .demo_roads import udon_road_file
from .models import PlacementPlan, SafetyZone, ZoneStatus

NAME = "แผนติดตั้งกล้อง ชุมชนรอบหนองประจักษ์ ปีงบ 2570-2571"
EVERY_M = 60  # candidate poles every 60 m keep the demo quick


def load(reset: bool = False) -> None:
    user = User.objects.filter(username="prevention_udon").select_related("organisation").first()
    road_file = udon_road_file()
    zone = SafetyZone.objects.filter(organisation=getattr(user, "organisation", None),
                                     status=ZoneStatus.SELECTED).order_by("id").first() if user else None
    if user is None or road_file is None or zone is None:
        return  # the officers, the street grid and the zone come with the earlier demos
    existing = PlacementPlan.objects.filter(name=NAME)
    if existing.filter(status="done").exists() and not reset:
        return
    existing.delete()
    with translation.override("th"):
        types = [dict(t, name=str(t["name"]), orientations="street", every_m=EVERY_M)
                 for t in plan_services.DEFAULT_CAMERA_TYPES]
    plan = PlacementPlan.objects.create(
        organisation=user.organisation, area=zone.area, created_by=user, name=NAME, zone=zone, road_file=road_file,
        budget=Decimal("500000"), phases=[300000.0, 200000.0], camera_types=types, mode="fast")
    plan_services.run_plan(plan.pk, EVERY_M, "th")
