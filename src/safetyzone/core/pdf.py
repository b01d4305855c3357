"""Thai PDF basics shared by every report the platform prints (the provincial plan, the footage
custody report...): an A4 fpdf2 document with the Sarabun font (from the fontpkg-sarabun
package, so no font file lives in the repository) shaped by HarfBuzz so vowels and tone marks
sit right, Buddhist-era dates, and Thai text that wraps between words.

Why the wrapping needs help: Thai is written without spaces between words, and fpdf2 breaks a
line only at a space (or a soft hyphen); a table cell holding a long Thai phrase was therefore
cut wherever the cell ran out of room, often in the middle of a word ("กล้องวงจรป|ิด").
`thai_breaks` finds the word boundaries with the dictionary-based maximal-matching segmenter of
the `newmm-tokenizer` package (PyThaiNLP's "newmm" without the rest of PyThaiNLP: pure Python,
its word list ships inside the wheel, nothing is fetched at run time) and puts a ZERO WIDTH
SPACE (U+200B) between two Thai words. fpdf2 treats U+200B as a breaking space of no width and
HarfBuzz draws nothing for it, so the printed text looks unchanged and a line may end only
between words. A word longer than a whole line is still cut (there is no other choice).
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime

import fontpkg_sarabun

from safetyzone.thai.dates import format_thai_date

FONT = "Sarabun"
FONT_DIR = fontpkg_sarabun.ROOT / "files"
ZWSP = "\u200b"
_THAI_RUN = re.compile(r"[\u0e01-\u0e4e]{2,}")  # Thai letters, vowels, tone marks (not Thai digits)
_THAI = re.compile(r"[\u0e01-\u0e4e]")


@functools.lru_cache(maxsize=1)
def _segmenter():
    """The newmm word segmenter; its dictionary trie is built on first use (about a second)."""
    from newmm_tokenizer.tokenizer import word_tokenize

    return word_tokenize


@functools.lru_cache(maxsize=4096)
def _break_run(run: str) -> str:
    words = [w for w in _segmenter()(run) if w]
    return ZWSP.join(words)


def thai_breaks(text: str) -> str:
    """`text` with a zero-width break opportunity between every two Thai words, so a PDF line
    or table cell wraps between words; text without Thai comes back unchanged."""
    if not text or not _THAI.search(text):
        return text
    return _THAI_RUN.sub(lambda m: _break_run(m.group(0)), text)


def thai_date(value: date | datetime | None, *, time: bool = False) -> str:
    """A date in full Thai with the Buddhist-era year ("30 ธันวาคม 2559"), optionally with the
    local time ("30 ธันวาคม 2559 14:05"); '' for None."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        from django.utils import timezone

        local = timezone.localtime(value) if timezone.is_aware(value) else value
        text = format_thai_date(local.date(), short=False)
        return f"{text} {local:%H:%M}" if time else text
    return format_thai_date(value, short=False)


def thai_pdf_class(base=None):
    """An fpdf2 document class whose wrapped text goes through `thai_breaks`: `multi_cell` and
    table cells (fpdf2 renders those with multi_cell) wrap Thai between words (`cell` prints a
    single line and needs no help). Pass a subclass of FPDF (e.g. with a footer) as `base`."""
    from fpdf import FPDF

    base = base or FPDF

    class ThaiPDF(base):
        def multi_cell(self, w, h=None, text="", *args, **kwargs):
            return super().multi_cell(w, h, thai_breaks(str(text)), *args, **kwargs)

    ThaiPDF.__name__ = ThaiPDF.__qualname__ = f"Thai{base.__name__}"
    return ThaiPDF


def setup_thai(pdf, *, margin_mm: float = 15, bottom_mm: float = 18) -> None:
    """Register Sarabun (regular and bold) on `pdf`, turn on HarfBuzz shaping, set A4-friendly
    margins and automatic page breaks, and select Sarabun 11 pt."""
    pdf.add_font(FONT, "", str(FONT_DIR / "Sarabun-Regular.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "Sarabun-Bold.ttf"))
    pdf.set_text_shaping(True)
    pdf.set_creator("SafetyZone")
    pdf.set_margins(margin_mm, margin_mm, margin_mm)
    pdf.set_auto_page_break(True, margin=bottom_mm)
    pdf.set_font(FONT, size=11)


def thai_pdf(base=None, *, orientation: str = "portrait"):
    """A new A4 document (millimetres) ready for Thai text: `thai_pdf_class(base)` with
    `setup_thai` applied. Add pages with `pdf.add_page()`."""
    pdf = thai_pdf_class(base)(orientation=orientation, unit="mm", format="A4")
    setup_thai(pdf)
    return pdf
