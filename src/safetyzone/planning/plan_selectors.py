"""Reads of the plan pages, all through the access gate: the plans a user may read, one plan's
figures, cameras and map, and the comparison of two plans."""

from __future__ import annotations

from django.db.models import Count
from django.http import Http404
from django.utils.translation import pgettext_lazy

from safetyzone.core import access

from .models import PlacementPlan, PlanCamera, PlanMode, PlanStatus, PoleSet

STATUS_LABELS = {  # own words: the shared "Done" reads "checked" in Thai elsewhere
    PlanStatus.QUEUED: pgettext_lazy("placement plan", "Queued"),
    PlanStatus.RUNNING: pgettext_lazy("placement plan", "Computing"),
    PlanStatus.DONE: pgettext_lazy("placement plan", "Finished"),
    PlanStatus.FAILED: pgettext_lazy("placement plan", "Failed"),
}
PHASE_COLOURS = ["#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#c62828", "#00838f"]


def readable_plans(user):
    return access.scope(user, PlacementPlan.objects.select_related("zone", "road_file", "organisation", "area")
                        .annotate(camera_count=Count("cameras")))


def readable_plan(user, pk: int) -> PlacementPlan:
    plan = access.scope(user, PlacementPlan.objects.select_related(
        "zone", "road_file", "pole_set", "organisation", "area", "created_by")).filter(pk=pk).first()
    if plan is None:
        raise Http404
    plan.status_label = STATUS_LABELS.get(plan.status, plan.status)
    return plan


def readable_pole_sets(user):
    return access.scope(user, PoleSet.objects.select_related("organisation", "area")
                        .annotate(pole_count=Count("poles")))


def cameras(user, plan: PlacementPlan) -> list[PlanCamera]:
    return list(access.scope(user, PlanCamera.objects.filter(plan=plan)).select_related("proposal"))


def _pct(part, whole):
    return None if part is None or not whole else 100.0 * part / whole


def figures(plan: PlacementPlan) -> dict:
    """The headline numbers of a finished plan (percentages of the weighted demand)."""
    if plan.status != PlanStatus.DONE:
        return {}
    added = (plan.covered_after or 0) - (plan.covered_before or 0)
    cost = float(plan.cost_total or 0)
    return {
        "before_pct": _pct(plan.covered_before, plan.total_weight),
        "after_pct": _pct(plan.covered_after, plan.total_weight),
        "bound_pct": _pct(plan.lp_bound, plan.total_weight),
        "optimum_pct": _pct(plan.optimum, plan.total_weight),
        "gap_pct": None if plan.gap is None else 100.0 * plan.gap,
        "added_pct": _pct(added, plan.total_weight),
        "cost": cost, "budget": float(plan.budget),
        # demand share added per 100,000 baht: what the money buys
        "per_100k": None if not cost or not plan.total_weight else 100.0 * added / plan.total_weight / cost * 100_000,
        "time_limited": plan.mode == PlanMode.EXACT and plan.optimum is None,
    }


def phase_rows(plan: PlacementPlan, rows: list[PlanCamera]) -> list[dict]:
    budgets = plan.phases or [float(plan.budget)]
    out = []
    for number, budget in enumerate(budgets, start=1):
        mine = [c for c in rows if c.phase == number]
        out.append({"phase": number, "budget": budget, "cameras": len(mine), "cost": sum(float(c.cost) for c in mine),
                    "gain": sum(c.gain for c in mine),
                    "colour": PHASE_COLOURS[(number - 1) % len(PHASE_COLOURS)]})
    return out


def map_config(plan: PlacementPlan, rows: list[PlanCamera], tiles: dict) -> dict:
    cams = [[float(c.lat), float(c.lon), c.bearing_deg, c.fov_deg, c.range_m, c.phase,
             f"{c.phase}: {c.type_name} · {c.pole_ref}"] for c in rows]
    lats = [c[0] for c in cams] + ([p[0] for p in plan.zone.polygon] if plan.zone_id else [])
    lons = [c[1] for c in cams] + ([p[1] for p in plan.zone.polygon] if plan.zone_id else [])
    bounds = [[min(lats), min(lons)], [max(lats), max(lons)]] if lats else None
    return {"cameras": cams, "colours": PHASE_COLOURS, "zone": plan.zone.polygon if plan.zone_id else None,
            "bounds": bounds, "tiles": tiles}


def comparison(a: PlacementPlan, b: PlacementPlan) -> dict:
    fa, fb = figures(a), figures(b)
    counts = dict(PlacementPlan.objects.filter(pk__in=[a.pk, b.pk]).annotate(n=Count("cameras")).values_list("pk", "n"))
    extra = None
    # a marginal figure only between plans of the same streets (else it mixes two places)
    same = (a.road_file_id, a.zone_id, a.area_id) == (b.road_file_id, b.zone_id, b.area_id)
    if same and fa.get("cost") is not None and fb.get("cost") is not None and fb["cost"] != fa["cost"]:
        extra = (fb["after_pct"] - fa["after_pct"]) / (fb["cost"] - fa["cost"]) * 100_000
    return {"a": a, "b": b, "fa": fa, "fb": fb, "na": counts.get(a.pk, 0), "nb": counts.get(b.pk, 0),
            "extra_per_100k": extra, "same_streets": same}
