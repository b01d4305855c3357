"""Parse and format dates the way Thai offices write them (Buddhist era, Thai month names).

Years: a 4-digit year >= 2400 is Buddhist era (BE = CE + 543), 1900-2200 is Christian era.
A 2-digit year is a short BE year (59 -> 2559) whenever a Thai month name is used, and in
numeric forms unless ``assume_buddhist_era=False``; with an English month name it is CE
(16 -> 2016) unless ``assume_buddhist_era=True``. "พ.ศ." / "ค.ศ." before the year decide it.
"""

import math
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

from .digits import to_arabic, to_thai

BE_OFFSET = 543
MIN_YEAR, MAX_YEAR = 1900, 2200  # accepted Christian-era years
MONTHS_LONG = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
               "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
MONTHS_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",
                "พ.ย.", "ธ.ค.")
_MONTHS_SPOKEN = ("มกรา", "กุมภา", "มีนา", "เมษา", "พฤษภา", "มิถุนา", "กรกฎา", "สิงหา", "กันยา",
                  "ตุลา", "พฤศจิกา", "ธันวา")  # everyday forms: ธันวา for ธันวาคม
MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december")
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 61 = 1 March 1900 (Excel's 1900 leap-year bug)


def _month_key(text: str) -> str:
    """'ธ. ค.', 'ธ.ค', 'ธค' and 'Dec.' all give the same key."""
    return re.sub(r"[\s.,\-/]", "", text).lower()


_MONTHS: dict[str, tuple[int, bool]] = {"sept": (9, False)}  # key -> (month, is a Thai name)
for _number, (_long, _short, _spoken, _en) in enumerate(
        zip(MONTHS_LONG, MONTHS_SHORT, _MONTHS_SPOKEN, MONTHS_EN), 1):
    for _name in (_long, _short, _spoken):
        _MONTHS[_month_key(_name)] = (_number, True)
    _MONTHS[_en] = _MONTHS[_en[:3]] = (_number, False)

_WEEKDAYS_TH = "อาทิตย์|จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัส|ศุกร์|เสาร์"
_WEEKDAYS_EN = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?(?=[\s,])"
_PREFIX = re.compile(rf"^(?:(?:วัน)?(?:{_WEEKDAYS_TH})(?:\s*ที่)?|วันที่|{_WEEKDAYS_EN})[\s,]*",
                     re.IGNORECASE)
_ERA = r"(?:(?P<era>พ\.?\s*ศ\.?|ค\.?\s*ศ\.?)\s*)?"
_YEAR = r"(?P<y>\d{4}|\d{2})"
_DAY_FIRST = re.compile(
    rf"^(?P<d>\d{{1,2}})\s*(?P<sep>[/.\-])\s*(?P<m>\d{{1,2}})\s*(?P=sep)\s*{_ERA}{_YEAR}$")
_YEAR_FIRST = re.compile(r"^(?P<y>\d{4})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})$")
_NAMED = re.compile(rf"^(?P<d>\d{{1,2}})[\s\-/.]*(?P<month>[^\d\s][^\d]*?)[\s,\-/]*{_ERA}{_YEAR}$")
_MONTH_FIRST = re.compile(rf"^(?P<month>[^\d\s][^\d]*?)\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[\s,]+{_YEAR}$",
                          re.IGNORECASE)


class DateParseError(ValueError):
    """A value that is not a usable date; carries the reason in English and in Thai."""

    def __init__(self, value: object, message_en: str, message_th: str) -> None:
        super().__init__(message_en)
        self.value = value
        self.message_en = message_en
        self.message_th = message_th


def _error(value: object, en: str, th: str) -> DateParseError:
    return DateParseError(value, f"{en}: {value!r}", f"{th}: {value!r}")


def to_buddhist_year(year: int) -> int:
    """2016 -> 2559."""
    return year + BE_OFFSET


def _check_year(value: object, year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _error(value, f"Year out of range ({year} CE); use {MIN_YEAR}-{MAX_YEAR} CE or "
                            f"{MIN_YEAR + BE_OFFSET}-{MAX_YEAR + BE_OFFSET} BE",
                     f"ปีอยู่นอกช่วงที่รับได้ (ค.ศ. {year}); ใช้ พ.ศ. {MIN_YEAR + BE_OFFSET}-"
                     f"{MAX_YEAR + BE_OFFSET} หรือ ค.ศ. {MIN_YEAR}-{MAX_YEAR}")
    return year


def _ce_year(value: object, raw: str, *, era: str | None, short_is_be: bool) -> int:
    """The Christian-era year from the year digits as written."""
    year = int(raw)
    buddhist = era.startswith("พ") if era else None
    if len(raw) == 2:
        short_be = short_is_be if buddhist is None else buddhist
        year += (2500 - BE_OFFSET) if short_be else 2000  # 59 -> 2559 BE (2016) or 2059
    elif buddhist or (buddhist is None and year >= 2400):
        year -= BE_OFFSET
    return _check_year(value, year)


def _make(value: object, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        pass
    if not 1 <= month <= 12:
        raise _error(value, f"No such day in the calendar (there is no month {month})",
                     f"ไม่มีวันที่นี้ในปฏิทิน (ไม่มีเดือนที่ {month})")
    raise _error(value,
                 f"No such day in the calendar ({MONTHS_EN[month - 1].title()} {year} has no day {day})",
                 f"ไม่มีวันที่นี้ในปฏิทิน (เดือน{MONTHS_LONG[month - 1]} พ.ศ. {to_buddhist_year(year)} "
                 f"ไม่มีวันที่ {day})")


def _from_date(value: date) -> date:
    """A date object; years >= 2400 are Buddhist-era dates a spreadsheet stored as real dates."""
    year = value.year - BE_OFFSET if value.year >= 2400 else value.year
    return _make(value, _check_year(value, year), value.month, value.day)


def _from_serial(value: int | float | Decimal) -> date:
    """An Excel serial day number in the 1900 date system."""
    if not (math.isfinite(value) and 1 <= value <= 80000):
        raise _error(value, "Not a date: a spreadsheet date number must be between 1 and 80000",
                     "ไม่ใช่วันที่: เลขวันที่ของสเปรดชีตต้องอยู่ระหว่าง 1 ถึง 80000")
    days = int(value)
    if days == 60:  # 29 February 1900, a day Excel counts but that never existed
        raise _error(value, "No such day in the calendar (1900 has no 29 February)",
                     "ไม่มีวันที่นี้ในปฏิทิน (ค.ศ. 1900 ไม่มีวันที่ 29 กุมภาพันธ์)")
    return _EXCEL_EPOCH + timedelta(days=days + (1 if days < 60 else 0))


def _named_month(value: object, m: re.Match[str], assume_buddhist_era: bool | None) -> date:
    found = _MONTHS.get(_month_key(m["month"]))
    if found is None:
        raise _error(value, f"Unknown month name {m['month']!r}", f"ไม่รู้จักชื่อเดือน {m['month']!r}")
    month, thai_name = found
    short_is_be = thai_name or bool(assume_buddhist_era)
    era = m.groupdict().get("era")
    return _make(value, _ce_year(value, m["y"], era=era, short_is_be=short_is_be), month, int(m["d"]))


def parse_date(value: object, *, assume_buddhist_era: bool | None = None) -> date:
    """A date from a form field or spreadsheet cell.

    Accepts date/datetime objects, Excel serial numbers and text such as ๒๐ ธ.ค. ๒๕๕๙,
    20 ธันวาคม 2559, 20 ธ.ค. 59, 20/12/2559, 20-12-2559, 20.12.2559, 2559-12-20, 2016-12-20,
    20/12/2016 or 20 Dec 2016 (numeric forms are always day first). Raises DateParseError.
    """
    if isinstance(value, datetime):
        return _from_date(value.date())
    if isinstance(value, date):
        return _from_date(value)
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return _from_serial(value)
    if not isinstance(value, str):
        raise _error(value, "Not a date", "ไม่ใช่วันที่")
    text = _PREFIX.sub("", to_arabic(value).strip().replace("\u200b", "")).strip()
    if not text:
        raise _error(value, "No date given", "ไม่ได้ระบุวันที่")
    if m := _YEAR_FIRST.match(text):
        year = _ce_year(value, m["y"], era=None, short_is_be=True)
        return _make(value, year, int(m["m"]), int(m["d"]))
    if m := _DAY_FIRST.match(text):
        year = _ce_year(value, m["y"], era=m["era"], short_is_be=assume_buddhist_era is not False)
        return _make(value, year, int(m["m"]), int(m["d"]))
    if m := _NAMED.match(text) or _MONTH_FIRST.match(text):
        return _named_month(value, m, assume_buddhist_era)
    raise _error(value, "Not a date (write e.g. 20/12/2559 or 20 ธ.ค. 2559)",
                 "ไม่ใช่วันที่ (ตัวอย่างที่ถูกต้อง 20/12/2559 หรือ 20 ธ.ค. 2559)")


def format_thai_date(d: date, *, short: bool = True, thai_digits: bool = False) -> str:
    """'20 ธ.ค. 2559' (short) or '20 ธันวาคม 2559' (long), optionally with Thai digits."""
    month = (MONTHS_SHORT if short else MONTHS_LONG)[d.month - 1]
    text = f"{d.day} {month} {to_buddhist_year(d.year)}"
    return to_thai(text) if thai_digits else text
