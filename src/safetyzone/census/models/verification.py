"""Field verification (seed 002 L156, L168: "does it really exist and really work?").

The secretariat assigns cameras to an inspector (an Inspection); the inspector visits each
one with a phone and records a Visit: the phone's GPS fix and time, a photo and the result.
Every visit is kept (a re-visit adds a row, nothing is overwritten); the registry change it
causes is written with history by census/verification.py, not here.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safetyzone.cameras.models import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN, Camera, Status

from .rounds import Round


class InspectionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DONE = "done", _("Done")


class Inspection(models.Model):
    """One camera assigned to one inspector."""

    round = models.ForeignKey(Round, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="inspections", verbose_name=_("census round"))
    camera = models.ForeignKey(Camera, on_delete=models.CASCADE, related_name="inspections",
                               verbose_name=_("camera"))
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inspections",
                                  verbose_name=_("inspector"))
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("assigned by"))
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=InspectionStatus.choices,
                              default=InspectionStatus.PENDING)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        ordering = ["status", "due_on", "id"]
        verbose_name = _("field inspection")
        verbose_name_plural = _("field inspections")
        indexes = [models.Index(fields=["inspector", "status"]), models.Index(fields=["camera", "status"])]

    def __str__(self) -> str:
        return f"{self.camera} → {self.inspector}"


class VisitResult(models.TextChoices):
    FOUND_WORKING = "found_working", _("Found, working")
    FOUND_NOT_WORKING = "found_not_working", _("Found, not working")
    NOT_FOUND = "not_found", _("Camera not found")
    MOVED = "moved", _("Moved")


def photo_upload_to(visit, filename: str) -> str:
    """A random name: the inspector's file name may hold a person's or a place's name."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"verification/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{ext}"


class Visit(models.Model):
    """What an inspector found at a camera, with the evidence (GPS fix, phone time, photo)."""

    # A visit is evidence about one camera: deleting the camera (or its assignment) is refused
    # while visits exist, so no field check is ever lost by a cascade (the flags, the quality
    # score and the per-agency verification counts all read visits through their camera).
    # An assignment without visits still goes with its camera.
    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="visits")
    camera = models.ForeignKey(Camera, on_delete=models.PROTECT, related_name="visits", verbose_name=_("camera"))
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("inspector"))
    result = models.CharField(_("result"), max_length=20, choices=VisitResult.choices)
    lat = models.DecimalField(_("GPS latitude"), max_digits=9, decimal_places=6)
    lon = models.DecimalField(_("GPS longitude"), max_digits=9, decimal_places=6)
    accuracy_m = models.FloatField(_("GPS accuracy (m)"))
    fix_at = models.DateTimeField(_("time reported by the phone"))
    photo = models.ImageField(_("photo"), upload_to=photo_upload_to, max_length=200)
    new_lat = models.DecimalField(_("new latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    new_lon = models.DecimalField(_("new longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    # Metres between the GPS fix and where the registry put the camera before this visit.
    distance_m = models.FloatField(_("distance from the registered position (m)"))
    registry_status = models.CharField(_("registry status before the visit"), max_length=15)
    flagged = models.BooleanField(_("flagged"), default=False, db_index=True)
    flag_reason = models.CharField(_("flag reason"), max_length=300, blank=True)
    # The secretariat has seen the flag and says what it did about it (census/verification_flags.py).
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+", verbose_name=_("acknowledged by"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledgement = models.TextField(_("acknowledgement note"), blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("field visit")
        verbose_name_plural = _("field visits")
        constraints = [
            models.CheckConstraint(
                condition=Q(lat__gte=LAT_MIN, lat__lte=LAT_MAX, lon__gte=LON_MIN, lon__lte=LON_MAX),
                name="visit_fix_in_thailand"),
            models.CheckConstraint(condition=Q(accuracy_m__gt=0), name="visit_accuracy_positive"),
            models.CheckConstraint(
                condition=~Q(result="moved") | Q(new_lat__isnull=False, new_lon__isnull=False),
                name="visit_moved_has_new_position"),
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True, acknowledged_by__isnull=True)
                | Q(acknowledged_at__isnull=False, acknowledged_by__isnull=False, flagged=True),
                name="visit_acknowledged_flag_has_who_and_when"),
        ]

    def __str__(self) -> str:
        return f"{self.camera} · {self.get_result_display()}"

    def get_registry_status_display(self) -> str:
        return Status(self.registry_status).label if self.registry_status in Status.values else self.registry_status
