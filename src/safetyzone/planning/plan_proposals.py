"""A finished plan becomes proposed additional installation points (census Part 2, seed 002
L124) in one action: the plan owner's answer to the open census round of its province gets one
Proposal per pole (the cameras planned there, their cost as the estimated budget), priority by
phase (year 1 urgent, year 2 high, later normal). Each planned camera keeps a link to its
proposal, so doing it twice adds nothing."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from safetyzone.census import rounds
from safetyzone.census.models import (
    BudgetPlan, Priority, Proposal, ProposalReason, RoundStatus, Submission,
)
from safetyzone.core import access

from .models import PlacementPlan, PlanCamera, PlanStatus

PRIORITY_BY_PHASE = {1: Priority.URGENT, 2: Priority.HIGH}


class NoOpenRound(ValidationError):
    """The plan's organisation has no answer to fill in an open census round."""


def open_submission(plan: PlacementPlan) -> Submission | None:
    """The owner's answer in an open round of its province (the latest round first)."""
    return (Submission.objects.select_related("round")
            .filter(organisation_id=plan.organisation_id, round__status=RoundStatus.OPEN,
                    round__province_id=plan.province_id)
            .order_by("-round__opens_on", "-round_id").first())


def readable_open_submission(user, plan: PlacementPlan) -> tuple[Submission | None, bool]:
    """(the owner's open answer, whether to speak of the census at all) for the plan's page: a
    reader of the plan who may not read the owner's census answer hears nothing of it."""
    submission = open_submission(plan)
    if submission is not None and not access.scope(user, Submission.objects.filter(pk=submission.pk)).exists():
        return None, False
    return submission, access.scope(user, PlacementPlan.objects.filter(pk=plan.pk), write=True).exists() or bool(
        submission)


def _groups(cameras: list[PlanCamera]) -> list[list[PlanCamera]]:
    by_place = defaultdict(list)
    for c in cameras:
        by_place[(c.lat, c.lon)].append(c)
    return sorted(by_place.values(), key=lambda g: (min(c.phase for c in g), -sum(c.gain for c in g)))


def _proposal(plan: PlacementPlan, group: list[PlanCamera]) -> Proposal:
    phase = min(c.phase for c in group)
    kind = Counter(c.camera_type for c in group).most_common(1)[0][0] or "bullet"
    detail = _("Placement plan “%(plan)s”, year %(phase)s: %(types)s; adds %(gain)s to the covered demand.") % {
        "plan": plan.name, "phase": phase, "types": ", ".join(sorted({c.type_name for c in group})),
        "gain": f"{sum(c.gain for c in group):,.1f}"}
    return Proposal(name=(group[0].pole_ref or plan.name)[:200], lat=group[0].lat, lon=group[0].lon,
                    area_id=plan.area_id, priority=PRIORITY_BY_PHASE.get(phase, Priority.NORMAL),
                    reason=ProposalReason.RISK_POINT, reason_detail=detail[:300], camera_count=len(group),
                    camera_type=kind, estimated_budget=sum((c.cost for c in group), Decimal("0")),
                    budget_source=BudgetPlan.NONE_YET)


@transaction.atomic
def propose(user, plan: PlacementPlan) -> tuple[Submission, int]:
    """Add the plan's cameras that have no proposal yet to the owner's open census answer;
    returns (the answer, proposals added)."""
    locked = PlacementPlan.objects.select_for_update().get(pk=plan.pk)
    access.check_write(user, locked)
    if locked.status != PlanStatus.DONE:
        raise ValidationError(_("Only a finished plan can be proposed."))
    submission = open_submission(locked)
    if submission is None:
        raise NoOpenRound(_("There is no open census round for %(org)s, so there is no answer to add proposed "
                            "installation points to. The provincial secretariat opens the rounds; try again "
                            "when one is open.") % {"org": locked.organisation.name})
    if submission.status not in rounds.EDITABLE:
        raise ValidationError(_("Your answer to “%(round)s” was already sent (%(status)s); the secretariat must "
                                "send it back before proposals can be added.")
                              % {"round": submission.round.title, "status": submission.get_status_display()})
    todo = list(PlanCamera.objects.select_for_update().filter(plan=locked, proposal__isnull=True)
                .order_by("phase", "-gain", "id"))
    if not todo:
        return submission, 0
    submission = rounds.start_editing(user, submission)
    groups = _groups(todo)
    proposals = [_proposal(locked, g) for g in groups]
    for p in proposals:
        p.submission = submission
        p.full_clean()
    Proposal.objects.bulk_create(proposals)
    for p, group in zip(proposals, groups):
        for c in group:
            c.proposal_id = p.pk
    PlanCamera.objects.bulk_update([c for g in groups for c in g], ["proposal"])
    return submission, len(proposals)
