"""Safety Zones (seed 001 L294-L306), their environment tasks and patrol plan (L312-L318)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from .base import Scoped, in_thailand, lat_field, lon_field

MAX_ZONE_KM2 = 2  # seed 001 L304: a community area of at most 2 km²


class ZoneStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    SELECTED = "selected", _("Selected by the network")
    NOT_SELECTED = "not_selected", _("Not selected")


class Importance(models.IntegerChoices):
    NONE = 0, _("None")
    LOCAL = 1, _("Local")
    PROVINCIAL = 2, _("Provincial")
    NATIONAL = 3, _("National")


class SafetyZone(Scoped):
    name = models.CharField(_("zone name"), max_length=200)
    polygon = models.JSONField(_("boundary"))  # [[lat, lon], ...], not closed, validated by geo
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=9, decimal_places=4)
    centroid_lat = lat_field()
    centroid_lon = lon_field()
    # criterion 1 (L298): risk points and incidents inside, counted when the zone is saved
    risk_points_inside = models.PositiveIntegerField(_("risk points inside"), default=0)
    incidents_inside = models.PositiveIntegerField(_("incidents inside (last 12 months)"), default=0)
    # criteria 2 and 3 (L300, L302): judged by the network
    landmark = models.PositiveSmallIntegerField(_("landmark importance"), choices=Importance.choices,
                                                default=Importance.NONE)
    landmark_note = models.CharField(_("landmark, in words"), max_length=300, blank=True)
    economic = models.PositiveSmallIntegerField(_("economic importance"), choices=Importance.choices,
                                                default=Importance.NONE)
    economic_note = models.CharField(_("economic importance, in words"), max_length=300, blank=True)
    # criterion 4 (L304): at most 2 km² (computed) and a community area (judged)
    is_community = models.BooleanField(_("community area"), default=True)
    status = models.CharField(_("status"), max_length=14, choices=ZoneStatus.choices, default=ZoneStatus.CANDIDATE)
    # the network's choice (L306) and the meeting that made it
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    meeting_ref = models.CharField(_("meeting minutes reference"), max_length=200, blank=True)
    meeting_note = models.TextField(_("meeting note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("Safety Zone")
        verbose_name_plural = _("Safety Zones")
        constraints = [
            in_thailand("zone_centroid_in_thailand", "centroid_"),
            models.CheckConstraint(condition=Q(area_km2__gt=0), name="zone_area_positive"),
            models.CheckConstraint(condition=Q(status="candidate") | Q(decided_at__isnull=False, meeting_date__isnull=False),
                                   name="zone_decision_has_meeting"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def oversize(self) -> bool:
        return self.area_km2 > MAX_ZONE_KM2


class TaskKind(models.TextChoices):
    """Environment improvements of seed 001 L312."""

    LIGHTING = "lighting", _("Install lighting")
    TRIMMING = "trimming", _("Trim trees and grass")
    CLOSE_BUILDING = "close_building", _("Close abandoned building")
    CAMERAS = "cameras", _("Install cameras")
    LINK_CAMERAS = "link_cameras", _("Link cameras to the police station")
    OTHER = "other", _("Other")


class TaskStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", pgettext_lazy("planning", "Done")
    CANCELLED = "cancelled", _("Cancelled")


class ZoneTask(models.Model):
    zone = models.ForeignKey(SafetyZone, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(_("task"), max_length=16, choices=TaskKind.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    responsible = models.CharField(_("responsible agency"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.PLANNED)
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["zone", "due_on", "id"]
        verbose_name = _("environment task")
        verbose_name_plural = _("environment tasks")
        constraints = [models.CheckConstraint(condition=~Q(status="done") | Q(done_on__isnull=False),
                                              name="zonetask_done_on")]


def new_token() -> str:
    return secrets.token_urlsafe(16)


class PatrolPoint(models.Model):
    """A point officers must visit; its printable QR code opens the check-in page."""

    zone = models.ForeignKey(SafetyZone, on_delete=models.CASCADE, related_name="patrol_points")
    name = models.CharField(_("patrol point"), max_length=200)
    lat = lat_field()
    lon = lon_field()
    tolerance_m = models.PositiveSmallIntegerField(_("check-in tolerance (m)"), default=100)
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["zone", "name", "id"]
        verbose_name = _("patrol point")
        verbose_name_plural = _("patrol points")
        constraints = [in_thailand("patrolpoint_in_thailand")]

    def __str__(self) -> str:
        return self.name


class PatrolShift(models.Model):
    """The patrol schedule (seed 001 L314): which days, which hours, how many rounds."""

    zone = models.ForeignKey(SafetyZone, on_delete=models.CASCADE, related_name="patrol_shifts")
    weekdays = models.JSONField(_("days of the week"), default=list)  # 0 = Monday ... 6 = Sunday
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))
    rounds = models.PositiveSmallIntegerField(_("rounds per shift"), default=1)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["zone", "starts", "id"]
        verbose_name = _("patrol shift")
        verbose_name_plural = _("patrol shifts")
        constraints = [models.CheckConstraint(condition=Q(rounds__gte=1), name="patrolshift_rounds")]


class PatrolCheckin(models.Model):
    """An officer at a patrol point: server time, the phone's GPS and its distance to the point."""

    point = models.ForeignKey(PatrolPoint, on_delete=models.PROTECT, related_name="checkins")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(_("checked in at"), auto_now_add=True)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True)
    lon = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True)
    accuracy_m = models.PositiveIntegerField(_("GPS accuracy (m)"), null=True)
    distance_m = models.PositiveIntegerField(_("distance from the point (m)"), null=True)
    accepted = models.BooleanField(_("accepted"), default=False)
    reason = models.CharField(_("why not accepted"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-checked_at", "-id"]
        verbose_name = _("patrol check-in")
        verbose_name_plural = _("patrol check-ins")
