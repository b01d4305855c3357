"""Reads shared by the planning pages (each part may add its own selectors module)."""

from safetyzone.core import access

from .models import Incident, PlacementPlan, RiskPoint, RiskStatus, RoadFile, SafetyZone, ZoneStatus


def hub_counts(user) -> dict[str, int]:
    """How many records of each part the user may read (the hub's figures)."""
    risk = access.scope(user, RiskPoint.objects.all())
    zones = access.scope(user, SafetyZone.objects.all())
    return {
        "risk_open": risk.filter(status=RiskStatus.OPEN).count(),
        "risk_closed": risk.filter(status=RiskStatus.CLOSED).count(),
        "incidents": access.scope(user, Incident.objects.all()).count(),
        "zones": zones.count(),
        "zones_selected": zones.filter(status=ZoneStatus.SELECTED).count(),
        "road_files": access.scope(user, RoadFile.objects.all()).count(),
        "plans": access.scope(user, PlacementPlan.objects.all()).count(),
    }
