"""The risk points of the list's filters as an XLSX workbook, headers in the page's language
(Thai by default) and dates in the Buddhist era for Thai."""

import tempfile

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from safetyzone.core.cells import xlsx_row
from safetyzone.thai.dates import format_thai_date

from .models import TimeOfDay

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _date(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    thai = not (get_language() or "th").startswith("en")
    return format_thai_date(value) if thai else value.isoformat()


def columns() -> list[tuple[str, callable]]:
    times = dict(TimeOfDay.choices)
    return [
        (_("No."), lambda p: p.pk),
        (_("place"), lambda p: p.name),
        (pgettext("risk point", "category"), lambda p: p.get_category_display()),
        (_("category in words"), lambda p: p.category_detail),
        (_("space class"), lambda p: p.get_space_class_display()),
        (_("severity"), lambda p: p.get_severity_display()),
        (_("times of day"), lambda p: ", ".join(str(times.get(t, t)) for t in p.times_of_day or [])),
        (_("source"), lambda p: p.get_source_display()),
        (_("meeting (date or minutes reference)"), lambda p: p.meeting_ref),
        (_("description"), lambda p: p.description),
        (_("status"), lambda p: p.get_status_display()),
        (_("Measures done"), lambda p: p.done_count),
        (_("Measures planned"), lambda p: p.planned_count),
        (_("closed at"), lambda p: _date(p.closed_at)),
        (_("why it was closed"), lambda p: p.closed_note),
        (_("Subdistrict"), lambda p: p.area.name if len(p.area_id) == 6 else ""),
        (_("District"), lambda p: p.district.name if p.district_id else ""),
        (_("organisation"), lambda p: p.organisation.name),
        (_("latitude"), lambda p: float(p.lat)),
        (_("longitude"), lambda p: float(p.lon)),
        (_("Recorded on"), lambda p: _date(p.created_at)),
    ]


def xlsx_file(points):
    """A temporary file holding the workbook (write-only mode keeps memory flat)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cols = columns()
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Risk points"))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    head = []
    for title, _get in cols:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        head.append(cell)
    sheet.append(head)
    for point in points:
        sheet.append(xlsx_row(sheet, [get(point) for _title, get in cols]))
    out = tempfile.TemporaryFile()
    book.save(out)
    out.seek(0)
    return out


def filename() -> str:
    return f"safetyzone-risk-points-{timezone.localdate():%Y%m%d}.xlsx"
