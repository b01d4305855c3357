"""Small helpers to write test spreadsheets."""

import csv

from openpyxl import Workbook

HEADERS_TH = ["รหัสครุภัณฑ์", "สถานที่ติดตั้ง", "รหัสพื้นที่", "ละติจูด", "ลองจิจูด", "ประเภทกล้อง",
              "ระบบสัญญาณ", "สถานะ", "วันที่ติดตั้ง"]


def camera_row(i: int, **overrides) -> dict:
    """A valid camera in Mueang Ang Thong, ~22 m from its neighbours."""
    row = {
        "รหัสครุภัณฑ์": f"AT-{i:04d}", "สถานที่ติดตั้ง": f"ตลาดเทศบาล {i // 10}", "รหัสพื้นที่": "150101",
        "ละติจูด": f"{14.5810 + (i // 40) * 0.0002:.6f}", "ลองจิจูด": f"{100.4410 + (i % 40) * 0.0002:.6f}",
        "ประเภทกล้อง": "โดม", "ระบบสัญญาณ": "IP", "สถานะ": "ใช้งานได้", "วันที่ติดตั้ง": "20/12/2559",
    }
    row.update(overrides)
    return row


def write_csv(path, rows: list[dict], headers=None, encoding="utf-8", delimiter=",") -> None:
    headers = headers or list(rows[0])
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f, delimiter=delimiter)
        w.writerow(headers)
        for r in rows:
            w.writerow([r.get(h, "") for h in headers])


def write_xlsx(path, rows: list[dict], headers=None) -> None:
    headers = headers or list(rows[0])
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for r in rows:
        sheet.append([r.get(h) for h in headers])
    book.save(path)


def by_row(problems) -> dict:
    """{row number: [(column, reason in English, reason in Thai, level)]}"""
    out = {}
    for p in problems:
        out.setdefault(p.row, []).append((p.column, p.message_en, p.message_th, p.level))
    return out
