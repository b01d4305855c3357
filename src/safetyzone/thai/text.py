"""Spreadsheet text: header matching, numbers and yes/no answers written in Thai or English."""

import math
import re
import unicodedata
from decimal import Decimal

from .digits import to_arabic

_INVISIBLE = str.maketrans({"\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None})
_SEPARATORS = re.compile(r"[\s_\-‐‑–—.()\[\]/:]+")
_UNIT_PREFIX = re.compile(r"^(?:฿|thb)\s*", re.IGNORECASE)
_UNIT_SUFFIX = re.compile(r"\s*(?:บาท|baht|thb|฿|เมตร|ม\.|m|วัน|days?|องศา|°)$", re.IGNORECASE)
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")
_TRUE = {"มี", "ใช่", "ได้", "yes", "y", "true", "t", "1", "✓", "✔", "☑", "เชื่อมโยง", "เปิด"}
_FALSE = {"ไม่มี", "ไม่ใช่", "ไม่ได้", "no", "n", "false", "f", "0", "x", "✗", "✘", "×", "-", "ปิด"}


def _clean(s: str) -> str:
    """NFC, no zero-width characters or byte-order mark, Thai digits as 0-9, one sara am."""
    text = unicodedata.normalize("NFC", s).translate(_INVISIBLE)
    return to_arabic(text.replace("\u0e4d\u0e32", "\u0e33"))  # ํ + า typed for ำ


def normalize_header(s: str) -> str:
    """A canonical form for matching column headers typed in many ways.

    'ระยะมองเห็น (ม.)', 'ระยะมองเห็น_ม' and ' ระยะมองเห็น  ม ' all give 'ระยะมองเห็น ม'.
    """
    return _SEPARATORS.sub(" ", _clean(str(s)).lower()).strip()


def _is_blank_number(value: object) -> bool:
    return value is None or (isinstance(value, (float, Decimal)) and math.isnan(value))


def parse_number(value: object) -> float | None:
    """'1,234.50', '๑,๒๓๔', '5,000 บาท' or a number -> float; empty -> None; else ValueError."""
    if _is_blank_number(value):
        return None
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise ValueError(f"Not a finite number: {value!r}")
        return float(value)
    if not isinstance(value, str):
        raise ValueError(f"Not a number: {value!r}")
    text = _UNIT_SUFFIX.sub("", _UNIT_PREFIX.sub("", _clean(value).strip()))
    if not text:
        return None
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"Not a number: {value!r} (write e.g. 1234.50 or 1,234.50)")
    return float(text.replace(",", ""))


def parse_bool(value: object) -> bool | None:
    """Yes or no in Thai or English (มี/ไม่มี, ใช่/ไม่ใช่, ได้/ไม่ได้, yes/no, ✓/x, 1/0); empty -> None."""
    if _is_blank_number(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, Decimal)) and value in (0, 1):
        return value == 1
    text = re.sub(r"\s+", "", _clean(str(value))).lower()
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"Not yes or no: {value!r} (write มี/ไม่มี, ใช่/ไม่ใช่, ได้/ไม่ได้, yes/no, ✓/x)")
