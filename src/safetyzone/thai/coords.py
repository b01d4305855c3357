"""Parse coordinates as agencies type them: decimal degrees or degrees-minutes-seconds.

Accepted shapes include 14.5896, 14,5896 (decimal comma), -14.5, 14.5896°N, 14°35'22.5"N,
14° 35' 22.5" N, 14 35 22.5 N, N 14 35 22.5, 14d35m22.5s, 14°35.375'N, with Thai digits,
unicode primes (′ ″), curly quotes and the Thai unit words องศา/ลิปดา/ฟิลิปดา.
"""

import math
import re
from decimal import Decimal
from typing import Literal

from .digits import to_arabic

THAILAND_BBOX = (5.5, 97.3, 20.5, 105.7)  # min_lat, min_lon, max_lat, max_lon

_SYMBOLS = str.maketrans({"′": "'", "’": "'", "‘": "'", "´": "'", "`": "'", "″": '"', "“": '"', "”": '"',
                          "º": "°", "˚": "°", "−": "-", "–": "-", "\u200b": None})
_THAI_UNITS = (("ฟิลิปดา", '"'), ("พิลิปดา", '"'), ("ลิปดา", "'"), ("องศา", "°"))
_TOKEN = re.compile(r"""\s*(?:
      (?P<num>\d+(?:\.\d+)?)(?P<unit>\s*(?:°|''|'|")|DEG|MIN|SEC|D|M|S)?
    | (?P<hemi>[NSEW])
    | (?P<sign>[+-])
    )\s*""", re.VERBOSE)
_PLACE = {"°": 0, "D": 0, "DEG": 0, "'": 1, "M": 1, "MIN": 1, '"': 2, "''": 2, "S": 2, "SEC": 2}
_NAMES = {"lat": ("Latitude", "ละติจูด", 90, "NS"), "lon": ("Longitude", "ลองจิจูด", 180, "EW")}


class CoordinateError(ValueError):
    """A value that is not a usable coordinate; carries the reason in English and in Thai."""

    def __init__(self, value: object, message_en: str, message_th: str) -> None:
        super().__init__(message_en)
        self.value = value
        self.message_en = message_en
        self.message_th = message_th


def _error(value: object, en: str, th: str) -> CoordinateError:
    return CoordinateError(value, f"{en}: {value!r}", f"{th}: {value!r}")


def _clean(value: str) -> str:
    text = to_arabic(value).translate(_SYMBOLS).strip().upper()
    for word, symbol in _THAI_UNITS:
        text = text.replace(word, symbol)
    if "," in text and "." not in text:
        text = re.sub(r"(?<=\d),(?=\d)", ".", text)  # decimal comma: 14,5896
    return text


def _not_coordinate(value: object) -> CoordinateError:
    return _error(value, "Not a coordinate (write e.g. 14.5896 or 14°35'22.5\"N)",
                  "ไม่ใช่ค่าพิกัด (ตัวอย่างที่ถูกต้อง 14.5896 หรือ 14°35'22.5\"N)")


def _tokens(value: str, text: str) -> tuple[str, str, list[tuple[str, str]]]:
    """(sign, hemisphere letter, [(number, unit)]) from the cleaned text."""
    sign, pos, closed = "", 0, False
    hemis: list[str] = []
    numbers: list[tuple[str, str]] = []
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or (m["num"] and closed):  # a number after the trailing hemisphere letter
            raise _not_coordinate(value)
        pos = m.end()
        if m["num"]:
            unit = (m["unit"] or "").strip()
            if unit == "S" and not (numbers and numbers[-1][1] == "M"):
                hemis.append("S")  # 22.5S after ° or ' is the southern hemisphere, not seconds
                unit, closed = "", True
            numbers.append((m["num"], unit))
        elif m["hemi"]:
            hemis.append(m["hemi"])
            closed = bool(numbers)
        elif numbers or sign:
            raise _error(value, "A sign may only come first", "เครื่องหมาย + หรือ - ต้องอยู่หน้าสุด")
        else:
            sign = m["sign"]
    if len(hemis) > 1:
        raise _error(value, "More than one hemisphere letter", "มีอักษรซีกโลกมากกว่าหนึ่งตัว")
    if hemis and sign:
        raise _error(value, "Both a sign and a hemisphere letter", "มีทั้งเครื่องหมาย +/- และอักษรซีกโลก")
    if not 1 <= len(numbers) <= 3:
        raise _not_coordinate(value)
    return sign, "".join(hemis), numbers


def _degrees(value: str, numbers: list[tuple[str, str]]) -> float:
    """Decimal degrees from one to three numbers: degrees, minutes, seconds."""
    parts = [0.0, 0.0, 0.0]
    place = -1
    for index, (raw, unit) in enumerate(numbers):
        new_place = _PLACE[unit] if unit else place + 1
        if new_place <= place or new_place > 2:
            raise _error(value, "Degrees, minutes and seconds are out of order",
                         "ลำดับองศา ลิปดา ฟิลิปดาไม่ถูกต้อง")
        if "." in raw and index < len(numbers) - 1:
            raise _error(value, "Only the last of degrees, minutes and seconds may have decimals",
                         "มีทศนิยมได้เฉพาะส่วนสุดท้ายของ องศา ลิปดา ฟิลิปดา")
        parts[new_place], place = float(raw), new_place
    degrees, minutes, seconds = parts
    if minutes >= 60 or seconds >= 60:
        raise _error(value, "Minutes and seconds must be less than 60", "ลิปดาและฟิลิปดาต้องน้อยกว่า 60")
    return degrees + minutes / 60 + seconds / 3600


def _from_text(value: str, kind: Literal["lat", "lon"]) -> float:
    text = _clean(value)
    if not text:
        raise _error(value, "No coordinate given", "ไม่ได้ระบุค่าพิกัด")
    sign, hemi, numbers = _tokens(value, text)
    name_en, name_th, _limit, letters = _NAMES[kind]
    if hemi and hemi not in letters:
        raise _error(value, f"{name_en} takes {letters[0]} or {letters[1]}, not {hemi}",
                     f"{name_th}ใช้อักษร {letters[0]} หรือ {letters[1]} ไม่ใช่ {hemi}")
    degrees = _degrees(value, numbers)
    return -degrees if sign == "-" or hemi in ("S", "W") else degrees


def parse_coordinate(value: object, *, kind: Literal["lat", "lon"]) -> float:
    """Decimal degrees from a number or text; raises CoordinateError naming the value."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        result = float(value)
    elif isinstance(value, str):
        result = _from_text(value, kind)
    else:
        raise _error(value, "Not a coordinate", "ไม่ใช่ค่าพิกัด")
    name_en, name_th, limit, _letters = _NAMES[kind]
    if not (math.isfinite(result) and -limit <= result <= limit):
        raise _error(value, f"{name_en} must be between -{limit} and {limit}",
                     f"{name_th}ต้องอยู่ระหว่าง -{limit} ถึง {limit}")
    return result


def in_thailand(lat: float, lon: float) -> bool:
    """Whether the point lies in the (generous) bounding box of Thailand."""
    min_lat, min_lon, max_lat, max_lon = THAILAND_BBOX
    return min_lat <= lat <= max_lat and min_lon <= lon <= max_lon


def fix_lat_lon(lat: float, lon: float) -> tuple[float, float, bool]:
    """Swap lat/lon when only the swapped pair lies in Thailand; say whether they were swapped."""
    if not in_thailand(lat, lon) and in_thailand(lon, lat):
        return lon, lat, True
    return lat, lon, False


def typed_swapped(lat_text: object, lon_text: object) -> bool:
    """Were the longitude and latitude typed in each other's boxes (e.g. 100.45 as latitude and
    14.58 as longitude)? True when the two read the other way round lie in Thailand."""
    try:
        lat = parse_coordinate(lon_text, kind="lat")
        lon = parse_coordinate(lat_text, kind="lon")
    except CoordinateError:
        return False
    return in_thailand(lat, lon)
