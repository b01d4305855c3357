"""A finished plan as XLSX (every planned camera, the phases, the figures) and as a Thai PDF
(core/pdf.py) for the budget request. Both are bilingual (Thai / English) like the other
planning exports, and dates are Buddhist-era."""

from __future__ import annotations

import tempfile

from safetyzone.core.cells import xlsx_row
from safetyzone.core.pdf import thai_date

from .models import PlacementPlan, PlanCamera

CAMERA_HEADERS = ["ปี (ระยะ) / Phase (year)", "จุดติดตั้ง / Place", "ละติจูด / Latitude", "ลองจิจูด / Longitude",
                  "ทิศทาง (องศา) / Direction (degrees)", "มุมมอง (องศา) / Field of view", "ระยะ (ม.) / Range (m)",
                  "รุ่นกล้อง / Camera model", "ชนิดกล้อง / Camera type", "ราคา (บาท) / Cost (baht)",
                  "ความต้องการที่เพิ่ม / Demand added", "ข้อเสนอในแบบสำรวจ / Census proposal"]


def _pct(value) -> str:
    return "–" if value is None else f"{value:,.1f}%"


def summary_rows(plan: PlacementPlan, fig: dict) -> list[tuple[str, object]]:
    return [
        ("แผน / Plan", plan.name),
        ("พื้นที่ / Place", plan.zone.name if plan.zone_id else plan.area.name),
        ("งบประมาณ (บาท) / Budget (baht)", float(plan.budget)),
        ("งบรายปี (บาท) / Yearly budgets (baht)", "; ".join(f"{b:,.0f}" for b in plan.phases) or "–"),
        ("ใช้จริง (บาท) / Cost used (baht)", fig.get("cost")),
        ("กล้องเห็นก่อนแผน / Covered before", _pct(fig.get("before_pct"))),
        ("กล้องเห็นหลังแผน / Covered after", _pct(fig.get("after_pct"))),
        ("ขอบเขตบน (LP) / Upper bound (LP)", _pct(fig.get("bound_pct"))),
        ("ห่างจากดีที่สุดไม่เกิน / At most below the best possible", _pct(fig.get("gap_pct"))),
        ("คำนวณเมื่อ / Computed on", thai_date(plan.finished_at, time=True)),
    ]


def plan_xlsx(plan: PlacementPlan, fig: dict, cameras: list[PlanCamera]):
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("กล้องตามแผน - Cameras")
    sheet.freeze_panes = "A2"
    sheet.append(CAMERA_HEADERS)
    for c in cameras:
        sheet.append(xlsx_row(sheet, [c.phase, c.pole_ref, float(c.lat), float(c.lon), c.bearing_deg, c.fov_deg,
                                      c.range_m, c.type_name, c.camera_type, float(c.cost), round(c.gain, 2),
                                      c.proposal.name if c.proposal_id else ""]))
    summary = book.create_sheet("สรุป - Summary")
    for label, value in summary_rows(plan, fig):
        summary.append(xlsx_row(summary, [label, value]))
    out = tempfile.TemporaryFile()
    book.save(out)
    out.seek(0)
    return out


def plan_pdf(plan: PlacementPlan, fig: dict, phases: list[dict], cameras: list[PlanCamera]) -> bytes:
    from safetyzone.core.pdf import thai_pdf

    pdf = thai_pdf(orientation="landscape")
    pdf.add_page()
    pdf.set_font(style="B", size=15)
    pdf.multi_cell(0, 8, f"แผนติดตั้งกล้องวงจรปิด: {plan.name}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(style="", size=11)
    for label, value in summary_rows(plan, fig)[1:]:
        text = f"{value:,.2f}" if isinstance(value, float) else str(value if value is not None else "–")
        pdf.multi_cell(0, 6, f"{label.split(' / ')[0]}: {text}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    with pdf.table(col_widths=(20, 30, 30, 30), text_align=("CENTER", "RIGHT", "RIGHT", "RIGHT")) as table:
        table.row(["ปีที่", "งบประมาณ (บาท)", "จำนวนกล้อง", "ใช้งบ (บาท)"])
        for p in phases:
            table.row([str(p["phase"]), f"{p['budget']:,.0f}", str(p["cameras"]), f"{p['cost']:,.0f}"])
    pdf.ln(3)
    with pdf.table(col_widths=(12, 60, 40, 22, 45, 28, 28),
                   text_align=("CENTER", "LEFT", "LEFT", "RIGHT", "LEFT", "RIGHT", "RIGHT")) as table:
        table.row(["ปีที่", "จุดติดตั้ง", "พิกัด", "ทิศ (องศา)", "รุ่นกล้อง", "ราคา (บาท)", "ความต้องการที่เพิ่ม"])
        for c in cameras:
            table.row([str(c.phase), c.pole_ref or "–", f"{c.lat}, {c.lon}", str(c.bearing_deg), c.type_name,
                       f"{c.cost:,.0f}", f"{c.gain:,.1f}"])
    return bytes(pdf.output())
