"""XLSX of a zone's weekly patrol report: one row per shift and day, then the refused check-ins."""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _

from safetyzone.core.cells import xlsx_row

from .patrol_forms import WEEKDAYS
from .patrol_services import reason_text
from .zone_export import sheet_date


def _local(value) -> str:
    """A check-in's server time, local, with the date as the reader expects it."""
    value = timezone.localtime(value)
    return f"{sheet_date(value.date())} {value:%H:%M}"


def week_xlsx(week) -> BytesIO:
    from openpyxl import Workbook

    days = dict(WEEKDAYS)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Rounds")[:31]
    sheet.append([_("date"), _("day"), _("from"), _("until"), _("rounds planned"), _("rounds done"),
                  _("state"), _("missed points")])
    for row in week.rows:
        state = {"over": _("over"), "running": _("in progress"), "upcoming": _("upcoming")}[row.state]
        missed = ", ".join(f"{p.name} ({n})" for p, n in row.missed)
        sheet.append(xlsx_row(sheet, [sheet_date(row.day), str(days[row.day.weekday()]), f"{row.shift.starts:%H:%M}",
                                      f"{row.shift.ends:%H:%M}", row.planned, row.done, state, missed]))
    refused = book.create_sheet(_("Not accepted")[:31])
    refused.append([_("checked in at"), _("patrol point"), _("officer"), _("distance from the point (m)"),
                    _("GPS accuracy (m)"), _("why not accepted")])
    for c in week.refused:
        refused.append(xlsx_row(refused, [_local(c.checked_at), c.point.name,
                                          c.officer.get_full_name() or c.officer.username, c.distance_m,
                                          c.accuracy_m, reason_text(c.reason)]))
    out = BytesIO()
    book.save(out)
    out.seek(0)
    return out
