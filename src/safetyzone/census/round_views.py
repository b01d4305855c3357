"""Census round pages: the secretariat runs a round and reviews answers; agencies answer.

Thin: the state machines and the gate live in census/rounds.py and core/access.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safetyzone.core import access

from safetyzone.core.models import AdminArea, Notification

from . import reminders, rounds, tasks
from .models import ProblemReport, Proposal, Round, RoundStatus, Submission, SubmissionStatus
from .round_forms import MoveForm, ProblemForm, ProposalForm, ProvinceForm, ReviewForm, RoundForm, SubmitForm

STATUS_COUNTS = {f"n_{s}": Count("submissions", filter=Q(submissions__status=s)) for s in SubmissionStatus.values}
# the moves the round page offers from each status
ROUND_ACTIONS = {RoundStatus.DRAFT: [RoundStatus.OPEN], RoundStatus.OPEN: [RoundStatus.CLOSED],
                 RoundStatus.CLOSED: [RoundStatus.OPEN], RoundStatus.CERTIFIED: [RoundStatus.OPEN]}


def _visible(user, model, pk: int):
    obj = access.scope(user, model.objects.all()).filter(pk=pk).first()
    if obj is None:
        raise Http404(_("Not found, or not visible to your organisation."))
    return obj


def _error_text(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


def _province_of(user) -> str | None:
    org = getattr(user, "organisation", None)
    return org.province_id if org else None


@login_required
@require_GET
def round_list(request):
    qs = access.scope(request.user, Round.objects.select_related("province")).annotate(
        n_invited=Count("submissions"), **STATUS_COUNTS)
    province = _province_of(request.user)
    can_create = access.is_system_admin(request.user) or bool(province and access.can_run_round(request.user, province))
    # an agency's scope joins only its own answer: province-wide counts are for the province's roles
    overview = access.is_system_admin(request.user) or request.user.role in access.PROVINCE_READ_ROLES
    return render(request, "census/rounds/list.html", {"rounds": qs, "can_create": can_create, "overview": overview})


@login_required
@require_http_methods(["GET", "POST"])
def round_new(request):
    if access.is_system_admin(request.user):  # any province, chosen first (?province=15)
        chooser = ProvinceForm(request.GET if "province" in request.GET else None)
        if not chooser.is_valid():
            return render(request, "census/rounds/choose_province.html", {"chooser": chooser},
                          status=400 if chooser.errors else 200)
        province = chooser.cleaned_data["province"].code
    else:
        province = _province_of(request.user)
    if not (province and access.can_run_round(request.user, province)):
        raise PermissionDenied(_("Only the provincial secretariat opens a census round."))
    form = RoundForm(request.POST or None, province_id=province)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        round_ = rounds.create_round(request.user, province_id=province, title=d["title"], opens_on=d["opens_on"],
                                     deadline=d["deadline"], organisations=d["organisations"])
        messages.success(request, _("The round was created as a draft. Open it when the invitations are right."))
        return redirect("census:round", round_.pk)
    return render(request, "census/rounds/new.html", {"form": form, "province": AdminArea.objects.get(code=province)},
                  status=400 if form.errors else 200)


def _round_context(request, round_: Round) -> dict:
    submissions = access.scope(request.user, round_.submissions.select_related("organisation")).order_by(
        "status", "organisation__name")
    counts = {s: 0 for s in SubmissionStatus.values}
    for status, n in submissions.order_by().values_list("status").annotate(n=Count("id")):
        counts[status] = n
    return {"round": round_, "submissions": submissions,
            "counts": [(SubmissionStatus(s).label, s, n) for s, n in counts.items()],
            "late": sum(1 for s in submissions if s.late)}


@login_required
@require_GET
def round_detail(request, pk: int):
    round_ = _visible(request.user, Round, pk)
    context = _round_context(request, round_)
    manage = access.can_run_round(request.user, round_.province_id)
    context.update(
        manage=manage, committee=access.can_certify_round(request.user, round_.province_id),
        actions=[(t, RoundStatus(t).label) for t in ROUND_ACTIONS[round_.status]] if manage else [],
        note_needed=round_.status in (RoundStatus.CLOSED, RoundStatus.CERTIFIED),
        transitions=round_.transitions.filter(submission=None).select_related("by"),
        notifications=Notification.objects.filter(key__startswith=f"census-reminder:{round_.pk}:")
        .select_related("organisation")[:50] if manage else [],
    )
    return render(request, "census/rounds/detail.html", context)


@login_required
@require_GET
def round_live(request, pk: int):
    """htmx: the counters and the answers table, polled while the page is open."""
    round_ = _visible(request.user, Round, pk)
    return render(request, "census/rounds/_live.html", _round_context(request, round_))


@login_required
@require_POST
def round_move(request, pk: int):
    round_ = _visible(request.user, Round, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown round status."))
    else:
        try:
            rounds.move_round(request.user, round_, form.cleaned_data["target"], form.cleaned_data["note"])
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("The round is now: %(status)s") % {"status": round_.get_status_display()})
    return redirect("census:round", round_.pk)


@login_required
@require_POST
def round_remind(request, pk: int):
    """The secretariat reminds every agency that has not answered yet (once a day)."""
    round_ = _visible(request.user, Round, pk)
    if not access.can_run_round(request.user, round_.province_id):
        raise PermissionDenied
    if round_.status != RoundStatus.OPEN:
        messages.error(request, _("The round is not open for answers."))
    else:
        pending = round_.submissions.filter(status__in=reminders.PENDING).count()
        tasks.send_round_reminders.enqueue(round_.pk)
        messages.success(request, _("Reminders to the %(agencies)s agencies that have not answered are being sent "
                                    "by e-mail and LINE; each appears below once it has gone out.")
                         % {"agencies": pending})
    return redirect("census:round", round_.pk)


def _submission_context(request, sub: Submission, **forms) -> dict:
    user = request.user
    can_answer = access.can_write_org(user, sub.organisation_id)
    editable = can_answer and sub.round.status == RoundStatus.OPEN and sub.status in rounds.EDITABLE
    cameras, working = rounds.registry_counts(sub.organisation_id)
    province = sub.round.province_id
    initial = {"has_cameras": {True: "yes", False: "no"}.get(sub.has_cameras, "yes" if cameras else None)}
    context = {
        "sub": sub, "round": sub.round, "editable": editable, "cameras": cameras, "working": working,
        "can_review": access.can_run_round(user, province) and sub.status in (
            SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED) and sub.round.status != RoundStatus.CERTIFIED,
        "proposals": sub.proposals.select_related("area"), "problems": sub.problems.all(),
        "proposal_form": ProposalForm(province_id=province), "problem_form": ProblemForm(),
        "submit_form": SubmitForm(initial=initial), "review_form": ReviewForm(),
        "transitions": sub.transitions.select_related("by"),
    }
    context.update(forms)
    return context


@login_required
@require_GET
def submission_detail(request, pk: int):
    sub = _visible(request.user, Submission, pk)
    return _answer_page(request, sub)


def _answer_page(request, sub: Submission, status: int = 200, **forms):
    """The answer page; after a refusal (400) with the submitted form and its errors."""
    return render(request, "census/rounds/submission.html", _submission_context(request, sub, **forms), status=status)


def _run(request, sub: Submission, action, success: str, form_name: str | None = None, form=None):
    """Run a service call; on a refusal show the page again with the message and the typed data."""
    try:
        action()
    except ValidationError as exc:
        if form is not None and hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.error(request, _error_text(exc))
        extra = {form_name: form} if form_name else {}
        return _answer_page(request, sub, 400, **extra)
    messages.success(request, success)
    return redirect("census:submission", sub.pk)


@login_required
@require_POST
def submission_submit(request, pk: int):
    sub = _visible(request.user, Submission, pk)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        return _answer_page(request, sub, 400, submit_form=form)
    has = form.cleaned_data["has_cameras"] == "yes"
    return _run(request, sub, lambda: rounds.submit(request.user, sub, has_cameras=has,
                                                    note=form.cleaned_data["note"]),
                _("Your answer was sent to the provincial secretariat."), "submit_form", form)


@login_required
@require_POST
def submission_review(request, pk: int):
    sub = _visible(request.user, Submission, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    accept = form.cleaned_data["decision"] == "accept"
    done = _("The answer was accepted.") if accept else _("The answer was sent back to the agency.")
    return _run(request, sub, lambda: rounds.review(request.user, sub, accept=accept,
                                                    comment=form.cleaned_data["comment"]),
                done, "review_form", form)


@login_required
@require_POST
def part_add(request, pk: int, part: str):
    sub = _visible(request.user, Submission, pk)
    if part == "proposal":
        form, name = ProposalForm(request.POST, province_id=sub.round.province_id), "proposal_form"
    else:
        form, name = ProblemForm(request.POST), "problem_form"
    if not form.is_valid():
        return _answer_page(request, sub, 400, **{name: form})
    return _run(request, sub, lambda: rounds.add_part(request.user, sub, form.save(commit=False)),
                _("Saved."), name, form)


@login_required
@require_POST
def part_remove(request, pk: int, part: str, item: int):
    sub = _visible(request.user, Submission, pk)
    model = Proposal if part == "proposal" else ProblemReport
    obj = model.objects.filter(submission=sub, pk=item).first()
    if obj is None:
        raise Http404
    return _run(request, sub, lambda: rounds.remove_part(request.user, obj), _("Removed."))
