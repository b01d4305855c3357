"""Every write of footage requests: searches, requests, the owners' answers, the investigator's
judgement, closing and cancelling. Each write re-checks the access gate inside its transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safetyzone.cameras.models import Camera
from safetyzone.cameras.validation import haversine_km
from safetyzone.core import access

from . import states
from .outcome_notices import queue_answer_notice, queue_ended_notices
from .models import FootageRequest, ItemEvent, ItemStatus, RequestItem, RequestStatus, Search

S = ItemStatus


def record_search(user, data: dict, results: int = 0) -> Search:
    """Keep one camera search with its purpose (misuse is checked on these)."""
    return Search.objects.create(
        user=user, organisation=getattr(user, "organisation", None), lat=round(data["lat"], 6),
        lon=round(data["lon"], 6), radius_m=data["radius_m"], starts_at=data["starts_at"],
        ends_at=data["ends_at"], case_ref=data.get("case_ref", "").strip(), purpose=data["purpose"],
        results=results)


def _camera_label(camera: Camera) -> str:
    where = camera.point or camera.site.name
    code = f" [{camera.asset_code}]" if camera.asset_code else ""
    return f"{where}{code} · #{camera.pk}"[:300]


def create_request(user, data: dict, camera_ids, *, hits: dict | None = None, now=None) -> FootageRequest:
    """One request for the chosen cameras: an item per camera with its overwrite moment and a
    "sent" event, then the owners' notifications are queued (sent by a background task).

    `data` is a cleaned RequestForm (or the same keys); `hits` maps camera id to the finder's Hit
    (for the coverage score). A camera the user may not read is refused, nothing is written."""
    from .finder import overwrite_moment
    from .notices import queue_request_notices

    if not access.can_request_footage(user):
        raise PermissionDenied
    ids = sorted({int(pk) for pk in camera_ids})
    if not ids:
        raise ValidationError({"cameras": _("Choose at least one camera.")})
    now = now or timezone.now()
    hits = hits or {}
    with transaction.atomic():
        cameras = list(access.scope(user, Camera.objects.filter(pk__in=ids)).select_related("site__owner"))
        refused = sorted(set(ids) - {c.pk for c in cameras})
        if refused:
            raise ValidationError({"cameras": _("You may not request footage from camera(s) %(ids)s.")
                                   % {"ids": ", ".join(f"#{pk}" for pk in refused)}})
        request = FootageRequest.objects.create(
            case_ref=data.get("case_ref", "").strip(), incident_type=data["incident_type"],
            description=data.get("description", ""), lat=round(data["lat"], 6), lon=round(data["lon"], 6),
            radius_m=data["radius_m"], starts_at=data["starts_at"], ends_at=data["ends_at"],
            purpose=data["purpose"], requested_by=user, organisation=user.organisation,
            province_id=user.organisation.province_id, created_at=now)
        items = RequestItem.objects.bulk_create([
            RequestItem(request=request, camera=c, camera_label=_camera_label(c), owner=c.site.owner,
                        distance_m=round(1000 * haversine_km(data["lat"], data["lon"], float(c.lat), float(c.lon))),
                        coverage=getattr(hits.get(c.pk), "score", None),
                        overwrite_at=overwrite_moment(data["starts_at"], c.retention_days))
            for c in cameras])
        ItemEvent.objects.bulk_create([ItemEvent(item=i, to_status=S.SENT, by=user, at=now) for i in items])
        queue_request_notices(request, items, now=now)
    return request


def _locked_item(user, item_id: int, *, answer: bool) -> RequestItem:
    """The item, locked, if the user may answer it (owner) or manage it (investigator); else 404."""
    qs = RequestItem.objects.select_for_update().select_related("request")
    if answer:
        qs = access.scope(user, qs, write=True)
    else:
        qs = qs.filter(request__in=access.scope(user, FootageRequest.objects.all(), write=True))
    item = qs.filter(pk=item_id).first()
    if item is None:
        raise PermissionDenied
    return item


def answer(user, item: RequestItem, to: str, reason: str = "") -> RequestItem:
    """The owner's answer: preserved, no footage or declined (the latter two with a reason)."""
    if to not in (S.PRESERVED, S.NO_FOOTAGE, S.DECLINED):
        raise states.TransitionError(_("Unknown status “%(status)s”.") % {"status": to})
    with transaction.atomic():
        locked = _locked_item(user, item.pk, answer=True)
        states.move(locked, to, user, reason)
        queue_answer_notice(locked)
    return locked


def mark_seen(user, item: RequestItem) -> bool:
    """The owner opened the item: sent → seen (once). True if it changed."""
    if item.status != S.SENT or item.request.status != RequestStatus.OPEN:
        return False
    with transaction.atomic():
        try:
            locked = _locked_item(user, item.pk, answer=True)
        except PermissionDenied:
            return False  # a viewer reads the item but does not mark it seen
        if locked.status != S.SENT:
            return False
        states.move(locked, S.SEEN, user)
    item.status, item.seen_at = locked.status, locked.seen_at
    return True


def mark_delivered(item: RequestItem, by) -> RequestItem:
    """Evidence for the item has been received (called by the evidence service in its
    transaction): the item becomes delivered, passing through seen and preserved if the owner
    uploaded without marking them. Already delivered: nothing changes."""
    with transaction.atomic():
        locked = RequestItem.objects.select_for_update().select_related("request").get(pk=item.pk)
        if locked.status == S.DELIVERED:
            return locked
        if locked.status == S.SENT:
            states.move(locked, S.SEEN, by)
        if locked.status == S.SEEN:
            states.move(locked, S.PRESERVED, by, _("Preserved: footage delivered"))
        states.move(locked, S.DELIVERED, by)
        queue_answer_notice(locked)
    item.status = locked.status
    return locked


def judge_usable(user, item: RequestItem, usable: bool, note: str = "") -> RequestItem:
    """The investigator records whether the delivered footage was usable as evidence."""
    with transaction.atomic():
        locked = _locked_item(user, item.pk, answer=False)
        if locked.status != S.DELIVERED:
            raise ValidationError(_("Usability can be judged only once the footage has been delivered."))
        if usable is None:
            raise ValidationError(_("Say whether the footage was usable as evidence."))
        note = (note or "").strip()[:300]
        if not usable and not note:
            raise ValidationError(_("Please note why the footage was not usable."))
        locked.usable, locked.usable_note, locked.judged_at = bool(usable), note, timezone.now()
        locked.save(update_fields=["usable", "usable_note", "judged_at"])
        ItemEvent.objects.create(item=locked, from_status=locked.status, to_status=locked.status, by=user,
                                 note=(_("Usable as evidence") if usable else _("Not usable as evidence"))
                                 + (f": {note}" if note else ""))
    return locked


def _end(user, request: FootageRequest, status: str, note: str) -> FootageRequest:
    with transaction.atomic():
        locked = access.scope(user, FootageRequest.objects.select_for_update(), write=True).filter(
            pk=request.pk).first()
        if locked is None:
            raise PermissionDenied
        if locked.status != RequestStatus.OPEN:
            raise ValidationError(_("This request is already %(status)s.") % {"status": locked.get_status_display()})
        locked.status, locked.closed_at = status, timezone.now()
        locked.save(update_fields=["status", "closed_at"])
        open_items = list(locked.items.filter(status__in=states.OPEN_STATES).select_related("owner"))
        ItemEvent.objects.bulk_create([ItemEvent(item=i, from_status=i.status, to_status=i.status, by=user,
                                                 note=note) for i in open_items])
        queue_ended_notices(locked, open_items)
    return locked


def close_request(user, request: FootageRequest) -> FootageRequest:
    """The investigator has what the case needs: no owner is asked or reminded any more."""
    return _end(user, request, RequestStatus.CLOSED, _("Request closed by the investigator"))


def cancel_request(user, request: FootageRequest, reason: str = "") -> FootageRequest:
    """The request was a mistake or is no longer needed; the owners are not reminded again."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Please give the reason for cancelling."))
    return _end(user, request, RequestStatus.CANCELLED, (_("Request cancelled: %(reason)s") % {"reason": reason})[:300])
