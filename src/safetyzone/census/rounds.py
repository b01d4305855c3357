"""Every write to a census round and its submissions: the two state machines, the gate
re-checked inside the transaction, and a Transition row for every state change.

Round:       draft → open → closed → certified;  closed → open (reopen for late answers);
             certified → open (reopen after certification: a reason is required, the
             certification stays on record, marked superseded).
             Certifying is census.certify's job (it freezes the snapshot), through move_round.
Submission:  not_started → in_progress → submitted → accepted
                               ↑             ↓
                               └── returned ←┘   (the secretariat sends it back with comments)
             Agencies answer only while the round is open; answering after the deadline is
             allowed and marked late. Submitting twice is refused with a message, not repeated.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from safetyzone.cameras.models import Camera, Status
from safetyzone.core import access
from safetyzone.core.templatetags.thai import thai_datetime
from safetyzone.core.models import Organisation

from .models import Round, RoundStatus, Submission, SubmissionStatus, Transition

R, S = RoundStatus, SubmissionStatus
ROUND_MOVES = {
    R.DRAFT: {R.OPEN},
    R.OPEN: {R.CLOSED},
    R.CLOSED: {R.OPEN, R.CERTIFIED},
    R.CERTIFIED: {R.OPEN},
}
NOTE_REQUIRED = {(R.CERTIFIED, R.OPEN), (R.CLOSED, R.OPEN)}
SUBMISSION_MOVES = {
    S.NOT_STARTED: {S.IN_PROGRESS, S.SUBMITTED},
    S.IN_PROGRESS: {S.SUBMITTED},
    S.SUBMITTED: {S.ACCEPTED, S.RETURNED},
    S.RETURNED: {S.IN_PROGRESS, S.SUBMITTED},
    S.ACCEPTED: {S.RETURNED},
}
EDITABLE = {S.NOT_STARTED, S.IN_PROGRESS, S.RETURNED}


class TransitionError(ValidationError):
    """A state change that is not allowed from where the round or submission stands."""


def _label(choices, value) -> str:
    return str(choices(value).label)


def _refuse(choices, current, target):
    raise TransitionError(_("Cannot go from “%(current)s” to “%(target)s”.")
                          % {"current": _label(choices, current), "target": _label(choices, target)})


def _log(round_: Round, submission, before: str, after: str, user, note: str) -> None:
    Transition.objects.create(round=round_, submission=submission, from_status=before, to_status=after,
                              by=user if user and user.pk else None, note=note)


# --- rounds ---------------------------------------------------------------------------------

@transaction.atomic
def create_round(user, *, province_id: str, title: str, opens_on, deadline, organisations) -> Round:
    """A draft round inviting `organisations` (all of them in the round's province)."""
    round_ = Round(province_id=province_id, title=title, opens_on=opens_on, deadline=deadline, created_by=user)
    if not access.can_run_round(user, province_id):
        raise PermissionDenied
    if deadline < opens_on:
        raise ValidationError({"deadline": _("The deadline is before the opening date.")})
    round_.save()
    invite(user, round_, organisations)
    _log(round_, None, "", R.DRAFT, user, "")
    return round_


@transaction.atomic
def invite(user, round_: Round, organisations) -> int:
    """Add organisations of the round's province that are not invited yet; returns how many."""
    if not access.can_run_round(user, round_.province_id) or round_.status == R.CERTIFIED:
        raise PermissionDenied
    ids = {o.pk if isinstance(o, Organisation) else int(o) for o in organisations}
    orgs = Organisation.objects.filter(pk__in=ids, province_id=round_.province_id)
    if orgs.count() != len(ids):
        raise ValidationError(_("Only organisations of the round's province can be invited."))
    have = set(round_.submissions.values_list("organisation_id", flat=True))
    new = [Submission(round=round_, organisation=o) for o in orgs if o.pk not in have]
    Submission.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def move_round(user, round_: Round, target: str, note: str = "", *, certifying: bool = False) -> Round:
    """Change the round's status if the move is allowed; every move is logged.

    Only census.certify moves a round to certified (`certifying=True`), because certifying
    also freezes the snapshot and records the reason for any open issue."""
    if target not in RoundStatus.values:
        raise TransitionError(_("Unknown round status."))
    if target == R.CERTIFIED and not certifying:
        raise TransitionError(_("A round is certified on its certification page, which freezes what was certified."))
    current = Round.objects.select_for_update().get(pk=round_.pk)
    allowed = access.can_certify_round if target == R.CERTIFIED else access.can_run_round
    if not allowed(user, current.province_id):
        raise PermissionDenied
    if target not in ROUND_MOVES.get(current.status, set()):
        _refuse(RoundStatus, current.status, target)
    note = (note or "").strip()
    if (current.status, target) in NOTE_REQUIRED and not note:
        raise TransitionError(_("Give the reason for reopening the round; it is kept in its history."))
    if (current.status, target) == (R.CERTIFIED, R.OPEN):
        current.certifications.filter(superseded_at__isnull=True).update(superseded_at=timezone.now())
    _log(current, None, current.status, target, user, note)
    current.status = target
    current.save(update_fields=["status"])
    round_.status = target
    return current


# --- submissions ----------------------------------------------------------------------------

def _locked_submission(user, submission: Submission) -> Submission:
    current = Submission.objects.select_for_update().select_related("round").get(pk=submission.pk)
    if not access.can_write_org(user, current.organisation_id):
        raise PermissionDenied
    if current.round.status != R.OPEN:
        raise TransitionError(_("The round is not open for answers."))
    return current


def _move_submission(current: Submission, target: str, user, note: str = "") -> None:
    if target not in SUBMISSION_MOVES.get(current.status, set()):
        if current.status in (S.SUBMITTED, S.ACCEPTED) and target in (S.SUBMITTED, S.IN_PROGRESS):
            raise TransitionError(_("This answer was already submitted on %(date)s; the secretariat "
                                    "must send it back before it can change.")
                                  % {"date": thai_datetime(current.submitted_at)})
        _refuse(SubmissionStatus, current.status, target)
    _log(current.round, current, current.status, target, user, note)
    current.status = target


@transaction.atomic
def start_editing(user, submission: Submission) -> Submission:
    """The agency began its answer (first save of Part 2 or 3, or a note)."""
    current = _locked_submission(user, submission)
    if current.status in (S.NOT_STARTED, S.RETURNED):
        _move_submission(current, S.IN_PROGRESS, user)
        current.save()
    elif current.status not in EDITABLE:
        _move_submission(current, S.IN_PROGRESS, user)  # raises: already submitted
    return current


@transaction.atomic
def add_part(user, submission: Submission, item):
    """Save a Part 2 proposal or a Part 3 problem of an answer still being written."""
    item.submission = start_editing(user, submission)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def remove_part(user, item) -> None:
    start_editing(user, item.submission)
    item.delete()


def registry_counts(organisation_id: int) -> tuple[int, int]:
    """(cameras, working cameras) the registry holds for an organisation now."""
    row = Camera.objects.filter(site__owner_id=organisation_id).aggregate(
        n=Count("id"), working=Count("id", filter=Q(status=Status.WORKING)))
    return row["n"], row["working"]


@transaction.atomic
def submit(user, submission: Submission, *, has_cameras: bool | None, note: str = "") -> Submission:
    """Send the answer: the agency says whether it has cameras ("none" is an answer)."""
    current = _locked_submission(user, submission)
    if has_cameras is None:
        raise ValidationError({"has_cameras": _("Say whether your organisation has CCTV cameras: "
                                                "“we have none” is an answer too.")})
    cameras, working = registry_counts(current.organisation_id)
    if has_cameras and cameras == 0:
        raise ValidationError({"has_cameras": _("You answered that you have cameras, but none are registered. "
                                                "Add or import them first, or answer that you have none.")})
    if not has_cameras and cameras:
        raise ValidationError({"has_cameras": _("You answered that you have no cameras, but %(n)s are registered "
                                                "for your organisation.") % {"n": cameras}})
    _move_submission(current, S.SUBMITTED, user, note)
    current.has_cameras, current.camera_count, current.working_count = has_cameras, cameras, working
    current.submitted_at, current.submitted_by = timezone.now(), user
    current.late = timezone.localdate() > current.round.deadline
    current.note = note or current.note
    current.save()
    return current


@transaction.atomic
def review(user, submission: Submission, *, accept: bool, comment: str = "") -> Submission:
    """The secretariat accepts an answer, or sends it back with comments (required)."""
    current = Submission.objects.select_for_update().select_related("round").get(pk=submission.pk)
    if not access.can_run_round(user, current.round.province_id):
        raise PermissionDenied
    if current.round.status not in (R.OPEN, R.CLOSED):
        raise TransitionError(_("A certified round must be reopened before its answers change."))
    comment = (comment or "").strip()
    if not accept and not comment:
        raise ValidationError({"comment": _("Say what the agency must fix when sending an answer back.")})
    _move_submission(current, S.ACCEPTED if accept else S.RETURNED, user, comment)
    current.review_comment = comment
    current.save()
    return current
