"""The one write of the data-quality pages: the secretariat's decision on a cross-agency pair."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safetyzone.cameras.models import Camera
from safetyzone.core import access

from ..models import DuplicateDecision, DuplicateDecisionEntry, DuplicateVerdict
from ..models.quality import NOTE_MAX
from .checks import DUPLICATE_M, CameraRow, cross_agency_pairs


def may_decide(user) -> bool:
    return access.is_system_admin(user) or user.role in access.PROVINCE_READ_ROLES


def decide_pair(user, first: int, second: int, verdict: str, note: str = "") -> DuplicateDecision:
    """Record a decision on two cameras: it becomes the one in force and joins the pair's
    history (who, when, verdict, note). Both cameras must be readable by the user, of different
    agencies and still within the duplicate distance. A note longer than NOTE_MAX characters is
    refused with a ValidationError naming the field."""
    if not may_decide(user) or verdict not in DuplicateVerdict.values:
        raise PermissionDenied
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": _("The note is %(length)s characters long; at most %(max)s fit.") % {
            "length": len(note), "max": NOTE_MAX}})
    try:
        a, b = sorted((int(first), int(second)))
    except (TypeError, ValueError):
        raise PermissionDenied from None
    with transaction.atomic():
        cams = list(access.scope(user, Camera.objects.filter(pk__in=[a, b])).values_list(
            "id", "site__owner_id", "lat", "lon", "province_id"))
        rows = [CameraRow(pk, owner, float(lat), float(lon)) for pk, owner, lat, lon, _p in cams]
        if len(rows) != 2 or not cross_agency_pairs(rows, DUPLICATE_M):
            raise PermissionDenied
        now = timezone.now()
        decision, _created = DuplicateDecision.objects.update_or_create(
            camera_a_id=a, camera_b_id=b,
            defaults={"verdict": verdict, "decided_by": user, "decided_at": now, "note": note})
        DuplicateDecisionEntry.objects.create(camera_a_ref=a, camera_b_ref=b, province=cams[0][4], verdict=verdict,
                                              note=note, decided_by=user, decided_at=now)
    return decision

