"""Export writers: CSV (streamed, UTF-8 with BOM), XLSX (openpyxl write-only), GeoJSON and
KML (streamed). Each takes an iterator of cameras and never holds the whole list."""

import csv
import json
import tempfile
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import translation

from safetyzone.cameras.models import Status
from safetyzone.core.cells import csv_text, xlsx_row

from ..columns import choice_label
from .values import CameraValues

CHUNK = 2000
BOM = "\ufeff"
# KML colours are aabbggrr; the same colours as the web map's status dots.
KML_COLOURS = {"working": "ff3c7a1e", "not_working": "ff1e26b3", "broken": "ff141a7a", "under_repair": "ff0e7cc2"}
KML_ICON = "https://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"


class _Echo:
    def write(self, value):
        return value


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def csv_chunks(cameras, values: CameraValues):
    """Lines of a CSV file Excel opens in Thai (UTF-8 with a byte-order mark)."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(values.headers())
    batch = []
    for cam in cameras:
        batch.append(writer.writerow([csv_text(_text(v)) for v in values.row(cam)]))
        if len(batch) >= 500:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def xlsx_file(cameras, values: CameraValues):
    """A temporary file holding the workbook (write-only mode keeps memory flat)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("กล้อง CCTV" if values.lang == "th" else "CCTV cameras")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    head = []
    for text in values.headers():
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        head.append(cell)
    sheet.append(head)
    date_cols = {i for i, k in enumerate(values.keys()) if k == "installed_on"}
    for cam in cameras:
        row = []
        for i, v in enumerate(values.row(cam)):
            if i in date_cols and v is not None:
                cell = WriteOnlyCell(sheet, value=v)
                cell.number_format = "yyyy-mm-dd"
                row.append(cell)
            elif isinstance(v, Decimal):
                row.append(float(v))
            else:
                row.append(v)
        sheet.append(xlsx_row(sheet, row))
    out = tempfile.TemporaryFile()
    book.save(out)
    out.seek(0)
    return out


def _number(v):
    return float(v) if isinstance(v, Decimal) else v


def geojson_chunks(cameras, values: CameraValues):
    """A FeatureCollection; properties use the English column keys and stored codes."""
    keys = values.keys()
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for cam in cameras:
        props = {}
        for key, v in zip(keys, values.row(cam)):
            props[key] = v.isoformat() if isinstance(v, date) else _number(v)
        for key in ("sector", "camera_type", "signal", "resolution", "network_link", "recorder", "status",
                    "budget_source"):
            if key in props:
                props[key] = getattr(cam, key) or None
        if "place_type" in props:
            props["place_type"] = cam.site.place_type
        if "night_vision" in props:
            props["night_vision"], props["playback"] = cam.night_vision, cam.playback
        feature = {"type": "Feature", "id": cam.pk,
                   "geometry": {"type": "Point", "coordinates": [float(cam.lon), float(cam.lat)]},
                   "properties": props}
        yield ("" if first else ",") + "\n" + json.dumps(feature, ensure_ascii=False)
        first = False
    yield "\n]}\n"


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def kml_chunks(cameras, values: CameraValues, title: str):
    """A KML document for Google Earth: one placemark per camera, coloured by status."""
    lang = values.lang
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n'
           f"<Document><name>{escape(title)}</name>\n")
    for status in Status.values:
        yield (f'<Style id="status-{status}"><IconStyle><color>{KML_COLOURS[status]}</color>'
               f"<Icon><href>{KML_ICON}</href></Icon></IconStyle></Style>\n")
    headers = values.headers()
    for cam in cameras:
        row = values.row(cam)
        lines = "".join(f"<tr><th align='left'>{escape(h)}</th><td>{escape(_text(v))}</td></tr>"
                        for h, v in zip(headers, row) if v not in (None, ""))
        name = cam.asset_code or f"#{cam.pk}"
        with translation.override(lang):
            status = choice_label("status", cam.status, lang)
        yield (f"<Placemark id=\"camera-{cam.pk}\"><name>{escape(name)} · {escape(cam.site.name)}</name>"
               f"<description>{_cdata('<table>' + lines + '</table>')}</description>"
               f"<ExtendedData><Data name=\"status\"><value>{escape(status)}</value></Data></ExtendedData>"
               f"<styleUrl>#status-{cam.status}</styleUrl>"
               f"<Point><coordinates>{cam.lon},{cam.lat},0</coordinates></Point></Placemark>\n")
    yield "</Document></kml>\n"


def iterate(queryset):
    """Cameras one by one, fetched in chunks."""
    return queryset.iterator(chunk_size=CHUNK)
