"""The dry-run problem list as a file the officer can fix the spreadsheet from (both languages)."""

import csv
import io
import tempfile

from safetyzone.core.cells import csv_text, xlsx_row

from .messages import ERROR, Problem

HEADERS = ["แถว / Row", "คอลัมน์ / Column", "ค่าในไฟล์ / Value", "ปัญหา", "Problem", "ระดับ / Level"]
LEVELS = {ERROR: "ข้อผิดพลาด / error", "warning": "คำเตือน / warning"}


def _rows(problems: list[Problem]):
    for p in problems:
        yield [p.row, p.column, p.value, p.message_th, p.message_en, LEVELS.get(p.level, p.level)]


def report_csv(problems: list[Problem]) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerows([csv_text(v) for v in row] for row in _rows(problems))
    return out.getvalue().encode("utf-8")


def report_xlsx(problems: list[Problem]):
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("ปัญหา - Problems")
    sheet.append(HEADERS)
    for row in _rows(problems):
        sheet.append(xlsx_row(sheet, row))
    out = tempfile.TemporaryFile()
    book.save(out)
    out.seek(0)
    return out
