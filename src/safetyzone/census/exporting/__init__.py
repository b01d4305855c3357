"""Export the cameras of the camera-list filters as CSV, XLSX, GeoJSON or KML.

    response = export_response(request, "xlsx", lang="th", contacts=False)

Exports with contact persons are personal data leaving the system: each one is written
to the ExportRecord table and to the hash-chained access log with its purpose.
"""

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from safetyzone.cameras import selectors
from safetyzone.core import accesslog

from ..models import ExportRecord
from .files import csv_chunks, geojson_chunks, iterate, kml_chunks, xlsx_file
from .values import CameraValues, export_queryset

TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json; charset=utf-8",
    "kml": "application/vnd.google-earth.kml+xml; charset=utf-8",
}
FILTER_KEYS = ("province", "district", "subdistrict", "area", "organisation", "status", "network_link", "sector", "q")


def filter_query(params) -> str:
    query = params.copy()
    for key in list(query):
        if key not in FILTER_KEYS:
            query.pop(key)
    return query.urlencode()


def export_response(request, fmt: str, *, lang: str = "th", contacts: bool = False, purpose: str = ""):
    user = request.user
    cameras = iterate(export_queryset(user, request.GET))
    values = CameraValues(lang, contacts, may_see=lambda cam: selectors.may_see_contacts(user, cam))
    record = ExportRecord.objects.create(user=user, format=fmt, query=filter_query(request.GET)[:4000],
                                         contacts=contacts, purpose=purpose[:200])
    if contacts:
        accesslog.record(user, "export_contacts", record, purpose=purpose, request=request)
    name = f"safetyzone-cameras-{timezone.localdate():%Y%m%d}.{fmt}"
    if fmt == "xlsx":
        return FileResponse(xlsx_file(cameras, values), as_attachment=True, filename=name, content_type=TYPES[fmt])
    if fmt == "csv":
        chunks = csv_chunks(cameras, values)
    elif fmt == "geojson":
        chunks = geojson_chunks(cameras, values)
    else:
        chunks = kml_chunks(cameras, values, title=name)
    response = StreamingHttpResponse((c.encode("utf-8") for c in chunks), content_type=TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


__all__ = ["CameraValues", "export_queryset", "export_response"]
