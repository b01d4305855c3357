"""Parse coordinates as agencies type them: decimal, degrees-minutes-seconds, Thai digits."""

import re
from decimal import Decimal
from typing import Literal

from .digits import to_arabic

THAILAND_BBOX = (5.5, 97.3, 20.5, 105.7)  # min_lat, min_lon, max_lat, max_lon

_QUOTES = str.maketrans({"′": "'", "’": "'", "‘": "'", "″": '"', "“": '"', "”": '"', "º": "°", "˚": "°"})
_DMS = re.compile(
    r"""^(?P<h1>[NSEW])?\s*
        (?P<deg>\d+(?:\.\d+)?)\s*(?:°|d|deg|\s)\s*
        (?:(?P<min>\d+(?:\.\d+)?)\s*(?:'|m|min|\s)?\s*)?
        (?:(?P<sec>\d+(?:\.\d+)?)(?:\s*"|\s*''|sec|s(?![A-Z]))?\s*)?
        (?P<h2>[NSEW])?$""",
    re.IGNORECASE | re.VERBOSE,
)
_DECIMAL = re.compile(r"^(?P<h1>[NSEW])?\s*(?P<num>[+-]?\d+(?:\.\d+)?)\s*°?\s*(?P<h2>[NSEW])?$", re.I)


class CoordinateError(ValueError):
    """A value that is not a coordinate; carries the reason in English and Thai."""

    def __init__(self, value, message_en: str, message_th: str):
        super().__init__(message_en)
        self.value = value
        self.message_en = message_en
        self.message_th = message_th


def _error(value, en: str, th: str) -> CoordinateError:
    return CoordinateError(value, f"{en}: {value!r}", f"{th}: {value!r}")


def _sign(value, hemi: str | None, kind: str) -> int:
    if not hemi:
        return 1
    hemi = hemi.upper()
    if (kind == "lat" and hemi not in "NS") or (kind == "lon" and hemi not in "EW"):
        raise _error(value, "Wrong hemisphere letter for this coordinate",
                     "อักษรซีกโลกไม่ตรงกับชนิดพิกัด")
    return -1 if hemi in "SW" else 1


def parse_coordinate(value, *, kind: Literal["lat", "lon"]) -> float:
    """Decimal degrees from a number or text (decimal, DMS or degrees-decimal-minutes)."""
    limit = 90 if kind == "lat" else 180
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        result = float(value)
    elif isinstance(value, str):
        text = to_arabic(value).strip().translate(_QUOTES)
        if re.fullmatch(r"[+-]?\d+,\d+", text):
            text = text.replace(",", ".")  # decimal comma
        if not text:
            raise _error(value, "Empty coordinate", "ไม่มีค่าพิกัด")
        if m := _DECIMAL.match(text):
            hemi = m["h1"] or m["h2"]
            result = float(m["num"]) * _sign(value, hemi, kind)
            if hemi and result < 0 and m["num"].startswith("-"):
                raise _error(value, "Both a minus sign and a hemisphere", "มีทั้งเครื่องหมายลบและอักษรซีกโลก")
        elif m := _DMS.match(text):
            minutes = float(m["min"] or 0)
            seconds = float(m["sec"] or 0)
            if minutes >= 60 or seconds >= 60:
                raise _error(value, "Minutes and seconds must be below 60", "ลิปดาและฟิลิปดาต้องน้อยกว่า 60")
            result = (float(m["deg"]) + minutes / 60 + seconds / 3600) * _sign(value, m["h1"] or m["h2"], kind)
        else:
            raise _error(value, "Not a coordinate", "ไม่ใช่ค่าพิกัด")
    else:
        raise _error(value, "Not a coordinate", "ไม่ใช่ค่าพิกัด")
    if not -limit <= result <= limit:
        what = ("Latitude", "ละติจูด") if kind == "lat" else ("Longitude", "ลองจิจูด")
        raise _error(value, f"{what[0]} must be between -{limit} and {limit}",
                     f"{what[1]} ต้องอยู่ระหว่าง -{limit} ถึง {limit}")
    return result


def in_thailand(lat: float, lon: float) -> bool:
    min_lat, min_lon, max_lat, max_lon = THAILAND_BBOX
    return min_lat <= lat <= max_lat and min_lon <= lon <= max_lon


def fix_lat_lon(lat: float, lon: float) -> tuple[float, float, bool]:
    """Swap lat/lon when only the swapped pair lies in Thailand; report whether swapped."""
    if not in_thailand(lat, lon) and in_thailand(lon, lat):
        return lon, lat, True
    return lat, lon, False
