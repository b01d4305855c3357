"""The hotspot page (density surface and Gi* cells on a map, top hot cells as a table) and its
cells as CSV/XLSX."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from safetyzone.cameras.views import tile_settings
from safetyzone.core.templatetags.thai import thai_number

from . import hotspot_selectors
from .incident_exports import download
from .incident_forms import HotspotForm


def level_labels() -> dict[int, str]:
    return {3: _("Hot spot, 99% confidence"), 2: _("Hot spot, 95% confidence"), 1: _("Hot spot, 90% confidence"),
            0: _("Not significant"), -1: _("Cold spot, 90% confidence"), -2: _("Cold spot, 95% confidence"),
            -3: _("Cold spot, 99% confidence")}


def _compute(request):
    form = HotspotForm(request.GET, user=request.user)
    if not form.is_valid():
        return form, None
    d = form.cleaned_data
    problem = hotspot_selectors.bandwidth_problem(d["cell_m"], d["bandwidth_m"])
    if problem:
        form.add_error("bandwidth_m", problem)
        return form, None
    result = hotspot_selectors.hotspots(request.user, d["area"], d["group"], d["date_from"], d["date_to"],
                                        cell=d["cell_m"], bandwidth=d["bandwidth_m"])
    return form, result


@login_required
def hotspots(request):
    form, result = _compute(request)
    labels = level_labels()
    error = ""
    if result is not None and result.error:
        error = (_("The area of these incidents is too large for this cell size: choose a smaller area or larger "
                   "cells.") if result.error == "grid_too_large" else _("The hot spots cannot be computed (%(code)s).")
                 % {"code": result.error})
    note = ""
    if result is not None and result.sparse and not result.error:
        note = _("Sparse map: %(incidents)s incidents over %(cells)s cells, fewer than one per cell. The "
                 "normal approximation would show false hot spots here, so the p-values are exact (resampling "
                 "the cells' counts) and adjusted for the %(cells)s cells tested: a hot spot shown is unlikely "
                 "to be chance, but a small cluster may not show; larger cells give the test more power.") % {
            "incidents": thai_number(result.total), "cells": thai_number(result.study_cells)}
    legend = [{"level": level, "label": labels[level], "cells": (result.counts.get(key, 0) if result else 0)}
              for level, key in ((3, "hot_99"), (2, "hot_95"), (1, "hot_90"), (-1, "cold_90"), (-2, "cold_95"),
                                 (-3, "cold_99"))]
    config = {"tiles": tile_settings(), "map": result.map if result else {},
              "labels": {str(k): v for k, v in labels.items()}}
    return render(request, "planning/incidents/hotspots.html", {
        "form": form, "result": result, "error": error, "note": note, "legend": legend, "labels": labels,
        "config": config,
        "query": request.GET.urlencode()})


@login_required
def hotspot_download(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    form, result = _compute(request)
    if result is None:
        raise Http404
    labels = level_labels()
    headers = [_("Row"), _("Column"), _("Latitude of the centre"), _("Longitude of the centre"), _("Incidents"),
               _("Density (incidents per km²)"), _("Gi* z-score"), _("p-value"), _("p-value adjusted (FDR)"),
               pgettext("hotspot", "Result")]
    rows = ([c["row"], c["col"], c["lat"], c["lon"], c["incidents"], c["density"], c["z"], round(c["p"], 6),
             round(c["q"], 6), labels[c["level"]]] for c in result.cells)
    return download(fmt, "hotspot-cells", _("Hot spots"), headers, rows)
