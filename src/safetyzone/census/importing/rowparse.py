"""Turn one spreadsheet row into typed values, collecting every bad cell with its reason.

The converters are chosen once per column when the parser is built, so the per-row loop
only indexes cells and calls them. Values come out in the types the database returns
(str, int, bool, date, Decimal with the model's places), so "unchanged" is a plain ==.
"""

import re
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext_noop

from safetyzone.thai.coords import CoordinateError, parse_coordinate
from safetyzone.thai.dates import DateParseError, parse_date
from safetyzone.thai.digits import to_arabic
from safetyzone.thai.text import parse_bool, parse_number

from ..columns import BY_KEY, CAMERA_FIELDS, value_index, value_key
from .areas import AreaError, area_index
from .messages import Problem, bilingual
from .readers import cell_text

# Row attributes (the rest of the mapped camera fields go to Row.values).
ATTRS = {"camera_id", "asset_code", "owner", "site_name", "address", "place_type", "area_code",
         "province", "district", "subdistrict", "lat", "lon", "latlon"}
# Codes and phone numbers are stored with Arabic digits so that search finds them.
ARABIC_DIGIT_KEYS = {"asset_code", "contact_phone"}
VALUE_KEYS = tuple(k for k in CAMERA_FIELDS if k not in ATTRS)


class CellError(ValueError):
    def __init__(self, msgid: str, **params):
        super().__init__(msgid)
        self.en, self.th = bilingual(msgid, **params)


class BadCell:
    """A cell's error as the column's memo keeps it (English, Thai)."""

    __slots__ = ("en", "th")

    def __init__(self, en: str, th: str):
        self.en, self.th = en, th


def convert_cell(convert, cell):
    """The value of one cell: None when blank, a BadCell when it cannot be read."""
    if cell is None or cell == "" or (type(cell) is str and not cell.strip()):
        return None
    try:
        return convert(cell)
    except CellError as exc:
        return BadCell(exc.en, exc.th)
    except (DateParseError, CoordinateError) as exc:
        return BadCell(exc.message_en, exc.message_th)


class Row:
    """One parsed data row; the planner fills in owner, area, match and action."""

    __slots__ = ("number", "camera_id", "asset_code", "owner", "site_name", "address", "place_type",
                 "area_code", "province", "district", "subdistrict", "lat", "lon", "latlon", "values",
                 "bad", "owner_id", "area", "camera", "action", "changes", "site_key")

    def __init__(self, number: int, n_values: int):
        self.number = number
        self.camera_id = self.asset_code = self.owner = self.site_name = self.address = None
        self.place_type = self.area_code = self.province = self.district = self.subdistrict = None
        self.lat = self.lon = self.latlon = None
        self.values = [None] * n_values
        self.bad = False
        self.owner_id = self.area = self.camera = self.action = self.changes = self.site_key = None


# --- converters: cell → value, or CellError -------------------------------------------

def _text(col):
    limit = col.max_length
    phone = col.key == "contact_phone"
    arabic = col.key in ARABIC_DIGIT_KEYS

    def convert(cell):
        if cell.__class__ is str:
            text = cell.strip()
        elif phone and isinstance(cell, (int, float)) and not isinstance(cell, bool):
            digits = cell_text(cell)  # a phone number typed as a number lost its leading 0
            return "0" + digits if len(digits) in (8, 9) else digits
        else:
            text = cell_text(cell)
        if arabic:
            text = to_arabic(text)
        if limit and len(text) > limit:
            raise CellError(gettext_noop("Too long: at most %(limit)s characters, this has %(length)s."),
                            limit=limit, length=len(text))
        return text
    return convert


def _choice(col):
    index = value_index(col.key)
    labels = {}
    for lang in ("en", "th"):
        with translation.override(lang):
            labels[lang] = ", ".join(str(label) for _v, label in col.choices.choices)

    def convert(cell):
        found = index.get(value_key(cell_text(cell)))
        if found is None:
            raise CellError(gettext_noop("Not an accepted value. Use one of: %(choices)s"),
                            choices=(labels["en"], labels["th"]))
        return found
    return convert


def _bool(col):
    def convert(cell):
        try:
            return parse_bool(to_arabic(cell_text(cell)) if isinstance(cell, str) else cell)
        except ValueError:
            raise CellError(gettext_noop("Not yes or no (write มี/ไม่มี, ได้/ไม่ได้, yes/no).")) from None
    return convert


def _number(cell):
    try:
        return parse_number(cell)
    except ValueError:
        raise CellError(gettext_noop("Not a number.")) from None


def _int(col):
    low, high = col.limits

    def convert(cell):
        number = _number(cell)
        if number is None:
            return None
        if not number.is_integer():
            raise CellError(gettext_noop("Must be a whole number."))
        if not low <= number <= high:
            raise CellError(gettext_noop("Must be between %(low)s and %(high)s."), low=low, high=high)
        return int(number)
    return convert


def _money(col):
    def convert(cell):
        number = _number(cell)
        if number is None:
            return None
        if number < 0 or number >= 1e10:
            raise CellError(gettext_noop("Must be an amount in baht between 0 and 9,999,999,999."))
        return Decimal(f"{number:.2f}")
    return convert


def _date(col):
    def convert(cell):
        value = parse_date(cell)
        if value > date.today() + timedelta(days=1):
            raise CellError(gettext_noop(
                "The date is in the future. Buddhist-era years are 543 more than Christian-era years "
                "(2559 = 2016)."))
        return value
    return convert


_PLAIN_DEGREES = re.compile(r"-?\d{1,3}\.\d+")


def _coordinate(kind):
    other = "lon" if kind == "lat" else "lat"
    limit = 90.0 if kind == "lat" else 180.0

    def make(col):
        def convert(cell):
            value = None  # fast path: plain decimal degrees, the usual case
            if cell.__class__ is float:
                value = cell
            elif cell.__class__ is str:
                text = to_arabic(cell.strip())
                if _PLAIN_DEGREES.fullmatch(text):
                    value = float(text)
            if value is not None and -limit <= value <= limit:
                return value
            try:
                return parse_coordinate(cell, kind=kind)
            except CoordinateError:
                try:  # maybe the columns are swapped: the planner swaps them back and warns
                    return parse_coordinate(cell, kind=other)
                except CoordinateError:
                    pass
                raise
        return convert
    return make


_PAIR_DMS = re.compile(r"^\s*(.+?[NSns])\s*[,;]?\s*(.+?[EWew])\s*$")


def _latlon(col):
    def convert(cell):
        text = to_arabic(cell_text(cell))
        if m := _PAIR_DMS.match(text):
            parts = [m[1], m[2]]
        elif ";" in text:
            parts = text.split(";")
        elif text.count(",") == 1:
            parts = text.split(",")
        else:
            parts = text.replace(",", " ").split()
        if len(parts) != 2:
            raise CellError(gettext_noop("Write the coordinates as latitude, longitude (e.g. 14.5896, 100.4550)."))
        return parse_coordinate(parts[0].strip(), kind="lat"), parse_coordinate(parts[1].strip(), kind="lon")
    return convert


def _id(col):
    def convert(cell):
        number = _number(cell)
        if number is None:
            return None
        if not number.is_integer() or number < 1:
            raise CellError(gettext_noop("A camera ID is a whole number from this system."))
        return int(number)
    return convert


def _area(col):
    def convert(cell):
        try:
            return area_index().code(cell_text(cell))
        except AreaError as exc:
            raise CellError(exc.msgid, **exc.params) from None
    return convert


def _raw(col):
    return cell_text


CONVERTERS = {"text": _text, "choice": _choice, "bool": _bool, "int": _int, "money": _money,
              "date": _date, "lat": _coordinate("lat"), "lon": _coordinate("lon"), "latlon": _latlon,
              "id": _id, "area": _area, "area_name": _raw, "owner": _raw}


# Distinct texts remembered per column: census sheets repeat the same statuses, types,
# dates, site names; a column of unique values (asset codes) stops growing its memo here.
MEMO_LIMIT = 20_000
_MISS = object()


class RowParser:
    """Parses rows of one file for one column mapping (keys aligned with the headers).

    Each column remembers what its cell texts converted to (a dict per column and per
    parser, so per import; `forget` drops them once the file is parsed). A repeated
    cell costs one dict lookup; its value, or its error, is the same as the first time.
    """

    def __init__(self, headers: list[str], keys: list[str]):
        self.headers = headers
        self.keys = keys
        self.mapped = {k for k in keys if k}
        self.value_keys = [k for k in VALUE_KEYS if k in self.mapped]
        pos = {k: i for i, k in enumerate(self.value_keys)}
        self.slots = []  # (cell index, memo, value position or -1, column)
        self.columns = {}  # cell index → (header, converter, row attribute)
        for index, key in enumerate(keys):
            if key:
                col = BY_KEY[key]
                self.columns[index] = (headers[index] or f"#{index + 1}", CONVERTERS[col.kind](col), key)
                self.slots.append((index, {}, pos.get(key, -1)))
        self.width = max(self.columns, default=-1) + 1

    def forget(self) -> None:
        """Drop the per-column memos (the parsed rows keep their values)."""
        for _index, memo, _pos in self.slots:
            memo.clear()

    def parse(self, number: int, cells: list, problems: list[Problem]) -> Row:
        row = Row(number, len(self.value_keys))
        values = row.values
        if len(cells) < self.width:  # a short row: the missing cells are blank
            cells = [*cells, *[None] * (self.width - len(cells))]
        for index, memo, pos in self.slots:
            cell = cells[index]
            # str is the usual cell; 1, 1.0 and True are equal keys, so other types carry theirs
            key = cell if cell.__class__ is str else (cell.__class__, cell)
            value = memo.get(key, _MISS)
            if value is _MISS:
                value = convert_cell(self.columns[index][1], cell)
                if len(memo) < MEMO_LIMIT:
                    memo[key] = value
            if value is None:
                continue
            if value.__class__ is BadCell:
                row.bad = True
                shown = cell.isoformat() if isinstance(cell, (date, datetime)) else str(cell)
                problems.append(Problem(number, self.columns[index][0], shown, value.en, value.th))
            elif pos >= 0:
                values[pos] = value
            else:
                setattr(row, self.columns[index][2], value)
        return row


def to_decimal6(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")

