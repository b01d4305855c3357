"""Candidate pole files (CSV or XLSX): one pole a row — reference, latitude, longitude and how
many cameras it can hold. Read all-or-nothing: a file with a bad row is refused with the row,
the column and why; nothing is written."""

from __future__ import annotations

import csv
import io
import itertools
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from safetyzone.core import access
from safetyzone.thai.coords import CoordinateError, in_thailand, parse_coordinate
from safetyzone.thai.digits import to_arabic

from .models import Pole, PoleSet

MAX_POLES = 50_000
MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # an XLSX is a zip: 10 MB can unpack to gigabytes
HEADERS = {  # column -> accepted header words (lower case)
    "ref": {"ref", "pole", "pole ref", "reference", "id", "รหัส", "รหัสเสา", "เสา", "เลขที่เสา"},
    "lat": {"lat", "latitude", "ละติจูด"},
    "lon": {"lon", "lng", "long", "longitude", "ลองจิจูด"},
    "max_cameras": {"max cameras", "max_cameras", "cameras", "กล้อง", "จำนวนกล้อง", "กล้องสูงสุด"},
}


class PoleFileError(ValueError):
    """A refused pole file; `problems` lists every bad row (row number, column, why)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class PoleRow:
    ref: str
    lat: float
    lon: float
    max_cameras: int


def _filled(row) -> bool:
    return any(str(c or "").strip() for c in row)


def _rows(data: bytes, filename: str) -> list[list]:
    if filename.lower().endswith((".xlsx", ".xlsm")):
        from openpyxl import load_workbook

        try:
            unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
            book = None if unpacked > MAX_UNPACKED_BYTES else load_workbook(io.BytesIO(data), read_only=True,
                                                                             data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a corrupt file
            raise PoleFileError([_("The file is not a readable XLSX workbook (%(why)s).") % {"why": exc}]) from exc
        if book is None:
            raise PoleFileError([_("The workbook unpacks to more than %(mb)s MB; save the poles alone as CSV.")
                                 % {"mb": MAX_UNPACKED_BYTES // 2**20}])
        # a header, the poles and one more row are enough to tell a file with too many poles
        filled = (list(r) for r in book.worksheets[0].iter_rows(values_only=True) if _filled(r))
        return list(itertools.islice(filled, MAX_POLES + 2))
    for encoding in ("utf-8-sig", "cp874"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise PoleFileError([_("The file is neither UTF-8 nor Thai (TIS-620) text.")])
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _columns(header: list) -> dict[str, int]:
    found = {}
    for i, cell in enumerate(header):
        word = str(cell or "").strip().lower()
        for key, words in HEADERS.items():
            if word in words and key not in found:
                found[key] = i
    return found


def read_poles(data: bytes, filename: str) -> list[PoleRow]:
    if len(data) > MAX_BYTES:
        raise PoleFileError([_("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // 2**20}])
    rows = [r for r in _rows(data, filename) if _filled(r)]
    if not rows:
        raise PoleFileError([_("The file is empty.")])
    columns = _columns(rows[0])
    missing = [name for name in ("lat", "lon") if name not in columns]
    if missing:
        raise PoleFileError([_("The first row must name the columns: ref, lat, lon, max cameras (missing: %(m)s).")
                             % {"m": ", ".join(missing)}])
    if len(rows) - 1 > MAX_POLES:
        raise PoleFileError([_("Too many poles: at most %(n)s in one file.") % {"n": MAX_POLES}])
    out, problems = [], []
    for number, cells in enumerate(rows[1:], start=2):
        def cell(key):
            i = columns.get(key)
            return cells[i] if i is not None and i < len(cells) else None
        try:
            lat = parse_coordinate(cell("lat"), kind="lat")
            lon = parse_coordinate(cell("lon"), kind="lon")
        except CoordinateError as exc:
            problems.append(_("Row %(row)s: the coordinates are not readable (%(why)s).") % {"row": number, "why": exc})
            continue
        if not in_thailand(lat, lon):
            problems.append(_("Row %(row)s: the point %(lat)s, %(lon)s is outside Thailand.")
                            % {"row": number, "lat": lat, "lon": lon})
            continue
        raw = str(cell("max_cameras") or "").strip()
        try:
            count = int(float(to_arabic(raw))) if raw else 1
        except ValueError:
            count = 0
        if not 1 <= count <= 8:
            problems.append(_("Row %(row)s: max cameras must be a whole number from 1 to 8, not “%(value)s”.")
                            % {"row": number, "value": raw})
            continue
        out.append(PoleRow(str(cell("ref") or "").strip()[:100], lat, lon, count))
    if problems:
        raise PoleFileError(problems)
    return out


@transaction.atomic
def save_pole_set(user, *, organisation, area, name: str, rows: list[PoleRow]) -> PoleSet:
    if not access.can_write_org(user, organisation.pk):
        raise PermissionDenied
    pole_set = PoleSet.objects.create(organisation=organisation, area=area, name=name, created_by=user)
    Pole.objects.bulk_create([Pole(pole_set=pole_set, ref=r.ref, lat=Decimal(f"{r.lat:.6f}"),
                                   lon=Decimal(f"{r.lon:.6f}"), max_cameras=r.max_cameras) for r in rows])
    return pole_set
