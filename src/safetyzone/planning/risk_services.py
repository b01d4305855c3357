"""Every write to risk points, their photos and mitigations.

Each write re-checks the access gate inside its transaction (the point is locked and read
through `access.scope(..., write=True)`), validates everything before writing anything, and
records who changed what (simple_history). Photos: risk_photos.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safetyzone.cameras.models import Camera
from safetyzone.cameras.validation import check_location, in_thailand
from safetyzone.core import access
from safetyzone.core.models import AdminArea, AreaLevel

from . import risk_photos, risk_selectors
from .models import Mitigation, MitigationKind, MitigationStatus, RiskPhoto, RiskPoint, RiskStatus, TimeOfDay

PROVINCE_MARGIN_DEG = 0.1  # about 11 km around the province's registered cameras


# --- checks ------------------------------------------------------------------------------

def check_area(organisation, area: AdminArea | None) -> None:
    """The area must be a district or subdistrict of the owning organisation's province."""
    if area is None or area.level == AreaLevel.PROVINCE:
        raise ValidationError({"area": _("Choose the district or subdistrict where the risk point is.")})
    if organisation is not None and area.code[:2] != organisation.province_id:
        raise ValidationError({"area": _("%(area)s is not in %(province)s, the province of %(org)s.") % {
            "area": area.name, "province": organisation.province.name, "org": organisation.name}})


def check_location_in_province(lat: float, lon: float, organisation, area: AdminArea | None) -> None:
    """Inside Thailand, inside the area's boundary when one is loaded, and inside the owner's
    province: its boundary when loaded, else the extent of its registered cameras (plus ~11 km)."""
    if not in_thailand(lat, lon):
        raise ValidationError({"lat": _("The coordinates %(lat)s, %(lon)s are outside Thailand. In Thailand the "
                                        "latitude is between 5.5 and 20.5 and the longitude between 97.3 and "
                                        "105.7.") % {"lat": lat, "lon": lon}})
    for issue in check_location(lat, lon, area, medians={}):
        if issue.blocking:
            raise ValidationError({"lat": issue.message})
    if organisation is None:
        return
    province = organisation.province
    if province.boundary:
        outside = bool(check_location(lat, lon, province, medians={}))
    else:
        box = risk_selectors.province_extent(province.code)
        m = PROVINCE_MARGIN_DEG
        outside = box is not None and not (box[0] - m <= lat <= box[2] + m and box[1] - m <= lon <= box[3] + m)
    if outside:
        raise ValidationError({"lat": _("The point %(lat)s, %(lon)s lies outside %(province)s, the province of "
                                        "%(org)s. Check the coordinates (or click the place on the map).") % {
            "lat": lat, "lon": lon, "province": province.name, "org": organisation.name}})


def clean_times(values) -> list[str]:
    chosen = set(values or [])
    unknown = chosen - set(TimeOfDay.values)
    if unknown:
        raise ValidationError({"times_of_day": _("Unknown time of day: %(value)s.") % {
            "value": ", ".join(sorted(map(str, unknown)))}})
    return [v for v in TimeOfDay.values if v in chosen]


def check_point(point: RiskPoint) -> None:
    area = AdminArea.objects.filter(code=point.area_id).first() if point.area_id else None
    check_area(point.organisation, area)
    check_location_in_province(float(point.lat), float(point.lon), point.organisation, area)
    point.times_of_day = clean_times(point.times_of_day)
    point.name = (point.name or "").strip()
    point.full_clean(exclude=["province", "district"])


# --- risk points -------------------------------------------------------------------------

def _locked_point(user, pk: int) -> RiskPoint:
    point = access.scope(user, RiskPoint.objects.select_for_update(), write=True).filter(pk=pk).first()
    if point is None:
        raise PermissionDenied(_("You may not change this risk point."))
    return point


def create_point(user, point: RiskPoint, photos=()) -> RiskPoint:
    """Record a new point (owner: the user's organisation unless a system admin set one)."""
    photos = list(photos or [])
    kinds = risk_photos.check_photos(photos)
    if point.organisation_id is None and getattr(user, "organisation_id", None):
        point.organisation = user.organisation
    if not access.can_write_org(user, point.organisation_id):
        raise PermissionDenied(_("Your role may not record risk points for this organisation."))
    check_point(point)

    @transaction.atomic
    def work(stored):
        point.status, point.closed_at, point.closed_note = RiskStatus.OPEN, None, ""
        point.created_by = user
        point._history_user = user
        point.save()
        risk_photos.store(user, point, photos, kinds, stored)
        return point

    return risk_photos.with_cleanup(work)


EDITABLE = ("name", "lat", "lon", "area_id", "category", "category_detail", "space_class", "severity",
            "times_of_day", "source", "meeting_ref", "description")


@transaction.atomic
def update_point(user, point: RiskPoint, photos=()) -> RiskPoint:
    """Save the edited fields of `point` (owner and status are not changed here)."""
    photos = list(photos or [])
    kinds = risk_photos.check_photos(photos)
    current = _locked_point(user, point.pk)
    for name in EDITABLE:
        setattr(current, name, getattr(point, name))
    check_point(current)

    def work(stored):
        current._history_user = user
        current.save()
        risk_photos.store(user, current, photos, kinds, stored)
        return current

    return risk_photos.with_cleanup(work)


def add_photos(user, point_id: int, photos) -> list[RiskPhoto]:
    photos = list(photos or [])
    if not photos:
        raise ValidationError({"photos": _("Choose one or more photos.")})
    kinds = risk_photos.check_photos(photos)

    @transaction.atomic
    def work(stored):
        point = _locked_point(user, point_id)
        risk_photos.store(user, point, photos, kinds, stored)
        return list(point.photos.all())

    return risk_photos.with_cleanup(work)


def delete_photo(user, photo_id: int) -> int:
    """Remove a photo (its file after the commit); returns its point's id."""
    with transaction.atomic():
        photo = access.scope(user, RiskPhoto.objects.select_for_update(), write=True).filter(pk=photo_id).first()
        if photo is None:
            raise PermissionDenied(_("You may not remove this photo."))
        _locked_point(user, photo.risk_point_id)
        name, point_id = photo.image.name, photo.risk_point_id
        photo.delete()
        transaction.on_commit(lambda: RiskPhoto.image.field.storage.delete(name))
    return point_id


# --- mitigations -------------------------------------------------------------------------

def _check_camera(user, mitigation: Mitigation) -> None:
    if mitigation.camera_id is None:
        return
    if mitigation.kind != MitigationKind.CAMERA:
        raise ValidationError({"camera": _("Link a camera only to a “camera installed” measure.")})
    if not access.scope(user, Camera.objects.filter(pk=mitigation.camera_id)).exists():
        raise ValidationError({"camera": _("No camera with this number in the registry, or you may not see it.")})


def _check_done_on(done_on: date | None) -> None:
    if done_on is None:
        raise ValidationError({"done_on": _("Give the date the measure was done.")})
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("The date the measure was done cannot be in the future.")})


@transaction.atomic
def add_mitigation(user, point_id: int, mitigation: Mitigation) -> Mitigation:
    point = _locked_point(user, point_id)
    if point.status == RiskStatus.CLOSED:
        raise ValidationError(_("This risk point is closed; reopen it to add measures."))
    _check_camera(user, mitigation)
    if mitigation.status == MitigationStatus.DONE:
        _check_done_on(mitigation.done_on)
    elif mitigation.status == MitigationStatus.PLANNED:
        mitigation.done_on = None
    else:
        raise ValidationError({"status": _("A new measure is planned or done.")})
    mitigation.risk_point, mitigation.created_by = point, user
    mitigation.full_clean()
    mitigation._history_user = user
    mitigation.save()
    return mitigation


@transaction.atomic
def finish_mitigation(user, mitigation_id: int, status: str, done_on: date | None = None) -> Mitigation:
    """planned -> done (with its date) or cancelled; done and cancelled measures stay as they are."""
    mitigation = access.scope(user, Mitigation.objects.select_for_update(), write=True).filter(
        pk=mitigation_id).first()
    if mitigation is None:
        raise PermissionDenied(_("You may not change this measure."))
    point = _locked_point(user, mitigation.risk_point_id)
    if point.status == RiskStatus.CLOSED:
        raise ValidationError(_("This risk point is closed; reopen it to change its measures."))
    if mitigation.status != MitigationStatus.PLANNED:
        raise ValidationError(_("This measure is already %(status)s.") % {"status": mitigation.get_status_display()})
    if status == MitigationStatus.DONE:
        _check_done_on(done_on)
        mitigation.done_on = done_on
    elif status != MitigationStatus.CANCELLED:
        raise ValidationError({"status": _("A planned measure becomes done or cancelled.")})
    mitigation.status = status
    mitigation._history_user = user
    mitigation.save()
    return mitigation


# --- closing and reopening ---------------------------------------------------------------

@transaction.atomic
def close_point(user, point_id: int, note: str, *, without_measures: bool = False) -> RiskPoint:
    point = _locked_point(user, point_id)
    if point.status == RiskStatus.CLOSED:
        raise PermissionDenied(_("This risk point is already closed. Reopen it first if it needs work again."))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"closed_note": _("Say why the risk point is closed.")})
    if len(note) > 300:
        raise ValidationError({"closed_note": _("Keep the reason under 300 characters.")})
    done = point.mitigations.filter(status=MitigationStatus.DONE).exists()
    if not done and not without_measures:
        raise ValidationError({"without_measures": _(
            "No measure on this point is done yet. Record a done measure first, or tick “closed without "
            "measures” and say why (for example: the building was demolished).")})
    point.status, point.closed_at = RiskStatus.CLOSED, timezone.now()
    point.closed_note = note  # "without measures" shows from the point having no done measure
    point._history_user = user
    point.save()
    return point


@transaction.atomic
def reopen_point(user, point_id: int) -> RiskPoint:
    point = _locked_point(user, point_id)
    if point.status != RiskStatus.CLOSED:
        raise PermissionDenied(_("This risk point is open already."))
    point.status, point.closed_at, point.closed_note = RiskStatus.OPEN, None, ""
    point._history_user = user
    point.save()
    return point
