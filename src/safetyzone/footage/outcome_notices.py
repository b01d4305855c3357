"""Messages after the first one: the investigator hears when an owner answers, and the owners
hear when a request ends.

- An owner answers (preserved, delivered, no footage, declined): the requesting investigator
  gets an e-mail with the case, the camera, the answer and the reason, once per item and answer.
  A LINE ID belongs to an organisation, not to a person; so the station's own channels are used
  only when the investigator cannot be e-mailed (no address, or no longer an investigator of the
  station), with a message naming no case, owner or reason (the station's LINE group is read by
  people who may not see the case, ADR 0002).
- A request is closed or cancelled: each owner with cameras still open (sent, seen, preserved)
  is told once that it no longer needs to keep that footage for this request.

Rows are written in the caller's transaction and sent by a background task after the commit;
a failed message is retried by `safetyzone send_footage_reminders` (notices.send_pending).
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from safetyzone.core.models import Channel, Notification, Role
from safetyzone.core.templatetags.thai import thai_datetime

from .models import ItemStatus, RequestItem, RequestStatus
from .notices import ANSWER_PREFIX, ENDED_PREFIX, by_owner

TOLD_STATES = {ItemStatus.PRESERVED, ItemStatus.DELIVERED, ItemStatus.NO_FOOTAGE, ItemStatus.DECLINED}


def _bilingual(build) -> tuple[str, str]:
    parts = []
    for lang in ("th", "en"):
        with translation.override(lang):
            parts.append(build())
    return f"{parts[0][0]} / {parts[1][0]}"[:200], f"{parts[0][1]}\n\n— English —\n{parts[1][1]}"


def _enqueue(prefix: str) -> None:
    from .tasks import send_footage_notices

    transaction.on_commit(lambda: send_footage_notices.enqueue(prefix))


def _reachable(investigator, request) -> bool:
    """Case details go by e-mail only to an active investigator of the requesting station."""
    return bool(investigator.is_active and investigator.email and investigator.role == Role.INVESTIGATOR
                and investigator.organisation_id == request.organisation_id)


def _answer_text(item: RequestItem) -> tuple[str, str]:
    request = item.request
    values = {"case": request.case_ref or f"#{request.pk}", "owner": item.owner.name, "camera": item.camera_label,
              "status": ItemStatus(item.status).label, "reason": item.reason}
    subject = _("Answer for case %(case)s: %(status)s") % values
    lines = [_("%(owner)s answered for camera %(camera)s: %(status)s.") % values]
    if item.reason:
        lines.append(_("Reason: %(reason)s") % values)
    if item.status == ItemStatus.DELIVERED:
        lines += [_("The footage is on the case's evidence page:"),
                  settings.SITE_URL + reverse("footage:evidence_case", args=[request.pk])]
    else:
        if item.status in (ItemStatus.NO_FOOTAGE, ItemStatus.DECLINED):
            lines.append(_("Look for other cameras near the place, or call the owner."))
        lines += [_("Follow the request:"), settings.SITE_URL + reverse("footage:request", args=[request.pk])]
    return subject, "\n".join(lines)


def _station_text(item: RequestItem) -> tuple[str, str]:
    subject = _("A camera owner answered a footage request of your station")
    body = "\n".join([_("Open the request in SafetyZone (sign-in required) to see the answer:"),
                      settings.SITE_URL + reverse("footage:request", args=[item.request_id])])
    return subject, body


def queue_answer_notice(item: RequestItem) -> int:
    """Inside the answer's transaction: the requesting investigator's message about `item`'s new
    status (once per item and status); returns the rows written."""
    if item.status not in TOLD_STATES:
        return 0
    request = item.request
    investigator = request.requested_by
    key = f"{ANSWER_PREFIX}{item.pk}:{item.status}"
    if Notification.objects.filter(key__startswith=f"{key}:").exists():
        return 0
    if _reachable(investigator, request):
        subject, body = _bilingual(lambda: _answer_text(item))
        rows = [Notification(key=f"{key}:{Channel.EMAIL}", channel=Channel.EMAIL, recipient=investigator.email,
                             organisation=request.organisation, subject=subject, body=body)]
    else:
        station = request.organisation
        subject, body = _bilingual(lambda: _station_text(item))
        rows = [Notification(key=f"{key}:{ch}", channel=ch, recipient=to, organisation=station, subject=subject,
                             body=body)
                for ch, to in ((Channel.EMAIL, station.contact_email), (Channel.LINE, station.line_to)) if to]
    Notification.objects.bulk_create(rows)
    if rows:
        _enqueue(f"{key}:")
    return len(rows)


def _ended_text(request, items: list[RequestItem]) -> tuple[str, str]:
    values = {"case": request.case_ref or f"#{request.pk}", "station": request.organisation.name,
              "type": request.get_incident_type_display(), "from": thai_datetime(request.starts_at),
              "to": thai_datetime(request.ends_at), "owner": items[0].owner.name}
    if request.status == RequestStatus.CANCELLED:
        subject = _("Request withdrawn: CCTV footage for case %(case)s is no longer needed") % values
        said = _("%(station)s has withdrawn its request for the footage of case %(case)s (%(type)s), "
                 "from %(from)s to %(to)s.") % values
    else:
        subject = _("Request closed: CCTV footage for case %(case)s is no longer needed") % values
        said = _("%(station)s has closed its request for the footage of case %(case)s (%(type)s), "
                 "from %(from)s to %(to)s: it has what the case needs.") % values
    lines = [_("To %(owner)s,") % values, said,
             _("You no longer need to keep the footage of these cameras for this request:")]
    lines += [f"• {item.camera_label}" for item in items]
    lines.append(_("Nothing more is needed from you in the app; you will get no more reminders for it."))
    return subject, "\n".join(lines)


def queue_ended_notices(request, open_items: list[RequestItem]) -> int:
    """Inside the closing transaction: one message per owner of the items that were still open."""
    rows = []
    for owner_items in by_owner(open_items).values():
        owner = owner_items[0].owner
        key = f"{ENDED_PREFIX}{request.pk}:{owner.pk}"
        subject, body = _bilingual(lambda items=owner_items: _ended_text(request, items))
        rows += [Notification(key=f"{key}:{ch}", channel=ch, recipient=to, organisation=owner, subject=subject,
                              body=body)
                 for ch, to in ((Channel.EMAIL, owner.contact_email), (Channel.LINE, owner.line_to)) if to]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)  # a request ends once; never twice
    if rows:
        _enqueue(f"{ENDED_PREFIX}{request.pk}:")
    return len(rows)
