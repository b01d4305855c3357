"""Tables of the incident pages as CSV (UTF-8 with BOM, for Excel) or XLSX files."""

from __future__ import annotations

import csv
import io
import tempfile

from django.http import FileResponse, HttpResponse

from safetyzone.core.cells import csv_text, xlsx_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(fmt: str, name: str, sheet: str, headers: list[str], rows) -> HttpResponse:
    """`rows` as name.csv or name.xlsx (fmt 'csv' or 'xlsx')."""
    if fmt == "csv":
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out)
        writer.writerow(headers)
        writer.writerows([csv_text(v) for v in row] for row in rows)
        response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet[:31])
    ws.append(headers)
    for row in rows:
        ws.append(xlsx_row(ws, list(row)))
    handle = tempfile.TemporaryFile()
    book.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"{name}.xlsx", content_type=XLSX)
