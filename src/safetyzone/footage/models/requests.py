"""Footage requests (MISSION capability 4, seed 004 L1905-L1921, seed 002 L136, L198-L216).

An investigator searches for the cameras that could have seen an incident (a Search, kept
with its purpose), then sends one FootageRequest for a case to the owners of the chosen
cameras: one RequestItem per camera, each with the moment its footage of the incident will
be overwritten. Every change of an item's status is an ItemEvent; nothing is deleted.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safetyzone.cameras.models import Camera
from safetyzone.core.models import AdminArea, Organisation


class IncidentType(models.TextChoices):
    THEFT = "theft", _("Theft")
    BURGLARY = "burglary", _("Burglary")
    ROBBERY = "robbery", _("Robbery / snatching")
    ASSAULT = "assault", _("Assault")
    TRAFFIC = "traffic", _("Traffic accident")
    MISSING = "missing", _("Missing person")
    DRUGS = "drugs", _("Drugs")
    VANDALISM = "vandalism", _("Vandalism")
    OTHER = "other", _("Other")


class Search(models.Model):
    """One camera-finder search: where, when, by whom and why (misuse is checked on these)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("user"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("organisation"))
    at = models.DateTimeField(_("searched at"), default=timezone.now, db_index=True)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    lon = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    radius_m = models.PositiveIntegerField(_("radius (m)"))
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("to"))
    case_ref = models.CharField(_("case reference"), max_length=60, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200)
    results = models.PositiveIntegerField(_("cameras found"), default=0)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("camera search")
        verbose_name_plural = _("camera searches")
        indexes = [models.Index(fields=["user", "at"])]


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class FootageRequest(models.Model):
    """A request for footage of one incident, sent for one case to the owners of chosen cameras."""

    case_ref = models.CharField(_("case reference"), max_length=60, blank=True)
    incident_type = models.CharField(_("incident type"), max_length=12, choices=IncidentType.choices)
    description = models.TextField(_("what happened"), blank=True)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    lon = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    radius_m = models.PositiveIntegerField(_("radius (m)"))
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("to"))
    purpose = models.CharField(_("purpose"), max_length=200)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("requested by"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="footage_requests",
                                     verbose_name=_("requesting organisation"))
    # the province of the incident (scoping and the statistics)
    province = models.ForeignKey(AdminArea, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("province"))
    status = models.CharField(_("status"), max_length=10, choices=RequestStatus.choices,
                              default=RequestStatus.OPEN)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("footage request")
        verbose_name_plural = _("footage requests")
        indexes = [models.Index(fields=["organisation", "created_at"]),
                   models.Index(fields=["province", "created_at"])]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                              name="footage_request_window_order")]

    def __str__(self) -> str:
        return self.case_ref or f"#{self.pk}"


class ItemStatus(models.TextChoices):
    SENT = "sent", pgettext_lazy("footage item status", "Sent")  # census has "Sent" as "sent on"
    SEEN = "seen", _("Seen by the owner")
    PRESERVED = "preserved", _("Footage preserved")
    DELIVERED = "delivered", _("Footage delivered")
    NO_FOOTAGE = "no_footage", _("No footage")
    DECLINED = "declined", _("Declined")


class RequestItem(models.Model):
    """One camera of a request: what its owner has done about it."""

    request = models.ForeignKey(FootageRequest, on_delete=models.PROTECT, related_name="items",
                                verbose_name=_("footage request"))
    # a camera removed from the registry later keeps its request (label and owner are kept here)
    camera = models.ForeignKey(Camera, on_delete=models.SET_NULL, null=True, related_name="footage_items",
                               verbose_name=_("camera"))
    camera_label = models.CharField(_("camera"), max_length=300)
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="footage_items",
                              verbose_name=_("owner"))
    distance_m = models.PositiveIntegerField(_("distance (m)"), null=True, blank=True)
    coverage = models.FloatField(_("coverage score"), null=True, blank=True)
    overwrite_at = models.DateTimeField(_("footage overwritten at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ItemStatus.choices,
                              default=ItemStatus.SENT, db_index=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    seen_at = models.DateTimeField(_("seen at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    usable = models.BooleanField(_("usable as evidence"), null=True, blank=True)
    usable_note = models.CharField(_("note on usability"), max_length=300, blank=True)
    judged_at = models.DateTimeField(_("judged at"), null=True, blank=True)

    class Meta:
        ordering = ["overwrite_at", "id"]
        verbose_name = _("requested camera")
        verbose_name_plural = _("requested cameras")
        indexes = [models.Index(fields=["owner", "status"]), models.Index(fields=["camera", "status"])]
        constraints = [models.UniqueConstraint(fields=["request", "camera"], name="footage_item_once_per_camera")]

    def __str__(self) -> str:
        return f"{self.request} · {self.camera_label}"


class ItemEvent(models.Model):
    """The history of an item: every status change, who made it, when and why."""

    item = models.ForeignKey(RequestItem, on_delete=models.PROTECT, related_name="events")
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("request history entry")
        verbose_name_plural = _("request history")
