"""Citizens' asks for footage: submitting (rate-limited per phone and per address), and the
staff's review. Nothing reaches a camera owner before a police investigator approves: the
approval runs the camera finder and sends one FootageRequest through the investigators' own
service (footage.services.create_request), with its notifications and reminders."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from safetyzone.core import access

from . import services
from .finder import find_cameras
from .models import CitizenRequest, CitizenStatus

DAY = timedelta(hours=24)


def asks_per_day() -> int:
    return int(getattr(settings, "SAFETYZONE_CITIZEN_ASKS_PER_DAY", 3))


def max_cameras() -> int:
    return int(getattr(settings, "SAFETYZONE_CITIZEN_MAX_CAMERAS", 30))


class RateLimited(ValidationError):
    pass


def submit(data: dict, *, ip: str | None, now: datetime | None = None) -> CitizenRequest:
    """Keep a citizen's ask (a cleaned CitizenAskForm); refuse a 4th ask in 24 hours from the
    same phone or the same address. The limit is checked with the rows locked, so two quick
    submissions cannot both slip under it."""
    now = now or timezone.now()
    with transaction.atomic():
        same = Q(phone=data["phone"]) | (Q(ip=ip) if ip else Q(pk__in=[]))
        recent = list(CitizenRequest.objects.select_for_update().filter(same, created_at__gt=now - DAY)
                      .values_list("pk", flat=True))
        if len(recent) >= asks_per_day():
            raise RateLimited(_("You have already sent %(n)s asks in the last 24 hours from this phone number or "
                                "this connection. Please wait a day, or go to the police station.")
                              % {"n": len(recent)})
        return CitizenRequest.objects.create(
            name=data["name"], phone=data["phone"], email=data.get("email", ""),
            police_report_no=(data.get("police_report_no") or "").strip(), will_show_id=bool(data.get("will_show_id")),
            incident_type=data["incident_type"], description=data["description"], lat=round(data["lat"], 6),
            lon=round(data["lon"], 6), starts_at=data["starts_at"], ends_at=data["ends_at"],
            province=data["province"], ip=ip, created_at=now)


def reviewable(user):
    """The asks `user` may review (through the access gate: police stations of the province)."""
    return access.scope(user, CitizenRequest.objects.all())


def _locked_pending(user, pk: int) -> CitizenRequest:
    ask = access.scope(user, CitizenRequest.objects.select_for_update(), write=True).filter(pk=pk).first()
    if ask is None:
        raise PermissionDenied
    if ask.status != CitizenStatus.PENDING:
        raise ValidationError(_("This ask was already reviewed (%(status)s).") % {"status": ask.get_status_display()})
    return ask


def approve(user, pk: int, *, case_ref: str, radius_m: int, purpose: str, id_checked: bool = False,
            now: datetime | None = None) -> CitizenRequest:
    """Find the cameras that could have seen the incident and request their footage for the citizen."""
    now = now or timezone.now()
    if not access.can_request_footage(user):
        raise ValidationError(_("Only a police investigator can approve an ask: approving sends the footage "
                                "request to the camera owners."))
    with transaction.atomic():
        ask = _locked_pending(user, pk)
        if not ask.police_report_no and not id_checked:
            raise ValidationError(_("This citizen gave no police report number: check their ID card at the "
                                    "counter and tick that you did before approving."))
        data = {"lat": float(ask.lat), "lon": float(ask.lon), "radius_m": radius_m, "starts_at": ask.starts_at,
                "ends_at": ask.ends_at, "case_ref": case_ref, "purpose": purpose,
                "incident_type": ask.incident_type, "description": ask.description}
        result = find_cameras(user, lat=data["lat"], lon=data["lon"], radius_m=radius_m, starts_at=ask.starts_at,
                              ends_at=ask.ends_at, now=now)
        services.record_search(user, data, results=len(result.available) + len(result.gone))
        hits = {h.camera.pk: h for h in result.available[:max_cameras()]}
        if not hits:
            raise ValidationError(_("No camera that could have seen this place still keeps footage of that time "
                                    "(%(gone)s already overwritten). Widen the radius, or reject the ask.")
                                  % {"gone": len(result.gone)})
        request = services.create_request(user, data, list(hits), hits=hits, now=now)
        ask.request, ask.status = request, CitizenStatus.APPROVED
        ask.reviewed_by, ask.reviewed_at, ask.id_checked = user, now, ask.id_checked or id_checked
        ask.save(update_fields=["request", "status", "reviewed_by", "reviewed_at", "id_checked"])
    return ask


def reject(user, pk: int, note: str, *, now: datetime | None = None) -> CitizenRequest:
    with transaction.atomic():
        ask = _locked_pending(user, pk)
        ask.status, ask.review_note = CitizenStatus.REJECTED, note.strip()[:300]
        ask.reviewed_by, ask.reviewed_at = user, now or timezone.now()
        ask.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])
    return ask


def progress(ask: CitizenRequest) -> dict:
    """What the citizen may know of an approved ask: counts only, never owners or cameras."""
    if ask.request_id is None:
        return {}
    items = ask.request.items.all()
    return {"cameras": items.count(), "answered": items.filter(status__in=("preserved", "delivered")).count()}
