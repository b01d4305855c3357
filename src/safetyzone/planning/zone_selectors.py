"""Reads of Safety Zones: the comparison on the four criteria of seed 001 L296-L304, tasks with
what is overdue, the decision history. Every queryset passes the access gate."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safetyzone.core import access

from .models import MAX_ZONE_KM2, RiskPoint, SafetyZone, TaskStatus, ZoneTask

# the selection criteria as seed 001 L298-L304 words them (Thai in the catalogue)
CRITERIA = {
    "risk": _("(3.1) A crime risk area, or an area with crime risk points where a road passes through, such as "
              "lanes, alleys, crowded communities or abandoned buildings"),
    "landmark": _("(3.2) Of symbolic importance to the country (LAND MARK)"),
    "economic": _("(3.3) Of economic importance"),
    "size": _("(3.4) An area of no more than 2 km², and a community area"),
}
OPEN_TASK = ~Q(status__in=[TaskStatus.DONE, TaskStatus.CANCELLED])
# ?sort= keys of the comparison table -> ordering
SORTS = {
    "name": ["name", "id"], "status": ["status", "name"], "area": ["area_km2", "name"],
    "risk": ["risk_points_inside", "name"], "incidents": ["incidents_inside", "name"],
    "landmark": ["landmark", "name"], "economic": ["economic", "name"], "met": ["met", "name"],
    "tasks": ["open_tasks", "name"],
}


def zones(user):
    return access.scope(user, SafetyZone.objects.select_related("organisation", "area"))


@dataclass
class Criteria:
    """One zone against the four criteria: (3.1) risk inside, (3.2) landmark, (3.3) economic,
    (3.4) at most 2 km² and a community area."""

    risk: bool
    landmark: bool
    economic: bool
    size: bool

    @property
    def met(self) -> int:
        return sum((self.risk, self.landmark, self.economic, self.size))


def criteria(zone: SafetyZone) -> Criteria:
    return Criteria(risk=zone.risk_points_inside + zone.incidents_inside > 0, landmark=zone.landmark > 0,
                    economic=zone.economic > 0, size=zone.area_km2 <= MAX_ZONE_KM2 and zone.is_community)


def comparison(user, sort: str = "name") -> list[SafetyZone]:
    """Every readable zone with `criteria`, `open_tasks` and `overdue_tasks`, sorted by a column
    of the table ('-' in front for descending). Two queries whatever the number of zones."""
    today = timezone.localdate()
    rows = list(zones(user).annotate(
        open_tasks=Count("tasks", filter=OPEN_TASK),
        overdue_tasks=Count("tasks", filter=OPEN_TASK & Q(tasks__due_on__lt=today))))
    for z in rows:
        z.criteria = criteria(z)
        z.met = z.criteria.met
    key = sort.lstrip("-")
    fields = SORTS.get(key, SORTS["name"])
    rows.sort(key=lambda z: tuple(_sortable(getattr(z, f)) for f in fields), reverse=sort.startswith("-"))
    return rows


def _sortable(value):
    return value.casefold() if isinstance(value, str) else value


def zone_detail(user, pk: int) -> SafetyZone:
    """One readable zone (404 via DoesNotExist when the gate hides it)."""
    return zones(user).select_related("decided_by", "created_by").get(pk=pk)


def tasks(user, zone: SafetyZone) -> list[ZoneTask]:
    today = timezone.localdate()
    rows = list(access.scope(user, ZoneTask.objects.filter(zone=zone)))
    for t in rows:
        t.overdue = bool(t.due_on and t.due_on < today and t.status not in (TaskStatus.DONE, TaskStatus.CANCELLED))
    return rows


def decisions(zone: SafetyZone) -> list:
    """The zone's decisions over time (history rows where the status or the meeting changed),
    newest first, each with who recorded it."""
    rows = list(zone.history.select_related("history_user").order_by("-history_date", "-history_id"))
    out, previous = [], None
    for row in reversed(rows):
        key = (row.status, row.meeting_date, row.meeting_ref, row.meeting_note)
        if key != previous and (previous is not None or row.status != "candidate"):
            out.append(row)
        previous = key
    return list(reversed(out))


def risk_points_near(user, zone: SafetyZone | None, limit: int = 500) -> list[dict]:
    """Readable open and closed risk points to show on the drawing map: around the zone, or in
    the user's province for a new zone (at most `limit`)."""
    qs = access.scope(user, RiskPoint.objects.all())
    if zone is not None:
        lats = [p[0] for p in zone.polygon]
        lons = [p[1] for p in zone.polygon]
        pad = 0.02
        qs = qs.filter(lat__gte=min(lats) - pad, lat__lte=max(lats) + pad, lon__gte=min(lons) - pad,
                       lon__lte=max(lons) + pad)
    elif getattr(user, "organisation", None):
        qs = qs.filter(province_id=user.organisation.province_id)
    return [{"lat": float(p.lat), "lon": float(p.lon), "label": p.name}
            for p in qs.only("lat", "lon", "name").order_by("id")[:limit]]
