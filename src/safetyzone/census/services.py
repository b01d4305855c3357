"""Import jobs: upload, column mapping, dry run and commit, in the request or in the background.

Small files (up to IMPORT_SYNC_MAX_BYTES) are checked and imported while the officer
waits; larger ones go to the task queue (census.tasks) and the page polls the job's
progress. A job whose worker died is "stalled" and can be started again: its import runs
in one transaction, so nothing of the first attempt was written.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_noop

from safetyzone.core import access

from .importing import ImportFileError, run_import
from .importing.mapping import apply_saved, check_keys, guess_keys, to_saved
from .importing.readers import cell_text, check_size, open_table
from .models import ColumnMapping, ImportJob, JobStatus

logger = logging.getLogger(__name__)
SAMPLE_ROWS = 3
MAX_STORED_IDS = 5000


def sync_limit() -> int:
    return getattr(settings, "IMPORT_SYNC_MAX_BYTES", 256 * 1024)


def create_job(user, owner, upload, saved: ColumnMapping | None = None) -> ImportJob:
    """Store the upload and read its header; ImportFileError if it is not a usable file."""
    if not access.can_write_org(user, owner.pk):
        raise PermissionDenied
    if upload.size > settings.IMPORT_MAX_BYTES:
        raise ImportFileError(
            gettext_noop("The file is %(size)s MB; the largest accepted is %(limit)s MB. "
                         "Split it into smaller files."),
            size=f"{upload.size / 1_048_576:.1f}", limit=f"{settings.IMPORT_MAX_BYTES / 1_048_576:.0f}")
    name = Path(upload.name or "upload").name[-200:]
    job = ImportJob(user=user, owner=owner, filename=name)
    job.file.save(name, upload, save=False)
    try:
        check_size(Path(job.file.path))
        table = open_table(job.file.path, name)
        sample = []
        for _number, cells in table.rows:
            sample.append([cell_text(c) for c in cells[: len(table.headers)]])
            if len(sample) >= SAMPLE_ROWS:
                break
    except ImportFileError:
        job.file.delete(save=False)
        raise
    job.headers, job.header_row, job.sample = table.headers, table.header_row, sample
    job.total_rows = table.total
    if saved is not None and saved.organisation_id == owner.pk:
        job.mapping = apply_saved(table.headers, saved.mapping)
    else:
        job.mapping = guess_keys(table.headers)
    job.save()
    return job


def set_mapping(job: ImportJob, keys: list[str], save_as: str = "", user=None) -> None:
    """Keep the officer's column choices (and save them for the organisation if named)."""
    check_keys(job.headers, keys)
    job.mapping = keys
    job.save(update_fields=["mapping"])
    if save_as:
        ColumnMapping.objects.update_or_create(
            organisation=job.owner, name=save_as[:100],
            defaults={"mapping": to_saved(job.headers, keys), "created_by": user})


def start(job: ImportJob, *, commit: bool, skip_bad_rows: bool = False) -> None:
    """Check (commit=False) or import the job's file, now or in the background."""
    from .tasks import run_import_job

    job.status = JobStatus.IMPORTING if commit else JobStatus.VALIDATING
    job.skip_bad_rows = skip_bad_rows if commit else job.skip_bad_rows
    job.processed_rows = 0
    job.started_at = job.heartbeat_at = timezone.now()
    job.finished_at = None
    job.message_en = job.message_th = ""
    job.save()
    if job.file.size <= sync_limit():
        run_job(job.pk, commit)
    else:
        run_import_job.enqueue(job.pk, commit)


def run_job(job_id: int, commit: bool) -> str:
    """The work of one job (called by the task or directly); returns the final status."""
    job = ImportJob.objects.select_related("user", "owner").get(pk=job_id)

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=done, total_rows=total, heartbeat_at=timezone.now())

    try:
        result = run_import(job.user, job.owner, job.file.path, mapping=job.mapping,
                            skip_bad_rows=job.skip_bad_rows, dry_run=not commit, filename=job.filename,
                            reason=f"import: {job.filename}", progress=progress)
    except ImportFileError as exc:
        job.status, job.message_en, job.message_th = JobStatus.FAILED, exc.message_en, exc.message_th
    except Exception as exc:  # a bug or a lost database: say so on the page, keep the trace in the log
        logger.exception("import job %s failed", job.pk)
        job.status = JobStatus.FAILED
        job.message_en = f"The import stopped because of an unexpected error ({type(exc).__name__}). Nothing was written."
        job.message_th = f"การนำเข้าหยุดเพราะเกิดข้อผิดพลาดที่ไม่คาดคิด ({type(exc).__name__}) ไม่มีข้อมูลใดถูกบันทึก"
    else:
        job.counts = result.counts()
        job.problems = [p.as_list() for p in result.problems]
        job.created_ids = (result.created_ids + result.updated_ids)[:MAX_STORED_IDS]
        job.status = JobStatus.DONE if result.committed else JobStatus.VALIDATED
        job.total_rows = job.processed_rows = result.total
    job.finished_at = job.heartbeat_at = timezone.now()
    job.save()
    return job.status


def visible_jobs(user):
    """The import jobs a user may open: their own (system admins: all)."""
    qs = ImportJob.objects.select_related("owner", "user")
    return qs if access.is_system_admin(user) else qs.filter(user=user)


def saved_mappings(user):
    from safetyzone.core.models import Organisation

    orgs = access.writable_organisations(user, Organisation.objects.all())
    return ColumnMapping.objects.filter(organisation__in=orgs).select_related("organisation")
