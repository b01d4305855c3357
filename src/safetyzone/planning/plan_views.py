"""Camera placement plan pages: the list, a new plan, its progress (htmx polling) and result
(map, table, XLSX/PDF), the comparison of two plans, proposals for the census, pole files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safetyzone.cameras.views import tile_settings
from safetyzone.core import access

from . import plan_exports, plan_poles, plan_proposals, plan_selectors as sel, plan_services
from .models import PlanStatus
from .plan_forms import CompareForm, PlanForm, PoleUploadForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def plan_list(request):
    plans = list(sel.readable_plans(request.user).order_by("-created_at", "-id")[:200])
    for plan in plans:
        plan.fig = sel.figures(plan)
        plan.status_label = sel.STATUS_LABELS.get(plan.status, plan.status)
    return render(request, "planning/plans/list.html", {
        "plans": plans, "compare_form": CompareForm(user=request.user),
        "pole_sets": sel.readable_pole_sets(request.user).order_by("-created_at", "-id")[:50]})


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request):
    initial = {"zone": request.GET.get("zone")} if request.GET.get("zone") else None
    form = PlanForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        zone = form.cleaned_data.get("zone")
        try:
            plan = plan_services.create_plan(request.user, organisation=form.owner(),
                                             area=zone.area if zone else form.cleaned_data["area"],
                                             run_kwargs={"every_m": form.cleaned_data["every_m"]},
                                             **form.plan_fields())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The plan is queued; this page shows its progress."))
            return redirect("planning:plan", plan.pk)
    return render(request, "planning/plans/new.html", {"form": form}, status=400 if form.errors else 200)


def _detail_context(request, plan) -> dict:
    rows = sel.cameras(request.user, plan) if plan.status == PlanStatus.DONE else []
    fig = sel.figures(plan)
    context = {"plan": plan, "fig": fig, "cameras": rows, "phases": sel.phase_rows(plan, rows),
               "can_write": access.scope(request.user, type(plan).objects.filter(pk=plan.pk), write=True).exists()}
    if plan.status == PlanStatus.DONE:
        context["map_config"] = sel.map_config(plan, rows, tile_settings())
        context["proposed"] = sum(1 for c in rows if c.proposal_id)
        context["submission"], context["census_line"] = plan_proposals.readable_open_submission(request.user, plan)
    return context


@login_required
@require_GET
def plan_detail(request, pk: int):
    plan = sel.readable_plan(request.user, pk)
    return render(request, "planning/plans/detail.html", _detail_context(request, plan))


@login_required
@require_GET
def plan_status(request, pk: int):
    """The progress box the detail page polls; once the plan has finished, the page reloads."""
    plan = sel.readable_plan(request.user, pk)
    response = render(request, "planning/plans/_status.html", {"plan": plan})
    if plan.status in (PlanStatus.DONE, PlanStatus.FAILED):
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def plan_rerun(request, pk: int):
    plan = sel.readable_plan(request.user, pk)
    try:
        plan_services.rerun(request.user, plan, every_m=plan_services.pole_spacing(plan))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("planning:plan", plan.pk)


@login_required
@require_POST
def plan_propose(request, pk: int):
    plan = sel.readable_plan(request.user, pk)
    try:
        submission, added = plan_proposals.propose(request.user, plan)
    except PermissionDenied:
        raise
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("planning:plan", plan.pk)
    if added:
        messages.success(request, _("%(n)s proposed installation points were added to your answer to “%(round)s”.")
                         % {"n": added, "round": submission.round.title})
    else:
        messages.info(request, _("Every planned camera is already in a proposal of “%(round)s”; nothing was added.")
                      % {"round": submission.round.title})
    return redirect("planning:plan", plan.pk)


def _done_plan(request, pk):
    plan = sel.readable_plan(request.user, pk)
    if plan.status != PlanStatus.DONE:
        raise PermissionDenied
    return plan, sel.figures(plan), sel.cameras(request.user, plan)


@login_required
@require_GET
def plan_xlsx(request, pk: int):
    plan, fig, rows = _done_plan(request, pk)
    return FileResponse(plan_exports.plan_xlsx(plan, fig, rows), as_attachment=True,
                        filename=f"camera-plan-{plan.pk}.xlsx", content_type=XLSX)


@login_required
@require_GET
def plan_pdf(request, pk: int):
    plan, fig, rows = _done_plan(request, pk)
    data = plan_exports.plan_pdf(plan, fig, sel.phase_rows(plan, rows), rows)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="camera-plan-{plan.pk}.pdf"'
    return response


@login_required
@require_GET
def plan_compare(request):
    form = CompareForm(request.GET or None, user=request.user)
    result = sel.comparison(form.cleaned_data["a"], form.cleaned_data["b"]) if form.is_valid() else None
    return render(request, "planning/plans/compare.html", {"form": form, "c": result},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def pole_upload(request):
    form = PoleUploadForm(request.POST or None, request.FILES or None, user=request.user)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = plan_poles.read_poles(upload.read(), upload.name)
        except plan_poles.PoleFileError as exc:
            problems = exc.problems
        else:
            pole_set = plan_poles.save_pole_set(request.user, organisation=form.owner(), area=form.cleaned_data["area"],
                                                name=form.cleaned_data["name"], rows=rows)
            messages.success(request, _("%(n)s candidate poles were loaded as “%(name)s”.")
                             % {"n": len(rows), "name": pole_set.name})
            return redirect("planning:plans")
    status = 400 if form.errors or problems else 200
    return render(request, "planning/plans/poles.html", {"form": form, "problems": problems}, status=status)
