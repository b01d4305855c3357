"""Cells of an incident file: dates with their time, crime group numbers, coordinates, text.

Each converter takes one cell (text, number, date or datetime as the reader gives it) and
returns the value or raises CellError / DateParseError / CoordinateError with the reason in
English and Thai.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from django.utils.translation import gettext_noop

from safetyzone.census.importing.messages import bilingual
from safetyzone.census.importing.readers import cell_text
from safetyzone.thai.coords import parse_coordinate
from safetyzone.thai.dates import parse_date
from safetyzone.thai.digits import to_arabic

MAX_LENGTH = {"case_ref": 100, "offence": 300, "place": 300}
_TIME = re.compile(r"(?:^|\s+)(?:เวลา\s*)?(?P<h>\d{1,2})\s*[:.]\s*(?P<m>\d{2})(?:\s*[:.]\s*(?P<s>\d{2}))?"
                   r"\s*(?:น\.?|นาฬิกา|hrs?\.?)?$", re.I)
_GROUP_SPLIT = re.compile(r"[\s,;/+&]+|และ")


class CellError(ValueError):
    def __init__(self, msgid: str, **params):
        super().__init__(msgid)
        self.en, self.th = bilingual(msgid, **params)


def _time_of(h, m, s) -> time:
    h, m, s = int(h), int(m), int(s or 0)
    if h > 23 or m > 59 or s > 59:
        raise CellError(gettext_noop("Not a time of day (write e.g. 14:30 or 14.30 น.)."))
    return time(h, m, s)


def parse_time(cell) -> time | None:
    if isinstance(cell, datetime):
        return cell.time()
    if isinstance(cell, time):
        return cell
    if isinstance(cell, (int, float)) and not isinstance(cell, bool) and 0 <= cell < 1:
        seconds = round(cell * 86400)  # an Excel time is a fraction of a day
        return time(seconds // 3600 % 24, seconds // 60 % 60, seconds % 60)
    text = to_arabic(cell_text(cell)).strip()
    if not text:
        return None
    m = _TIME.fullmatch(text) or _TIME.fullmatch(" " + text)
    if m is None:
        raise CellError(gettext_noop("Not a time of day (write e.g. 14:30 or 14.30 น.)."))
    return _time_of(m["h"], m["m"], m["s"])


_DAYS: dict[str, date] = {}


def _day(text: str) -> date:
    """parse_date of a text, remembered: a file repeats the same days many times."""
    found = _DAYS.get(text)
    if found is None:
        found = parse_date(text)
        if len(_DAYS) < 100_000:
            _DAYS[text] = found
    return found


def parse_when(cell) -> tuple[date, time | None]:
    """The date and, when the cell carries one, the time of day."""
    if isinstance(cell, datetime):
        has_time = cell.time() != time(0)
        return parse_date(cell), (cell.time() if has_time else None)
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        day = parse_date(int(cell))
        fraction = float(cell) - int(cell)
        return day, (parse_time(fraction) if fraction else None)
    if isinstance(cell, date):
        return parse_date(cell), None
    text = to_arabic(cell_text(cell)).strip()
    m = _TIME.search(text)
    if m and m.start() > 0:
        return _day(text[:m.start()].strip()), _time_of(m["h"], m["m"], m["s"])
    if "T" in text and text[:4].isdigit():  # ISO 2023-03-15T14:30:00 from our own export
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            return parse_date(value), value.time()
    return _day(text), None


def parse_groups(cell, known: set[int]) -> frozenset[int]:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        parts = [cell_text(cell)]
    else:
        parts = [p for p in _GROUP_SPLIT.split(to_arabic(cell_text(cell))) if p]
    numbers = set()
    for part in parts:
        part = part.removeprefix("กลุ่ม").removesuffix(".0").strip()
        if not part.isdigit():
            raise CellError(gettext_noop("Not a crime group number: %(value)s. Write the numbers, e.g. 1,3."),
                            value=part)
        if int(part) not in known:
            raise CellError(gettext_noop("Unknown crime group %(number)s: the groups are %(known)s."),
                            number=part, known=", ".join(str(n) for n in sorted(known)))
        numbers.add(int(part))
    return frozenset(numbers)


def text_value(cell, key: str) -> str:
    text = cell_text(cell)
    text = to_arabic(text) if key == "case_ref" else text
    if len(text) > MAX_LENGTH[key]:
        raise CellError(gettext_noop("Too long: at most %(limit)s characters, this has %(length)s."),
                        limit=MAX_LENGTH[key], length=len(text))
    return text


_PLAIN = re.compile(r"-?\d{1,3}\.\d+")


def coordinate(cell, kind: str) -> float:
    if isinstance(cell, str):
        text = cell.strip()
        if _PLAIN.fullmatch(text):  # the common case, without the DMS tokenizer
            return parse_coordinate(float(text), kind=kind)
        return parse_coordinate(cell, kind=kind)
    return parse_coordinate(float(cell) if isinstance(cell, (int, float)) else cell_text(cell), kind=kind)


def split_latlon(cell) -> tuple[str, str]:
    parts = [p for p in re.split(r"\s*[,;]\s*|\s+", to_arabic(cell_text(cell)).strip()) if p]
    if len(parts) != 2:
        raise CellError(gettext_noop("Write the coordinates as latitude, longitude (e.g. 17.4151, 102.7872)."))
    return parts[0], parts[1]
