"""The life of one requested camera (RequestItem): who may move it where, and the history.

    sent → seen → preserved → delivered
    sent / seen / preserved → no_footage (reason required) or declined (reason required)

The owner marks seen (by opening the item), preserved, no footage and declined; delivered is
set when evidence is received (evidence.py, through services.mark_delivered). Delivered, no
footage and declined are final. Every move is an ItemEvent; a forbidden move is refused with
a message naming both states. Only items of an open request move.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ItemEvent, ItemStatus, RequestItem, RequestStatus

S = ItemStatus
ALLOWED: dict[str, set[str]] = {
    S.SENT: {S.SEEN, S.NO_FOOTAGE, S.DECLINED},
    S.SEEN: {S.PRESERVED, S.NO_FOOTAGE, S.DECLINED},
    S.PRESERVED: {S.DELIVERED, S.NO_FOOTAGE, S.DECLINED},
    S.DELIVERED: set(),
    S.NO_FOOTAGE: set(),
    S.DECLINED: set(),
}
NEEDS_REASON = {S.NO_FOOTAGE, S.DECLINED}
FINAL = {S.DELIVERED, S.NO_FOOTAGE, S.DECLINED}
OPEN_STATES = [S.SENT, S.SEEN, S.PRESERVED]  # the owner still has something to do
ANSWERED = {S.PRESERVED, S.DELIVERED, S.NO_FOOTAGE, S.DECLINED}


class TransitionError(ValidationError):
    """A move the machine does not allow; the message says why (Thai or English)."""


def check_move(item: RequestItem, to: str, reason: str = "") -> str:
    """The cleaned reason for moving `item` to `to`; raises TransitionError if not allowed."""
    if to not in ALLOWED:
        raise TransitionError(_("Unknown status “%(status)s”.") % {"status": to})
    if item.request.status != RequestStatus.OPEN:
        raise TransitionError(_("This request is %(status)s; its cameras can no longer change status.")
                              % {"status": item.request.get_status_display()})
    if to not in ALLOWED[item.status]:
        raise TransitionError(_("A camera that is “%(from)s” cannot become “%(to)s”.")
                              % {"from": S(item.status).label, "to": S(to).label})
    reason = (reason or "").strip()
    if to in NEEDS_REASON and not reason:
        raise TransitionError(_("Please give the reason (for “%(to)s”).") % {"to": S(to).label})
    return reason[:300]


def move(item: RequestItem, to: str, by, reason: str = "", *, now=None) -> ItemEvent:
    """Move `item` (locked by the caller's transaction) and record the event."""
    reason = check_move(item, to, reason)
    now = now or timezone.now()
    event = ItemEvent.objects.create(item=item, from_status=item.status, to_status=to, by=by, at=now,
                                     note=reason)
    item.status = to
    fields = ["status"]
    if to == S.SEEN:
        item.seen_at, fields = now, fields + ["seen_at"]
    if to in ANSWERED and item.answered_at is None:
        item.answered_at, fields = now, fields + ["answered_at"]
    if to in NEEDS_REASON:
        item.reason, fields = reason, fields + ["reason"]
    item.save(update_fields=fields)
    return event
