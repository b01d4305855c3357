"""Certification (seed 002 L168-L171): the committee certifies a round's data.

A Certification freezes what was certified: the round's figures (`figures`) and one
CertifiedCamera row per camera as it stood, so later edits of the registry never change a
certified result and two rounds can be compared. Reopening a certified round does not delete
its certification: it is marked superseded, and certifying again adds a new one.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from safetyzone.core.models import Organisation

from .rounds import Round


class Certification(models.Model):
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="certifications")
    certified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("certified by"))
    certified_at = models.DateTimeField(_("certified at"))
    # Required when data-quality checks still failed at certification time.
    override_reason = models.TextField(_("reason for certifying with open issues"), blank=True)
    open_issues = models.PositiveIntegerField(_("open data-quality issues"), default=0)
    figures = models.JSONField(_("certified figures"), default=dict)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    class Meta:
        ordering = ["-certified_at"]
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")

    def __str__(self) -> str:
        return f"{self.round} · {self.certified_at:%Y-%m-%d}"


class CertifiedCamera(models.Model):
    """A camera as it stood when its round was certified (a frozen copy, not a link)."""

    certification = models.ForeignKey(Certification, on_delete=models.CASCADE, related_name="cameras")
    camera_id = models.IntegerField()  # the registry id; the camera may later be deleted
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    asset_code = models.CharField(max_length=60, blank=True)
    area_id = models.CharField(max_length=6)
    lat = models.DecimalField(max_digits=9, decimal_places=6)
    lon = models.DecimalField(max_digits=9, decimal_places=6)
    sector = models.CharField(max_length=10)
    status = models.CharField(max_length=15)
    network_link = models.CharField(max_length=10)
    retention_days = models.PositiveSmallIntegerField(null=True)
    playback = models.BooleanField(null=True)

    class Meta:
        ordering = ["certification", "camera_id"]
        constraints = [models.UniqueConstraint(fields=["certification", "camera_id"],
                                               name="certified_camera_once")]
