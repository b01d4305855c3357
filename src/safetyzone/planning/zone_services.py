"""Writes of Safety Zones (seed 001 L294-L312): drawing, the network's decision, environment tasks.

A drawn boundary is validated and measured by geo.shapes (area in km² on the ellipsoid, centroid,
points inside). The risk points and the incidents of the last 12 months inside the zone are
counted from the records the saving user may read (access.scope) and stored on the zone, so the
comparison table reads them without geometry. Every write re-checks the gate inside its
transaction; simple_history keeps earlier boundaries and decisions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safetyzone.core import access
from safetyzone.geo.errors import GeoInputError
from safetyzone.geo.shapes import Zone, validate_zone

from .models import Incident, RiskPoint, SafetyZone, TaskStatus, ZoneStatus, ZoneTask

INCIDENT_WINDOW = timedelta(days=365)  # "incidents of the last 12 months"


def shape_message(exc: GeoInputError) -> str:
    """The refusal of a drawn boundary in the user's language, naming the corner or the place."""
    v = exc.values
    if exc.code == "too_few_points":
        return _("A zone needs at least 3 distinct corners; the drawing has %(count)d.") % {"count": v.get("count", 0)}
    if exc.code == "self_intersection":
        if v.get("lat") is None:
            return _("The boundary crosses itself. Move the corners so that no two edges cross.")
        return _("The boundary crosses itself near %(lat).5f, %(lon).5f. Move the corners so that no two edges "
                 "cross.") % {"lat": v["lat"], "lon": v["lon"]}
    if exc.code == "coordinates_swapped":
        return _("Corner %(point)d (%(lat)s, %(lon)s) looks like latitude and longitude swapped.") % v
    if exc.code == "outside_thailand":
        return _("Corner %(point)d (%(lat)s, %(lon)s) lies outside Thailand.") % v
    if exc.code == "zero_area":
        return _("All corners lie on one line: the zone has no area.")
    if exc.code == "coordinate_invalid":
        return _("Corner %(point)d is not a pair of numbers.") % {"point": v.get("point", 0)}
    return _("The boundary was refused (%(code)s).") % {"code": exc.code}


def parse_polygon(value) -> Zone:
    """A boundary as posted by the map ([[lat, lon], ...] as JSON text or a list), validated;
    raises ValidationError with the reason."""
    if isinstance(value, str):
        if not value.strip():
            raise ValidationError(_("Draw the zone on the map: click to add at least 3 corners."))
        try:
            value = json.loads(value)
        except ValueError as exc:
            raise ValidationError(_("The boundary could not be read; draw the zone again.")) from exc
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Draw the zone on the map: click to add at least 3 corners."))
    try:
        return validate_zone(value)
    except GeoInputError as exc:
        raise ValidationError(shape_message(exc)) from exc


@dataclass
class Counts:
    risk_points: int
    incidents: int


def count_inside(user, shape: Zone, now=None) -> Counts:
    """Risk points (any status) and incidents of the last 12 months inside `shape`, among the
    records `user` may read. The database narrows to the bounding box; shapely decides."""
    now = now or timezone.now()
    box = {"lat__gte": shape.lat.min(), "lat__lte": shape.lat.max(), "lon__gte": shape.lon.min(),
           "lon__lte": shape.lon.max()}
    box = {k: Decimal(str(round(float(v), 6))) for k, v in box.items()}
    risk = list(access.scope(user, RiskPoint.objects.filter(**box)).values_list("lat", "lon"))
    incidents = list(access.scope(user, Incident.objects.filter(occurred_at__gte=now - INCIDENT_WINDOW,
                                                                occurred_at__lte=now, **box)).values_list("lat", "lon"))

    def inside(rows) -> int:
        if not rows:
            return 0
        lat, lon = zip(*rows)
        return int(shape.contains([float(x) for x in lat], [float(x) for x in lon]).sum())

    return Counts(inside(risk), inside(incidents))


def _apply_shape(zone: SafetyZone, user, shape: Zone) -> None:
    counts = count_inside(user, shape)
    zone.polygon = shape.ring()
    zone.area_km2 = Decimal(str(round(shape.area_km2, 4)))
    zone.centroid_lat = Decimal(str(round(shape.centroid_lat, 6)))
    zone.centroid_lon = Decimal(str(round(shape.centroid_lon, 6)))
    zone.risk_points_inside = counts.risk_points
    zone.incidents_inside = counts.incidents


FIELDS = ("name", "area", "landmark", "landmark_note", "economic", "economic_note", "is_community")


def save_zone(user, data: dict, zone: SafetyZone | None = None, organisation=None) -> SafetyZone:
    """Create a zone (zone=None) or change one; `data` holds the form's cleaned fields and
    `shape` (a validated geo Zone). Recomputes area and counts on every save."""
    with transaction.atomic():
        if zone is None:
            organisation = organisation or user.organisation
            if not access.can_write_org(user, getattr(organisation, "pk", None)):
                raise ValidationError(_("You may not create zones for this organisation."))
            zone = SafetyZone(organisation=organisation, created_by=user)
        else:
            zone = SafetyZone.objects.select_for_update().get(pk=zone.pk)
            access.check_write(user, zone)
        for name in FIELDS:
            if name in data:
                setattr(zone, name, data[name])
        _apply_shape(zone, user, data["shape"])
        zone._change_reason, zone._history_user = "boundary and details saved", user
        zone.save()
    return zone


def recount(user, zone: SafetyZone) -> SafetyZone:
    """Count again what lies inside (new risk points or incidents since the zone was saved)."""
    with transaction.atomic():
        zone = SafetyZone.objects.select_for_update().get(pk=zone.pk)
        access.check_write(user, zone)
        _apply_shape(zone, user, validate_zone(zone.polygon))
        zone._change_reason, zone._history_user = "counts refreshed", user
        zone.save()
    return zone


def record_decision(user, zone: SafetyZone, *, status: str, meeting_date, meeting_ref: str = "",
                    note: str = "") -> SafetyZone:
    """The network's choice at a meeting (seed 001 L306). A decision needs the meeting's date;
    back to 'candidate' clears it. Earlier decisions stay in the zone's history."""
    if status not in ZoneStatus.values:
        raise ValidationError({"status": _("Choose selected, not selected or candidate.")})
    if status != ZoneStatus.CANDIDATE and not meeting_date:
        raise ValidationError({"meeting_date": _("The network decides at a meeting: enter the meeting date.")})
    if meeting_date and meeting_date > timezone.localdate():
        raise ValidationError({"meeting_date": _("The meeting date cannot be in the future.")})
    with transaction.atomic():
        zone = SafetyZone.objects.select_for_update().get(pk=zone.pk)
        access.check_write(user, zone)
        zone.status = status
        if status == ZoneStatus.CANDIDATE:
            zone.decided_at = zone.decided_by = zone.meeting_date = None
            zone.meeting_ref = zone.meeting_note = ""
        else:
            zone.decided_at, zone.decided_by = timezone.now(), user
            zone.meeting_date, zone.meeting_ref, zone.meeting_note = meeting_date, meeting_ref, note
        zone._change_reason, zone._history_user = f"decision: {status}", user
        zone.save()
    return zone


def save_task(user, zone: SafetyZone, data: dict, task: ZoneTask | None = None) -> ZoneTask:
    """Add or change an environment task (seed 001 L312). 'Done' needs the date it was done
    (today when left empty); a done date cannot be in the future."""
    today = timezone.localdate()
    if data.get("status") == TaskStatus.DONE and not data.get("done_on"):
        data = data | {"done_on": today}
    if data.get("done_on") and data["done_on"] > today:
        raise ValidationError({"done_on": _("The done date cannot be in the future.")})
    if data.get("done_on") and data.get("status") not in (TaskStatus.DONE, None):
        data = data | {"done_on": None}
    with transaction.atomic():
        locked = SafetyZone.objects.select_for_update().get(pk=zone.pk)
        access.check_write(user, locked)
        if task is None:
            task = ZoneTask(zone=locked)
        elif task.zone_id != locked.pk:
            raise ValidationError(_("This task belongs to another zone."))
        for name in ("kind", "detail", "responsible", "status", "due_on", "done_on"):
            if name in data:
                setattr(task, name, data[name])
        task._history_user = user
        task.save()
    return task
