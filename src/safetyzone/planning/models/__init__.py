"""Planning models: risk points (risk.py), incidents (incidents.py), Safety Zones with their tasks
and patrol plan (zones.py), road files, candidate poles and placement plans (plans.py)."""

from .incidents import CrimeGroup, Incident, IncidentImport, OffenceRule
from .plans import (
    PlacementPlan, PlanCamera, PlanMode, PlanStatus, Pole, PoleSet, RoadClass, RoadFile, RoadFormat, RoadSegment,
)
from .risk import (
    Mitigation, MitigationKind, MitigationStatus, RiskCategory, RiskPhoto, RiskPoint, RiskSource, RiskStatus,
    Severity, SpaceClass, TimeOfDay,
)
from .zones import (
    MAX_ZONE_KM2, Importance, PatrolCheckin, PatrolPoint, PatrolShift, SafetyZone, TaskKind, TaskStatus, ZoneStatus,
    ZoneTask,
)

__all__ = [
    "CrimeGroup", "Incident", "IncidentImport", "OffenceRule",
    "PlacementPlan", "PlanCamera", "PlanMode", "PlanStatus", "Pole", "PoleSet", "RoadClass", "RoadFile",
    "RoadFormat", "RoadSegment",
    "Mitigation", "MitigationKind", "MitigationStatus", "RiskCategory", "RiskPhoto", "RiskPoint", "RiskSource",
    "RiskStatus", "Severity", "SpaceClass", "TimeOfDay",
    "MAX_ZONE_KM2", "Importance", "PatrolCheckin", "PatrolPoint", "PatrolShift", "SafetyZone", "TaskKind",
    "TaskStatus", "ZoneStatus", "ZoneTask",
]
