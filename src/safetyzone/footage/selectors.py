"""Reads of footage requests, always through the access gate."""

from django.db.models import Count, Min, Q
from django.utils import timezone

from safetyzone.core import access

from .models import FootageRequest, ItemEvent, RequestItem, RequestStatus
from .states import OPEN_STATES


def visible_requests(user):
    """The requests the user may open (their station's, for investigators and its head)."""
    return (access.scope(user, FootageRequest.objects.all()).select_related("organisation", "requested_by")
            .annotate(n_items=Count("items"),
                      n_open=Count("items", filter=Q(items__status__in=OPEN_STATES)),
                      n_delivered=Count("items", filter=Q(items__status="delivered")),
                      next_overwrite=Min("items__overwrite_at", filter=Q(items__status__in=OPEN_STATES,
                                                                         items__overwrite_at__gt=timezone.now()))))


def request_or_none(user, pk: int) -> FootageRequest | None:
    return access.scope(user, FootageRequest.objects.select_related("organisation", "requested_by")).filter(
        pk=pk).first()


def request_items(user, request: FootageRequest):
    items = list(access.scope(user, request.items.select_related("owner", "camera")).order_by("overwrite_at", "id"))
    events = access.scope(user, ItemEvent.objects.filter(item__request=request).select_related("by"))
    by_item: dict[int, list] = {}
    for e in events:
        by_item.setdefault(e.item_id, []).append(e)
    reached = notified(request)
    for item in items:
        item.history = by_item.get(item.pk, [])
        item.notified = reached.get(item.owner_id, "none")
    return items


def notified(request: FootageRequest) -> dict[int, str]:
    """How each owner was told of the request on at least one channel: sent, pending (queued),
    retrying (failed so far), failed (retries given up); owners with neither e-mail nor LINE
    are missing (the investigator calls them)."""
    from safetyzone.core.models import Notification

    from .notices import MAX_ATTEMPTS, request_key

    states: dict[int, str] = {}
    rows = Notification.objects.filter(key__startswith=request_key(request.pk, 0)[:-1]).values_list(
        "organisation_id", "sent_at", "attempts")
    for owner_id, sent_at, attempts in rows:
        if sent_at:
            state = "sent"
        else:
            state = "failed" if attempts >= MAX_ATTEMPTS else ("retrying" if attempts else "pending")
        if states.get(owner_id) != "sent":
            states[owner_id] = state
    return states


def inbox_items(user, *, open_only: bool = True):
    """Items addressed to the user's own organisation as camera owner (never others')."""
    org_id = getattr(user, "organisation_id", None)
    qs = access.scope(user, RequestItem.objects.filter(owner_id=org_id)).select_related(
        "request__organisation", "camera")
    if open_only:
        qs = qs.filter(status__in=OPEN_STATES, request__status=RequestStatus.OPEN)
    return qs.order_by("overwrite_at", "id")


def inbox_item(user, pk: int) -> RequestItem | None:
    org_id = getattr(user, "organisation_id", None)
    return (access.scope(user, RequestItem.objects.filter(owner_id=org_id))
            .select_related("request__organisation", "camera__site", "owner").filter(pk=pk).first())
