"""Every write of a camera placement plan: create it (queued for the worker), run it, keep its
result (ADR 0010, plan half).

A plan runs in the background (plan_tasks.run_plan, django-tasks): queued -> running (the
step it is at in `progress`) -> done, or failed with `error_code` and a message in the
author's language. A solver that reaches its time limit is not a failure: the plan is done
with the best cameras found so far, its proven gap and a note saying so.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safetyzone.core import access
from safetyzone.core.templatetags.thai import thai_number
from safetyzone.geo.coverage import PlacementError
from safetyzone.geo.errors import GeoInputError

from . import geo_refusals, plan_compute
from .coverage_selectors import CoverageTooLarge
from .models import PlacementPlan, PlanCamera, PlanStatus

# Sensible defaults in Thai baht (installed, with pole bracket and cabling; 2026 prices).
DEFAULT_CAMERA_TYPES = [
    {"name": gettext_lazy("Fixed bullet 4 MP"), "camera_type": "bullet", "cost": 28000, "fov_deg": 90, "range_m": 40},
    {"name": gettext_lazy("Dome 4 MP"), "camera_type": "dome", "cost": 22000, "fov_deg": 110, "range_m": 25},
    {"name": gettext_lazy("PTZ 2 MP, 25x zoom"), "camera_type": "ptz", "cost": 85000, "fov_deg": 360, "range_m": 60},
]
STEPS = {
    "demand": gettext_lazy("Reading the streets, risk points, incidents and working cameras"),
    "poles": gettext_lazy("Placing the candidate poles and their camera options"),
    "coverage": gettext_lazy("Working out what each camera option would see"),
    "optimise": gettext_lazy("Choosing the cameras (optimiser)"),
    "save": gettext_lazy("Saving the planned cameras"),
}


RESULT_FIELDS = ["total_weight", "covered_before", "covered_after", "lp_bound", "optimum", "gap", "cost_total",
                 "started_at", "finished_at", "province", "district"]


def _step(plan_id: int, text: str) -> None:
    PlacementPlan.objects.filter(pk=plan_id).update(progress=str(text)[:200])


@transaction.atomic
def create_plan(user, *, organisation, area, run_kwargs: dict | None = None, **fields) -> PlacementPlan:
    """A queued plan owned by `organisation`, then its run is enqueued (after the commit)."""
    if not access.can_write_org(user, organisation.pk):
        raise PermissionDenied
    plan = PlacementPlan(organisation=organisation, area=area, created_by=user, status=PlanStatus.QUEUED,
                         progress=str(_("Waiting for the worker")), **fields)
    plan.full_clean(exclude=RESULT_FIELDS)
    plan.save()
    enqueue(plan, user=user, **(run_kwargs or {}))
    return plan


def enqueue(plan: PlacementPlan, *, user, every_m: float = plan_compute.DEFAULT_POLE_SPACING_M) -> None:
    """Queue the plan's run as `user` (who asked for it): the worker computes it with that
    user's access, checked again when it starts."""
    from . import plan_tasks

    language = translation.get_language() or "th"
    transaction.on_commit(lambda: plan_tasks.run_plan.enqueue(plan.pk, float(every_m), language, user.pk))


@transaction.atomic
def rerun(user, plan: PlacementPlan, *, every_m: float = plan_compute.DEFAULT_POLE_SPACING_M) -> None:
    """Queue a failed or finished plan again (the streets, poles or cameras may have changed)."""
    locked = PlacementPlan.objects.select_for_update().get(pk=plan.pk)
    access.check_write(user, locked)
    if locked.status in (PlanStatus.QUEUED, PlanStatus.RUNNING):
        raise ValidationError(_("This plan is already being computed."))
    PlacementPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.QUEUED, error_code="", error_message="",
                                                    progress=str(_("Waiting for the worker")))
    enqueue(locked, user=user, every_m=every_m)


def pole_spacing(plan: PlacementPlan) -> float:
    """The spacing of generated poles the plan was made with (kept with its camera types)."""
    types = plan.camera_types or [{}]
    return float(types[0].get("every_m") or plan_compute.DEFAULT_POLE_SPACING_M)


def refusal_message(code: str, values: dict) -> str:
    """A Thai/English sentence for a refusal of the geo library or of plan_compute."""
    n = thai_number
    if code == "budget_below_cheapest":
        phase = values.get("phase", 0)
        return _("The budget of year %(year)s (%(budget)s baht) is less than the cheapest camera "
                 "(%(cheapest)s baht): no camera can be bought. Raise the budget or add a cheaper camera type.") % {
            "year": phase + 1, "budget": n(values.get("budget")), "cheapest": n(values.get("cheapest"))}
    if code == "matrix_too_large":
        return _("Too many candidate cameras for one run: %(pairs)s camera-to-street pairs would need about "
                 "%(mb)s MB of memory (at most %(limit)s MB). Plan a Safety Zone or a smaller area, place "
                 "candidate poles farther apart, or use fewer camera types.") % {
            "pairs": n(values.get("pairs")), "mb": n(int(values.get("bytes", 0)) // 2**20),
            "limit": n(int(values.get("limit", 0)) // 2**20)}
    if code in ("no_streets", "empty_demand"):
        return _("The road file has no streets in this zone or area, so there is nothing to cover. Choose the "
                 "road file of this place, or load one first.")
    if code == "empty_candidates":
        return _("No candidate pole is near the streets to cover: load the poles of this place or let the "
                 "plan place them along the streets.")
    if code == "requester_gone":
        return _("The account that asked for this run is no longer active or may no longer change this plan; "
                 "someone who may change it can compute it again from the plan's page.")
    if code == "no_author":
        return _("The plan's author no longer has an account; create the plan again.")
    return _("The plan could not be computed (%(code)s).") % {"code": code}


def run_plan(plan_id: int, every_m: float = plan_compute.DEFAULT_POLE_SPACING_M, language: str = "th",
             user_id: int | None = None) -> str:
    """The worker's job: compute the plan and keep the result, or the reason it failed.
    `user_id`: who asked for the run (None, from older queues: the plan's author)."""
    with translation.override(language):
        return _run(plan_id, every_m, user_id)


def _requester(plan: PlacementPlan, user_id: int | None):
    """The user whose access the run uses: active and still allowed to change the plan."""
    from django.contrib.auth import get_user_model

    if user_id is None and plan.created_by is None:
        raise plan_compute.PlanRefused("no_author")
    user = get_user_model().objects.select_related("organisation").filter(
        pk=plan.created_by_id if user_id is None else user_id, is_active=True).first()
    if user is None or not access.scope(user, PlacementPlan.objects.filter(pk=plan.pk), write=True).exists():
        raise plan_compute.PlanRefused("requester_gone")
    return user


def _run(plan_id: int, every_m: float, user_id: int | None = None) -> str:
    started = PlacementPlan.objects.filter(pk=plan_id, status=PlanStatus.QUEUED).update(
        status=PlanStatus.RUNNING, started_at=timezone.now(), finished_at=None, progress=str(STEPS["demand"]))
    if not started:
        return "not queued"
    plan = PlacementPlan.objects.select_related("zone", "road_file", "created_by", "area").get(pk=plan_id)
    try:
        user = _requester(plan, user_id)
        result = plan_compute.compute(plan, user=user, every_m=every_m,
                                      progress=lambda key: _step(plan_id, STEPS[key]))
        _step(plan_id, STEPS["save"])
        _save(plan, result, every_m)
    except (plan_compute.PlanRefused, PlacementError) as exc:
        return _fail(plan_id, exc.code, refusal_message(exc.code, exc.values))
    except CoverageTooLarge as exc:
        return _fail(plan_id, "too_many_points", str(exc))
    except GeoInputError as exc:
        return _fail(plan_id, exc.code, geo_refusals.message(exc))
    except Exception:
        _fail(plan_id, "error", _("The plan could not be computed because of an error on the server; "
                                  "the administrator can see it in the worker's log."))
        raise
    return f"{len(result.cameras)} cameras"


def _fail(plan_id: int, code: str, message: str) -> str:
    PlacementPlan.objects.filter(pk=plan_id).update(status=PlanStatus.FAILED, error_code=code[:40],
                                                    error_message=message, progress="", finished_at=timezone.now())
    return code


def summary(result: plan_compute.Computed, plan: PlacementPlan, every_m: float) -> str:
    n = thai_number
    poles = (_("%(poles)s candidate poles from the loaded set") if plan.pole_set_id else
             _("%(poles)s candidate poles every %(every)s m along the streets")) % {
        "poles": n(result.poles), "every": n(every_m)}
    text = _("%(points)s demand points, %(poles)s, %(options)s camera options.") % {
        "points": n(result.demand_points), "poles": poles, "options": n(result.options)}
    return text if len(text) <= 200 else text[:199] + "…"


@transaction.atomic
def _save(plan: PlacementPlan, result: plan_compute.Computed, every_m: float) -> None:
    types = plan.camera_types
    rows = [PlanCamera(plan_id=plan.pk, phase=c.phase, lat=Decimal(f"{c.lat:.6f}"), lon=Decimal(f"{c.lon:.6f}"),
                       bearing_deg=int(round(c.bearing)) % 360, fov_deg=int(round(min(c.fov, 360))),
                       range_m=int(round(c.range_m)), type_name=str(types[c.type_index]["name"])[:100],
                       camera_type=types[c.type_index].get("camera_type", "")[:10],
                       cost=Decimal(str(round(c.cost, 2))), gain=round(c.gain, 4), pole_ref=c.place[:100])
            for c in result.cameras]
    PlanCamera.objects.filter(plan_id=plan.pk).delete()
    PlanCamera.objects.bulk_create(rows)
    existing = result.existing_weight
    PlacementPlan.objects.filter(pk=plan.pk).update(
        status=PlanStatus.DONE, finished_at=timezone.now(), error_code="", error_message="",
        progress=summary(result, plan, every_m),
        total_weight=result.total_weight, covered_before=existing, covered_after=existing + result.covered_weight,
        lp_bound=None if result.lp_bound is None else existing + result.lp_bound,
        optimum=existing + result.covered_weight if result.status == "optimal" else None,
        gap=result.gap, cost_total=Decimal(str(round(result.cost, 2))))
