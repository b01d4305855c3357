"""Dashboard pages: the five views of seed 002 L128-L140, an overview, and the map.

Thin: `drill.resolve` reads where to look (through the access gate), `pages` builds the
tables, `tables` draws each as SVG bars beside its numbers, or sends it as CSV.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from safetyzone.cameras import selectors as camera_selectors
from safetyzone.cameras.views import status_legend, tile_settings

from . import maplayers, pages
from .drill import resolve
from .tables import csv_response, legend

TABS = [
    ("overview", gettext_lazy("Overview")),
    ("status", gettext_lazy("Status and repairs")),
    ("network", gettext_lazy("Network links")),
    ("proposals", gettext_lazy("Proposed additions")),
    ("footage", gettext_lazy("Footage requests")),
    ("problems", gettext_lazy("Problems")),
    ("map", gettext_lazy("Map")),
]


def _common(request, view: str, drill) -> dict:
    return {
        "drill": drill, "view": view, "query": drill.query(), "crumbs": drill.crumbs(),
        "tabs": [{"view": v, "label": label, "url": reverse(f"dashboard:{v}")} for v, label in TABS],
        "title": dict(TABS)[view],
    }


@login_required
@require_GET
def page(request, view: str):
    drill = resolve(request.user, request.GET)
    data = pages.BUILDERS[view](drill)
    download = request.GET.get("download")
    if download:
        table = next((t for t in data["tables"] if t.key == download), None)
        if table is None:
            raise Http404
        return csv_response(table, f"safetyzone-{view}-{download}-{drill.code or 'all'}")
    context = _common(request, view, drill)
    context.update(data)
    context["tables"] = [
        {"table": t, "svg": t.svg(), "legend": legend(t), "rows": t.html_rows(), "total": t.html_total(),
         "csv": "?" + drill.query(download=t.key)}
        for t in data["tables"]
    ]
    return render(request, "dashboard/page.html", context)


@login_required
@require_GET
def dashboard_map(request):
    """Cameras by status (the registry's clustered map endpoint), proposed points, problems."""
    drill = resolve(request.user, request.GET)
    context = _common(request, "map", drill)
    detail = reverse("cameras:detail", args=[999999999]).replace("999999999", "{id}")
    legend_items = status_legend()
    filters = {"area": drill.code}
    if drill.organisation:
        filters["organisation"] = drill.organisation.pk
    context["legend"] = legend_items
    context["map_config"] = {
        "points_url": reverse("cameras:map_points"), "detail_url": detail,
        "extent": camera_selectors.extent(drill.cameras()), "tiles": tile_settings(),
        "statuses": {item["value"]: item for item in legend_items},
        "text": {"cameras": _("cameras"), "open": _("Open the camera page"),
                 "zoom": _("Zoom in to see single cameras"),
                 "truncated": _("Only the first cameras are shown; zoom in.")},
    }
    layers = maplayers.layers(drill)
    context["layers"] = layers
    context["layer_config"] = {
        "filters": filters, "proposals": layers["proposals"], "problems": layers["problem_points"],
        "text": {"proposals": _("Proposed points"), "problems": _("Problems"), "cameras": _("Cameras"),
                 "budget": _("Estimated budget (baht)")},
    }
    return render(request, "dashboard/map.html", context)
