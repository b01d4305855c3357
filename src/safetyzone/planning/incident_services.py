"""Writes of the incident pages: import a file (all or nothing, or skipping bad rows) and undo it.

Parsing runs outside the transaction (pure CPU); the duplicate check against the database, the
access re-check and the writes run in one transaction. Incidents and their group links are
written with bulk_create (a handful of queries whatever the number of rows).
"""

from __future__ import annotations

import math
from pathlib import Path
from statistics import median

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from safetyzone.cameras.models import Camera, area_parts
from safetyzone.census.importing.messages import ERROR, ImportFileError
from safetyzone.census.importing.readers import open_table
from safetyzone.census.importing.writer import _insert as insert_rows
from safetyzone.census.importing.writer import allocate_ids
from safetyzone.core import access
from safetyzone.core.models import AdminArea, Organisation

from .incident_import import Parsed, RowReader, column_keys, duplicate_problems
from .models import CrimeGroup, Incident, IncidentImport
from .models.incidents import ImportStatus

# Without a loaded province boundary, a point this far from the median of the province's
# registered cameras is refused: Thai provinces are at most ~250 km long, and a point in the
# wrong province after a typo (17.41 -> 14.41) is hundreds of km off (ADR 0008).
PROVINCE_KM = 150.0
MIN_CAMERAS = 5
BATCH = 2000
INCIDENT_COLUMNS = ["id", "organisation_id", "area_id", "province_id", "district_id", "created_by_id", "created_at",
                    "case_ref", "occurred_at", "offence", "place", "lat", "lon", "source_id"]


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def province_check(province: AdminArea):
    """A function (lat, lon) -> None if the point may lie in the province, else (msgid, params)."""
    if province.boundary:
        from shapely.geometry import Point, shape
        from shapely.prepared import prep

        polygon = prep(shape(province.boundary))

        def check(lat, lon):
            if polygon.covers(Point(lon, lat)):
                return None
            return (gettext_noop("The point is outside the boundary of %(area)s."),
                    {"area": (province.name_en, province.name_th)})
        return check
    points = list(Camera.objects.filter(province_id=province.code).values_list("lat", "lon"))
    if len(points) < MIN_CAMERAS:
        return None
    mlat, mlon = median(float(p[0]) for p in points), median(float(p[1]) for p in points)

    def check(lat, lon):
        km = _km(lat, lon, mlat, mlon)
        if km <= PROVINCE_KM:
            return None
        return (gettext_noop("The point is %(km)s km from %(area)s: it cannot lie in the province. "
                             "Check the coordinates."), {"km": f"{km:.0f}", "area": (province.name_en, province.name_th)})
    return check


def check_area(user, organisation: Organisation, area: AdminArea) -> None:
    """A non-admin imports only into the organisation's province."""
    if not access.can_write_org(user, organisation.pk):
        raise PermissionDenied
    if not access.is_system_admin(user) and area.code[:2] != organisation.province_id:
        raise PermissionDenied


def parse_file(path, filename: str, area: AdminArea) -> tuple[Parsed, RowReader]:
    table = open_table(path, filename)
    reader = RowReader(table.headers, column_keys(table.headers), area.code,
                       province_check=province_check(AdminArea.objects.get(code=area.code[:2])))
    parsed = Parsed()
    read, problems = reader.read, parsed.problems
    parsed.rows = [read(number, cells, problems) for number, cells in table.rows]
    return parsed, reader


def import_incidents(user, organisation: Organisation, area: AdminArea, path, filename: str,
                     skip_bad_rows: bool = False) -> IncidentImport:
    """Import the incidents of the file at `path`; ImportFileError when the file as a whole is
    unusable. Returns the IncidentImport: status DONE, or REFUSED (nothing written) when a row
    has an error and skip_bad_rows is off."""
    check_area(user, organisation, area)
    filename = Path(filename or str(path)).name[-255:]
    parsed, reader = parse_file(path, filename, area)
    try:
        with transaction.atomic():
            check_area(user, organisation, area)  # again inside the transaction
            refs = {r.case_ref for r in parsed.rows if r.case_ref and not r.bad}
            existing = {}
            chunk = sorted(refs)
            for start in range(0, len(chunk), BATCH):
                existing.update(access.scope(user, Incident.objects.filter(
                    organisation=organisation, case_ref__in=chunk[start:start + BATCH])).values_list(
                    "case_ref", "created_at"))
            parsed.problems += duplicate_problems(parsed.rows, existing, reader)
            parsed.problems.sort(key=lambda p: (p.row, p.level != ERROR))
            bad = parsed.bad_rows
            good = [r for r in parsed.rows if not r.bad]
            record = IncidentImport(organisation=organisation, area=area, created_by=user, file_name=filename,
                                    problems=[p.as_list() for p in parsed.problems])
            if bad and not skip_bad_rows:
                record.status, record.rows, record.skipped = ImportStatus.REFUSED, 0, 0
                record.save()
                return record
            record.rows, record.skipped = len(good), bad
            record.save()
            write_rows(user, organisation, record, good)
    except DatabaseError as exc:
        raise ImportFileError(gettext_noop(
            "The database refused the import (%(reason)s). Nothing was written."), reason=str(exc)[:200]) from exc
    return record


def write_rows(user, organisation, record: IncidentImport, rows) -> None:
    """Incidents (incident_import.Row) and their group links, one executemany (COPY on PostgreSQL)
    per table and batch, with ids reserved up front: the camera importer's writer. The caller
    holds the transaction."""
    ids = allocate_ids(Incident, len(rows))
    now, user_id = timezone.now(), getattr(user, "pk", None)
    values = []
    for pk, r in zip(ids, rows):
        province, district = area_parts(r.area)
        values.append([pk, organisation.pk, r.area, province, district, user_id, now, r.case_ref, r.occurred_at,
                       r.offence, r.place, r.lat, r.lon, record.pk])
    insert_rows(Incident, INCIDENT_COLUMNS, values)
    group_ids = dict(CrimeGroup.objects.values_list("number", "pk"))
    links = [[pk, group_ids[n]] for pk, r in zip(ids, rows) for n in sorted(r.groups)]
    insert_rows(Incident.groups.through, ["incident_id", "crimegroup_id"], links)


def undo_import(user, record: IncidentImport) -> int:
    """Delete the incidents an import wrote; the import stays on record as undone."""
    with transaction.atomic():
        record = IncidentImport.objects.select_for_update().get(pk=record.pk)
        access.check_write(user, record)
        if record.status != ImportStatus.DONE:
            raise PermissionDenied
        Incident.groups.through.objects.filter(incident__source=record).delete()
        _total, per_model = Incident.objects.filter(source=record).delete()
        deleted = per_model.get(Incident._meta.label, 0)
        record.status, record.undone_at, record.undone_by = ImportStatus.UNDONE, timezone.now(), user
        record.save(update_fields=["status", "undone_at", "undone_by"])
    return deleted
