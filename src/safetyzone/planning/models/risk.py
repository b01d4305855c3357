"""Risk points (seed 001 L286-L292) and what is done about them until they are closed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from .base import Scoped, in_thailand, lat_field, lon_field


class RiskCategory(models.TextChoices):
    """The places seed 001 L288 asks the network to analyse, in its order."""

    LONELY_ROAD = "lonely_road", _("Lonely road, lane or alley")
    ABANDONED_BUILDING = "abandoned_building", _("Abandoned building")
    OVERGROWN_LAND = "overgrown_land", _("Overgrown land")
    FOOTBRIDGE = "footbridge", _("Footbridge in a lonely place")
    CROWDED_COMMUNITY = "crowded_community", _("Crowded community")
    YOUTH_GATHERING = "youth_gathering", _("Youth gathering place")
    DRINKING = "drinking", _("Drinking circle")
    KARAOKE = "karaoke", _("Noisy karaoke bar")
    VICE_DRUGS = "vice_drugs", _("Gambling or drug spot")
    STREET_RACING = "street_racing", _("Street racing")
    OTHER = "other", _("Other")


class SpaceClass(models.TextChoices):
    """The three space classes of seed 001 L159-L165."""

    PRIMARY = "primary", _("Primary space")
    SECONDARY = "secondary", _("Secondary space")
    PUBLIC = "public", _("Public space")


class Severity(models.IntegerChoices):
    LOW = 1, _("Low")
    MEDIUM = 2, pgettext_lazy("severity", "Medium")
    HIGH = 3, _("High")
    CRITICAL = 4, _("Critical")


class TimeOfDay(models.TextChoices):
    MORNING = "morning", _("Morning (06-12)")
    AFTERNOON = "afternoon", _("Afternoon (12-18)")
    EVENING = "evening", _("Evening (18-24)")
    NIGHT = "night", _("Night (00-06)")


class RiskSource(models.TextChoices):
    NETWORK_MEETING = "network_meeting", _("Crime-prevention network meeting")
    POLICE = "police", _("Police")
    CITIZEN = "citizen", _("Citizen")


class RiskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class RiskPoint(Scoped):
    name = models.CharField(_("place"), max_length=200)
    lat = lat_field()
    lon = lon_field()
    category = models.CharField(pgettext_lazy("risk point", "category"), max_length=20, choices=RiskCategory.choices)
    category_detail = models.CharField(_("category in words"), max_length=200, blank=True)
    space_class = models.CharField(_("space class"), max_length=10, choices=SpaceClass.choices)
    severity = models.PositiveSmallIntegerField(_("severity"), choices=Severity.choices, default=Severity.MEDIUM)
    times_of_day = models.JSONField(_("times of day"), default=list, blank=True)  # TimeOfDay values
    source = models.CharField(_("source"), max_length=16, choices=RiskSource.choices)
    meeting_ref = models.CharField(_("meeting (date or minutes reference)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=8, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_note = models.CharField(_("why it was closed"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-severity", "name", "id"]
        verbose_name = _("risk point")
        verbose_name_plural = _("risk points")
        indexes = [models.Index(fields=["province", "status"]), models.Index(fields=["lat", "lon"])]
        constraints = [
            in_thailand("riskpoint_in_thailand"),
            models.CheckConstraint(condition=Q(severity__gte=1, severity__lte=4), name="riskpoint_severity"),
            models.CheckConstraint(condition=Q(status="open", closed_at__isnull=True)
                                   | Q(status="closed", closed_at__isnull=False), name="riskpoint_closed_at"),
        ]

    def __str__(self) -> str:
        return self.name


def risk_photo_upload_to(instance, filename: str) -> str:
    return f"planning/risk/{instance.risk_point_id}/{filename}"


class RiskPhoto(models.Model):
    risk_point = models.ForeignKey(RiskPoint, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=risk_photo_upload_to)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["risk_point", "id"]
        verbose_name = _("risk point photo")
        verbose_name_plural = _("risk point photos")


class MitigationKind(models.TextChoices):
    LIGHT = "light", _("Light installed")
    TREES = "trees", _("Trees trimmed")
    BUILDING_CLOSED = "building_closed", _("Building closed")
    CAMERA = "camera", _("Camera installed")
    PATROL_POINT = "patrol_point", _("Patrol point added")
    OTHER = "other", _("Other")


class MitigationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", pgettext_lazy("planning", "Done")
    CANCELLED = "cancelled", _("Cancelled")


class Mitigation(models.Model):
    risk_point = models.ForeignKey(RiskPoint, on_delete=models.CASCADE, related_name="mitigations")
    kind = models.CharField(_("measure"), max_length=16, choices=MitigationKind.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    responsible = models.CharField(_("responsible agency"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=MitigationStatus.choices,
                              default=MitigationStatus.PLANNED)
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    camera = models.ForeignKey("cameras.Camera", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("camera installed"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["risk_point", "id"]
        verbose_name = _("mitigation")
        verbose_name_plural = _("mitigations")
        constraints = [
            models.CheckConstraint(condition=~Q(status="done") | Q(done_on__isnull=False),
                                   name="mitigation_done_on"),
        ]
