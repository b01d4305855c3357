"""Risk point pages: the list with its map and counts per category, the XLSX export, a point's
page, recording and editing a point.

Views stay thin: reads through risk_selectors (the access gate), writes through
risk_services via the forms. A point outside the user's read scope is 404; one the user may
read but not change is 403 on the pages that change it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from safetyzone.cameras.views import tile_settings
from safetyzone.core import access

from . import risk_export, risk_selectors
from .models import MitigationStatus, RiskCategory, RiskSource, RiskStatus, Severity, SpaceClass, TimeOfDay
from .risk_forms import CloseForm, FinishMitigationForm, MitigationForm, PhotoUploadForm, RiskPointForm

PAGE_SIZE = 50
FILTER_KEYS = ("status", "category", "space_class", "severity", "source", "area", "q")


def can_create(user) -> bool:
    return access.is_system_admin(user) or bool(user.organisation_id and user.role in access.WRITE_ROLES)


def map_text() -> dict:
    return {"open": _("Open the risk point"), "closed": _("Closed"), "severity": _("severity"),
            "truncated": _("Only the most severe points are shown; filter to see the others.")}


def _filter_query(params) -> str:
    query = params.copy()
    for key in list(query):
        if key not in FILTER_KEYS:
            query.pop(key)
    return query.urlencode()


def _filter_context(request) -> dict:
    org = request.user.organisation
    return {
        "choices": {"status": RiskStatus.choices, "category": RiskCategory.choices, "space_class": SpaceClass.choices,
                    "severity": [(str(v), label) for v, label in Severity.choices], "source": RiskSource.choices},
        "chosen": {key: request.GET.getlist(key) for key in FILTER_KEYS},
        "area_choices": risk_selectors.area_choices(org.province_id) if org else None,
    }


@login_required
@require_GET
def risk_list(request):
    user = request.user
    flt = risk_selectors.risk_filter(user, request.GET)
    points = risk_selectors.filtered(flt)
    counts = risk_selectors.category_counts(
        risk_selectors.filtered(risk_selectors.risk_filter(user, request.GET, ignore=("category",))))
    page = Paginator(risk_selectors.list_rows(points), PAGE_SIZE).get_page(request.GET.get("page"))
    detail = reverse("planning:risk_detail", args=[999999999]).replace("999999999", "{id}")
    context = {
        **_filter_context(request), "filter": flt, "page": page, "counts": counts,
        "query": _filter_query(request.GET), "can_create": can_create(user),
        "map_config": {**risk_selectors.map_points(points), "detail_url": detail, "tiles": tile_settings(),
                       "extent": risk_selectors.extent(points), "text": map_text()},
    }
    return render(request, "planning/risk/list.html", context)


@login_required
@require_GET
def risk_export_xlsx(request):
    points = risk_selectors.list_rows(risk_selectors.filtered(risk_selectors.risk_filter(request.user, request.GET)))
    return FileResponse(risk_export.xlsx_file(points.iterator(chunk_size=2000)), as_attachment=True,
                        filename=risk_export.filename(), content_type=risk_export.XLSX)


def readable(request, pk: int):
    point = risk_selectors.point_for_page(request.user, pk)
    if point is None:
        raise Http404(_("No risk point with this number, or you may not see it."))
    return point


def writable(request, pk: int):
    point = readable(request, pk)
    if not access.can_write_org(request.user, point.organisation_id):
        raise PermissionDenied(_("You may look at this risk point but not change it."))
    return point


def detail_page(request, point, *, mitigation_form=None, photo_form=None, close_form=None, status=200):
    user = request.user
    can_write = access.can_write_org(user, point.organisation_id)
    mitigations = list(point.mitigations.all())
    for m in mitigations:
        m.status_label = risk_selectors.MEASURE_STATUS.get(m.status, m.status)
        m.shown_camera = m.camera if m.camera_id and m.camera_readable else None
    if can_write and point.status == RiskStatus.OPEN and mitigation_form is None:
        mitigation_form = MitigationForm(user=user, point=point, prefix="m")
    context = {
        "point": point, "can_write": can_write, "mitigations": mitigations, "photos": list(point.photos.all()),
        "done": any(m.status == MitigationStatus.DONE for m in mitigations),
        "mitigation_form": mitigation_form, "finish_form": FinishMitigationForm(),
        "photo_form": photo_form or PhotoUploadForm(), "close_form": close_form or CloseForm(),
        "history": risk_selectors.history(point),
        "times": [label for value, label in TimeOfDay.choices if value in (point.times_of_day or [])],
        "map_config": {"points": [{"id": point.pk, "name": point.name, "lat": float(point.lat),
                                   "lon": float(point.lon), "category": point.get_category_display(),
                                   "severity": point.severity, "closed": point.status == RiskStatus.CLOSED}],
                       "tiles": tile_settings(), "text": map_text(),
                       "cameras": [{"lat": float(m.shown_camera.lat), "lon": float(m.shown_camera.lon),
                                    "name": m.shown_camera.point or m.shown_camera.site.name}
                                   for m in mitigations if m.shown_camera]},
    }
    return render(request, "planning/risk/detail.html", context, status=status)


@login_required
@require_GET
def risk_detail(request, pk: int):
    return detail_page(request, readable(request, pk))


def _form_page(request, form, point=None, status=200):
    config = {"tiles": tile_settings(), "text": map_text(),
              "extent": risk_selectors.extent(risk_selectors.visible(request.user))}
    return render(request, "planning/risk/form.html", {"form": form, "point": point, "map_config": config},
                  status=status)


def _save(request, form, point=None):
    if not form.is_valid():
        return _form_page(request, form, point, status=400)
    try:
        saved = form.save_point()
    except ValidationError:
        return _form_page(request, form, point, status=400)
    messages.success(request, _("Risk point “%(name)s” saved.") % {"name": saved.name})
    return redirect("planning:risk_detail", pk=saved.pk)


@login_required
@require_http_methods(["GET", "POST"])
def risk_create(request):
    if not can_create(request.user):
        raise PermissionDenied(_("Your role may not record risk points."))
    if request.method == "POST":
        return _save(request, RiskPointForm(request.POST, request.FILES, user=request.user))
    initial = {k: request.GET[k] for k in ("lat", "lon") if request.GET.get(k)}
    return _form_page(request, RiskPointForm(user=request.user, initial=initial))


@login_required
@require_http_methods(["GET", "POST"])
def risk_edit(request, pk: int):
    point = writable(request, pk)
    if request.method == "POST":
        return _save(request, RiskPointForm(request.POST, request.FILES, instance=point, user=request.user), point)
    return _form_page(request, RiskPointForm(instance=point, user=request.user), point)
