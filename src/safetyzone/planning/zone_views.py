"""Safety Zone pages: the comparison table (sortable, XLSX, printable), drawing and editing a zone
on the map, the network's decision and the environment tasks. Thin: services write, selectors read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safetyzone.cameras.views import tile_settings
from safetyzone.core import access

from . import patrol_selectors, zone_export, zone_selectors as sel, zone_services as services
from .models import MAX_ZONE_KM2, SafetyZone, ZoneTask
from .zone_forms import DecisionForm, TaskForm, ZoneForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _zone(user, pk: int) -> SafetyZone:
    try:
        return sel.zone_detail(user, pk)
    except SafetyZone.DoesNotExist as exc:
        raise Http404 from exc


def _can_write(user, zone: SafetyZone) -> bool:
    return access.scope(user, SafetyZone.objects.filter(pk=zone.pk), write=True).exists()


def _may_create(user) -> bool:
    return access.is_system_admin(user) or access.can_write_org(user, getattr(user, "organisation_id", None))


def _columns(sort: str) -> list[dict]:
    """Headers of the comparison table: a click sorts by the column, a second click reverses."""
    labels = [("name", _("Zone")), ("status", _("Status")), ("area", _("Area (km²)")),
              ("risk", _("Risk points inside")), ("incidents", _("Incidents, last 12 months")),
              ("landmark", _("Landmark")), ("economic", _("Economic")), ("met", _("Criteria met")),
              ("tasks", _("Open tasks"))]
    return [{"key": k, "label": label, "next": f"-{k}" if sort == k else k,
             "arrow": "▲" if sort == k else "▼" if sort == f"-{k}" else ""} for k, label in labels]


@login_required
def zone_list(request):
    sort = request.GET.get("sort", "name")
    rows = sel.comparison(request.user, sort)
    return render(request, "planning/zones/list.html", {
        "zones": rows, "sort": sort, "columns": _columns(sort), "criteria_text": sel.CRITERIA,
        "max_km2": MAX_ZONE_KM2, "can_create": _may_create(request.user)})


@login_required
def zone_print(request):
    rows = sel.comparison(request.user, request.GET.get("sort", "name"))
    return render(request, "planning/zones/print.html", {"zones": rows, "max_km2": MAX_ZONE_KM2,
                                                         "criteria_text": sel.CRITERIA,
                                                         "today": timezone.localdate()})


@login_required
def zone_xlsx(request):
    rows = sel.comparison(request.user, request.GET.get("sort", "name"))
    return FileResponse(zone_export.comparison_xlsx(rows), as_attachment=True, filename="safety-zones.xlsx",
                        content_type=XLSX)


def _map_config(user, zone: SafetyZone | None, polygon=None) -> dict:
    config = {"tiles": tile_settings(), "risk": sel.risk_points_near(user, zone), "polygon": polygon,
              "mode": "draw"}
    if zone is not None:
        config["extent"] = [[min(p[0] for p in zone.polygon), min(p[1] for p in zone.polygon)],
                            [max(p[0] for p in zone.polygon), max(p[1] for p in zone.polygon)]]
    else:  # a new zone: around the readable risk points, else the user's other zones
        near = [(p["lat"], p["lon"]) for p in config["risk"]] or [
            (float(a), float(b)) for a, b in sel.zones(user).values_list("centroid_lat", "centroid_lon")[:200]]
        if near:
            config["extent"] = [[min(p[0] for p in near), min(p[1] for p in near)],
                                [max(p[0] for p in near), max(p[1] for p in near)]]
    return config


def _edit(request, zone: SafetyZone | None):
    user = request.user
    form = ZoneForm(request.POST or None, instance=zone, user=user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            saved = services.save_zone(user, data, zone, organisation=data.get("organisation"))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if saved.oversize:
                messages.warning(request, _("Saved, but the zone is %(km2)s km², more than the %(max)s km² of a "
                                            "community area.") % {"km2": saved.area_km2, "max": MAX_ZONE_KM2})
            else:
                messages.success(request, _("Zone saved: %(km2)s km².") % {"km2": saved.area_km2})
            return redirect("planning:zone", pk=saved.pk)
    posted = form["polygon"].value() if form.is_bound else form.initial.get("polygon")
    return render(request, "planning/zones/form.html", {
        "form": form, "zone": zone, "map_config": _map_config(user, zone, posted or None), "max_km2": MAX_ZONE_KM2})


@login_required
def zone_new(request):
    if not _may_create(request.user):
        raise PermissionDenied
    return _edit(request, None)


@login_required
def zone_edit(request, pk: int):
    zone = _zone(request.user, pk)
    if not _can_write(request.user, zone):
        raise PermissionDenied
    return _edit(request, zone)


def _detail(request, zone: SafetyZone, status: int = 200, **forms):
    ctx = {
        "zone": zone, "criteria": sel.criteria(zone), "tasks": sel.tasks(request.user, zone),
        "decisions": sel.decisions(zone),
        "writable": _can_write(request.user, zone), "max_km2": MAX_ZONE_KM2,
        "decision_form": DecisionForm(initial={"status": zone.status, "meeting_date": zone.meeting_date,
                                               "meeting_ref": zone.meeting_ref, "note": zone.meeting_note}),
        "task_form": TaskForm(), "map_config": {
            "tiles": tile_settings(), "polygon": zone.polygon, "risk": sel.risk_points_near(request.user, zone),
            "patrol": [{"lat": float(p.lat), "lon": float(p.lon), "label": p.name}
                       for p in patrol_selectors.points(request.user, zone, active_only=True)]},
    } | forms
    return render(request, "planning/zones/detail.html", ctx, status=status)


@login_required
def zone_detail(request, pk: int):
    return _detail(request, _zone(request.user, pk))


@login_required
@require_POST
def zone_recount(request, pk: int):
    zone = _zone(request.user, pk)
    services.recount(request.user, zone)
    messages.success(request, _("Counted again what lies inside the zone."))
    return redirect("planning:zone", pk=pk)


@login_required
@require_POST
def zone_decision(request, pk: int):
    zone = _zone(request.user, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.record_decision(request.user, zone, status=d["status"], meeting_date=d["meeting_date"],
                                     meeting_ref=d["meeting_ref"], note=d["note"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The network's decision is recorded."))
            return redirect("planning:zone", pk=pk)
    return _detail(request, zone, 400, decision_form=form)


@login_required
def zone_task(request, pk: int, task_pk: int | None = None):
    zone = _zone(request.user, pk)
    if not _can_write(request.user, zone):
        raise PermissionDenied
    task = None
    if task_pk is not None:
        task = access.scope(request.user, ZoneTask.objects.filter(zone=zone, pk=task_pk)).first()
        if task is None:
            raise Http404
    if request.method != "POST":
        return render(request, "planning/zones/task.html", {"zone": zone, "task": task, "form": TaskForm(instance=task)})
    form = TaskForm(request.POST, instance=task)
    if form.is_valid():
        try:
            services.save_task(request.user, zone, form.cleaned_data, task)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Task saved."))
            return redirect(reverse("planning:zone", args=[pk]) + "#tasks")
    if task is not None:
        return render(request, "planning/zones/task.html", {"zone": zone, "task": task, "form": form}, status=400)
    return _detail(request, zone, 400, task_form=form)
