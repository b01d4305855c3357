"""XLSX of the zone comparison table (the same columns as the page), for the network meeting."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from safetyzone.core.cells import xlsx_row
from safetyzone.thai.dates import format_thai_date

from .zone_selectors import CRITERIA


def _yes(value: bool) -> str:
    return _("yes") if value else _("no")


def sheet_date(value) -> str:
    """A date as the reader expects it: Buddhist era for Thai (as on the pages), ISO otherwise."""
    if value is None:
        return ""
    return value.isoformat() if (get_language() or "th").startswith("en") else format_thai_date(value)


def comparison_xlsx(zones) -> BytesIO:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Safety Zones")[:31]
    sheet.append([_("zone name"), _("status"), _("organisation"), _("area (km²)"), _("over 2 km²"),
                  _("risk points inside"), _("incidents inside (last 12 months)"), str(CRITERIA["risk"]),
                  _("landmark importance"), _("landmark, in words"), str(CRITERIA["landmark"]),
                  _("economic importance"), _("economic importance, in words"), str(CRITERIA["economic"]),
                  _("community area"), str(CRITERIA["size"]), _("criteria met (of 4)"), _("meeting date"),
                  _("meeting minutes reference"), _("open tasks"), _("overdue tasks")])
    for z in zones:
        c = z.criteria
        sheet.append(xlsx_row(sheet, [
            z.name, z.get_status_display(), z.organisation.name, float(z.area_km2), _yes(z.oversize),
            z.risk_points_inside, z.incidents_inside, _yes(c.risk), z.get_landmark_display(), z.landmark_note,
            _yes(c.landmark), z.get_economic_display(), z.economic_note, _yes(c.economic), _yes(z.is_community),
            _yes(c.size), c.met, sheet_date(z.meeting_date), z.meeting_ref, z.open_tasks, z.overdue_tasks]))
    out = BytesIO()
    book.save(out)
    out.seek(0)
    return out
