"""Crime incidents imported from police files, grouped by the police crime groups.

The groups (1-5 by default) are configuration, not code: an offence may belong to more than one
group (they overlap), so an incident carries a set of groups. OffenceRule maps offence wording
to groups when the file gives no group column.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import Scoped, in_thailand, lat_field, lon_field


class CrimeGroup(models.Model):
    number = models.PositiveSmallIntegerField(_("group number"), unique=True)
    name_th = models.CharField(_("Thai name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    counts_for_target = models.BooleanField(
        _("counts for the yearly reduction target"), default=False,
        help_text=_("Seed 003: crimes against life, body, sex and property."))

    class Meta:
        ordering = ["number"]
        verbose_name = _("crime group")
        verbose_name_plural = _("crime groups")

    def __str__(self) -> str:
        from django.utils.translation import get_language

        name = self.name_en if (get_language() or "th").startswith("en") else self.name_th
        return f"{self.number}. {name}"


class OffenceRule(models.Model):
    """Offence wording (a substring, case-insensitive, Thai or English) -> its groups."""

    contains = models.CharField(_("offence contains"), max_length=200, unique=True)
    groups = models.ManyToManyField(CrimeGroup, related_name="rules", verbose_name=_("crime groups"))

    class Meta:
        ordering = ["contains"]
        verbose_name = _("offence rule")
        verbose_name_plural = _("offence rules")

    def __str__(self) -> str:
        return self.contains


class ImportStatus(models.TextChoices):
    DONE = "done", _("Imported")
    REFUSED = "refused", _("Refused, nothing written")
    UNDONE = "undone", _("Undone")


class IncidentImport(Scoped):
    """One uploaded file: what was written (or why nothing was), kept after an undo."""

    file_name = models.CharField(_("file"), max_length=255)
    rows = models.PositiveIntegerField(_("rows imported"), default=0)
    skipped = models.PositiveIntegerField(_("rows skipped"), default=0)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=ImportStatus.choices, default=ImportStatus.DONE)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("undone by"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("incident import")
        verbose_name_plural = _("incident imports")


class Incident(Scoped):
    case_ref = models.CharField(_("case reference"), max_length=100, blank=True)
    occurred_at = models.DateTimeField(_("occurred at"))
    offence = models.CharField(_("offence"), max_length=300)
    groups = models.ManyToManyField(CrimeGroup, related_name="incidents", blank=True,
                                    verbose_name=_("crime groups"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    lat = lat_field()
    lon = lon_field()
    source = models.ForeignKey(IncidentImport, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="incidents", verbose_name=_("imported from"))

    class Meta:
        ordering = ["-occurred_at", "id"]
        verbose_name = _("crime incident")
        verbose_name_plural = _("crime incidents")
        indexes = [models.Index(fields=["province", "occurred_at"]), models.Index(fields=["lat", "lon"])]
        constraints = [in_thailand("incident_in_thailand")]

    def __str__(self) -> str:
        return f"{self.offence} ({self.occurred_at:%Y-%m-%d})"
