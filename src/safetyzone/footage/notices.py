"""Telling camera owners about footage requests: one message per owner and request, by e-mail
and LINE (core.notify), in Thai then English, with "preserve now" when a camera's footage will
be overwritten within 24 hours.

Creating a request only writes the notification rows and enqueues a task (so it returns at
once); the task sends them. A failed message keeps its row (error, not sent) and is retried by
`safetyzone send_footage_reminders`, so an e-mail or LINE outage never loses a request.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from safetyzone.core.models import Channel, Notification
from safetyzone.core.notify import _send as send_row
from safetyzone.core.notify import notify
from safetyzone.core.templatetags.thai import thai_datetime

from .models import FootageRequest, RequestItem

PRESERVE_NOW = timedelta(hours=24)
KEY_PREFIX = "footage-"
# outcome_notices.py: to the investigator (an answer), to the owners (a request ended)
ANSWER_PREFIX, ENDED_PREFIX = f"{KEY_PREFIX}answer:", f"{KEY_PREFIX}ended:"
MAX_ATTEMPTS = 12  # retried every 15 minutes: three hours, then it stays failed (and listed as such)


def request_key(request_id: int, owner_id: int) -> str:
    return f"{KEY_PREFIX}request:{request_id}:{owner_id}"


def _targets(owner) -> list[tuple[str, str]]:
    return [(ch, to) for ch, to in ((Channel.EMAIL, owner.contact_email), (Channel.LINE, owner.line_to)) if to]


def _left(delta: timedelta) -> str:
    hours = max(0, int(delta.total_seconds() // 3600))
    if hours >= 48:
        return _("%(days)s days") % {"days": hours // 24}
    return _("%(hours)s hours") % {"hours": hours} if hours else _("less than an hour")


def _text(request: FootageRequest, items: list[RequestItem], now, stage: int | None) -> tuple[str, str]:
    urgent = [i for i in items if i.overwrite_at and i.overwrite_at - now <= PRESERVE_NOW]
    values = {"case": request.case_ref or f"#{request.pk}", "station": request.organisation.name,
              "type": request.get_incident_type_display(), "from": thai_datetime(request.starts_at),
              "to": thai_datetime(request.ends_at), "owner": items[0].owner.name, "n": len(items),
              "hours": stage, "url": settings.SITE_URL + reverse("footage:inbox")}
    if stage is not None:
        subject = _("Reminder: preserve CCTV footage for case %(case)s (overwritten within %(hours)s h)") % values
    elif urgent:
        subject = _("PRESERVE NOW: CCTV footage requested for case %(case)s") % values
    else:
        subject = _("CCTV footage requested for case %(case)s") % values
    lines = [_("To %(owner)s,") % values,
             _("%(station)s asks for the footage of %(n)s of your cameras for case %(case)s (%(type)s), "
               "from %(from)s to %(to)s.") % values]
    if urgent or stage is not None:
        lines.append(_("Preserve now: export or lock the footage before the recorder overwrites it."))
    for item in items:
        if item.overwrite_at:
            lines.append(_("• %(camera)s: overwritten at %(at)s (in %(left)s)")
                         % {"camera": item.camera_label, "at": thai_datetime(item.overwrite_at),
                            "left": _left(item.overwrite_at - now)})
        else:
            lines.append(_("• %(camera)s: retention unknown, preserve as soon as you can")
                         % {"camera": item.camera_label})
    lines += [_("Answer in the app (preserved, no footage or declined):"), values["url"]]
    return subject, "\n".join(lines)


def message(request, items, now, stage=None) -> tuple[str, str]:
    parts = []
    for lang in ("th", "en"):
        with translation.override(lang):
            parts.append(_text(request, items, now, stage))
    return f"{parts[0][0]} / {parts[1][0]}"[:200], f"{parts[0][1]}\n\n— English —\n{parts[1][1]}"


def by_owner(items) -> dict[int, list[RequestItem]]:
    groups: dict[int, list[RequestItem]] = {}
    for item in items:
        groups.setdefault(item.owner_id, []).append(item)
    return groups


def queue_request_notices(request: FootageRequest, items: list[RequestItem], *, now=None) -> int:
    """Inside the request's transaction: write one unsent notification row per owner and
    channel, and enqueue the task that sends them once the request is committed."""
    from .tasks import send_request_notices

    now = now or timezone.now()
    rows = []
    for owner_items in by_owner(items).values():
        owner = owner_items[0].owner
        subject, body = message(request, owner_items, now)
        key = request_key(request.pk, owner.pk)
        rows += [Notification(key=f"{key}:{ch}", channel=ch, recipient=to, organisation=owner,
                              subject=subject, body=body, created_at=now) for ch, to in _targets(owner)]
    Notification.objects.bulk_create(rows)
    transaction.on_commit(lambda: send_request_notices.enqueue(request.pk))
    return len(rows)


def send_pending(keys_prefix: str) -> int:
    """Send (or retry) every unsent footage notification whose key starts with the prefix;
    returns how many went out."""
    sent = 0
    pending = Notification.objects.filter(key__startswith=keys_prefix, sent_at__isnull=True,
                                          attempts__lt=MAX_ATTEMPTS).select_related("organisation").order_by("id")
    done = set()
    for note in pending:
        if note.key.startswith(ANSWER_PREFIX):  # addressed to a person, not to the organisation's channels
            sent += _send_addressed(note.pk)
            continue
        base = note.key.rsplit(":", 1)[0]
        if base in done or note.organisation is None:
            continue
        done.add(base)
        sent += sum(1 for n in notify(note.organisation, base, note.subject, note.body) if n.sent_at)
    return sent


def _send_addressed(pk: int) -> int:
    """Send one row to its own recipient (once: the row is locked and re-read)."""
    with transaction.atomic():
        note = Notification.objects.select_for_update().get(pk=pk)
        if note.sent_at is not None or note.attempts >= MAX_ATTEMPTS:
            return 0
        send_row(note)
    return int(note.sent_at is not None)


def send_request(request_id: int) -> int:
    return send_pending(f"{KEY_PREFIX}request:{request_id}:")
