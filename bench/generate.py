"""Fill a benchmark database with N cameras spread over every Thai subdistrict, fast.

PostgreSQL: COPY (psycopg's cursor.copy); SQLite: executemany in big transactions. The
history table is not filled (no list or import reads it). Sites are created in random
order over the country and cameras follow their site, so the cameras of one district are
spread over the whole id range, as when agencies register over the years.
"""

import random
from datetime import date, datetime, timedelta, timezone

from django.db import connection, transaction

CHUNK = 50_000
STATUS = (["working"] * 85) + (["broken"] * 7) + (["under_repair"] * 4) + (["not_working"] * 4)
TYPES = ["bullet"] * 5 + ["dome"] * 3 + ["ptz", "fisheye"]
LINKS = ["centre"] * 5 + ["local"] * 3 + ["none"] * 2


def insert(table: str, columns: list[str], rows) -> None:
    """Bulk-insert tuples: COPY on PostgreSQL, executemany on SQLite."""
    cols = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)


def camera_columns() -> list[str]:
    from safetyzone.cameras.models import Camera

    return [f.column for f in Camera._meta.concrete_fields if not f.primary_key]


def camera_rows(rng: random.Random, columns: list[str], site_ids: list[int], start: int, areas: dict):
    """One camera tuple per entry of `site_ids`, in `camera_columns()` order; `areas` maps a
    site id to its subdistrict code (cameras carry a copy of their site's area)."""
    now = datetime.now(timezone.utc)
    epoch = date(2012, 1, 1)
    for k, site_id in enumerate(site_ids, start=start):
        kind, status = rng.choice(TYPES), rng.choice(STATUS)
        ip = rng.random() < 0.75
        values = {
            "site_id": site_id, "asset_code": f"B{k:07d}", "point": f"จุดที่ {k % 7 + 1}",
            "lat": round(rng.uniform(6.0, 20.0), 6), "lon": round(rng.uniform(98.0, 105.0), 6),
            "sector": "public" if rng.random() < 0.85 else "private", "camera_type": kind,
            "signal": "ip" if ip else "analog", "resolution": "fhd" if ip else "sd",
            "night_vision": True, "fov_deg": 360 if kind == "ptz" else 90,
            "bearing_deg": rng.randrange(360), "range_m": 50, "network_link": rng.choice(LINKS),
            "network_name": "", "recorder": "nvr" if ip else "dvr", "retention_days": rng.choice((3, 7, 15, 30)),
            "playback": True, "status": status, "status_reason": "" if status == "working" else "ชำรุด",
            "installed_on": epoch + timedelta(days=rng.randrange(5000)), "purchase_cost": 9000.0,
            "budget_source": "local", "maintainer": "", "maintenance_budget": None,
            "contact_name": "นายทดสอบ ระบบ", "contact_phone": "080-000-0000", "version": 1,
            "created_at": now, "updated_at": now,
            "area_id": areas[site_id], "province_id": areas[site_id][:2], "district_id": areas[site_id][:4],
        }
        yield tuple(values[c] for c in columns)


def generate(n: int, seed: int = 1) -> dict:
    """Organisations, ~n/4 sites and n cameras; returns {'province': busiest province, ...}."""
    from safetyzone.core.models import AdminArea, Organisation

    columns = camera_columns()
    rng = random.Random(seed)
    subdistricts = list(AdminArea.objects.filter(level="subdistrict").values_list("code", flat=True))
    districts = sorted({c[:4] for c in subdistricts})
    provinces = sorted({c[:2] for c in subdistricts})
    with transaction.atomic():
        Organisation.objects.bulk_create(
            [Organisation(name=f"สำนักงานจังหวัด {p}", kind="provincial_office", province_id=p, area_id=p)
             for p in provinces]
            + [Organisation(name=f"เทศบาล {d}", kind="local_admin", province_id=d[:2], area_id=d) for d in districts]
            + [Organisation(name=f"สถานีตำรวจ {d}", kind="police_station", province_id=d[:2], area_id=d)
               for d in districts], batch_size=2000)
    owners = {(o.kind, o.area_id): o.pk for o in Organisation.objects.all()}
    sites_n = n // 4
    site_areas = [rng.choice(subdistricts) for _ in range(sites_n)]
    site_rows = (
        (owners[("police_station" if rng.random() < 0.1 else "local_admin", a[:4])], f"จุดติดตั้ง {i}", "",
         "road", a, a[:2], a[:4])
        for i, a in enumerate(site_areas))
    with transaction.atomic():
        insert("cameras_site", ["owner_id", "name", "address", "place_type", "area_id", "province_id",
                                "district_id"], site_rows)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM cameras_site ORDER BY id")
        site_ids = [r[0] for r in cursor.fetchall()]
    areas = dict(zip(site_ids, site_areas))
    # n cameras over the sites: 1-7 each, in site order (ids of one district spread over all ids)
    per_camera = []
    for sid in site_ids:
        per_camera.extend([sid] * rng.randint(1, 7))
    per_camera = (per_camera * (n // len(per_camera) + 1))[:n] if len(per_camera) < n else per_camera[:n]
    for start in range(0, n, CHUNK):
        with transaction.atomic():
            insert("cameras_camera", columns,
                   camera_rows(rng, columns, per_camera[start:start + CHUNK], start, areas))
    from safetyzone.cameras import tally

    tally.rebuild()  # COPY went around the registry's writers, which keep the tally
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does shortly after a bulk load
    return {"sites": len(site_ids)}
