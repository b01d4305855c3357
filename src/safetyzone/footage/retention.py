"""Evidence retention per incident type (setting FOOTAGE_RETENTION_DAYS): expired files are
deleted from storage; the EvidenceFile stays (name, size, digest, times) with deleted_at and
the reason, and the custody log gets a "deleted" entry. Abandoned uploads are removed too, and
so are files a crash left in the upload directory; each removed upload file keeps a record
(RemovedUploadFile: name, size, last write, upload, request, reason)."""

import re
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import custody
from .models import CustodyAction, EvidenceFile, IncidentType, RemovedUploadFile, Upload

SYSTEM = "safetyzone purge_evidence"
# Days a received file is kept, counted from its receipt. Longer for serious crimes, whose
# cases run for years (prosecution, appeal); a year for the rest.
DEFAULT_DAYS = {
    IncidentType.THEFT: 365, IncidentType.BURGLARY: 3 * 365, IncidentType.ROBBERY: 5 * 365,
    IncidentType.ASSAULT: 5 * 365, IncidentType.TRAFFIC: 3 * 365, IncidentType.MISSING: 10 * 365,
    IncidentType.DRUGS: 5 * 365, IncidentType.VANDALISM: 365, IncidentType.OTHER: 365,
}


def retention_days(incident_type: str) -> int:
    configured = getattr(settings, "FOOTAGE_RETENTION_DAYS", {}) or {}
    return int(configured.get(incident_type, DEFAULT_DAYS.get(incident_type, DEFAULT_DAYS[IncidentType.OTHER])))


def expired(now=None):
    """Evidence files whose retention has ended and whose bytes are still stored."""
    now = now or timezone.now()
    due = Q()
    for kind in IncidentType.values:
        due |= Q(item__request__incident_type=kind, received_at__lt=now - timedelta(days=retention_days(kind)))
    return (EvidenceFile.objects.filter(due, deleted_at__isnull=True).exclude(file="")
            .select_related("item__request").order_by("received_at", "id"))


def purge(now=None) -> list[EvidenceFile]:
    """Delete every expired file; return the records (now marked deleted). The bytes go first,
    then the record: if the record's write fails, the next run finds it and finishes it."""
    now = now or timezone.now()
    done = []
    for evidence in expired(now):
        days = retention_days(evidence.item.request.incident_type)
        evidence.file.storage.delete(evidence.file.name)
        with transaction.atomic():
            locked = EvidenceFile.objects.select_for_update().get(pk=evidence.pk)
            if locked.deleted_at:
                continue
            reason = _("Retention of %(days)s days for %(type)s ended") % {
                "days": days, "type": evidence.item.request.get_incident_type_display()}
            locked.file, locked.deleted_at, locked.deleted_reason = "", now, reason[:200]
            locked.save(update_fields=["file", "deleted_at", "deleted_reason"])
            custody.record(None, evidence.item.request_id, CustodyAction.DELETED, locked, username=SYSTEM,
                           purpose=_("End of the evidence retention period"),
                           detail=f"{evidence.file.name} · {reason}")
        done.append(locked)
    return done


def purge_stale_uploads(now=None) -> int:
    """Uploads nobody touched for FOOTAGE_UPLOAD_STALE_DAYS (7) days: their partial files go."""
    from .uploads import discard, part_path

    now = now or timezone.now()
    days = int(getattr(settings, "FOOTAGE_UPLOAD_STALE_DAYS", 7))
    stale = list(Upload.objects.filter(evidence__isnull=True, updated_at__lt=now - timedelta(days=days))
                 .select_related("item"))
    for upload in stale:
        part = part_path(upload)
        if part.exists():
            _record(part, upload.pk, upload.item.request_id, now,
                    _("Upload abandoned: untouched for %(days)s days") % {"days": days})
        discard(upload)
    return len(stale)


LEFTOVER = re.compile(r"^(?P<upload>[0-9a-f-]{36})\.(?:part|[0-9a-f]{32}\.chunk)$")


def _record(path: Path, upload_id, request_id, now, reason: str) -> RemovedUploadFile:
    stat = path.stat()
    return RemovedUploadFile.objects.create(
        name=path.name[:255], size=stat.st_size, modified_at=datetime.fromtimestamp(stat.st_mtime, UTC),
        removed_at=now, upload_id=upload_id, request_id=request_id, reason=reason[:200])


def _leftover_reason(path: Path, upload: Upload | None) -> str | None:
    """Why a file of the upload directory is a leftover, or None if an upload still needs it."""
    if path.name.endswith(".chunk"):  # a chunk lives for one request; its request died with a crash
        return _("Chunk left by an interrupted request")
    if upload is None:
        return _("Partial file of an upload that no longer exists")
    if upload.evidence_id:
        return _("Partial file of an upload already kept as evidence")
    return None  # an upload in progress: the owner may resume it (purge_stale_uploads after 7 days)


def sweep_upload_leftovers(now=None) -> list[RemovedUploadFile]:
    """Chunk and partial files in MEDIA_ROOT/uploads left by a crash (or by an upload that ended
    without removing them) and not written for FOOTAGE_UPLOAD_LEFTOVER_HOURS (24) hours: each is
    recorded, then removed. Files of uploads in progress and unknown files are left alone."""
    from .uploads import uploads_dir

    now = now or timezone.now()
    hours = int(getattr(settings, "FOOTAGE_UPLOAD_LEFTOVER_HOURS", 24))
    cutoff = (now - timedelta(hours=hours)).timestamp()
    found = {}
    for path in uploads_dir().iterdir():
        m = LEFTOVER.match(path.name)
        if m and path.is_file() and path.stat().st_mtime < cutoff:
            found[path] = uuid.UUID(m["upload"])
    uploads = Upload.objects.select_related("item").in_bulk({*found.values()})
    removed = []
    for path, upload_id in sorted(found.items()):
        upload = uploads.get(upload_id)
        reason = _leftover_reason(path, upload)
        if reason is None:
            continue
        with transaction.atomic():  # the record is kept only if the file went
            record = _record(path, upload_id, upload.item.request_id if upload else None, now, reason)
            path.unlink(missing_ok=True)
        removed.append(record)
    return removed
