"""The one write of the data-quality pages: the secretariat's decision on a cross-agency pair."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from safetyzone.cameras.models import Camera
from safetyzone.core import access

from ..models import DuplicateDecision, DuplicateVerdict
from .checks import DUPLICATE_M, CameraRow, cross_agency_pairs


def may_decide(user) -> bool:
    return access.is_system_admin(user) or user.role in access.PROVINCE_READ_ROLES


def decide_pair(user, first: int, second: int, verdict: str) -> DuplicateDecision:
    """Record (or change) the decision on two cameras; both must be readable by the user,
    of different agencies and still within the duplicate distance."""
    if not may_decide(user) or verdict not in DuplicateVerdict.values:
        raise PermissionDenied
    try:
        a, b = sorted((int(first), int(second)))
    except (TypeError, ValueError):
        raise PermissionDenied from None
    with transaction.atomic():
        cams = list(access.scope(user, Camera.objects.filter(pk__in=[a, b])).values_list(
            "id", "site__owner_id", "lat", "lon"))
        rows = [CameraRow(pk, owner, float(lat), float(lon)) for pk, owner, lat, lon in cams]
        if len(rows) != 2 or not cross_agency_pairs(rows, DUPLICATE_M):
            raise PermissionDenied
        decision, _ = DuplicateDecision.objects.update_or_create(
            camera_a_id=a, camera_b_id=b, defaults={"verdict": verdict, "decided_by": user})
    return decision
