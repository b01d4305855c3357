"""The findings (and the agencies' scores) as CSV (UTF-8 with BOM, so Excel shows Thai) and XLSX.

Headers and messages carry both languages, Thai first, as the import problem report does: the
file is read by the agency's officer and forwarded to vendors.
"""

import csv
import io
import tempfile

from safetyzone.core.cells import csv_text, xlsx_row

from .checks import Finding
from .messages import texts
from .selectors import Report

HEADERS = ["หน่วยงาน / Agency", "รหัสกล้อง / Camera ID", "รหัสครุภัณฑ์ / Asset code",
           "สถานที่ติดตั้ง / Installation site", "ละติจูด / Latitude", "ลองจิจูด / Longitude",
           "ระดับ / Severity", "รหัสการตรวจ / Check code", "การตรวจ / Check", "ปัญหา", "Problem",
           "วิธีแก้ไข", "What to fix"]
SCORE_HEADERS = ["หน่วยงาน / Agency", "กล้อง / Cameras", "กล้องที่มีข้อผิดพลาด / Cameras with errors",
                 "กล้องที่มีคำเตือน / Cameras with warnings", "คำเตือนระดับหน่วยงาน / Agency warnings",
                 "คะแนน / Score"]


def _org_name(report: Report, owner_id: int) -> str:
    org = report.organisations.get(owner_id)
    return org.name if org else str(owner_id)


def finding_rows(report: Report, findings: list[Finding]):
    for f in findings:
        cam = report.cameras.get(f.camera_id) if f.camera_id else None
        t = texts(f)
        yield [_org_name(report, f.owner_id), f.camera_id or "", cam.extra["asset_code"] if cam else "",
               cam.extra["site__name"] if cam else "", cam.lat if cam else "", cam.lon if cam else "",
               f"{t['severity'][1]} / {t['severity'][0]}", f.code, f"{t['title'][1]} / {t['title'][0]}",
               t["message"][1], t["message"][0], t["fix"][1], t["fix"][0]]


def score_rows(report: Report, table):
    for org, s in table:
        yield [org.name, s.cameras, s.with_errors, s.with_warnings, s.agency_warnings, s.score]


def findings_csv(report: Report, findings: list[Finding]) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerows([csv_text(v) for v in row] for row in finding_rows(report, findings))
    return out.getvalue().encode("utf-8")


def findings_xlsx(report: Report, findings: list[Finding], table):
    """A temporary file with two sheets: the findings, then the scores."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("ปัญหา - Findings")
    sheet.freeze_panes = "A2"
    sheet.append(HEADERS)
    for row in finding_rows(report, findings):
        sheet.append(xlsx_row(sheet, row))
    sheet = book.create_sheet("คะแนน - Scores")
    sheet.append(SCORE_HEADERS)
    for row in score_rows(report, table):
        sheet.append(xlsx_row(sheet, row))
    out = tempfile.TemporaryFile()
    book.save(out)
    out.seek(0)
    return out
