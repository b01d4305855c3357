"""Road file pages: the list, loading a file, generating a street grid, one file on a map."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from safetyzone.cameras.views import tile_settings
from safetyzone.core import access

from . import road_services
from .coverage_selectors import class_totals, readable_road_file, readable_road_files
from .models import RoadClass, RoadSegment
from .road_forms import GridForm, LoadForm

MAP_SEGMENTS = 20_000  # drawn on the file's map; the totals count them all
CLASS_COLOURS = {"main": "#c62828", "local": "#1565c0", "lane": "#f9a825"}


def _road_file(request, pk: int):
    road_file = readable_road_file(request.user, pk)
    if road_file is None:
        raise Http404(_("No road file with this number, or you may not see it."))
    return road_file


@login_required
def road_list(request):
    files = readable_road_files(request.user).order_by("-created_at", "-id")
    return render(request, "planning/roads/list.html", {"files": files, "may_add": _may_add(request.user)})


def _may_add(user) -> bool:
    return access.is_system_admin(user) or access.can_write_org(user, getattr(user, "organisation_id", None))


def _forbid_unless_may_add(user) -> None:
    if not _may_add(user):
        raise PermissionDenied(_("Only editors and organisation admins add road files."))


@login_required
@require_http_methods(["GET", "POST"])
def road_load(request):
    _forbid_unless_may_add(request.user)
    form = LoadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            loaded = road_services.load_file(request.user, name=form.cleaned_data["name"], organisation=form.owner(),
                                             area=form.cleaned_data["area"], upload=form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, _("Road file loaded: %(n)s street segments.")
                             % {"n": loaded.road_file.segment_count})
            for note in loaded.notes:
                messages.info(request, note)
            return redirect("planning:road_detail", pk=loaded.road_file.pk)
    return render(request, "planning/roads/load.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def road_generate(request):
    _forbid_unless_may_add(request.user)
    initial = {"zone": request.GET.get("zone")} if request.GET.get("zone") else None
    form = GridForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            road_file = road_services.generate(request.user, name=data["name"], organisation=form.owner(),
                                               area=data["area"], lat=data["lat"], lon=data["lon"],
                                               size_m=data["size_m"], seed=data["seed"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Street grid generated: %(n)s street segments.")
                             % {"n": road_file.segment_count})
            return redirect("planning:road_detail", pk=road_file.pk)
    return render(request, "planning/roads/generate.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def road_detail(request, pk: int):
    road_file = _road_file(request, pk)
    segments = access.scope(request.user, RoadSegment.objects.filter(road_file=road_file)).order_by("id")
    rows = list(segments.values_list("road_class", "name", "coords")[:MAP_SEGMENTS])
    labels = dict(RoadClass.choices)
    totals = class_totals(request.user, road_file)
    for t in totals:
        t["label"], t["colour"] = labels[t["road_class"]], CLASS_COLOURS[t["road_class"]]
    config = {"tiles": tile_settings(), "colours": CLASS_COLOURS,
              "segments": [[cls, name, coords] for cls, name, coords in rows]}
    return render(request, "planning/roads/detail.html", {
        "road_file": road_file, "totals": totals, "map_config": config, "total_km": round(road_file.length_m / 1000, 2),
        "truncated": road_file.segment_count > MAP_SEGMENTS, "map_segments": MAP_SEGMENTS,
        "may_delete": access.can_write_org(request.user, road_file.organisation_id)})


@login_required
@require_POST
def road_delete(request, pk: int):
    road_file = _road_file(request, pk)
    try:
        road_services.delete(request.user, road_file)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("planning:road_detail", pk=pk)
    messages.success(request, _("Road file deleted."))
    return redirect("planning:road_list")
