"""Certification of a census round by the provincial committee (seed 002 L104-L171).

certify() runs in one transaction: the gate, the open issues (refused unless a reason is
given, which is kept on the certification and in the round's history), the round's move to
"certified" through rounds.move_round (logged), then the frozen snapshot: the figures dict
(census.snapshot) and one CertifiedCamera row per camera of the organisations that answered,
signed with who and when. Later edits of the registry never change a certification; reopening
the round marks it superseded (rounds.move_round) and certifying again adds a new one.

compare() puts two certifications of one province side by side: cameras added, removed,
repaired, broken since and moved more than MOVED_METRES.
"""

import math
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safetyzone.cameras.models import Status
from safetyzone.core import access

from . import rounds
from .models import Certification, CertifiedCamera, Round, RoundStatus, SubmissionStatus
from .snapshot import NEEDS_REPAIR, round_figures

MOVED_METRES = 20
BATCH = 2000


@dataclass(frozen=True)
class Issue:
    """Something that should be settled before the committee certifies."""

    kind: str  # "answer" (an organisation's answer not accepted) or "quality" (a data check)
    message: str
    organisation: str = ""


class CertificationRefused(ValidationError):
    """Certifying is not possible now; the message says why and what to do."""


def answer_issues(round_: Round) -> list[Issue]:
    """Invited organisations whose answer the secretariat has not accepted."""
    issues = []
    for sub in round_.submissions.exclude(status=SubmissionStatus.ACCEPTED).select_related("organisation"):
        issues.append(Issue("answer", _("%(organisation)s: answer not accepted yet (%(status)s).") % {
            "organisation": sub.organisation.name, "status": sub.get_status_display()},
            sub.organisation.name))
    return issues


def data_quality_issues(round_: Round) -> list[Issue]:
    """One issue per invited organisation whose cameras still have data-quality errors
    (census/quality/: missing or implausible coordinates, duplicates across agencies...);
    warnings do not hold certification up."""
    from .quality.selectors import province_findings

    _rows, findings, _pairs, _decided = province_findings(round_.province_id)
    invited = dict(round_.submissions.values_list("organisation_id", "organisation__name"))
    errors = Counter(f.owner_id for f in findings if f.is_error and f.owner_id in invited)
    return [Issue("quality", _("%(organisation)s: %(count)s data-quality errors to fix.")
                  % {"organisation": invited[owner], "count": n}, invited[owner])
            for owner, n in sorted(errors.items(), key=lambda item: invited[item[0]])]


def open_issues(round_: Round) -> list[Issue]:
    return answer_issues(round_) + data_quality_issues(round_)


def _check_can_certify(user, round_: Round, issues: list[Issue], reason: str) -> None:
    if not access.can_certify_round(user, round_.province_id):
        raise PermissionDenied(_("Only the province's committee or secretariat may certify this round."))
    if round_.status == RoundStatus.CERTIFIED:
        raise CertificationRefused(_("This round is already certified. Reopen it first to certify it again."))
    if round_.status != RoundStatus.CLOSED:
        raise CertificationRefused(_("Close the round for answers before certifying it."))
    if issues and not reason:
        raise CertificationRefused(
            _("%(count)s issues are still open. Settle them, or give the reason for certifying anyway; "
              "the reason is kept with the certification.") % {"count": len(issues)})


@transaction.atomic
def certify(user, round_: Round, *, reason: str = "") -> Certification:
    """Certify the round now and freeze what was certified; returns the new Certification."""
    current = Round.objects.select_for_update().get(pk=round_.pk)
    reason = (reason or "").strip()
    issues = open_issues(current)
    _check_can_certify(user, current, issues, reason)
    rounds.move_round(user, current, RoundStatus.CERTIFIED, reason, certifying=True)
    round_.status = current.status
    rows = []
    figures = round_figures(current, on_row=rows.append)
    figures["open_issues"] = [i.message for i in issues]
    cert = Certification.objects.create(round=current, certified_by=user, certified_at=timezone.now(),
                                        override_reason=reason if issues else "", open_issues=len(issues),
                                        figures=figures)
    CertifiedCamera.objects.bulk_create(
        (CertifiedCamera(certification=cert, camera_id=r["id"], organisation_id=r["site__owner_id"],
                         asset_code=r["asset_code"], area_id=r["area_id"], lat=r["lat"], lon=r["lon"],
                         sector=r["sector"], status=r["status"], network_link=r["network_link"],
                         retention_days=r["retention_days"], playback=r["playback"]) for r in rows),
        batch_size=BATCH)
    return cert


# --- comparing two certifications -------------------------------------------------------------

@dataclass
class Comparison:
    before: Certification
    after: Certification
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    repaired: list[dict] = field(default_factory=list)
    broken_since: list[dict] = field(default_factory=list)
    moved: list[dict] = field(default_factory=list)

    @property
    def counts(self) -> dict:
        return {k: len(getattr(self, k)) for k in ("added", "removed", "repaired", "broken_since", "moved")}

    @property
    def figures(self) -> list[tuple[str, int, int]]:
        """(key, before, after) of the headline camera figures."""
        a, b = self.before.figures.get("cameras", {}), self.after.figures.get("cameras", {})
        return [(k, a.get(k, 0), b.get(k, 0)) for k in ("total", *[s.value for s in Status])]


def metres(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance in metres (haversine; plenty for a 20 m threshold)."""
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp, dl = p2 - p1, math.radians(float(lon2) - float(lon1))
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


def _rows(cert: Certification) -> dict[int, dict]:
    fields = ("camera_id", "organisation__name", "asset_code", "area_id", "lat", "lon", "status", "network_link")
    return {r["camera_id"]: r for r in cert.cameras.values(*fields)}


def compare(cert_a: Certification, cert_b: Certification) -> Comparison:
    """What changed from the earlier certification to the later one (same province only)."""
    if cert_a.round.province_id != cert_b.round.province_id:
        raise ValidationError(_("Only certifications of the same province can be compared."))
    before, after = sorted((cert_a, cert_b), key=lambda c: (c.certified_at, c.pk))
    old, new = _rows(before), _rows(after)
    out = Comparison(before, after)
    out.added = [new[i] for i in sorted(new.keys() - old.keys())]
    out.removed = [old[i] for i in sorted(old.keys() - new.keys())]
    for i in sorted(old.keys() & new.keys()):
        a, b = old[i], new[i]
        change = {**b, "status_before": a["status"]}
        if a["status"] in NEEDS_REPAIR and b["status"] == Status.WORKING:
            out.repaired.append(change)
        elif a["status"] == Status.WORKING and b["status"] in NEEDS_REPAIR:
            out.broken_since.append(change)
        distance = metres(a["lat"], a["lon"], b["lat"], b["lon"])
        if distance > MOVED_METRES:
            out.moved.append({**change, "metres": round(distance)})
    return out
