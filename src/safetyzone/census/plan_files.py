"""The provincial plan as files: XLSX (a sheet per section, numbers as numbers) and an A4 PDF
in Thai (Sarabun shaped with HarfBuzz, Thai wrapped between words in table cells: see
safetyzone.core.pdf). Dates are Buddhist era; digits are Arabic throughout, as on the web
pages and in the spreadsheet, so the three agree.
"""

import io
from decimal import Decimal

from django.utils.translation import gettext as _

from safetyzone.core.cells import xlsx_row
from safetyzone.core.pdf import FONT, thai_pdf

from .plan import INT, MONEY, TEXT, Plan, Table

MONEY_FORMAT = "#,##0.00"
PDF_WIDTHS = {TEXT: 2.2, INT: 1.15, MONEY: 1.75}  # relative column widths
KEEP_MM = 60  # start a section on a new page when less than this is left


def _cell_text(value, kind: str) -> str:
    if kind == MONEY:
        return f"{value:,.2f}" if value != "" else ""
    if kind == INT:
        return f"{value:,}" if value != "" else ""
    return str(value)


def _sheet_name(number: int, title: str) -> str:
    bad = '[]:*?/\\'
    return f"{number} {''.join(ch for ch in title if ch not in bad)}"[:31]


# --- XLSX ------------------------------------------------------------------------------------

def plan_xlsx(plan: Plan) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for section in plan.sections:
        sheet = book.create_sheet(_sheet_name(section.number, section.title))
        sheet.append([f"{plan.title} · {plan.date_text}"])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append([f"{section.number}. {section.title}"])
        sheet["A2"].font = bold
        if section.text:
            sheet.append([section.text])
            sheet.cell(sheet.max_row, 1).alignment = Alignment(wrap_text=False)
        widths = {}
        for table in section.tables:
            sheet.append([])
            if table.caption:
                sheet.append([table.caption])
                sheet.cell(sheet.max_row, 1).font = bold
            sheet.append(table.headers)
            for cell in sheet[sheet.max_row]:
                cell.font = bold
            for row in table.rows + ([table.total] if table.total else []):
                sheet.append(xlsx_row(sheet, [float(v) if isinstance(v, Decimal) else v for v in row]))
                for i, kind in enumerate(table.kinds):
                    if kind == MONEY:
                        sheet.cell(sheet.max_row, i + 1).number_format = MONEY_FORMAT
            if table.total:
                for cell in sheet[sheet.max_row]:
                    cell.font = bold
            for i, header in enumerate(table.headers):
                longest = max([len(str(header))] + [len(_cell_text(r[i], table.kinds[i])) for r in table.rows])
                widths[i] = max(widths.get(i, 8), min(longest + 2, 60))
        for i, width in widths.items():
            sheet.column_dimensions[chr(ord("A") + i)].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- PDF -------------------------------------------------------------------------------------

def _pdf_base():
    from fpdf import FPDF

    class PlanPDF(FPDF):
        def footer(self):
            self.set_y(-12)
            self.set_font(FONT, size=9)
            self.cell(0, 8, _("Page %(page)s") % {"page": self.page_no()}, align="C")

    return PlanPDF


def _pdf_table(pdf, table: Table) -> None:
    from fpdf.fonts import FontFace

    if table.caption:
        if pdf.get_y() > pdf.h - KEEP_MM / 2:
            pdf.add_page()
        pdf.set_font(FONT, "B", 11)
        pdf.cell(0, 7, table.caption, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=9)
    widths = [PDF_WIDTHS[k] for k in table.kinds]
    align = ["LEFT" if k == TEXT else "RIGHT" for k in table.kinds]
    with pdf.table(col_widths=widths, text_align=align, line_height=5.5, first_row_as_headings=True,
                   headings_style=FontFace(emphasis="BOLD", fill_color=(230, 236, 245))) as grid:
        grid.row(table.headers)
        for row in table.rows:
            grid.row([_cell_text(v, k) for v, k in zip(row, table.kinds)])
        if table.total:
            grid.row([_cell_text(v, k) for v, k in zip(table.total, table.kinds)],
                     style=FontFace(emphasis="BOLD"))
    pdf.ln(3)


def plan_pdf(plan: Plan) -> bytes:
    pdf = thai_pdf(_pdf_base())
    pdf.set_title(plan.title)
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 9, plan.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=11)
    pdf.cell(0, 7, f"{plan.round.title} · {_('as of %(date)s') % {'date': plan.date_text}}", align="C",
             new_x="LMARGIN", new_y="NEXT")
    if plan.certification:
        signed = _("Certified by %(name)s on %(date)s") % {
            "name": plan.certification.certified_by.get_full_name() or plan.certification.certified_by.username,
            "date": plan.certified_text}
    else:
        signed = _("Not certified yet: figures from the live registry")
    pdf.cell(0, 7, signed, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for section in plan.sections:
        if pdf.get_y() > pdf.h - KEEP_MM:
            pdf.add_page()
        pdf.set_font(FONT, "B", 13)
        pdf.cell(0, 8, f"{section.number}. {section.title}", new_x="LMARGIN", new_y="NEXT")
        if section.text:
            pdf.set_font(FONT, size=11)
            pdf.multi_cell(0, 6, section.text, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        for table in section.tables:
            _pdf_table(pdf, table)
    return bytes(pdf.output())
