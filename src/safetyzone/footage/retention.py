"""Evidence retention per incident type (setting FOOTAGE_RETENTION_DAYS): expired files are
deleted from storage; the EvidenceFile stays (name, size, digest, times) with deleted_at and
the reason, and the custody log gets a "deleted" entry. Abandoned uploads are removed too."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import custody
from .models import CustodyAction, EvidenceFile, IncidentType, Upload

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
    from .uploads import discard

    now = now or timezone.now()
    days = int(getattr(settings, "FOOTAGE_UPLOAD_STALE_DAYS", 7))
    stale = list(Upload.objects.filter(evidence__isnull=True, updated_at__lt=now - timedelta(days=days)))
    for upload in stale:
        discard(upload)
    return len(stale)
