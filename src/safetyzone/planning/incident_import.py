"""Crime incidents from a police spreadsheet (CSV, XLSX, XLS, ODS): columns, cells, rows.

The file is opened by the camera importer's reader (census/importing/readers.py: encodings,
delimiters, a title above the header, workbooks) and problems are its bilingual `Problem`s, so
the report reads and downloads the same way. Cells are read with thai/: Thai digits,
Buddhist-era dates (2566, 15/03/2566, 15 มี.ค. 2566), coordinates in degrees or DMS.

Columns: case reference, date (+ time, in the same cell or its own column), offence, crime
group(s) ("1,3"; optional: without it the groups come from the OffenceRule table), place,
latitude and longitude (or one "coordinates" column), and optionally the subdistrict/district
or area code (else the area chosen for the import). This module only reads; the write is in
incident_services.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_noop

from safetyzone.census.importing.areas import AreaError, area_index
from safetyzone.census.importing.messages import ERROR, WARNING, ImportFileError, Problem, bilingual
from safetyzone.census.importing.readers import cell_text
from safetyzone.thai.coords import CoordinateError, fix_lat_lon, in_thailand, parse_coordinate
from safetyzone.thai.dates import DateParseError
from safetyzone.thai.text import normalize_header

from .incident_cells import CellError, coordinate, parse_groups, parse_time, parse_when, split_latlon, text_value
from .models import CrimeGroup, OffenceRule

# key -> (Thai header, English header, other ways officials title it)
COLUMNS = {
    "case_ref": ("เลขคดี", "Case reference", ("เลขที่คดี", "คดีที่", "เลขรับแจ้ง", "เลขประจำวัน", "case",
                                             "case no", "case number", "case ref", "reference")),
    "occurred": ("วันที่เกิดเหตุ", "Date", ("วันเวลาเกิดเหตุ", "วันที่และเวลา", "วันที่ เวลา", "วันที่",
                                          "วันเกิดเหตุ", "date", "date time", "datetime", "occurred",
                                          "occurred at", "date and time")),
    "time": ("เวลาเกิดเหตุ", "Time", ("เวลา", "time", "time of day")),
    "offence": ("ฐานความผิด", "Offence", ("ข้อหา", "ความผิด", "ประเภทความผิด", "ลักษณะคดี", "ประเภทคดี",
                                         "offence", "offense", "charge", "crime")),
    "groups": ("กลุ่มคดี", "Crime groups", ("กลุ่มความผิด", "กลุ่ม", "crime group", "group", "groups")),
    "place": ("สถานที่เกิดเหตุ", "Place", ("สถานที่", "ที่เกิดเหตุ", "place", "location", "scene")),
    "lat": ("ละติจูด", "Latitude", ("ลติจูด", "lat", "latitude", "y")),
    "lon": ("ลองจิจูด", "Longitude", ("ลองติจูด", "lon", "long", "lng", "longitude", "x")),
    "latlon": ("พิกัด", "Coordinates", ("พิกัดที่เกิดเหตุ", "coordinates", "lat lon", "latlng", "gps")),
    "area_code": ("รหัสพื้นที่", "Area code", ("รหัสตำบล", "area code", "geocode")),
    "district": ("อำเภอ", "District", ("อำเภอ/เขต", "เขต", "district", "amphoe")),
    "subdistrict": ("ตำบล", "Subdistrict", ("ตำบล/แขวง", "แขวง", "subdistrict", "tambon")),
}


def _key(text: str) -> str:
    return normalize_header(text).replace(" ", "")


HEADERS = {_key(name): key for key, (th, en, aliases) in COLUMNS.items() for name in (th, en, key, *aliases)}


def column_keys(headers: list[str]) -> list[str]:
    """The column key of each header ('' for a column not used); a key goes to its first column."""
    keys, seen = [], set()
    for h in headers:
        key = HEADERS.get(_key(h), "")
        if not key:
            stripped = re.sub(r"[(\[].*?[)\]]", " ", str(h))  # "ละติจูด (Latitude)"
            key = HEADERS.get(_key(stripped), "")
        keys.append("" if key in seen else key)
        seen.add(key)
    missing = [k for k in ("occurred", "offence") if k not in seen]
    if not ({"lat", "lon"} <= seen or "latlon" in seen):
        missing.append("lat")
    if missing:
        names = [COLUMNS[k] for k in missing]
        raise ImportFileError(gettext_noop(
            "The file has no column for: %(columns)s. Columns found: %(found)s."),
            columns=(", ".join(n[1] for n in names), ", ".join(n[0] for n in names)),
            found=", ".join(h for h in headers if h) or "-")
    return keys


@dataclass
class Row:
    number: int
    case_ref: str = ""
    occurred_at: datetime | None = None
    offence: str = ""
    groups: frozenset[int] = frozenset()
    place: str = ""
    lat: Decimal | None = None
    lon: Decimal | None = None
    area: str = ""
    bad: bool = False


@dataclass
class Parsed:
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def bad_rows(self) -> int:
        return sum(1 for r in self.rows if r.bad)


# --- rows -------------------------------------------------------------------------------

class RowReader:
    """Reads rows of one file for one import: the groups, rules and areas are loaded once."""

    def __init__(self, headers: list[str], keys: list[str], area_code: str, now: datetime | None = None,
                 province_check=None):
        self.headers, self.keys, self.area_code = headers, keys, area_code
        self.columns = {k: i for i, k in enumerate(keys) if k}
        self.now = now or timezone.now()
        self.tz = timezone.get_current_timezone()
        self.groups = set(CrimeGroup.objects.values_list("number", flat=True))
        self.rules = [(r.contains.lower(), frozenset(g.number for g in r.groups.all()))
                      for r in OffenceRule.objects.prefetch_related("groups")]
        self.rule_memo: dict[str, frozenset[int]] = {}
        self.province_check = province_check  # (lat, lon) -> None or (msgid, params)
        self.areas = area_index() if {"area_code", "district", "subdistrict"} & set(self.columns) else None

    def header(self, key: str) -> str:
        return self.headers[self.columns[key]] if key in self.columns else COLUMNS[key][1]

    def groups_from_rules(self, offence: str) -> frozenset[int]:
        found = self.rule_memo.get(offence)
        if found is None:
            low = offence.lower()
            found = frozenset().union(*(g for contains, g in self.rules if contains in low))
            self.rule_memo[offence] = found
        return found

    def read(self, number: int, cells: list, problems: list[Problem]) -> Row:
        row = Row(number)
        col = self.columns

        def cell(key):
            i = col.get(key)
            value = cells[i] if i is not None and i < len(cells) else None
            return None if value is None or (isinstance(value, str) and not value.strip()) else value

        def problem(key, value, en_th, level=ERROR):
            problems.append(Problem(number, self.header(key), cell_text(value) if value is not None else "",
                                    en_th[0], en_th[1], level))
            if level == ERROR:
                row.bad = True

        def attempt(key, convert, *args):
            value = cell(key)
            try:
                return convert(value, *args)
            except CellError as exc:
                problem(key, value, (exc.en, exc.th))
            except (DateParseError, CoordinateError) as exc:
                problem(key, value, (exc.message_en, exc.message_th))
            return None

        for key in ("case_ref", "place"):
            if cell(key) is not None:
                setattr(row, key, attempt(key, text_value, key) or "")
        if cell("offence") is None:
            problem("offence", None, bilingual(gettext_noop("The offence is missing.")))
        else:
            row.offence = attempt("offence", text_value, "offence") or ""
        self._when(row, cell, problem, attempt)
        if cell("groups") is not None:
            found = attempt("groups", parse_groups, self.groups)
            row.groups = found or frozenset()
        elif row.offence:
            row.groups = self.groups_from_rules(row.offence)
            if not row.groups:
                problem("offence", row.offence, bilingual(gettext_noop(
                    "No crime group: the offence matches no offence rule, so the incident counts in no "
                    "group. Give the group number, or ask the system administrator to add a rule.")), WARNING)
        self._place(row, cell, problem, attempt)
        self._area(row, cell, problem)
        return row

    def _when(self, row, cell, problem, attempt):
        value = cell("occurred")
        if value is None:
            problem("occurred", None, bilingual(gettext_noop("The date of the incident is missing.")))
            return
        found = attempt("occurred", parse_when)
        if found is None:
            return
        day, at = found
        if cell("time") is not None:
            at = attempt("time", parse_time) or at
        moment = timezone.make_aware(datetime.combine(day, at or time(0)), self.tz)
        if moment > self.now:
            problem("occurred", value, bilingual(gettext_noop(
                "The date is in the future (%(when)s); check the year (Buddhist era 2566 = 2023)."),
                when=moment.strftime("%d/%m/") + str(moment.year + 543)))
            return
        row.occurred_at = moment

    def _place(self, row, cell, problem, attempt):
        if "latlon" in self.columns and "lat" not in self.columns:
            pair = attempt("latlon", split_latlon)
            if pair is None:
                return
            try:
                lat, lon = parse_coordinate(pair[0], kind="lat"), parse_coordinate(pair[1], kind="lon")
            except CoordinateError as exc:
                problem("latlon", cell("latlon"), (exc.message_en, exc.message_th))
                return
            key_lat = "latlon"
        else:
            key_lat = "lat"
            missing = [k for k in ("lat", "lon") if cell(k) is None]
            for k in missing:
                problem(k, None, bilingual(gettext_noop("The coordinate is missing.")))
            if missing:
                return
            lat = attempt("lat", coordinate, "lat")
            lon = attempt("lon", coordinate, "lon")
            if lat is None or lon is None:
                return
        lat, lon, swapped = fix_lat_lon(lat, lon)
        if swapped:
            problem(key_lat, cell(key_lat), bilingual(gettext_noop(
                "Latitude and longitude were swapped; they were read the other way round.")), WARNING)
        if not in_thailand(lat, lon):
            problem(key_lat, cell(key_lat), bilingual(gettext_noop(
                "The point %(lat)s, %(lon)s is outside Thailand."), lat=f"{lat:.6f}", lon=f"{lon:.6f}"))
            return
        if self.province_check is not None:
            refused = self.province_check(lat, lon)
            if refused is not None:
                problem(key_lat, cell(key_lat), bilingual(*refused[:1], **refused[1]))
                return
        row.lat, row.lon = Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")

    def _area(self, row, cell, problem):
        row.area = self.area_code
        if self.areas is None:
            return
        key = next((k for k in ("area_code", "subdistrict", "district") if cell(k) is not None), None)
        if key is None:
            return
        try:
            if key == "area_code":
                code = self.areas.code(cell(key))
            else:
                code = self.areas.resolve(district=cell("district"), subdistrict=cell("subdistrict"),
                                          default_province=self.area_code[:2])
        except AreaError as exc:
            problem(key, cell(key), bilingual(exc.msgid, **exc.params))
            return
        if not code or not code.startswith(self.area_code):
            name = self.areas.names.get(self.area_code, ("", ""))
            problem(key, cell(key), bilingual(gettext_noop(
                "This area is not inside %(area)s, the area chosen for the import."), area=(name[1], name[0])))
            return
        row.area = code


def duplicate_problems(rows: list[Row], existing: dict[str, datetime], reader: RowReader) -> list[Problem]:
    """A case reference twice in the file, or already imported for the organisation."""
    problems, first = [], {}
    header = reader.header("case_ref")
    for row in rows:
        ref = row.case_ref
        if not ref:
            continue
        if ref in existing:
            en, th = bilingual(gettext_noop("Case %(ref)s was already imported on %(when)s."), ref=ref,
                               when=timezone.localtime(existing[ref]).strftime("%d/%m/")
                               + str(timezone.localtime(existing[ref]).year + 543))
        elif ref in first:
            en, th = bilingual(gettext_noop("Case %(ref)s is also on row %(row)s of this file."), ref=ref,
                               row=first[ref])
        else:
            first[ref] = row.number
            continue
        problems.append(Problem(row.number, header, ref, en, th, ERROR))
        row.bad = True
    return problems

