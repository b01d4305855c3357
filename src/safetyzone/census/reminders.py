"""Reminders to agencies that have not answered an open census round, by e-mail and LINE.

Sent on the days before the deadline listed in settings.CENSUS_REMINDER_DAYS (7, 3, 1 and
0 by default) and every third day once it has passed; the secretariat can also send them
from the round page (at most once a day). Each message is in Thai, then English, and each is
sent once (core.notify keys it by round, agency and day).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from safetyzone.core.notify import notify
from safetyzone.core.templatetags.thai import thai_date

from .models import Round, RoundStatus, Submission, SubmissionStatus

PENDING = [SubmissionStatus.NOT_STARTED, SubmissionStatus.IN_PROGRESS, SubmissionStatus.RETURNED]


def is_reminder_day(days_left: int) -> bool:
    return days_left in settings.CENSUS_REMINDER_DAYS or (days_left < 0 and days_left % 3 == 0)


def _text(sub: Submission, days_left: int) -> tuple[str, str]:
    round_ = sub.round
    values = {"round": round_.title, "org": sub.organisation.name, "deadline": thai_date(round_.deadline, "long"),
              "days": abs(days_left), "status": sub.get_status_display(),
              "url": settings.SITE_URL + reverse("census:submission", args=[sub.pk])}
    if days_left > 0:
        when = _("The deadline is %(deadline)s, in %(days)s days.") % values
    elif days_left == 0:
        when = _("The deadline is today, %(deadline)s.") % values
    else:
        when = _("The deadline was %(deadline)s, %(days)s days ago; please answer as soon as you can.") % values
    subject = _("CCTV census: please send your answer to “%(round)s”") % values
    body = "\n".join([
        _("To %(org)s,") % values,
        _("Your organisation has not yet sent its answer to the CCTV census “%(round)s” (now: %(status)s).")
        % values,
        when,
        _("If your organisation has no CCTV cameras, answer “we have none”: that is an answer too."),
        values["url"],
    ])
    return subject, body


def remind(sub: Submission, days_left: int, key: str) -> int:
    """Send one agency its reminder in Thai then English; returns the messages sent."""
    parts = []
    for lang in ("th", "en"):
        with translation.override(lang):
            parts.append(_text(sub, days_left))
    subject = f"{parts[0][0]} / {parts[1][0]}"
    body = f"{parts[0][1]}\n\n— English —\n{parts[1][1]}"
    return sum(1 for n in notify(sub.organisation, key, subject, body) if n.sent_at)


def send_due(today=None, *, round_: Round | None = None, manual: bool = False) -> tuple[int, int]:
    """Remind every unanswered agency of open rounds due a reminder today.

    Returns (agencies reminded, messages sent); an agency with neither e-mail nor LINE ID
    counts as reminded with no message, and the round page lists it."""
    today = today or timezone.localdate()
    rounds = [round_] if round_ else Round.objects.filter(status=RoundStatus.OPEN)
    reminded = messages = 0
    for r in rounds:
        if r.status != RoundStatus.OPEN:
            continue
        days_left = (r.deadline - today).days
        if not manual and not is_reminder_day(days_left):
            continue
        pending = r.submissions.filter(status__in=PENDING).select_related("organisation", "round")
        for sub in pending:
            tag = "manual" if manual else "due"
            messages += remind(sub, days_left,
                               f"census-reminder:{r.pk}:{sub.organisation_id}:{today.isoformat()}:{tag}")
            reminded += 1
    return reminded, messages
