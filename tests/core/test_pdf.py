"""Thai PDF basics (safetyzone.core.pdf): Thai text wraps between words, never inside one, in a
wrapped cell and in a table cell of the provincial plan; dates are Buddhist era."""

from datetime import date, datetime, timezone

from fpdf import FPDF
from fpdf.enums import MethodReturnValue

from safetyzone.census import plan_files
from safetyzone.census.plan import TEXT, INT, Table
from safetyzone.core.pdf import FONT, ZWSP, setup_thai, thai_breaks, thai_date, thai_pdf

# A problem an agency reported (seed 002 L180-L277 style): one Thai phrase, no spaces.
PROBLEM = ("กล้องวงจรปิดที่ติดตั้งบริเวณทางแยกหน้าโรงเรียนไม่มีงบประมาณซ่อมบำรุง"
           "และไม่ได้เชื่อมต่อกับศูนย์สั่งการของจังหวัดเก็บภาพย้อนหลังได้เพียงสามวัน")
WORDS = ["กล้องวงจรปิด", "ติดตั้ง", "บริเวณ", "ทางแยก", "โรงเรียน", "งบประมาณ", "ซ่อมบำรุง",
         "เชื่อมต่อ", "ศูนย์", "สั่งการ", "จังหวัด", "ย้อนหลัง", "เพียง"]


def _cuts(lines: list[str]) -> set[int]:
    """Offsets in the text (without break marks) where one line ends and the next begins."""
    cuts, at = set(), 0
    for line in lines[:-1]:
        at += len(line.replace(ZWSP, "").rstrip(" "))
        cuts.add(at)
    return cuts


def _words_cut(text: str, lines: list[str]) -> list[str]:
    """The dictionary words of WORDS that a line break falls inside."""
    cuts = _cuts(lines)
    cut = []
    for word in WORDS:
        start = text.find(word)
        assert start >= 0, word
        if any(start < c < start + len(word) for c in cuts):
            cut.append(word)
    return cut


def _lines(pdf, width_mm: float, text: str) -> list[str]:
    return pdf.multi_cell(width_mm, 5, text, dry_run=True, output=MethodReturnValue.LINES)


def test_a_long_thai_phrase_wraps_between_words_in_a_narrow_cell():
    pdf = thai_pdf()
    pdf.add_page()
    pdf.set_font(FONT, size=9)
    for width in (28, 35, 42, 57):
        lines = _lines(pdf, width, PROBLEM)
        assert len(lines) >= 3  # it did wrap
        assert "".join(line.replace(ZWSP, "") for line in lines) == PROBLEM  # nothing lost or added
        assert _words_cut(PROBLEM, lines) == [], width
    # without word breaks, fpdf2 cuts the same cell wherever it runs out of room, inside words
    plain = FPDF(unit="mm", format="A4")
    setup_thai(plain)
    plain.add_page()
    plain.set_font(FONT, size=9)
    assert any(_words_cut(PROBLEM, _lines(plain, width, PROBLEM)) for width in (28, 35, 42, 57))


def test_the_plan_tables_wrap_thai_cells_between_words():
    """The provincial plan's PDF table: every line fpdf2 lays out in the text column ends
    between two words."""
    laid_out, measuring = [], []

    class Recording(plan_files._pdf_base()):
        """Lays out each cell holding the problem once more as lines, the way it is drawn."""
        def multi_cell(self, w, h=None, text="", *args, **kwargs):
            if PROBLEM in text.replace(ZWSP, "") and not kwargs.get("dry_run") and not measuring:
                measuring.append(True)
                laid_out.append(super().multi_cell(w, h, text, *args, **{
                    **kwargs, "dry_run": True, "output": MethodReturnValue.LINES}))
                measuring.clear()
            return super().multi_cell(w, h, text, *args, **kwargs)

    pdf = thai_pdf(Recording)
    pdf.add_page()
    table = Table(headers=["ปัญหา", "หน่วยงาน", "จำนวน"], kinds=[TEXT, TEXT, INT],
                  rows=[[PROBLEM, "เทศบาลเมืองอ่างทอง", 3]])
    plan_files._pdf_table(pdf, table)
    assert laid_out, "the table did not draw the problem cell"
    for lines in laid_out:
        assert len(lines) >= 3 and _words_cut(PROBLEM, lines) == []


def test_text_without_thai_is_unchanged_and_dates_are_buddhist_era():
    assert thai_breaks("CAM-001 (2 m)") == "CAM-001 (2 m)"
    assert thai_breaks("ถนน 12 สาย") == "ถนน 12 สาย"  # a single Thai word each side of the numbers
    assert thai_breaks("ไม่มีงบประมาณ").split(ZWSP) == ["ไม่", "มี", "งบประมาณ"]
    assert thai_date(date(2016, 12, 30)) == "30 ธันวาคม 2559"
    assert thai_date(datetime(2026, 11, 21, 7, 5, tzinfo=timezone.utc), time=True) == "21 พฤศจิกายน 2569 14:05"
    assert thai_date(None) == ""
