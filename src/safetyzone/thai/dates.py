"""Parse and format dates the way Thai offices write them (Buddhist era, Thai months)."""

import re
from datetime import date, datetime, timedelta

from .digits import to_arabic, to_thai

BE_OFFSET = 543
MONTHS_LONG = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
               "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
MONTHS_SHORT = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",
                "พ.ย.", "ธ.ค."]
_EN = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
       "october", "november", "december"]


def _key(s: str) -> str:
    return re.sub(r"[\s.]", "", s.lower())


_MONTH_LOOKUP: dict[str, tuple[int, bool]] = {}  # key -> (month, is_thai)
for _i, (_long, _short, _en) in enumerate(zip(MONTHS_LONG, MONTHS_SHORT, _EN), start=1):
    _MONTH_LOOKUP[_key(_long)] = (_i, True)
    _MONTH_LOOKUP[_key(_short)] = (_i, True)
    _MONTH_LOOKUP[_en] = (_i, False)
    _MONTH_LOOKUP[_en[:3]] = (_i, False)
_MONTH_LOOKUP["sept"] = (9, False)

_PREFIX = re.compile(r"^(?:วันที่|วัน\S*ที่|(?:mon|tue|wed|thu|fri|sat|sun)\w*,?)\s*", re.IGNORECASE)
_NUMERIC = re.compile(r"^(\d{1,4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,4})$")
_NAMED = re.compile(r"^(\d{1,2})\s*([^\d\s][^\d]*?)\s*(\d{2}|\d{4})$")
_EXCEL_EPOCH = date(1899, 12, 30)


class DateParseError(ValueError):
    """A value that is not a date; carries the reason in English and Thai."""

    def __init__(self, value, message_en: str, message_th: str):
        super().__init__(message_en)
        self.value = value
        self.message_en = message_en
        self.message_th = message_th


def _error(value, en: str, th: str) -> DateParseError:
    return DateParseError(value, f"{en}: {value!r}", f"{th}: {value!r}")


def to_buddhist_year(year: int) -> int:
    return year + BE_OFFSET


def _year(raw: str, value, *, thai_month: bool, assume_be: bool | None) -> int:
    y = int(raw)
    if len(raw) <= 2:
        if thai_month or assume_be is not False:
            y = 2500 + y - BE_OFFSET  # 59 -> 2559 BE -> 2016
        else:
            y = 2000 + y
    elif y >= 2400:
        y -= BE_OFFSET
    if not 1900 <= y <= 2200:
        raise _error(value, "Year out of range", "ปีไม่อยู่ในช่วงที่รับได้")
    return y


def _make(value, y: int, m: int, d: int) -> date:
    try:
        return date(y, m, d)
    except ValueError:
        raise _error(value, "No such day", "ไม่มีวันที่นี้ในปฏิทิน") from None


def _from_date(value: date) -> date:
    if value.year >= 2400:  # a Buddhist-era date stored as a real date
        return _make(value, value.year - BE_OFFSET, value.month, value.day)
    return value


def parse_date(value, *, assume_buddhist_era: bool | None = None) -> date:
    """A date from a cell: date objects, Excel serials, or Thai/English text in many shapes."""
    if isinstance(value, datetime):
        return _from_date(value.date())
    if isinstance(value, date):
        return _from_date(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value <= 80000:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise _error(value, "Not a date", "ไม่ใช่วันที่")
    if not isinstance(value, str):
        raise _error(value, "Not a date", "ไม่ใช่วันที่")
    text = _PREFIX.sub("", to_arabic(value).strip()).strip()
    if m := _NUMERIC.match(text):
        a, b, c = m.groups()
        if len(a) == 4:  # ISO order: year-month-day
            return _make(value, _year(a, value, thai_month=False, assume_be=assume_buddhist_era),
                         int(b), int(c))
        return _make(value, _year(c, value, thai_month=False, assume_be=assume_buddhist_era),
                     int(b), int(a))
    if m := _NAMED.match(text):
        day, month_text, year = m.groups()
        found = _MONTH_LOOKUP.get(_key(month_text))
        if found is None:
            raise _error(value, "Unknown month name", "ไม่รู้จักชื่อเดือน")
        month, is_thai = found
        y = _year(year, value, thai_month=is_thai, assume_be=assume_buddhist_era)
        return _make(value, y, month, int(day))
    raise _error(value, "Not a date (expected e.g. 20/12/2559 or 20 ธ.ค. 2559)",
                 "ไม่ใช่วันที่ (ตัวอย่างที่ถูกต้อง 20/12/2559 หรือ 20 ธ.ค. 2559)")


def format_thai_date(d: date, *, short: bool = True, thai_digits: bool = False) -> str:
    """20 ธ.ค. 2559 (short) or 20 ธันวาคม 2559; optionally with Thai digits."""
    month = (MONTHS_SHORT if short else MONTHS_LONG)[d.month - 1]
    text = f"{d.day} {month} {to_buddhist_year(d.year)}"
    return to_thai(text) if thai_digits else text
