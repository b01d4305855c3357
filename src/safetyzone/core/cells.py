"""Spreadsheet cells that stay data: text someone typed (a site name, a problem description)
must never run as a formula in another user's Excel ("CSV/formula injection").

- XLSX: openpyxl stores text starting with "=" as a formula; `xlsx_row` stores it as text.
- CSV: Excel runs a cell starting with = + - @ (or a tab or carriage return); `csv_text`
  puts an apostrophe in front, which Excel shows as plain text. Our importer removes that
  apostrophe again (`csv_unescape`), so an export re-imports unchanged. Negative numbers
  ("-5", "-0.5") are left alone.
"""

from openpyxl.cell import Cell

_TRIGGERS = ("=", "+", "@", "\t", "\r")


def _number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def _runs(text: str) -> bool:
    return bool(text) and (text[0] in _TRIGGERS or (text[0] == "-" and not _number(text)))


def csv_text(value):
    """A CSV cell value Excel will show rather than run."""
    return "'" + value if isinstance(value, str) and _runs(value) else value


def csv_unescape(text: str) -> str:
    """The inverse of csv_text, for cells read from a CSV file."""
    return text[1:] if text.startswith("'") and _runs(text[1:]) else text


def xlsx_row(sheet, values) -> list:
    """`values` ready for sheet.append: text starting with "=" is kept as text."""
    out = []
    for value in values:
        if isinstance(value, str) and value.startswith("="):
            cell = Cell(sheet, row=1, column=1, value=value)  # append() sets the real position
            cell.data_type = "s"
            value = cell
        out.append(value)
    return out
