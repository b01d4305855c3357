"""Small records kept beside the custody log: which download links have been used (a link
works once), and which leftover upload files the purge removed (an upload's bytes never
vanish without a trace)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .evidence import CustodyEntry
from .requests import FootageRequest


class UsedLink(models.Model):
    """A download or watch link that has been opened. The link is named by the custody entry
    ("link made") that created it; the primary key makes a second use impossible, even for two
    clicks at the same moment."""

    link = models.OneToOneField(CustodyEntry, on_delete=models.PROTECT, primary_key=True, related_name="used",
                                verbose_name=_("link made in entry"))
    opened = models.OneToOneField(CustodyEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                  verbose_name=_("opened in entry"))
    used_at = models.DateTimeField(_("used at"), default=timezone.now)

    class Meta:
        verbose_name = _("used download link")
        verbose_name_plural = _("used download links")


class RemovedUploadFile(models.Model):
    """A chunk or partial file left in the upload directory (a crash, an abandoned upload) that
    `safetyzone purge_evidence` removed: what it was, how big, how old and why it went."""

    name = models.CharField(_("file name"), max_length=255)
    size = models.BigIntegerField(_("size (bytes)"))
    modified_at = models.DateTimeField(_("last written"))
    removed_at = models.DateTimeField(_("removed at"), default=timezone.now, db_index=True)
    upload_id = models.UUIDField(_("upload"), null=True, blank=True)
    request = models.ForeignKey(FootageRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("footage request"))
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        ordering = ["-removed_at", "-id"]
        verbose_name = _("removed upload file")
        verbose_name_plural = _("removed upload files")
