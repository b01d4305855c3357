"""Evidence files and their chain of custody (NIST IR 8161 for CCTV exports).

Each received clip is stored unchanged with its SHA-256 digest, the recorder's clock offset
at export and the footage times in UTC. A clip handed over on a medium (a USB stick, a DVD)
is an EvidenceFile without a file. Every view, download and share is a CustodyEntry: an
append-only log, hash-chained per request, so changing or removing any row is detected.
"""

import hashlib
import json
import uuid
from datetime import UTC

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .requests import FootageRequest, RequestItem


def evidence_upload_to(evidence, filename: str) -> str:
    return f"evidence/{evidence.item.request_id}/{uuid.uuid4().hex}"


class OffsetSource(models.TextChoices):
    ENTERED = "entered", _("Entered by the owner")
    CAMERA = "camera", _("Read from the camera")
    UNKNOWN = "unknown", _("Unknown")


class EvidenceFile(models.Model):
    item = models.ForeignKey(RequestItem, on_delete=models.PROTECT, related_name="evidence",
                             verbose_name=_("requested camera"))
    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=300, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    size = models.BigIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    content_type = models.CharField(_("file type"), max_length=100, blank=True)
    medium = models.CharField(_("handed over on"), max_length=200, blank=True,
                              help_text=_("For footage handed over on a USB stick, DVD or other medium."))
    clock_offset_s = models.IntegerField(_("recorder clock offset (s)"), null=True, blank=True,
                                         help_text=_("Recorder time minus true time at export."))
    offset_source = models.CharField(_("offset from"), max_length=8, choices=OffsetSource.choices,
                                     default=OffsetSource.UNKNOWN)
    footage_starts_utc = models.DateTimeField(_("footage starts (UTC)"), null=True, blank=True)
    footage_ends_utc = models.DateTimeField(_("footage ends (UTC)"), null=True, blank=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("received by"))
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    deleted_reason = models.CharField(_("deletion reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["received_at", "id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name or self.medium or f"#{self.pk}"


class Upload(models.Model):
    """A resumable upload in progress: bytes arrive in chunks at known offsets.

    Chunks have a fixed size (the last one may be shorter) and each arrives with its SHA-256;
    `chain` folds the chunk digests in order (sha256(previous chain + chunk digest)), a running
    digest that survives a restart, unlike a hashlib object. The clip's metadata waits here
    until the last chunk is in.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(RequestItem, on_delete=models.CASCADE, related_name="uploads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    size = models.BigIntegerField()
    received = models.BigIntegerField(default=0)
    expected_sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    evidence = models.OneToOneField(EvidenceFile, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    chunk_size = models.PositiveIntegerField(default=8 * 1024 * 1024)
    chain = models.CharField(max_length=64, default="0" * 64)
    clock_offset_s = models.IntegerField(null=True, blank=True)
    offset_source = models.CharField(max_length=8, choices=OffsetSource.choices, default=OffsetSource.UNKNOWN)
    footage_starts_utc = models.DateTimeField(null=True, blank=True)
    footage_ends_utc = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("upload in progress")
        verbose_name_plural = _("uploads in progress")


class CustodyAction(models.TextChoices):
    RECEIVED = "received", _("Received")
    HANDED_OVER = "handed_over", _("Handed over on a medium")
    VIEWED = "viewed", _("Viewed")
    DOWNLOADED = "downloaded", _("Downloaded")
    LINK = "link", _("Download link made")
    SHARED = "shared", _("Shared")
    DELETED = "deleted", _("Deleted at end of retention")
    REPORT = "report", _("Custody report exported")


class CustodyEntry(models.Model):
    request = models.ForeignKey(FootageRequest, on_delete=models.PROTECT, related_name="custody",
                                verbose_name=_("footage request"))
    evidence = models.ForeignKey(EvidenceFile, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="custody", verbose_name=_("evidence file"))
    at = models.DateTimeField(_("when"), default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+",
                             verbose_name=_("who"))
    username = models.CharField(_("who"), max_length=150)
    action = models.CharField(_("action"), max_length=12, choices=CustodyAction.choices)
    ip = models.GenericIPAddressField(_("from"), null=True, blank=True)
    purpose = models.CharField(_("why"), max_length=300, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    # what else the entry needs to say: who a copy was given to, the medium, the retention rule
    detail = models.CharField(_("details"), max_length=300, blank=True)
    seq = models.PositiveIntegerField(_("number"))  # position in the request's chain, from 1
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["request", "seq"]
        verbose_name = _("custody log entry")
        verbose_name_plural = _("custody log")
        constraints = [models.UniqueConstraint(fields=["request", "seq"], name="custody_seq_once_per_request")]

    def payload(self) -> str:
        """Every field but the database id, in a fixed order: change any and the hash changes."""
        at = self.at.astimezone(UTC).isoformat() if self.at else None
        return json.dumps(
            [self.request_id, self.seq, self.evidence_id, at, self.user_id, self.username, self.action,
             self.ip, self.purpose, self.sha256, self.detail, self.prev_hash],
            ensure_ascii=False,
        )

    def compute_hash(self) -> str:
        return hashlib.sha256(self.payload().encode()).hexdigest()

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("custody log entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("custody log entries are append-only")
