"""Misuse guards: a flag raised when one user of a police station searches for cameras or
requests footage far more than usual; the station head acknowledges it with a note."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safetyzone.core.models import Organisation


class VolumeKind(models.TextChoices):
    SEARCHES = "searches", _("Camera searches")
    REQUESTS = "requests", _("Footage requests")


class VolumeWindow(models.TextChoices):
    DAY = "day", _("Last 24 hours")
    WEEK = "week", _("Last 7 days")


class MisuseFlag(models.Model):
    station = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("police station"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("user"))
    kind = models.CharField(_("what"), max_length=10, choices=VolumeKind.choices)
    window = models.CharField(_("period"), max_length=5, choices=VolumeWindow.choices)
    count = models.PositiveIntegerField(_("count"))
    reason = models.CharField(_("why flagged"), max_length=300)
    raised_at = models.DateTimeField(_("flagged at"), default=timezone.now, db_index=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                        blank=True, related_name="+", verbose_name=_("acknowledged by"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        verbose_name = _("unusual volume flag")
        verbose_name_plural = _("unusual volume flags")
        indexes = [models.Index(fields=["station", "acknowledged_at"])]
