"""The footage statistics as tables (the dashboard's Table: SVG bars, HTML rows, CSV), plus an
XLSX workbook of them. Used by the statistics page, the public page and the census
dashboard's fourth view."""

import io
from datetime import date
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from safetyzone.cameras.models import Camera, Site
from safetyzone.core.cells import xlsx_row
from safetyzone.dashboard.tables import Column, Row, Table, display
from safetyzone.thai.dates import MONTHS_SHORT, to_buddhist_year

from .models import IncidentType
from .stats import Figures, Tally, usable_target

TOP = 50  # installation points and cameras listed, most requested first


class StatsTable(Table):
    """A dashboard table that can also show hours (kind "hours": one decimal)."""

    def cells(self, row: Row) -> list[str]:
        return [(f"{v:,.1f}" if v is not None else "—") if c.kind == "hours" else display(v, c.kind)
                for v, c in zip(row.values, self.columns)]


def month_label(month: date) -> str:
    """'ม.ค. 2569' on a Thai page (Buddhist era), 'Jan 2026' on an English one."""
    if (get_language() or "th").startswith("en"):
        return month.strftime("%b %Y")
    return f"{MONTHS_SHORT[month.month - 1]} {to_buddhist_year(month.year)}"


def _hours(value):
    return None if value is None else round(value, 1)


def outcome_columns() -> list[Column]:
    return [Column(_("Requests")), Column(_("Cameras asked")), Column(_("Delivered")),
            Column(_("Usable as evidence (%)"), "pct"), Column(_("Answered before overwrite (%)"), "pct"),
            Column(_("Median turnaround (hours)"), "hours"), Column(_("90th percentile turnaround (hours)"), "hours")]


def outcome_values(f: Figures) -> list:
    return [f.request_count, f.items, f.delivered, f.share_usable, f.share_in_time, _hours(f.median_h),
            _hours(f.p90_h)]


def summary_figures(total: Figures) -> list[dict]:
    target = usable_target()
    met = total.target_met
    return [
        {"key": "requests", "label": _("Footage requests"), "value": total.request_count},
        {"key": "items", "label": _("Cameras asked"), "value": total.items},
        {"key": "delivered", "label": _("Footage delivered"), "value": total.delivered},
        {"key": "usable", "label": _("Usable as evidence"), "value": total.share_usable, "kind": "pct",
         "note": (_("Target: at least %(target)s%%") % {"target": f"{target:g}"}) + " · " + (
             _("not judged yet") if met is None else _("target met") if met else _("target not met")),
         "met": met},
        {"key": "in_time", "label": _("Answered before overwrite"), "value": total.share_in_time, "kind": "pct"},
        {"key": "median", "label": _("Median turnaround (hours)"), "value": _hours(total.median_h), "kind": "hours"},
        {"key": "p90", "label": _("90th percentile turnaround (hours)"), "value": _hours(total.p90_h),
         "kind": "hours"},
    ]


def by_month(tally: Tally) -> StatsTable:
    groups = sorted(tally.by("month").items())
    return StatsTable("months", _("By month"), outcome_columns(),
                      [Row(month_label(m), outcome_values(f)) for m, f in groups], first_column=_("Month"))


def by_incident(tally: Tally) -> StatsTable:
    labels = dict(IncidentType.choices)
    groups = sorted(tally.by("request__incident_type").items(), key=lambda kv: -kv[1].request_count)
    return StatsTable("incidents", _("By incident type"), outcome_columns(),
                      [Row(str(labels.get(k, k)), outcome_values(f)) for k, f in groups],
                      first_column=_("Incident type"))


def _top(groups: dict) -> list:
    placed = [(k, f) for k, f in groups.items() if k is not None]
    return sorted(placed, key=lambda kf: (-kf[1].request_count, -kf[1].items, kf[0]))[:TOP]


def per_site(tally: Tally) -> StatsTable:
    top = _top(tally.by("camera__site_id"))
    sites = Site.objects.select_related("owner", "district").in_bulk([k for k, _f in top])
    cols = [Column(_("Requests")), Column(_("Cameras asked")), Column(_("Delivered")),
            Column(_("Usable as evidence (%)"), "pct")]
    rows = []
    for key, f in top:
        site = sites.get(key)
        label = f"{site.name} · {site.owner} · {site.district or ''}".rstrip(" ·") if site else "—"
        rows.append(Row(label, [f.request_count, f.items, f.delivered, f.share_usable]))
    return StatsTable("sites", _("Requests per installation point (most requested first)"), cols, rows,
                      first_column=_("Installation site"),
                      note=_("Points asked for often may need more or better cameras."))


def per_camera(tally: Tally) -> StatsTable:
    top = _top(tally.by("camera_id"))
    cams = Camera.objects.select_related("site").in_bulk([k for k, _f in top])
    cols = [Column(_("Requests")), Column(_("Delivered")), Column(_("Usable as evidence (%)"), "pct"),
            Column(_("Answered before overwrite (%)"), "pct")]
    rows = []
    for key, f in top:
        cam = cams.get(key)
        label = " · ".join(p for p in (cam.site.name, cam.point or cam.asset_code) if p) if cam else "—"
        rows.append(Row(label, [f.request_count, f.delivered, f.share_usable, f.share_in_time]))
    return StatsTable("cameras", _("Requests per camera (most requested first)"), cols, rows,
                      first_column=_("Camera"))


def xlsx_response(tables: list[Table], filename: str) -> HttpResponse:
    """The tables as one workbook, a sheet each; numbers stay numbers, text stays text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for n, table in enumerate(tables, 1):
        title = "".join(ch for ch in table.title if ch not in "[]:*?/\\")
        sheet = book.create_sheet(f"{n} {title}"[:31])
        sheet.append([table.first_column or table.title, *[c.label for c in table.columns]])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows + ([table.total] if table.total else []):
            values = [round(v, 1) if isinstance(v, float) else float(v) if isinstance(v, Decimal) else v
                      for v in row.values]
            sheet.append(xlsx_row(sheet, [row.label, *values]))
        sheet.column_dimensions["A"].width = 48
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
