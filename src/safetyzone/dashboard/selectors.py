"""Dashboard reads: every figure is a GROUP BY in SQL over the camera's own area columns.

`camera_figures` runs at most three queries whatever the level, each only when a page uses
it: cameras per (child row, status, network link) with the known budgets, the maintainers
of cameras that do not work, and the centres cameras link to. At the country and province
levels, for a user whose scope is whole areas (a system admin; a province's secretariat and
committee), they group the camera tally (per-area sums and province totals kept by every
camera writer, cameras/tally.py, docs/adr/0006) instead of the cameras: ~1,000 province
totals for the country instead of 1,000,000 cameras. Other users and narrower levels group the cameras themselves. Country
and province answers over CACHE_MIN_TOTAL cameras are also cached under the user's scope
plus the registry's latest change (as the camera map does): a saved edit shows at once.
"""

import hashlib
import os
from collections import defaultdict
from functools import cached_property
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Substr

from safetyzone.cameras import tally
from safetyzone.cameras.tally import CameraTally
from safetyzone.cameras.selectors import registry_version
from safetyzone.core import access
from safetyzone.census.models import ProblemReport, Proposal, Round, Submission

from .drill import CAMERA_CHILD, CHILD_CODE_LENGTH, Drill

ANSWERED = ("submitted", "accepted")
TOP = 10  # maintainers and centres listed by name; the rest are summed as "others"
CACHE_SECONDS = 600
CACHE_MIN_TOTAL = 10_000


def link_cost() -> Decimal:
    """Baht to link one camera to a centre (SAFETYZONE_LINK_COST_BAHT, default 15,000)."""
    value = getattr(settings, "SAFETYZONE_LINK_COST_BAHT", None) or os.environ.get(
        "SAFETYZONE_LINK_COST_BAHT", "15000")
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return Decimal(15000)


class CameraFigures:
    """The camera aggregates of one level, each part queried (or read from the cache) when
    first used: the overview needs only `cells`."""

    def __init__(self, drill: Drill, live: bool = False):
        self.drill = drill
        self.live = live  # group the cameras even where the tally could answer (for checks)
        self._version = None

    @cached_property
    def cells(self) -> list[dict]:
        """child, status, link, n and the known budgets: one row per group."""
        return self._cached("cells", self._cells)

    @cached_property
    def maintainers(self) -> list[dict]:
        """maintainer, n, maint of the cameras that do not work, biggest first."""
        return self._cached("maintainers", lambda: _top(list(self._maintainers()), "maintainer"))

    @cached_property
    def centres(self) -> list[dict]:
        """network_name, n of the cameras linked to a centre, biggest first."""
        return self._cached("centres", lambda: _top(list(self._centres()), "network_name"))

    def _maintainers(self):
        if (rows := self.tally()) is not None:
            return rows.filter(kind=tally.MAINTAINER).values(maintainer=F("name")).annotate(
                n=Sum("n"), maint=Sum("maint")).order_by("-n", "maintainer")
        return self.drill.cameras().exclude(status="working").values("maintainer").annotate(
            n=Count("status"), maint=Sum("maintenance_budget")).order_by("-n", "maintainer")

    def _centres(self):
        if (rows := self.tally()) is not None:
            return rows.filter(kind=tally.CENTRE).values(network_name=F("name")).annotate(
                n=Sum("n")).order_by("-n", "network_name")
        return self.drill.cameras().filter(network_link="centre").values("network_name").annotate(
            n=Count("status")).order_by("-n", "network_name")

    def tally(self):
        """The tally rows this level sums, or None where the cameras must be grouped live (a
        narrower level, or a user whose scope is not whole areas: a police station sees its
        district plus its own cameras elsewhere, an agency only its own)."""
        drill, user = self.drill, self.drill.user
        if self.live or drill.level not in ("country", "province") or drill.organisation:
            return None
        if not (access.is_system_admin(user) or (
                user.role in access.PROVINCE_READ_ROLES and getattr(user, "organisation", None))):
            return None
        rows = access.scope(user, CameraTally.objects.all())
        if drill.area:  # the province's area rows (its districts are the child rows)
            return rows.filter(province_id=drill.code, rollup=False).order_by()
        return rows.filter(rollup=True).order_by()  # the provinces' totals

    def _cells(self) -> list[dict]:
        child = CAMERA_CHILD[self.drill.level]
        groups = [child] if child else []
        if (rows := self.tally()) is not None:
            rows = rows.filter(kind=tally.CELL).values(*groups, "status", "network_link").annotate(
                n=Sum("n"), maint=Sum("maint"), cost=Sum("cost"), with_maint=Sum("with_maint"))
        else:
            rows = self.drill.cameras().values(*groups, "status", "network_link").annotate(
                n=Count("status"), maint=Sum("maintenance_budget"), cost=Sum("purchase_cost"),
                with_maint=Count("maintenance_budget"))
        return [{"child": r[child] if child else None, "status": r["status"], "link": r["network_link"],
                 "n": r["n"], "maint": r["maint"], "cost": r["cost"], "with_maint": r["with_maint"]}
                for r in rows]

    def _cached(self, part: str, compute):
        """Wide levels (country, province) are cached while the registry does not change."""
        if self.drill.level not in ("country", "province"):
            return compute()
        if self._version is None:
            # includes the tally's version: the writes that leave no camera history count too
            self._version = registry_version()
        raw = repr((part, self.drill.key(), self.live, self._version)).encode()
        key = "dashboard:" + hashlib.sha256(raw).hexdigest()
        if (cached := cache.get(key)) is not None:
            return cached
        value = compute()
        cameras = sum(c["n"] for c in value) if part == "cells" else self.total()
        if cameras >= CACHE_MIN_TOTAL:  # small answers are quick to compute again
            cache.set(key, value, CACHE_SECONDS)
        return value

    def total(self, **match) -> int:
        return sum(c["n"] for c in self.cells if all(c[k] == v for k, v in match.items()))

    def by(self, *keys, values=("n",), where=None) -> dict:
        """Sums of `values` grouped by `keys` ("child", "status", "link")."""
        out: dict = defaultdict(lambda: defaultdict(lambda: 0))
        for c in self.cells:
            if where and not where(c):
                continue
            group = tuple(c[k] for k in keys) if len(keys) > 1 else c[keys[0]]
            for v in values:
                out[group][v] += c[v] or 0
        return out


def camera_figures(drill: Drill) -> CameraFigures:
    return CameraFigures(drill)


def _top(rows: list[dict], name: str) -> list[dict]:
    """The TOP biggest rows by name; the rest summed into one row named None."""
    if len(rows) <= TOP:
        return rows
    rest = {name: None}
    for r in rows[TOP:]:
        for k, v in r.items():
            if k != name:
                rest[k] = (rest.get(k) or 0) + (v or 0)
    return rows[:TOP] + [rest]


# --- census: answers, Part 2, Part 3 -----------------------------------------------------------

def latest_rounds() -> list[int]:
    """Each province's latest round that has opened (a draft has no answers to count)."""
    seen, ids = set(), []
    for pk, province in (Round.objects.exclude(status="draft")
                         .order_by("province_id", "-opens_on", "-id").values_list("pk", "province_id")):
        if province not in seen:
            seen.add(province)
            ids.append(pk)
    return ids


def answers(drill: Drill, rounds: list[int]):
    return drill.census(Submission.objects.filter(round_id__in=rounds, status__in=ANSWERED))


def _child_expr(drill: Drill, org_path: str, area_path: str):
    """How census rows group into the child rows of this level (area prefix or organisation)."""
    if drill.level in CHILD_CODE_LENGTH:
        return Substr(area_path, 1, CHILD_CODE_LENGTH[drill.level])
    if drill.level == "subdistrict":
        return F(f"{org_path}_id")
    return None


def answer_counts(drill: Drill, rounds: list[int]) -> dict:
    """{child or None: {"answered", "with_cameras", "declared"}} plus the level total under "all"."""
    expr = _child_expr(drill, "organisation", "organisation__area_id")
    qs = answers(drill, rounds)
    qs = qs.annotate(child=expr).values("child") if expr is not None else qs.values("round__province_id")
    rows = qs.annotate(answered=Count("pk"), with_cameras=Count("pk", filter=Q(has_cameras=True)),
                       declared=Sum("camera_count"))
    out = {"all": {"answered": 0, "with_cameras": 0, "declared": 0}}
    for r in rows:
        key = r.get("child")
        item = out.setdefault(key, {"answered": 0, "with_cameras": 0, "declared": 0})
        for k in ("answered", "with_cameras", "declared"):
            item[k] += r[k] or 0
            out["all"][k] += r[k] or 0
    return out


def proposals(drill: Drill, rounds: list[int]):
    qs = drill.census(Proposal.objects.filter(submission__round_id__in=rounds, submission__status__in=ANSWERED))
    return qs


def proposal_groups(drill: Drill, rounds: list[int], field: str) -> list[dict]:
    """Proposed points grouped by `field` (reason, budget_source) or by the level's children."""
    qs = proposals(drill, rounds)
    if field == "child":
        expr = _child_expr(drill, "submission__organisation", "area_id")
        if expr is None:
            return []
        qs = qs.annotate(child=expr)
    return list(qs.values(field).annotate(points=Count("pk"), cameras=Sum("camera_count"),
                                          budget=Sum("estimated_budget")).order_by("-points", field))


def problems(drill: Drill, rounds: list[int]):
    return drill.census(ProblemReport.objects.filter(submission__round_id__in=rounds,
                                                     submission__status__in=ANSWERED))


def problem_groups(drill: Drill, rounds: list[int], field: str) -> list[dict]:
    qs = problems(drill, rounds)
    if field == "child":
        expr = _child_expr(drill, "submission__organisation", "submission__organisation__area_id")
        if expr is None:
            return []
        qs = qs.annotate(child=expr)
    return list(qs.values(field).annotate(n=Count("pk"), orgs=Count("submission__organisation", distinct=True))
                .order_by("-n", field))
