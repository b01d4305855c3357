"""Web pages of the camera registry: list, camera page, create/edit/delete, map.

Views stay thin: rows come from `selectors` (always through the access gate), writes go
through `services` via the form. A camera outside the user's read scope is 404; one the
user may read but not change is 403 on the edit and delete pages.
"""

import os

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import ProtectedError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from safetyzone.core import access, accesslog

from . import display, selectors, services
from .conflicts import Conflict
from .forms import CameraForm
from .models import NetworkLink, Sector, Status

PAGE_SIZE = 50
STATUS_COLOURS = {"working": "#1e7a3c", "not_working": "#b3261e", "broken": "#7a1a14",
                  "under_repair": "#c27c0e"}


class CountedPaginator(Paginator):
    """A paginator told the total up front (the status counts already give it)."""

    def __init__(self, object_list, per_page, count: int):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


def can_create(user) -> bool:
    return access.is_system_admin(user) or bool(user.organisation_id and user.role in access.WRITE_ROLES)


def tile_settings() -> dict:
    """An optional tile server (the map works offline without one)."""
    url = getattr(settings, "SAFETYZONE_TILE_URL", "") or os.environ.get("SAFETYZONE_TILE_URL", "")
    attribution = getattr(settings, "SAFETYZONE_TILE_ATTRIBUTION", "") or os.environ.get(
        "SAFETYZONE_TILE_ATTRIBUTION", "")
    return {"url": url, "attribution": attribution}


def status_legend() -> list[dict]:
    return [{"value": v, "label": str(label), "colour": STATUS_COLOURS[v]} for v, label in Status.choices]


def area_context(params, prefix: str = "", *, required: bool = False) -> dict:
    """State of the cascading province → district → subdistrict selects; a choice that does
    not lie inside its parent (or whose parent is empty) is dropped."""
    chosen, parent = {}, ""
    for key, length in selectors.AREA_KEYS:
        code = str(params.get(prefix + key) or "").strip()
        ok = parent is not None and len(code) == length and code.isdigit() and code.startswith(parent)
        chosen[key] = code if ok else ""
        parent = code if ok else None
    options = selectors.area_options(chosen["province"], chosen["district"])
    return {"prefix": prefix, "chosen": chosen, "options": options, "required": required}


def filter_context(request) -> dict:
    """The filter form shared by the list and the map."""
    flt = selectors.camera_filter(request.user, request.GET)
    flt.form.fields["organisation"].empty_label = _("All organisations")
    return {
        "filter": flt, "area": area_context(request.GET),
        "status_choices": Status.choices, "link_choices": NetworkLink.choices,
        "sector_choices": Sector.choices,
        "chosen_status": request.GET.getlist("status"), "chosen_links": request.GET.getlist("network_link"),
    }


@login_required
@require_GET
def camera_list(request):
    context = filter_context(request)
    flt = context["filter"]
    counts = selectors.status_counts(selectors.camera_filter(request.user, request.GET, ignore=("status",)).qs)
    rows = selectors.list_queryset(flt)
    flt.is_valid()  # invalid fields are left out of the filtering, and so out of the total
    chosen = [s for s in getattr(flt.form, "cleaned_data", {}).get("status") or [] if s in counts]
    total = sum(counts[s] for s in chosen) if chosen else sum(counts.values())
    page = CountedPaginator(rows, PAGE_SIZE, total).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    status_query = query.copy()
    status_query.pop("status", None)
    context.update(
        page=page, total=total, query=query.urlencode(), status_query=status_query.urlencode(),
        counts=[{**item, "count": counts[item["value"]]} for item in status_legend()],
        can_create=can_create(request.user),
    )
    return render(request, "cameras/list.html", context)


@login_required
@require_GET
def area_select(request):
    """htmx: the area selects again after one of them changed (children of the new choice)."""
    prefix = request.GET.get("prefix", "")
    if prefix not in ("", "site_"):
        prefix = ""
    context = area_context(request.GET, prefix, required=request.GET.get("required") == "1")
    return render(request, "cameras/_area_select.html", context)


def _readable(request, pk: int):
    camera = selectors.camera_for_page(request.user, pk)
    if camera is None:
        raise Http404(_("No camera with this number, or you may not see it."))
    return camera


def _writable(request, pk: int):
    camera = _readable(request, pk)
    if not access.can_write_org(request.user, camera.site.owner_id):
        raise PermissionDenied(_("You may look at this camera but not change it."))
    return camera


@login_required
@require_GET
def camera_detail(request, pk: int):
    camera = _readable(request, pk)
    user = request.user
    show_contacts = selectors.may_see_contacts(user, camera)
    if show_contacts and selectors.contact_read_is_logged(user, camera):
        accesslog.record(user, "view_contact", camera, purpose="camera page", request=request)
    history = selectors.camera_history(camera)
    site_ids = {v for e in history for name, *values in e.changes if name == "site" for v in values}
    sites = selectors.sites_by_id(site_ids)
    hide = () if show_contacts else display.CONTACT_FIELDS
    context = {
        "camera": camera,
        "sections": display.sections(camera),
        "contacts": display.rows(camera, display.CONTACT_FIELDS) if show_contacts else None,
        "history": [(e, display.history_changes(e.changes, sites, hide=hide)) for e in history],
        "can_write": access.can_write_org(user, camera.site.owner_id),
        "map_config": {
            "lat": float(camera.lat), "lon": float(camera.lon), "fov": camera.fov_deg,
            "bearing": camera.bearing_deg, "range": camera.range_m,
            "colour": STATUS_COLOURS.get(camera.status, "#333"), "tiles": tile_settings(),
        },
        "status_colour": STATUS_COLOURS.get(camera.status),
    }
    return render(request, "cameras/detail.html", context)


def _form_page(request, form, camera=None, *, conflict=None, status=200):
    area = area_context(form.data if form.is_bound else form.initial, "site_", required=True)
    context = {"form": form, "camera": camera, "conflict": conflict, "area": area}
    return render(request, "cameras/form.html", context, status=status)


def _save(request, form, camera=None):
    """Validate and save; on an edit conflict show what the other person changed."""
    if not form.is_valid():
        return _form_page(request, form, camera, status=400)
    try:
        saved = form.save_camera()
    except services.ConflictError as e:
        conflict = Conflict(form, e.current)
        return _form_page(request, conflict.form, camera, conflict=conflict, status=409)
    except ValidationError as e:
        form.add_service_error(e)
        return _form_page(request, form, camera, status=400)
    messages.success(request, _("Camera %(camera)s saved.") % {"camera": saved})
    return redirect("cameras:detail", pk=saved.pk)


@login_required
@require_http_methods(["GET", "POST"])
def camera_create(request):
    if not can_create(request.user):
        raise PermissionDenied(_("Your role may not register cameras."))
    if request.method == "POST":
        return _save(request, CameraForm(request.POST, user=request.user))
    return _form_page(request, CameraForm(user=request.user))


@login_required
@require_http_methods(["GET", "POST"])
def camera_edit(request, pk: int):
    camera = _writable(request, pk)
    if request.method == "POST":
        return _save(request, CameraForm(request.POST, instance=camera, user=request.user), camera)
    return _form_page(request, CameraForm(instance=camera, user=request.user), camera)


def _protected_records(refused: ProtectedError) -> str:
    """What keeps a camera from being deleted, e.g. "field visits: 2", from the refusal itself."""
    counts: dict[str, int] = {}
    for obj in refused.protected_objects:
        name = str(obj._meta.verbose_name_plural)
        counts[name] = counts.get(name, 0) + 1
    return ", ".join(_("%(what)s: %(count)s") % {"what": what, "count": n} for what, n in sorted(counts.items()))


@login_required
@require_http_methods(["GET", "POST"])
def camera_delete(request, pk: int):
    camera = _writable(request, pk)
    if request.method == "POST":
        label = str(camera)
        try:
            services.delete_camera(request.user, camera)
        except ProtectedError as refused:
            messages.error(request, _("Camera %(camera)s cannot be deleted: %(records)s refer to it and are kept as "
                                      "evidence. Correct its details or its status instead.") % {
                "camera": label, "records": _protected_records(refused)})
            return redirect("cameras:detail", pk=pk)
        messages.success(request, _("Camera %(camera)s deleted.") % {"camera": label})
        return redirect("cameras:list")
    return render(request, "cameras/confirm_delete.html", {"camera": camera})


@login_required
@require_GET
def camera_map(request):
    context = filter_context(request)
    detail = reverse("cameras:detail", args=[999999999]).replace("999999999", "{id}")
    context["legend"] = status_legend()
    context["map_config"] = {
        "points_url": reverse("cameras:map_points"), "detail_url": detail,
        "extent": selectors.extent(context["filter"].qs), "tiles": tile_settings(),
        "statuses": {item["value"]: item for item in context["legend"]},
        "text": {"cameras": _("cameras"), "open": _("Open the camera page"),
                 "zoom": _("Zoom in to see single cameras"), "truncated": _("Only the first cameras are shown; zoom in.")},
    }
    return render(request, "cameras/map.html", context)


@login_required
@require_GET
def map_points(request):
    """JSON for the map: server-side clusters for the bbox and zoom, or single cameras."""
    flt = selectors.camera_filter(request.user, request.GET)
    bbox = selectors.parse_bbox(request.GET.get("bbox"))
    zoom = selectors.parse_zoom(request.GET.get("zoom"))
    key = selectors.scope_key(request.user, request.GET)
    return JsonResponse(selectors.map_data(flt.qs, bbox, zoom, cache_key=key))
