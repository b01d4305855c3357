"""Import jobs, saved column mappings and export records."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safetyzone.core.models import Organisation

# A running job that has not reported progress for this long has lost its worker.
STALLED_AFTER = timedelta(minutes=2)


class ColumnMapping(models.Model):
    """How an organisation's spreadsheets name their columns, saved to reuse next time."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="column_mappings", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=100)
    # normalized header -> column key ('' = ignore), see census.importing.mapping
    mapping = models.JSONField(_("column mapping"), default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("saved column mapping")
        verbose_name_plural = _("saved column mappings")
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="mapping_unique_name")]

    def __str__(self) -> str:
        return self.name


class JobStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the column mapping")
    VALIDATING = "validating", _("Checking the rows")
    VALIDATED = "validated", _("Checked")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


def upload_to(job, filename: str) -> str:
    return f"imports/{timezone.now():%Y/%m}/{filename}"


class ImportJob(models.Model):
    """One uploaded file on its way through mapping, dry run and commit."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="import_jobs",
                              verbose_name=_("owner organisation"))
    file = models.FileField(_("file"), upload_to=upload_to, max_length=300)
    filename = models.CharField(_("file name"), max_length=255)
    headers = models.JSONField(default=list)
    sample = models.JSONField(default=list)  # first rows as text, shown on the mapping page
    header_row = models.PositiveIntegerField(default=1)
    mapping = models.JSONField(_("column mapping"), default=list)  # keys aligned with headers
    skip_bad_rows = models.BooleanField(_("skip bad rows"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=JobStatus.choices, default=JobStatus.PENDING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict)
    problems = models.JSONField(default=list)  # [row, column, value, message_en, message_th, level]
    message_en = models.TextField(blank=True)  # why the job failed as a whole
    message_th = models.TextField(blank=True)
    created_ids = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return self.filename

    @property
    def running(self) -> bool:
        return self.status in (JobStatus.VALIDATING, JobStatus.IMPORTING)

    @property
    def stalled(self) -> bool:
        last = self.heartbeat_at or self.started_at or self.created_at
        return self.running and last is not None and timezone.now() - last > STALLED_AFTER

    @property
    def message(self) -> str:
        from safetyzone.census.importing.messages import in_current_language

        return in_current_language(self.message_en, self.message_th)

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))


class ExportRecord(models.Model):
    """Who exported which cameras, how; exports with contact persons go to the access log."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    format = models.CharField(max_length=10)
    query = models.TextField(blank=True)  # the filters, as in the URL
    contacts = models.BooleanField(default=False)
    purpose = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
