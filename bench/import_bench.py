"""Import 100,000 cameras from CSV and from XLSX, against a floor measured in the same run.

    python bench/import_bench.py --db sqlite|postgres [--rows 100000]

The import goes through the real importer, `census.importing.run_import` (parsing, header
mapping, validation, duplicate checks, sites, cameras and their history, all-or-nothing).
The floor is what no importer can beat: reading the same file (csv module / python-calamine)
plus one raw `executemany` of the same rows into the camera table, without any checks.
Target: import time ≤ 2× the floor. Files are generated once into /tmp/sz_bench; the
database is sz_bench_import (PostgreSQL) or /tmp/sz_bench/sz_bench_import.sqlite3.
"""

import argparse
import csv
import random
import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def to_thai(text: str) -> str:
    return text.translate(THAI_DIGITS)

TARGET_RATIO = 2.0
CENTRE = (17.415, 102.787)  # Udon Thani city
AREAS = ["410101", "410102", "410104", "410112", "410118"]
# Thai headers, as an agency's spreadsheet has them (the importer maps them to fields).
HEADERS = ["ชื่อสถานที่ติดตั้ง", "รหัสพื้นที่", "จุดติดตั้ง", "ละติจูด", "ลองจิจูด", "ภาครัฐ/เอกชน", "ชนิดกล้อง",
           "ระบบสัญญาณ", "ความละเอียด", "มุมมองภาพ (องศา)", "ทิศทาง (องศา)", "ระยะ (เมตร)", "การเชื่อมโยง",
           "ศูนย์ที่เชื่อมต่อ", "เครื่องบันทึก", "เก็บภาพย้อนหลัง (วัน)", "เรียกดูย้อนหลัง", "สถานะ",
           "วันที่ติดตั้ง", "ราคา (บาท)", "แหล่งงบประมาณ", "ผู้ดูแล", "ผู้ประสานงาน", "เบอร์โทร", "รหัสครุภัณฑ์"]


def rows(n: int) -> list[list]:
    """n realistic rows for one municipality: 4 points per site, Thai values, Buddhist-era
    dates (one in ten written in Thai digits)."""
    rng = random.Random(n)
    out = []
    for i in range(n):
        site = i // 4
        # sites on a 160 x 160 grid ~44 m apart (6.4 km square); points ~11 m apart on a site,
        # so no two rows fall within the importer's 5 m duplicate distance
        lat = CENTRE[0] + (site % 160 - 80) * 0.0004 + (i % 2) * 0.0001
        lon = CENTRE[1] + (site // 160 % 160 - 80) * 0.0004 + (i % 4 // 2) * 0.0001
        date = f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(2555, 2568)}"
        date = to_thai(date) if i % 10 == 0 else date
        out.append([
            f"แยกถนนโพศรี {site + 1}", AREAS[site % len(AREAS)], f"จุดที่ {i % 4 + 1}", f"{lat:.6f}", f"{lon:.6f}",
            "ภาครัฐ", rng.choice(["กระบอก", "โดม", "PTZ"]), "IP", "2 MP", 90, rng.randrange(360), 60, "เชื่อมโยง",
            "ศูนย์สั่งการเทศบาลนครอุดรธานี", "NVR", rng.choice([7, 15, 30]), "ได้",
            rng.choice(["ใช้งานได้"] * 9 + ["ชำรุด"]), date, 12500, "งบท้องถิ่น", "กองช่าง", "นายทดสอบ ระบบ",
            "080-000-0000", f"IMP-{i:07d}",
        ])
    return out


def write_files(n: int) -> dict[str, Path]:
    paths = {"csv": common.BENCH_DIR / f"import_{n}.csv", "xlsx": common.BENCH_DIR / f"import_{n}.xlsx"}
    if all(p.exists() for p in paths.values()):
        return paths
    data = rows(n)
    with paths["csv"].open("w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow(HEADERS)
        writer.writerows(data)
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("กล้อง CCTV")
    ws.append(HEADERS)
    for row in data:
        ws.append(row)
    wb.save(paths["xlsx"])
    return paths


def read(path: Path) -> list[list]:
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as f:
            return list(csv.reader(f))[1:]
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()[1:]


FLOOR_COLUMNS = ["site_id", "point", "lat", "lon", "sector", "camera_type", "signal", "resolution", "fov_deg",
                 "bearing_deg", "range_m", "network_link", "network_name", "recorder", "retention_days",
                 "playback", "status", "status_reason", "installed_on", "purchase_cost", "budget_source",
                 "maintainer", "maintenance_budget", "contact_name", "contact_phone", "asset_code", "version",
                 "created_at", "updated_at", "night_vision", "area_id", "province_id", "district_id"]


def raw_values(path: Path, site) -> list[tuple]:
    """The file's rows as camera-table tuples, with only the conversions SQL needs (the
    camera's copy of its site's area included: the table requires it)."""
    now = datetime.now(timezone.utc)
    site_id, area = site.pk, (site.area_id, site.province_id, site.district_id)
    values = []
    for r in read(path):
        d, m, y = str(r[18]).split("/")  # int() reads Thai digits too
        values.append((site_id, r[2], r[3], r[4], r[5], r[6], r[7], r[8], int(r[9]), int(r[10]), int(r[11]),
                       r[12], r[13], r[14], int(r[15]), True, r[17], "", f"{int(y) - 543}-{int(m):02d}-{int(d):02d}",
                       r[19], r[20], r[21], None, r[22], r[23], r[24], 1, now, now, None, *area))
    return values


def floor(path: Path, site, method: str = "executemany") -> float:
    """Seconds to read the file and insert its rows into the camera table, unchecked:
    one executemany (the floor), or on PostgreSQL a COPY (a reference: the fastest path)."""
    from django.db import connection, transaction

    from safetyzone.cameras.models import Camera

    table, cols = Camera._meta.db_table, ", ".join(FLOOR_COLUMNS)
    sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(FLOOR_COLUMNS))})"

    def run():
        values = raw_values(path, site)
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor != "postgresql":
                cursor.executemany(sql, values)
                return
            import psycopg

            # Django's psycopg cursors bind on the client; a plain server-binding cursor
            # prepares the INSERT once, which is the faster (so the stricter) floor.
            with psycopg.Cursor(connection.connection) as raw:
                if method == "copy":
                    with raw.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                        for row in values:
                            copy.write_row(row)
                else:
                    raw.executemany(sql, values)

    seconds, _ = common.timed(run)
    _raw_clear(site_id=site.pk)
    return seconds


def _raw_clear(site_id: int | None = None, owner_id: int | None = None) -> None:
    """Delete benchmark rows fast (raw SQL, outside any timing)."""
    from django.db import connection

    from safetyzone.cameras.models import Camera, Site

    cam, hist, site = Camera._meta.db_table, Camera.history.model._meta.db_table, Site._meta.db_table
    with connection.cursor() as cursor:
        if site_id is not None:
            cursor.execute(f"DELETE FROM {cam} WHERE site_id = %s", [site_id])
        if owner_id is not None:
            sites = f"SELECT id FROM {site} WHERE owner_id = %s"
            cursor.execute(f"DELETE FROM {hist} WHERE site_id IN ({sites})", [owner_id])
            cursor.execute(f"DELETE FROM {cam} WHERE site_id IN ({sites})", [owner_id])
            cursor.execute(f"DELETE FROM {site} WHERE owner_id = %s", [owner_id])


def fixtures():
    from safetyzone.cameras.models import Site
    from safetyzone.core.models import Organisation, User

    owner, _ = Organisation.objects.get_or_create(
        name="เทศบาลนครอุดรธานี (bench)", province_id="41",
        defaults={"kind": "local_admin", "area_id": "410101"})
    floor_owner, _ = Organisation.objects.get_or_create(
        name="bench floor", province_id="41", defaults={"kind": "local_admin", "area_id": "410101"})
    user, _ = User.objects.get_or_create(username="bench_importer",
                                         defaults={"role": "editor", "organisation": owner})
    site, _ = Site.objects.get_or_create(owner=floor_owner, name="floor", area_id="410101")
    return owner, user, site


def import_seconds(user, owner, path: Path) -> float:
    from safetyzone.cameras.models import Camera
    from safetyzone.census import importing

    before = Camera.objects.count()
    seconds, result = common.timed(importing.run_import, user, owner, path)
    created = Camera.objects.count() - before
    if created <= 0 or not result.committed:
        problems = "; ".join(f"row {p.row}: {p.message}" for p in result.problems[:5])
        raise SystemExit(f"the importer created {created} cameras from {path.name} "
                         f"({result.counts()}): {problems}")
    return seconds, created


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    common.header(f"import {args.rows:,} cameras, {args.db}")
    common.setup(args.db, "sz_bench_import")
    paths = write_files(args.rows)
    owner, user, site = fixtures()
    _raw_clear(owner_id=owner.pk)
    for fmt, path in paths.items():
        base = floor(path, site)
        common.line(f"{fmt}: floor (read + one raw executemany)", f"{base:8.2f} s")
        if args.db == "postgres":
            copy = floor(path, site, "copy")
            common.line(f"{fmt}: reference (read + COPY)", f"{copy:8.2f} s", f"{base / copy:.1f}x faster than the floor")
        try:
            took, created = import_seconds(user, owner, path)
        except ImportError as exc:
            common.line(f"{fmt}: import", "not available", f"({exc})")
            continue
        _raw_clear(owner_id=owner.pk)
        verdict = "meets" if took <= TARGET_RATIO * base else "MISSES"
        common.line(f"{fmt}: import via run_import", f"{took:8.2f} s",
                    f"{created:,} cameras; ratio to floor {took / base:.1f}x; {verdict} the 2x target")


if __name__ == "__main__":
    main()
