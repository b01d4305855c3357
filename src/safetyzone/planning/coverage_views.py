"""The coverage page: what the working cameras see of an area's or a zone's streets, the blind
spots on a map and in a table, and the table as XLSX."""

from __future__ import annotations

import tempfile

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from safetyzone.cameras.views import tile_settings
from safetyzone.core.cells import xlsx_row
from safetyzone.geo.errors import GeoInputError

from . import geo_refusals
from .coverage_forms import DEFAULTS, WEIGHT_FIELDS, CoverageForm
from .coverage_report import TABLE_ROWS, coverage_report
from .coverage_selectors import CoverageTooLarge, road_file_for_zone
from .models import RoadClass

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _run(request):
    """(form, report or None, error message or None) for the GET query."""
    data = request.GET.copy()
    if not data.get("road_file") and data.get("zone", "").isdigit():  # from a zone's page: its area's latest file
        data["road_file"] = str(road_file_for_zone(request.user, int(data["zone"])) or "")
    bound = "road_file" in data
    for name in WEIGHT_FIELDS:  # a link with the road file alone shows (and uses) the defaults
        if not data.get(name):
            data[name] = f"{getattr(DEFAULTS, name):g}"
    form = CoverageForm(data if bound else None, user=request.user)
    if not bound or not form.is_valid():
        return form, None, None
    zone, area = form.place()
    try:
        report = coverage_report(request.user, form.cleaned_data["road_file"], zone=zone, area=area,
                                 weights=form.weights())
    except CoverageTooLarge as exc:
        return form, None, str(exc)
    except GeoInputError as exc:  # a broken street or zone, or a weight the form's limits let through
        return form, None, geo_refusals.message(exc)
    if not report.points:
        return form, None, _("No street of this road file lies in the zone or area. Choose the road file of "
                             "this place, or load one.")
    return form, report, None


def _reason(row) -> list[str]:
    labels = dict(RoadClass.choices)
    out = [str(labels[row["road_class"]])]
    if row["risk"]:
        out.append(_("risk point: %(name)s") % {"name": row["risk"]["name"]})
    if row["incidents"]:
        out.append(_("incidents nearby: %(n)s") % {"n": row["incidents"]})
    return out


@login_required
@require_GET
def coverage(request):
    form, report, error = _run(request)
    context = {"form": form, "report": report, "error": error, "table_rows": TABLE_ROWS}
    if report is not None:
        labels = dict(RoadClass.choices)
        for row in report.by_class:
            row["label"] = labels[row["road_class"]]
        context["worst"] = [dict(row, why=_reason(row)) for row in report.worst]
        context["map_config"] = dict(report.map, tiles=tile_settings())
        context["query"] = request.GET.urlencode()
    return render(request, "planning/coverage/page.html", context, status=400 if form.errors else 200)


HEADERS = ["ลำดับ / Rank", "ถนนหรือซอย / Street", "ประเภทถนน / Road class", "ละติจูด / Latitude",
           "ลองจิจูด / Longitude", "น้ำหนักที่ไม่มีกล้องเห็น / Uncovered weight", "จุดความต้องการ / Demand points",
           "น้ำหนักจากประเภทถนน / Road class weight", "น้ำหนักจากจุดเสี่ยง / Risk point weight",
           "น้ำหนักจากคดี / Incident weight", "จุดเสี่ยงใกล้ที่สุด / Nearest risk point", "คดีใกล้เคียง / Incidents nearby"]
CLASS_WORDS = {"main": "ถนนสายหลัก / Main road", "local": "ถนนสายรอง / Local street", "lane": "ซอย / Lane"}


@login_required
@require_GET
def coverage_xlsx(request):
    from openpyxl import Workbook

    form, report, error = _run(request)
    if report is None:
        return coverage(request)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("จุดบอด - Blind spots")
    sheet.freeze_panes = "A2"
    sheet.append(HEADERS)
    for rank, r in enumerate(report.blind, start=1):
        sheet.append(xlsx_row(sheet, [rank, r["street"], CLASS_WORDS[r["road_class"]], r["lat"], r["lon"], r["weight"],
                                      r["points"], r["lane_weight"], r["risk_weight"], r["incident_weight"],
                                      (r["risk"] or {}).get("name", ""), r["incidents"]]))
    summary = book.create_sheet("สรุป - Summary")
    summary.append(["สัดส่วนที่กล้องเห็น (ถ่วงน้ำหนัก) / Covered share (weighted)", report.share_pct / 100])
    summary.append(["น้ำหนักรวม / Total weight", report.total_weight])
    summary.append(["น้ำหนักที่กล้องเห็น / Covered weight", report.covered_weight])
    summary.append(["กล้องที่ใช้งานได้ / Working cameras", report.cameras])
    summary.append(["จุดความต้องการ / Demand points", report.points])
    out = tempfile.TemporaryFile()
    book.save(out)
    out.seek(0)
    name = f"blind-spots-{form.cleaned_data['road_file'].pk}.xlsx"
    return FileResponse(out, as_attachment=True, filename=name, content_type=XLSX)
