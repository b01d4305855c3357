"""Open an uploaded spreadsheet: CSV (UTF-8, UTF-16, TIS-620/cp874; , ; tab |) or a workbook
(XLSX, XLS, ODS via python-calamine), find its header row and stream its data rows.

Agencies' files often carry a title or two above the header ("แบบสำรวจกล้อง CCTV ...") and
blank rows between blocks: the header is the first row where at least two cells name known
columns, and blank rows are skipped. Row numbers are the spreadsheet's own (first row = 1).
"""

import codecs
import csv
import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_noop

from safetyzone.core.cells import csv_unescape

from ..columns import guess_column
from .messages import ImportFileError

WORKBOOK_EXTENSIONS = {".xlsx", ".xlsm", ".xls", ".ods"}
TEXT_EXTENSIONS = {".csv", ".txt", ".tsv"}
SAMPLE_BYTES = 64 * 1024
HEADER_SCAN_ROWS = 20
DELIMITERS = (",", ";", "\t", "|")
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"{\\rtf", b"\x1f\x8b", b"Rar!", b"7z\xbc")

csv.field_size_limit(10 * 1024 * 1024)


@dataclass
class Table:
    kind: str  # "csv" or "workbook"
    headers: list[str]
    header_row: int
    rows: Iterator[tuple[int, list]]  # (row number, cells) of every non-blank data row
    total: int  # data rows, estimated from the size of the file for CSV
    sheet: str = ""
    encoding: str = ""
    delimiter: str = ""


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def cell_text(cell) -> str:
    """A cell as text (whole floats without '.0', dates in ISO form)."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, (date, datetime)):
        return cell.isoformat()
    return str(cell).strip()


def _header_score(cells: list) -> int:
    return sum(1 for c in cells if not _blank(c) and guess_column(cell_text(c)))


def _split_header(rows: Iterator[list], first_row: int = 1):
    """Find the header among the first rows; return (header_row, headers, buffered data rows)."""
    buffered: list[tuple[int, list]] = []
    number = first_row - 1
    for cells in rows:
        number += 1
        if all(_blank(c) for c in cells):
            continue
        buffered.append((number, cells))
        if len(buffered) >= HEADER_SCAN_ROWS:
            break
    if not buffered:
        raise ImportFileError(gettext_noop("The file is empty."))
    best = next((i for i, (_n, cells) in enumerate(buffered) if _header_score(cells) >= 2), 0)
    header_row, header_cells = buffered[best]
    headers = [cell_text(c) for c in header_cells]
    while headers and not headers[-1]:
        headers.pop()
    if not headers:
        raise ImportFileError(gettext_noop("The file is empty."))
    return header_row, headers, buffered[best + 1:], number


def _data_rows(buffered, rows, number) -> Iterator[tuple[int, list]]:
    yield from buffered
    for cells in rows:
        number += 1
        if not all(_blank(c) for c in cells):
            yield number, cells


def check_size(path: Path) -> None:
    size = os.path.getsize(path)
    limit = settings.IMPORT_MAX_BYTES
    if size > limit:
        raise ImportFileError(
            gettext_noop("The file is %(size)s MB; the largest accepted is %(limit)s MB. "
                         "Split it into smaller files."),
            size=f"{size / 1_048_576:.1f}", limit=f"{limit / 1_048_576:.0f}")
    if size == 0:
        raise ImportFileError(gettext_noop("The file is empty."))


def open_table(path, filename: str = "") -> Table:
    """Open `path` (named `filename` by the user) and find its header; ImportFileError if not."""
    path = Path(path)
    check_size(path)
    ext = Path(filename or path.name).suffix.lower()
    with open(path, "rb") as f:
        head = f.read(SAMPLE_BYTES)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        table = _open_workbook(path)
    elif ext in WORKBOOK_EXTENSIONS:
        raise ImportFileError(gettext_noop(
            "The file is named like a spreadsheet but is not one, or it is damaged. "
            "Open it in Excel and save it again as .xlsx or .csv."))
    elif head.startswith(_BINARY_MAGIC) or (b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise ImportFileError(gettext_noop(
            "This is not a spreadsheet. Upload an Excel file (.xlsx, .xls) or a CSV file."))
    else:
        table = _open_csv(path, head)
    first = next(table.rows, None)
    if first is None:
        raise ImportFileError(gettext_noop("The file has a header row but no data rows below it."))
    table.rows = itertools.chain([first], table.rows)
    table.total = max(table.total, 1)
    return table


# --- workbooks -------------------------------------------------------------------------

def _open_workbook(path: Path) -> Table:
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        visible = [m.name for m in book.sheets_metadata if str(m.visible).lower().endswith(".visible")]
        chosen, chosen_score = None, -1
        for name in visible or book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            try:
                found = _split_header(sheet.iter_rows())
            except ImportFileError:
                continue
            score = _header_score(found[1])
            if score > chosen_score and (chosen is None or score >= 2):
                chosen, chosen_score = (name, sheet, found), score
            if score >= 2:
                break
    except python_calamine.PasswordError:
        raise ImportFileError(gettext_noop(
            "The workbook is protected with a password. Remove the password and upload it again.")) from None
    except Exception:  # calamine reports damaged files with several exception types
        raise ImportFileError(gettext_noop(
            "The spreadsheet cannot be read: it is damaged or not an Excel/ODS file. "
            "Open it in Excel and save it again as .xlsx or .csv.")) from None
    if chosen is None:
        raise ImportFileError(gettext_noop("The file is empty."))
    name, sheet, (header_row, headers, buffered, number) = chosen
    rows = sheet.iter_rows()
    for _ in range(number):  # skip what the header scan consumed
        next(rows, None)
    total = sheet.start[0] + sheet.height - header_row
    return Table("workbook", headers, header_row, _data_rows(buffered, rows, number), total, sheet=name)


# --- CSV -------------------------------------------------------------------------------

def _encoding(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    try:
        head.decode("cp874")
        return "cp874"  # TIS-620 is a subset of Windows-874
    except UnicodeDecodeError:
        raise ImportFileError(gettext_noop(
            "The text encoding of the file is not recognised. Save it as CSV UTF-8.")) from None


def _delimiter(sample: str) -> str:
    lines = [ln for ln in sample.splitlines()[:HEADER_SCAN_ROWS] if ln.strip()]
    best, best_score = ",", 0
    for d in DELIMITERS:
        counts = sorted(ln.count(d) for ln in lines)
        score = counts[len(counts) // 2] if counts else 0
        if score > best_score:
            best, best_score = d, score
    return best


def _csv_rows(path: Path, encoding: str, delimiter: str) -> Iterator[list]:
    with open(path, encoding=encoding, newline="") as f:
        reader = csv.reader(f, delimiter=delimiter)
        try:
            for row in reader:
                yield [csv_unescape(cell) for cell in row]
        except UnicodeDecodeError:
            raise ImportFileError(gettext_noop(
                "The file mixes text encodings after row %(row)s. Save it again as CSV UTF-8."),
                row=reader.line_num) from None
        except csv.Error as exc:
            raise ImportFileError(gettext_noop("The CSV file is malformed near row %(row)s: %(reason)s"),
                                  row=reader.line_num, reason=str(exc)) from None


def _open_csv(path: Path, head: bytes) -> Table:
    encoding = _encoding(head)
    sample = head.decode(encoding, errors="ignore")
    if not sample.strip():
        raise ImportFileError(gettext_noop("The file is empty."))
    delimiter = _delimiter(sample)
    rows = _csv_rows(path, encoding, delimiter)
    header_row, headers, buffered, number = _split_header(rows)
    with open(path, "rb") as f:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
    total = lines + 1 - header_row
    return Table("csv", headers, header_row, _data_rows(buffered, rows, number), total,
                 encoding=encoding, delimiter=delimiter)
