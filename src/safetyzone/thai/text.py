"""Spreadsheet text: header matching, numbers and yes/no answers written in Thai or English."""

import re
import unicodedata

from .digits import to_arabic

_SEPARATORS = re.compile(r"[\s_\-.()\[\]/:]+")
_TRUE = {"มี", "ใช่", "ได้", "yes", "y", "true", "1", "✓", "✔", "เชื่อมโยง", "เปิด"}
_FALSE = {"ไม่มี", "ไม่ใช่", "ไม่ได้", "no", "n", "false", "0", "x", "✗", "-", "ปิด"}


def normalize_header(s: str) -> str:
    """A canonical form for matching column headers typed in many ways."""
    text = to_arabic(unicodedata.normalize("NFC", str(s))).lower()
    return _SEPARATORS.sub(" ", text).strip()


def parse_number(value) -> float | None:
    """1,234.50 / ๑,๒๓๔ / '5000 บาท' → float; empty → None; otherwise ValueError."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = to_arabic(str(value)).strip()
    text = re.sub(r"(บาท|baht|thb|฿|เมตร|ม\.|m|วัน|days?|องศา|°)$", "", text, flags=re.I).strip()
    text = text.replace(",", "").replace(" ", "")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"not a number: {value!r}") from None


def parse_bool(value) -> bool | None:
    """Yes/no in Thai or English (มี/ไม่มี, ได้/ไม่ได้, yes/no, ✓); empty → None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"not yes or no: {value!r}")
