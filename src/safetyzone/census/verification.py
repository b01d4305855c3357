"""Field verification services: who may assign, sampling, assigning, and recording a visit.

Rules: the provincial secretariat assigns cameras of its province (the access gate decides
which cameras that is); a system admin assigns anywhere; an inspector is whoever holds the
assignment. A visit is validated (GPS fix inside Thailand with an accuracy, a photo that
really is an image) before anything is written; then, in one transaction, the visit is kept
and the registry is changed with history in the inspector's name.
"""

import math
import random
import re
from dataclasses import dataclass
from datetime import date, datetime
from datetime import timezone as dt_timezone
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from safetyzone.cameras.models import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN, Camera, Status
from safetyzone.core import access
from safetyzone.core.models import Organisation, Role, User

from .models import Inspection, InspectionStatus, Round, Visit, VisitResult
from .verification_photos import check_photo

MAX_ACCURACY_M = 1000  # a fix vaguer than this cannot say the inspector stood at the camera
MAX_FIX_AGE_S = 12 * 3600
FAR_M = 300  # a found camera this far beyond the fix's accuracy is flagged for a second look
BROKEN_RESULTS = {VisitResult.FOUND_NOT_WORKING, VisitResult.NOT_FOUND}


def can_assign(user) -> bool:
    return access.is_system_admin(user) or bool(
        user.is_authenticated and user.role == Role.SECRETARIAT and user.organisation_id)


def require_assigner(user) -> None:
    if not can_assign(user):
        raise PermissionDenied(_("Only the provincial secretariat assigns field inspections."))


def assignable_cameras(user) -> QuerySet:
    require_assigner(user)
    return access.scope(user, Camera.objects.all())


def possible_inspectors(user) -> QuerySet:
    """Active users of the organisations the assigner sees (its province for the secretariat)."""
    require_assigner(user)
    orgs = access.scope(user, Organisation.objects.all())
    return User.objects.filter(is_active=True, organisation__in=orgs).select_related("organisation")


def visible_inspections(user) -> QuerySet:
    """Assignments on cameras the user may read (the secretariat: its province)."""
    return Inspection.objects.filter(camera__in=access.scope(user, Camera.objects.all()))


def sample(cameras: QuerySet, percent: float, seed: int) -> list[int]:
    """Camera ids: `percent` of each owner's cameras (at least one each), the same for a seed."""
    by_owner: dict[int, list[int]] = {}
    for pk, owner in cameras.order_by("id").values_list("id", "site__owner_id"):
        by_owner.setdefault(owner, []).append(pk)
    rng = random.Random(seed)
    chosen: list[int] = []
    for owner in sorted(by_owner):
        ids = by_owner[owner]
        k = min(len(ids), max(1, math.ceil(len(ids) * percent / 100)))
        chosen.extend(sorted(rng.sample(ids, k)))
    return chosen


TOKEN = re.compile(r"[^\s,;]+")


def resolve_list(user, text: str) -> list[int]:
    """Camera ids for pasted ids or asset codes; every unknown token is named in the error."""
    cameras = assignable_cameras(user)
    tokens = list(dict.fromkeys(TOKEN.findall(text)))
    by_code: dict[str, list[int]] = {}
    for i in range(0, len(tokens), 500):  # a few queries for thousands of pasted codes
        for pk, code in cameras.filter(asset_code__in=tokens[i:i + 500]).values_list("id", "asset_code"):
            by_code.setdefault(code, []).append(pk)
    numbers = [int(t) for t in tokens if t not in by_code and t.isdigit() and len(t) <= 18]
    known = set()
    for i in range(0, len(numbers), 500):
        known.update(cameras.filter(pk__in=numbers[i:i + 500]).values_list("id", flat=True))
    ids: dict[int, None] = {}  # ordered, without repeats
    missing: list[str] = []
    for token in tokens:
        found = sorted(by_code.get(token, [])) or ([int(token)] if token.isdigit() and len(token) <= 18
                                                   and int(token) in known else [])
        if not found:
            missing.append(token)
        ids.update(dict.fromkeys(found))
    if missing:
        raise ValidationError({"cameras": _("Not found among the cameras you can assign: %(codes)s")
                               % {"codes": ", ".join(missing[:20])}})
    return list(ids)


@transaction.atomic
def assign(user, camera_ids: list[int], inspector: User, *, due_on: date | None = None,
           census_round: Round | None = None) -> list[Inspection]:
    """Assign the cameras to the inspector; all or nothing, re-checked inside the transaction."""
    require_assigner(user)
    if not camera_ids:
        raise ValidationError({"cameras": _("No camera matched: choose organisations or paste camera ids.")})
    if not possible_inspectors(user).filter(pk=inspector.pk).exists():
        raise ValidationError({"inspector": _("This inspector does not work in your province.")})
    if census_round is not None and not access.is_system_admin(user) \
            and census_round.province_id != user.organisation.province_id:
        raise PermissionDenied
    allowed = set(assignable_cameras(user).filter(pk__in=camera_ids).values_list("id", flat=True))
    if allowed != set(camera_ids):
        raise PermissionDenied(_("Some of these cameras are outside your province."))
    already = set(Inspection.objects.filter(camera_id__in=camera_ids, inspector=inspector,
                                            status=InspectionStatus.PENDING).values_list("camera_id", flat=True))
    rows = [Inspection(camera_id=pk, inspector=inspector, assigned_by=user, due_on=due_on, round=census_round)
            for pk in camera_ids if pk not in already]
    return Inspection.objects.bulk_create(rows)


@dataclass
class Fix:
    lat: Decimal
    lon: Decimal
    accuracy_m: float
    at: datetime


def _number(value, kind=Decimal):
    try:
        number = kind(str(value).strip())
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if math.isfinite(number) else None


def check_fix(lat, lon, accuracy, at_ms) -> Fix:
    """The phone's GPS fix, or a ValidationError that says what is wrong and what to do."""
    if not all(str(v or "").strip() for v in (lat, lon, accuracy, at_ms)):
        raise ValidationError({"gps": _("No GPS position from the phone. Turn on location, allow this page to "
                                        "use it, wait for a fix and try again.")})
    lat, lon, acc, ms = _number(lat), _number(lon), _number(accuracy, float), _number(at_ms, float)
    if lat is None or lon is None or acc is None or ms is None:
        raise ValidationError({"gps": _("The GPS position sent by the phone is not readable. Take the position again.")})
    if not (LAT_MIN <= lat <= LAT_MAX and LON_MIN <= lon <= LON_MAX):
        raise ValidationError({"gps": _("The GPS position is outside Thailand. Take the position again at the camera.")})
    if not 0 < acc <= MAX_ACCURACY_M:
        raise ValidationError({"gps": _("The GPS position is too imprecise (%(m)s m). Move into the open, wait for "
                                        "a better fix and try again.") % {"m": round(acc)}})
    try:
        at = datetime.fromtimestamp(ms / 1000, tz=dt_timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise ValidationError({"gps": _("The GPS position sent by the phone is not readable. Take the position "
                                        "again.")}) from None
    age = (timezone.now() - at).total_seconds()
    if age > MAX_FIX_AGE_S or age < -600:
        raise ValidationError({"gps": _("The GPS position is too old or the phone's clock is wrong. "
                                        "Take the position again.")})
    return Fix(lat.quantize(Decimal("0.000001")), lon.quantize(Decimal("0.000001")), acc, at)


def distance_m(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance in metres (haversine; well under 1 m off at street scale)."""
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp, dl = p2 - p1, math.radians(float(lon2) - float(lon1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(math.sqrt(a))


def _both_languages(message: str) -> str:
    """Thai / English text stored in the registry, the same whoever's browser wrote it."""
    with translation.override("th"):
        thai = _(message)
    return f"{thai} / {message}"


def _new_position(result, fix: Fix, new_lat, new_lon) -> tuple[Decimal | None, Decimal | None]:
    if result != VisitResult.MOVED:
        return None, None
    if not str(new_lat or "").strip() and not str(new_lon or "").strip():
        return fix.lat, fix.lon  # the phone's own position by default
    lat, lon = _number(new_lat), _number(new_lon)
    if lat is None or lon is None or not (LAT_MIN <= lat <= LAT_MAX and LON_MIN <= lon <= LON_MAX):
        raise ValidationError({"new_position": _("The new position must be a latitude and longitude inside "
                                                 "Thailand, e.g. 14.5896 and 100.4550.")})
    return lat.quantize(Decimal("0.000001")), lon.quantize(Decimal("0.000001"))


REGISTRY_CHANGE = {
    VisitResult.FOUND_NOT_WORKING: gettext_noop("Field verification: found, not working"),
    VisitResult.NOT_FOUND: gettext_noop("Field verification: camera not found"),
    VisitResult.FOUND_WORKING: gettext_noop("Field verification: found working"),
}


def _update_registry(inspector, camera: Camera, result: str, new_lat, new_lon) -> None:
    """Change the camera as the visit says, with history in the inspector's name.

    The assignment is the inspector's authority (they may not edit the owner's cameras
    otherwise), so cameras.services.update_camera's write check does not apply; its version
    bump does, so an editor who opened the camera before the visit gets an edit conflict.
    """
    changes: dict = {}
    if result == VisitResult.MOVED:
        changes = {"lat": new_lat, "lon": new_lon}
        reason = "Field verification: moved"
    elif result == VisitResult.FOUND_WORKING:
        if camera.status != Status.WORKING:
            changes = {"status": Status.WORKING, "status_reason": _both_languages(REGISTRY_CHANGE[result])}
        reason = REGISTRY_CHANGE[result]
    else:
        changes = {"status": Status.NOT_WORKING, "status_reason": _both_languages(REGISTRY_CHANGE[result])}
        reason = REGISTRY_CHANGE[result]
    if not changes:
        return
    Camera.objects.filter(pk=camera.pk).update(version=F("version") + 1)
    camera.version += 1
    for field, value in changes.items():
        setattr(camera, field, value)
    camera._history_user = inspector
    camera._change_reason = reason[:100]
    camera.save()


def _flag(registry_status: str, result: str, fix: Fix, distance: float) -> str:
    reasons = []
    if registry_status == Status.WORKING and result in BROKEN_RESULTS:
        reasons.append(_both_languages(gettext_noop("Registered as working, found not working")
                                       if result == VisitResult.FOUND_NOT_WORKING
                                       else gettext_noop("Registered as working, not found")))
    if result != VisitResult.MOVED and distance - fix.accuracy_m > FAR_M:
        reasons.append(_both_languages(gettext_noop("GPS position far from the registered position")))
    return "; ".join(reasons)[:300]


def record_visit(user, inspection_id: int, *, result: str, lat, lon, accuracy, fix_ms, photo,
                 new_lat=None, new_lon=None, note: str = "") -> Visit:
    """Validate everything first (nothing is written on bad input), then keep the visit and
    update the registry in one transaction. Raises ValidationError keyed by form field."""
    if result not in VisitResult.values:
        raise ValidationError({"result": _("Choose what you found at the camera.")})
    fix = check_fix(lat, lon, accuracy, fix_ms)
    new_lat, new_lon = _new_position(result, fix, new_lat, new_lon)
    check_photo(photo)
    stored: list[str] = []
    try:
        return _keep_visit(user, inspection_id, result, fix, photo, new_lat, new_lon, note, stored)
    except BaseException:
        for name in stored:  # the row is gone with the transaction; do not leave its photo behind
            Visit.photo.field.storage.delete(name)
        raise


@transaction.atomic
def _keep_visit(user, inspection_id, result, fix: Fix, photo, new_lat, new_lon, note, stored: list) -> Visit:
    inspection = Inspection.objects.select_for_update().filter(pk=inspection_id, inspector=user).first()
    if inspection is None:
        raise PermissionDenied
    # The assignment is the inspector's authority (ADR 0005): it holds only while the camera is
    # still within the scope of the secretariat that assigned it.
    camera = access.scope(inspection.assigned_by, Camera.objects.select_for_update()).filter(
        pk=inspection.camera_id).first()
    if camera is None:
        raise PermissionDenied
    distance = distance_m(fix.lat, fix.lon, camera.lat, camera.lon)
    reason = _flag(camera.status, result, fix, distance)
    visit = Visit(
        inspection=inspection, camera=camera, inspector=user, result=result, lat=fix.lat, lon=fix.lon,
        accuracy_m=fix.accuracy_m, fix_at=fix.at, new_lat=new_lat, new_lon=new_lon,
        note=note.strip(), distance_m=round(distance, 1), registry_status=camera.status,
        flagged=bool(reason), flag_reason=reason)
    visit.photo.save(photo.name, photo, save=False)
    stored.append(visit.photo.name)
    visit.save()
    _update_registry(user, camera, result, new_lat, new_lon)
    if inspection.status != InspectionStatus.DONE:
        inspection.status, inspection.done_at = InspectionStatus.DONE, visit.received_at
        inspection.save(update_fields=["status", "done_at"])
    return visit


def visible_visits(user) -> QuerySet:
    """Visits the user may see: their own, and visits of cameras the gate lets them read."""
    cameras = access.scope(user, Camera.objects.all())
    return Visit.objects.filter(Q(inspector=user) | Q(camera__in=cameras)) if user.is_authenticated \
        else Visit.objects.none()


def verification_by_organisation(inspections: QuerySet) -> list[dict]:
    """Per owner: cameras inspected and what was found, for the quality score and the secretariat."""
    visits = Visit.objects.filter(inspection__in=inspections)
    rows = (visits.values("camera__site__owner_id", "camera__site__owner__name")
            .annotate(visited=Count("camera", distinct=True),
                      working=Count("camera", filter=Q(result=VisitResult.FOUND_WORKING), distinct=True),
                      flagged=Count("id", filter=Q(flagged=True)))
            .order_by("camera__site__owner__name"))
    return [{"organisation": r["camera__site__owner__name"], "visited": r["visited"], "working": r["working"],
             "flagged": r["flagged"], "confirmed_pct": round(100 * r["working"] / r["visited"])} for r in rows]
