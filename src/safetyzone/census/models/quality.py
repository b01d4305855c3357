"""Decisions on likely duplicates across agencies (data-quality checks, census/quality/).

Two cameras of different agencies registered within 5 m may be one camera counted twice, or
two cameras on one pole. The secretariat compares them side by side and records its decision
here: "keep both" silences the warning for good; "the same camera" turns it into an error until
one agency removes its record (the camera's deletion deletes the decision).

A pair may be decided again (a second look on site, a mistaken click): DuplicateDecision holds
the verdict in force (the latest), DuplicateDecisionEntry every decision ever taken, with who,
when and the note that explains it. The entries name the cameras by id, not by foreign key, so
the record of why a camera was removed as a duplicate outlives the camera.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safetyzone.cameras.models import Camera


class DuplicateVerdict(models.TextChoices):
    DISTINCT = "distinct", _("Two cameras: keep both")
    SAME = "same", _("The same camera registered twice")


NOTE_MAX = 1000


class DuplicateDecision(models.Model):
    camera_a = models.ForeignKey(Camera, on_delete=models.CASCADE, related_name="+")  # the lower id
    camera_b = models.ForeignKey(Camera, on_delete=models.CASCADE, related_name="+")
    verdict = models.CharField(_("decision"), max_length=10, choices=DuplicateVerdict.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True, max_length=NOTE_MAX)

    class Meta:
        verbose_name = _("duplicate decision")
        verbose_name_plural = _("duplicate decisions")
        constraints = [
            models.UniqueConstraint(fields=["camera_a", "camera_b"], name="duplicate_decision_once"),
            models.CheckConstraint(condition=Q(camera_a__lt=F("camera_b")), name="duplicate_decision_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.camera_a_id} / {self.camera_b_id}: {self.verdict}"


class DuplicateDecisionEntry(models.Model):
    """One decision on a pair, never changed nor deleted; the latest of a pair is in force."""

    camera_a_ref = models.BigIntegerField(_("first camera"), db_index=True)  # the lower id
    camera_b_ref = models.BigIntegerField(_("second camera"))
    province = models.CharField(_("province"), max_length=2, db_index=True)
    verdict = models.CharField(_("decision"), max_length=10, choices=DuplicateVerdict.choices)
    note = models.TextField(_("note"), blank=True, max_length=NOTE_MAX)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        verbose_name = _("duplicate decision (history)")
        verbose_name_plural = _("duplicate decisions (history)")
        ordering = ["-decided_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(camera_a_ref__lt=F("camera_b_ref")), name="duplicate_entry_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.camera_a_ref} / {self.camera_b_ref}: {self.verdict} ({self.decided_at:%Y-%m-%d %H:%M})"
