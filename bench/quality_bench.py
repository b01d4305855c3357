"""Data-quality checks of a 10,000-camera province, beside reading the same rows.

    python bench/quality_bench.py --db sqlite|postgres [--cameras 10000] [--repeat 5]

Builds (fresh, in a database of its own: sz_quality) Ang Thong (15) with 60 agencies whose
cameras cluster around their own centre, a few outliers 30-60 km away, rounded coordinates,
cross-agency twins 2 m apart, the generator's mix of statuses and retention, and two census
rounds. Times `census.quality.selectors.province_report` for the provincial secretariat (load,
every check, the gate) and the findings XLSX export, beside two baselines measured in the same
run: `count(*)` of the province's cameras and a full SELECT of the same columns the checks read.
Issue target: the checks for a 10,000-camera province in under a minute.
"""

import argparse
import os
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

DB_NAME = "sz_quality"
PROVINCE = "15"
BOX = (14.45, 14.85, 100.20, 100.55)  # Ang Thong, roughly
TARGET_S = 60.0


def fresh_database(db: str) -> None:
    if db == "postgres":
        import psycopg

        with psycopg.connect(f"{common.PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(str(common.BENCH_DIR / f"{DB_NAME}.sqlite3") + suffix).unlink(missing_ok=True)


def build(n: int, seed: int = 7):
    """The province: organisations, sites, n cameras, two rounds; returns the secretariat user."""
    from datetime import date

    from django.db import connection, transaction

    import generate
    from safetyzone.core.models import AdminArea, Organisation, User
    from safetyzone.census.models import Round, Submission

    rng = random.Random(seed)
    subdistricts = list(AdminArea.objects.filter(code__startswith=PROVINCE, level="subdistrict")
                        .values_list("code", flat=True))
    office = Organisation.objects.create(name="สำนักงานจังหวัดอ่างทอง", kind="provincial_office",
                                         province_id=PROVINCE, area_id=PROVINCE)
    agencies = Organisation.objects.bulk_create([
        Organisation(name=f"หน่วยงาน {i}", kind="police_station" if i % 6 == 0 else "local_admin",
                     province_id=PROVINCE, area_id=rng.choice(subdistricts)) for i in range(60)])
    centres = {o.pk: (rng.uniform(BOX[0], BOX[1]), rng.uniform(BOX[2], BOX[3])) for o in agencies}
    weights = [rng.paretovariate(1.2) for _ in agencies]  # a few big agencies, many small
    owners = rng.choices([o.pk for o in agencies], weights, k=n // 4)
    site_area = {}
    with transaction.atomic():
        generate.insert("cameras_site", ["owner_id", "name", "address", "place_type", "area_id", "province_id",
                                         "district_id"],
                        [(o, f"จุดติดตั้ง {i}", "", "road", a, a[:2], a[:4])
                         for i, (o, a) in enumerate((o, rng.choice(subdistricts)) for o in owners)])
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, owner_id, area_id FROM cameras_site ORDER BY id")
        sites = cursor.fetchall()
    site_point = {}
    for sid, owner, area in sites:
        site_area[sid] = area
        clat, clon = centres[owner]
        site_point[sid] = (clat + rng.gauss(0, 0.015), clon + rng.gauss(0, 0.015), owner)
    per_camera = [rng.choice(sites)[0] for _ in range(n)]
    columns = generate.camera_columns()
    ilat, ilon, isite = columns.index("lat"), columns.index("lon"), columns.index("site_id")
    twins = n // 50  # the first 2 %: every second camera is another agency's twin of the one before
    owner_of = {sid: owner for sid, owner, _ in sites}
    ia, ip, idis = columns.index("area_id"), columns.index("province_id"), columns.index("district_id")

    def rows():
        prev = None
        for k, row in enumerate(generate.camera_rows(rng, columns, per_camera, 0, site_area)):
            row = list(row)
            lat, lon, owner = site_point[row[isite]]
            lat, lon = lat + rng.gauss(0, 0.0002), lon + rng.gauss(0, 0.0002)
            if k < twins and k % 2:  # 2 m north of the previous camera, on another agency's site
                row[isite] = next(s for s, _, _ in rng.sample(sites, 20) if owner_of[s] != owner_of[prev[isite]])
                row[ia] = site_area[row[isite]]
                row[ip], row[idis] = row[ia][:2], row[ia][:4]
                lat, lon = prev[ilat] + 0.000018, prev[ilon]
            elif k % 200 == 3:  # 0.5 %: far outlier
                lat += rng.choice((-1, 1)) * rng.uniform(0.27, 0.55)
            elif k % 200 == 5:  # 0.5 %: rounded
                lat, lon = round(lat, 2), round(lon, 2)
            row[ilat], row[ilon] = round(min(max(lat, 5.6), 20.4), 6), round(lon, 6)
            prev = row
            yield tuple(row)

    with transaction.atomic():
        generate.insert("cameras_camera", columns, rows())
    user = User.objects.create(username="secretariat15", role="secretariat", organisation=office)
    old = Round.objects.create(province_id=PROVINCE, title="2568", opens_on=date(2025, 11, 1),
                               deadline=date(2025, 12, 1), created_by=user)
    Round.objects.create(province_id=PROVINCE, title="2569", opens_on=date(2026, 11, 1),
                         deadline=date(2026, 12, 1), created_by=user)
    counts = {o: owners.count(o) * 4 for o in centres}
    Submission.objects.bulk_create([Submission(round=old, organisation_id=o, has_cameras=True,
                                               camera_count=int(c * rng.uniform(0.6, 1.1))) for o, c in counts.items()])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return user


def baselines():
    from django.db import connection

    from safetyzone.cameras.models import Camera
    from safetyzone.census.quality.selectors import EXTRA_FIELDS, ROW_FIELDS

    qs = Camera.objects.filter(province_id=PROVINCE).order_by()
    count = lambda: qs.count()  # noqa: E731
    select = lambda: list(qs.values_list(*ROW_FIELDS, *EXTRA_FIELDS))  # noqa: E731
    connection.close()
    return count, select


def best_of(fn, repeat: int) -> tuple[float, list[float], object]:
    samples, result = [], None
    for _ in range(repeat):
        seconds, result = common.timed(fn)
        samples.append(seconds)
    return statistics.median(samples), samples, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--cameras", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    common.header(f"data-quality checks, one province of {args.cameras:,} cameras, {args.db}")
    fresh_database(args.db)
    common.setup(args.db, DB_NAME)
    seconds, user = common.timed(build, args.cameras)
    common.line("generated cameras", f"{args.cameras:,}", f"in {seconds:.1f} s")
    from safetyzone.census.quality.export import findings_xlsx
    from safetyzone.census.quality.selectors import province_report

    count, select = baselines()
    c_s, _, total = best_of(count, args.repeat)
    s_s, _, rows = best_of(select, args.repeat)
    r_s, samples, report = best_of(lambda: province_report(user, PROVINCE), args.repeat)
    x_s, _, _ = best_of(lambda: findings_xlsx(report, report.findings, report.table()), max(1, args.repeat // 2))
    common.line("baseline: count(*) of the province", common.ms(c_s), f"{total:,} cameras")
    common.line("baseline: SELECT of the same rows", common.ms(s_s), f"{len(rows):,} rows")
    verdict = "meets" if r_s < TARGET_S else "MISSES"
    common.line("quality report (load + checks + gate), median", common.ms(r_s),
                f"{r_s / s_s:.1f}x the SELECT, {r_s / c_s:.0f}x count(*); {verdict} the 1-minute target")
    common.line("quality report, all runs", ", ".join(f"{s:.2f}" for s in samples) + " s")
    common.line("findings XLSX export", common.ms(x_s), f"{len(report.findings):,} findings")
    by_code = {}
    for f in report.findings:
        by_code[f.code] = by_code.get(f.code, 0) + 1
    common.line("findings by check", ", ".join(f"{k} {v}" for k, v in sorted(by_code.items())))
    common.line("cross-agency pairs", f"{len(report.pairs):,}", f"load average {os.getloadavg()[0]:.1f}")
    os.environ.pop("DATABASE_URL", None)


if __name__ == "__main__":
    main()
