"""Camera finder at 1,000,000 cameras: p50/p95 of one search, beside a brute-force numpy scan.

    python bench/footage_finder.py --db postgres [--cameras 1000000] [--searches 200] [--explain] [--try-index]

One search is `footage.finder.find_cameras` (access gate, one bounding-box query that also reads
what a hit shows, geo.fov in numpy, the hits as cameras with site and owner), as a system admin and as the investigator of a police
station (scope: the station's district), at incident points near real cameras, radius cycling
over 0 / 30 / 100 / 250 m. Baselines in the same run, with every camera's id, position,
bearing, opening and range already in numpy arrays (the strongest baseline: no database):
- "full scan": geo.fov.coverage over all cameras, then rank the hits (what the finder does,
  without an index);
- "distance-first scan": the squared distance of all cameras first, geo.fov only on those
  within reach.
Target: finder p95 <= 50 ms and >= 20x faster than the scan. --try-index measures everything
again with a partial index on the long-range cameras (created for the run and dropped after).

Data: the shared generator (bench/generate.py), with positions and optics made realistic here
(the generator scatters cameras uniformly over the country, far too thin for a town centre):
each district has a town centre, sites lie around it (normal, sigma 1.5 km) and cameras within
~60 m of their site, so a town holds ~1,000 cameras (~100 per km2 at the centre); bearing
unknown for 12 %, opening by type (fixed 60-110 deg, PTZ and fisheye all round) and unknown for
10 %, range by type (15-60 m fixed, 80-300 m PTZ, 1 % long-range PTZ 500-2,000 m) and unknown
for 15 %, retention 3/7/15/30 days and unknown for 10 %. The database is sz_finder (its own,
kept and reused when it holds the requested count).
"""

import argparse
import math
import os
import random
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

DB_NAME = "sz_finder"
TARGET_P95, TARGET_RATIO = 0.050, 20
RADII = [0, 30, 100, 250]
LAT_BOX, LON_BOX = (6.0, 20.0), (98.0, 105.0)


def realistic(base_rows, seed: int = 7):
    """Wrap generate.camera_rows: cluster positions by district and site, realistic optics."""
    rnd = random.Random(seed)
    towns, sites = {}, {}

    def town(district: str):
        if district not in towns:
            r = random.Random(f"town-{district}")
            towns[district] = (r.uniform(*LAT_BOX), r.uniform(*LON_BOX))
        return towns[district]

    def site_at(site_id: int, district: str):
        if site_id not in sites:
            lat0, lon0 = town(district)
            north, east = rnd.gauss(0, 1500), rnd.gauss(0, 1500)
            sites[site_id] = (lat0 + north / 111_195, lon0 + east / (111_195 * math.cos(math.radians(lat0))))
        return sites[site_id]

    def rows(rng, columns, site_ids, start, areas):
        col = {c: i for i, c in enumerate(columns)}
        for row in base_rows(rng, columns, site_ids, start, areas):
            row = list(row)
            lat, lon = site_at(row[col["site_id"]], row[col["district_id"]])
            lat += rnd.uniform(-60, 60) / 111_195
            lon += rnd.uniform(-60, 60) / (111_195 * math.cos(math.radians(lat)))
            row[col["lat"]] = round(min(max(lat, 5.6), 20.4), 6)
            row[col["lon"]] = round(min(max(lon, 97.4), 105.6), 6)
            kind = row[col["camera_type"]]
            all_round = kind in ("ptz", "fisheye")
            row[col["bearing_deg"]] = None if rnd.random() < 0.12 else rnd.randrange(360)
            row[col["fov_deg"]] = None if rnd.random() < 0.10 else (360 if all_round else rnd.choice((60, 75, 90, 110)))
            if rnd.random() < 0.15:
                reach = None
            elif kind == "ptz":
                reach = rnd.randint(500, 2000) if rnd.random() < 0.1 else rnd.randint(80, 300)
            else:
                reach = rnd.randint(15, 30) if kind == "fisheye" else rnd.randint(20, 60)
            row[col["range_m"]] = reach
            row[col["retention_days"]] = None if rnd.random() < 0.10 else rnd.choice((3, 7, 15, 30))
            yield tuple(row)

    return rows


def ensure_data(db: str, n: int) -> None:
    from django.db import connection

    from safetyzone.cameras.models import Camera

    count = Camera.objects.count()
    if count == n:
        common.line("cameras in the benchmark database", f"{count:,}", f"(reused, {DB_NAME})")
        if db == "postgres":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE cameras_camera")  # planner statistics, as autovacuum keeps them
        return
    if count:
        connection.close()
        if db == "postgres":
            import psycopg

            with psycopg.connect(f"{common.PG_SERVER}/postgres", autocommit=True) as conn:
                conn.execute(f"DROP DATABASE {DB_NAME} WITH (FORCE)")
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(str(common.BENCH_DIR / f"{DB_NAME}.sqlite3") + suffix).unlink(missing_ok=True)
        common.setup(db, DB_NAME)
    import generate

    generate.camera_rows = realistic(generate.camera_rows)
    seconds, info = common.timed(generate.generate, n)
    common.line("generated cameras", f"{n:,}", f"in {seconds:.0f} s ({info['sites']:,} sites)")


def users():
    """(system admin, investigator of the busiest district's police station, that district)."""
    from django.db import connection

    from safetyzone.core.models import Organisation, User

    with connection.cursor() as cursor:
        cursor.execute("SELECT district_id FROM cameras_camera GROUP BY district_id ORDER BY COUNT(*) DESC LIMIT 1")
        district = cursor.fetchone()[0]
    station = Organisation.objects.get(kind="police_station", area_id=district)
    investigator, _ = User.objects.update_or_create(
        username="bench_investigator", defaults={"role": "investigator", "organisation": station})
    admin, _ = User.objects.update_or_create(
        username="bench_admin", defaults={"role": "system_admin", "is_superuser": True, "is_staff": True})
    return admin, investigator, district


def incidents(n: int, district: str | None, seed: int = 3) -> list[tuple[float, float, int]]:
    """n incident points a few metres from random cameras (of `district` when given)."""
    from safetyzone.cameras.models import Camera

    qs = Camera.objects.filter(district_id=district) if district else Camera.objects.all()
    top = qs.order_by("-id").values_list("id", flat=True).first()
    rnd = random.Random(seed)
    points = []
    while len(points) < n:
        row = qs.filter(id__gte=rnd.randrange(top + 1)).order_by("id").values_list("lat", "lon").first()
        if row:
            lat, lon = float(row[0]) + rnd.uniform(-20, 20) / 111_195, float(row[1]) + rnd.uniform(-20, 20) / 111_195
            points.append((lat, lon, RADII[len(points) % len(RADII)]))
    return points


def load_arrays():
    """Every camera's (id, lat, lon, bearing, fov, range) as numpy arrays (not timed)."""
    import numpy as np
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT id, lat, lon, bearing_deg, fov_deg, range_m FROM cameras_camera")
        rows = cursor.fetchall()
    cols = list(zip(*rows))
    as_float = [np.array([math.nan if v is None else float(v) for v in c]) for c in cols[1:]]
    return (np.array(cols[0], dtype=np.int64), *as_float)


def full_scan(arrays, lat, lon, radius):
    import numpy as np

    from safetyzone.geo import fov

    ids, lats, lons, bearings, fovs, ranges = arrays
    east, north = fov.to_local_xy(lats, lons, lat, lon)
    covered, score, _known = fov.coverage(-east, -north, bearings, fovs, ranges, radius=radius)
    picked = np.nonzero(covered)[0]
    dist = np.hypot(east[picked], north[picked])
    return ids[picked[np.lexsort((ids[picked], dist, -score[picked]))]]


def distance_first_scan(arrays, lat, lon, radius):
    import numpy as np

    from safetyzone.geo import fov

    ids, lats, lons, bearings, fovs, ranges = arrays
    east, north = fov.to_local_xy(lats, lons, lat, lon)
    reach = np.where(np.isnan(ranges), fov.DEFAULT_RANGE_M, ranges) + radius
    near = np.nonzero(east * east + north * north <= reach * reach)[0]
    covered, score, _known = fov.coverage(-east[near], -north[near], bearings[near], fovs[near], ranges[near],
                                          radius=radius)
    picked = near[covered]
    dist = np.hypot(east[picked], north[picked])
    s = score[covered]
    return ids[picked[np.lexsort((ids[picked], dist, -s))]]


def measure(user, points, arrays, starts_at, now) -> dict:
    from safetyzone.footage import finder

    def search(p):
        lat, lon, radius = p
        return finder.find_cameras(user, lat=lat, lon=lon, radius_m=radius, starts_at=starts_at,
                                   ends_at=starts_at + timedelta(hours=1), now=now)

    for p in points[:10]:
        search(p)
    times, found = [], []
    for p in points:
        seconds, result = common.timed(search, p)
        times.append(seconds)
        found.append(len(result.available) + len(result.gone))
    # the candidate query alone, in a separate pass (so neither pass warms the other's search)
    boxes = [common.timed(finder.candidates, user, p[0], p[1], float(p[2])) for p in points]
    out = {"finder": common.summary(times), "found": sum(found) / len(found),
           "candidates": sum(len(c[0]) for _t, c in boxes) / len(boxes),
           "query": common.summary([t for t, _c in boxes])}
    if arrays is not None:
        for name, scan in (("full scan", full_scan), ("distance-first scan", distance_first_scan)):
            scan(arrays, *points[0])
            out[name] = common.summary([common.timed(scan, arrays, *p)[0] for p in points])
    return out


def check_same_answer(user, points, arrays, starts_at, now) -> int:
    """The finder (as admin) finds exactly the cameras the full scan finds: returns mismatches."""
    from safetyzone.footage import finder

    bad = 0
    for lat, lon, radius in points[:50]:
        result = finder.find_cameras(user, lat=lat, lon=lon, radius_m=radius, starts_at=starts_at,
                                     ends_at=starts_at + timedelta(hours=1), now=now)
        got = sorted(h.camera.pk for h in result.available + result.gone)
        bad += got != sorted(full_scan(arrays, lat, lon, radius).tolist())
    return bad


def explain(user, point) -> list[str]:
    """The plan of the candidate query as the finder sends it (bound parameters, not inlined)."""
    from django.db import connection

    from safetyzone.footage import finder

    sent = []

    def keep(execute, sql, params, many, context):
        sent.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        finder.candidates(user, point[0], point[1], float(point[2]))
    sql, params = sent[-1]
    with connection.cursor() as cursor:
        prefix = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
        cursor.execute(prefix + sql, params)
        return [" | ".join(str(v) for v in row) for row in cursor.fetchall()]


TRIAL_INDEX = "bench_camera_long_range"


def trial_index(create: bool) -> None:
    """A partial index over the few long-range cameras (the far box's `range_m > NEAR_M`), so
    the far box is read from the index instead of visiting every camera of the town centre.
    Created in the benchmark database only, for the measurement, and dropped afterwards."""
    from django.db import connection

    from safetyzone.footage import finder

    with connection.cursor() as cursor:
        if create:
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {TRIAL_INDEX} ON cameras_camera (lat, lon) "
                           f"WHERE range_m > {finder.NEAR_M}")
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE cameras_camera")
        else:
            cursor.execute(f"DROP INDEX IF EXISTS {TRIAL_INDEX}")


def report(label, user, where, r, scans, args) -> None:
    f = r["finder"]
    common.line(f"{label}: cameras per search (box / found)", f"{r['candidates']:.0f} / {r['found']:.1f}",
                f"scope: {'everything' if where is None else 'district ' + where}")
    q = r["query"]
    common.line(f"{label}: candidate query alone p50", common.ms(q["p50"]), f"p95 {common.ms(q['p95']).strip()}")
    for pct in ("p50", "p95"):
        notes = [f"{name} {common.ms(s[pct]).strip()} = {s[pct] / f[pct]:.1f}x" for name, s in scans.items()]
        verdict = ""
        if pct == "p95":
            ok = f["p95"] <= TARGET_P95 and scans["full scan"]["p95"] / f["p95"] >= TARGET_RATIO
            verdict = "; meets" if ok else "; MISSES"
            verdict += " p95 <= 50 ms and >= 20x the full scan"
        common.line(f"{label}: find_cameras {pct}", common.ms(f[pct]), "; ".join(notes) + verdict)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--cameras", type=int, default=1_000_000)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--explain", action="store_true", help="print the candidate query's plan")
    parser.add_argument("--try-index", action="store_true",
                        help="measure again with a partial index on long-range cameras (created and dropped here)")
    args = parser.parse_args()
    common.header(f"camera finder, {args.cameras:,} cameras, {args.db}")
    common.setup(args.db, DB_NAME)
    ensure_data(args.db, args.cameras)
    from django.utils import timezone

    admin, investigator, district = users()
    now = timezone.now()
    starts_at = now - timedelta(days=5)  # 3-day recorders have overwritten it: some hits are gone
    arrays = load_arrays()
    common.line("cameras in numpy arrays for the baselines", f"{len(arrays[0]):,}")
    runs = [("", False)] + ([("with partial index, ", True)] if args.try_index else [])
    for prefix, index in runs:
        trial_index(index)
        try:
            for label, user, where in (("system admin", admin, None), ("police station", investigator, district)):
                points = incidents(args.searches, where)
                if user is admin and not index:
                    bad = check_same_answer(user, points, arrays, starts_at, now)
                    common.line("admin finds exactly what the full scan finds", f"{50 - bad}/50",
                                "searches" + ("" if not bad else "  MISMATCH"))
                r = measure(user, points, arrays, starts_at, now)  # scans on the same points, same minute
                scans = {k: r[k] for k in ("full scan", "distance-first scan")}
                report(prefix + label, user, where, r, scans, args)
                if args.explain:
                    print("\n".join("      " + row[:160] for row in explain(user, points[0]) if "Buffers" not in row))
        finally:
            trial_index(False)
    os.environ.pop("DATABASE_URL", None)


if __name__ == "__main__":
    main()
