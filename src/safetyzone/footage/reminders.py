"""Escalating reminders to camera owners as the overwrite moment of requested footage nears.

For items still sent or seen (nobody has preserved, delivered or answered), an owner is reminded
24 h, 6 h and 1 h before the earliest overwrite moment of its cameras in a request: once per
stage (the key names request, owner and stage), and only for stages that began after the
request was made (a request made 3 h before overwrite already said "preserve now"; it gets the
1 h reminder). Run every 15 minutes (`safetyzone send_footage_reminders`, or the task of the
same name); each run also retries footage messages that failed to go out.
"""

from datetime import timedelta

from django.utils import timezone

from safetyzone.core.notify import notify

from .models import RequestItem, RequestStatus
from .notices import KEY_PREFIX, message, send_pending
from .states import OPEN_STATES

STAGES_H = (1, 6, 24)  # hours before the overwrite moment, tightest first
ACTIONABLE = [s for s in OPEN_STATES if s != "preserved"]


def stage_for(overwrite_at, created_at, now) -> int | None:
    """The reminder stage (hours) due now for footage overwritten at `overwrite_at`, or None."""
    left = overwrite_at - now
    if left <= timedelta(0):
        return None
    for hours in STAGES_H:
        begins = overwrite_at - timedelta(hours=hours)
        if left <= timedelta(hours=hours):
            return hours if created_at < begins else None
    return None


def send_due(now=None) -> tuple[int, int]:
    """Send the reminders due now and retry failed footage messages; (owners reminded, sent)."""
    now = now or timezone.now()
    items = (RequestItem.objects.filter(request__status=RequestStatus.OPEN, status__in=ACTIONABLE,
                                        overwrite_at__gt=now, overwrite_at__lte=now + timedelta(hours=max(STAGES_H)))
             .select_related("request__organisation", "owner").order_by("request_id", "owner_id", "overwrite_at"))
    groups: dict[tuple[int, int], list[RequestItem]] = {}
    for item in items:
        groups.setdefault((item.request_id, item.owner_id), []).append(item)
    reminded = sent = 0
    for (request_id, owner_id), owner_items in groups.items():
        request = owner_items[0].request
        stage = stage_for(owner_items[0].overwrite_at, request.created_at, now)
        if stage is None:
            continue
        subject, body = message(request, owner_items, now, stage)
        notes = notify(owner_items[0].owner, f"{KEY_PREFIX}reminder:{request_id}:{owner_id}:{stage}h", subject, body)
        reminded += bool(notes)  # nothing attempted: this stage went out on an earlier run
        sent += sum(1 for n in notes if n.sent_at)
    return reminded, sent + send_pending(KEY_PREFIX)
