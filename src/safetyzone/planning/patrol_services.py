"""Writes of the patrol plan (seed 001 L314-L318, "patrol 4.0"): patrol points, the weekly
schedule, and officers' check-ins at a point's QR code.

A check-in is always judged on the server: the server's clock (checked_at, auto_now_add), the
phone's GPS position and accuracy, and the distance to the point. It is accepted only when the
phone's fix is precise enough (accuracy at most the point's tolerance, and never required finer
than 30 m) and the distance is within the point's tolerance. Otherwise it is recorded as not
accepted with a reason code (see `reason_text`). A check-in form is signed when the page opens
and is refused as stale after FORM_MAX_AGE, so a replayed or long-kept form cannot stand in for a
visit. Only users of the zone's organisation may check in (access.can_check_in); anyone else
gets a 403 and nothing is recorded.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from safetyzone.cameras.validation import haversine_km
from safetyzone.core import access

from .models import PatrolCheckin, PatrolPoint, PatrolShift, SafetyZone

FORM_MAX_AGE = 10 * 60  # seconds from opening the check-in page to sending it
MIN_ACCURACY_LIMIT_M = 30  # a phone's GPS is rarely better; never ask for more
NEAR_ZONE_M = 100  # a patrol point may sit on the zone's boundary road, just outside
_SIGNER_SALT = "planning.patrol.checkin"
GPS_ERRORS = {"denied", "unavailable", "timeout", "unsupported"}


def _locked_zone(user, zone: SafetyZone) -> SafetyZone:
    locked = SafetyZone.objects.select_for_update().get(pk=zone.pk)
    access.check_write(user, locked)
    return locked


def _metres_outside(zone: SafetyZone, lat: float, lon: float) -> float:
    """0 inside the zone, else roughly how far outside its boundary (metres)."""
    from shapely.geometry import Point, Polygon

    poly = Polygon([(p[1], p[0]) for p in zone.polygon])
    point = Point(lon, lat)
    if poly.contains(point):
        return 0.0
    nearest = poly.exterior.interpolate(poly.exterior.project(point))
    return haversine_km(lat, lon, nearest.y, nearest.x) * 1000


def save_point(user, zone: SafetyZone, data: dict, point: PatrolPoint | None = None) -> PatrolPoint:
    """Add or change a patrol point; it must lie in the zone (or within NEAR_ZONE_M of it)."""
    outside = _metres_outside(zone, float(data["lat"]), float(data["lon"]))
    if outside > NEAR_ZONE_M:
        raise ValidationError({"lat": _("The point lies %(m)d m outside the zone; put it inside the zone.")
                               % {"m": round(outside)}})
    with transaction.atomic():
        locked = _locked_zone(user, zone)
        point = point or PatrolPoint(zone=locked)
        if point.zone_id != locked.pk:
            raise PermissionDenied
        for name in ("name", "lat", "lon", "tolerance_m", "active"):
            if name in data:
                setattr(point, name, data[name])
        point.save()
    return point


def save_shift(user, zone: SafetyZone, data: dict, shift: PatrolShift | None = None) -> PatrolShift:
    """Add or change a shift of the weekly schedule (days 0 = Monday ... 6 = Sunday; a shift
    whose end is before its start runs past midnight)."""
    days = sorted({int(d) for d in data.get("weekdays", [])})
    if not days or any(d < 0 or d > 6 for d in days):
        raise ValidationError({"weekdays": _("Choose at least one day of the week.")})
    if data["starts"] == data["ends"]:
        raise ValidationError({"ends": _("A shift must end at another time than it starts.")})
    with transaction.atomic():
        locked = _locked_zone(user, zone)
        shift = shift or PatrolShift(zone=locked)
        if shift.zone_id != locked.pk:
            raise PermissionDenied
        shift.weekdays, shift.starts, shift.ends = days, data["starts"], data["ends"]
        shift.rounds, shift.note = data.get("rounds") or 1, data.get("note", "")
        shift.save()
    return shift


def delete_shift(user, shift: PatrolShift) -> None:
    with transaction.atomic():
        _locked_zone(user, shift.zone)
        shift.delete()


def form_stamp(point: PatrolPoint) -> str:
    """The signed, timed value the check-in page carries (which point, when it was opened)."""
    return signing.TimestampSigner(salt=_SIGNER_SALT).sign(point.token)


def _number(value, low: float, high: float) -> Decimal | None:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or not low <= number <= high:
        return None
    return number


def judge(point: PatrolPoint, *, stamp: str, lat, lon, accuracy, gps_error: str = "") -> dict:
    """What the server makes of a posted check-in: the fields of a PatrolCheckin."""
    out = {"lat": None, "lon": None, "accuracy_m": None, "distance_m": None, "accepted": False, "reason": ""}
    try:
        token = signing.TimestampSigner(salt=_SIGNER_SALT).unsign(stamp or "", max_age=FORM_MAX_AGE)
    except signing.SignatureExpired as exc:
        minutes = _age_minutes(str(exc))
        out["reason"] = f"stale:{minutes}" if minutes is not None else "stale"
    except signing.BadSignature:
        out["reason"] = "form_invalid"
    else:
        if token != point.token:
            out["reason"] = "form_invalid"
    la, lo = _number(lat, -90, 90), _number(lon, -180, 180)
    acc = _number(accuracy, 0, 100_000)
    if la is not None and lo is not None:
        out["lat"], out["lon"] = la.quantize(Decimal("0.000001")), lo.quantize(Decimal("0.000001"))
        out["distance_m"] = round(haversine_km(float(la), float(lo), float(point.lat), float(point.lon)) * 1000)
    if acc is not None:
        out["accuracy_m"] = math.ceil(acc)
    if out["reason"]:
        return out
    if not point.active:
        out["reason"] = "inactive"
    elif out["lat"] is None:
        err = gps_error if gps_error in GPS_ERRORS else "invalid"
        out["reason"] = f"no_gps:{err}"
    elif out["accuracy_m"] is None or out["accuracy_m"] > max(point.tolerance_m, MIN_ACCURACY_LIMIT_M):
        out["reason"] = f"inaccurate:{out['accuracy_m'] if out['accuracy_m'] is not None else ''}"
    elif out["distance_m"] > point.tolerance_m:
        out["reason"] = f"too_far:{out['distance_m']}"
    else:
        out["accepted"] = True
    return out


def _age_minutes(message: str) -> int | None:
    """Django says 'Signature age 812.3 > 600 seconds'."""
    try:
        return int(float(message.split("age", 1)[1].split(">", 1)[0]) // 60)
    except (IndexError, ValueError):
        return None


def check_in(user, point: PatrolPoint, *, stamp: str, lat=None, lon=None, accuracy=None, gps_error: str = "",
             note: str = "") -> PatrolCheckin:
    """Record one check-in (accepted or not). PermissionDenied, and nothing recorded, when the
    user is not of the zone's organisation."""
    with transaction.atomic():
        point = PatrolPoint.objects.select_related("zone").get(pk=point.pk)
        if not access.can_check_in(user, point):
            raise PermissionDenied
        fields = judge(point, stamp=stamp, lat=lat, lon=lon, accuracy=accuracy, gps_error=gps_error)
        return PatrolCheckin.objects.create(point=point, officer=user, note=note[:300], **fields)


def reason_text(reason: str) -> str:
    """The stored reason code in the reader's language."""
    code, _sep, value = (reason or "").partition(":")
    if code == "too_far":
        return _("too far from the point: %(m)s m") % {"m": value}
    if code == "inaccurate":
        return _("GPS not precise enough: ± %(m)s m") % {"m": value} if value else _("GPS accuracy unknown")
    if code == "no_gps":
        return {"denied": _("no GPS: permission refused on the phone"),
                "unavailable": _("no GPS: position unavailable"),
                "timeout": _("no GPS: the phone found no position in time"),
                "unsupported": _("no GPS: the browser cannot read the position")}.get(
            value, _("no GPS position was sent"))
    if code == "stale":
        return _("the check-in page was opened %(n)s minutes earlier; scan the code again") % {"n": value or "?"}
    if code == "form_invalid":
        return _("the check-in form was not issued for this point; scan the code again")
    if code == "inactive":
        return _("the patrol point is no longer in use")
    return reason
