"""Camera list API at 1,000,000 cameras: p50/p95 of one filtered page, beside its raw SQL.

    python bench/api_list.py --db postgres [--cameras 1000000] [--requests 200]

Each request is GET /api/cameras/?area=<district>&status=working&page_size=50 through
Django's test Client (the full stack: middleware, session auth, access gate, filters,
serializer, access log), rotating over the ten busiest districts of the busiest province.
Users: the provincial secretariat of that province (scope: the whole province) and a system
admin (scope: everything). Baselines measured in the same run: the query the view runs, sent
as raw SQL through a plain cursor, and a `SELECT 1` round trip.
The generated database is kept and reused when it already holds the requested count.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

TARGET_P95 = 0.100  # seconds, on PostgreSQL


def ensure_data(db: str, n: int) -> None:
    from django.db import connection

    from safetyzone.cameras.models import Camera

    count = Camera.objects.count()
    if count == n:
        common.line("cameras in the benchmark database", f"{count:,}", "(reused)")
        return
    if count:
        connection.close()
        if db == "postgres":
            import psycopg

            with psycopg.connect(f"{common.PG_SERVER}/postgres", autocommit=True) as conn:
                conn.execute("DROP DATABASE sz_bench WITH (FORCE)")
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(str(common.BENCH_DIR / "sz_bench.sqlite3") + suffix).unlink(missing_ok=True)
        common.setup(db)
    import generate

    seconds, info = common.timed(generate.generate, n)
    common.line("generated cameras", f"{n:,}", f"in {seconds:.0f} s ({info['sites']:,} sites)")


def users():
    from django.db import connection

    from safetyzone.core.models import Organisation, User

    with connection.cursor() as cursor:
        cursor.execute("SELECT s.province_id FROM cameras_camera c JOIN cameras_site s ON s.id = c.site_id "
                       "GROUP BY s.province_id ORDER BY COUNT(*) DESC LIMIT 1")
        province = cursor.fetchone()[0]
        cursor.execute("SELECT s.district_id FROM cameras_camera c JOIN cameras_site s ON s.id = c.site_id "
                       "WHERE s.province_id = %s GROUP BY s.district_id ORDER BY COUNT(*) DESC LIMIT 10",
                       [province])
        districts = [r[0] for r in cursor.fetchall()]
    office = Organisation.objects.get(kind="provincial_office", province_id=province)
    secretariat, _ = User.objects.update_or_create(
        username="bench_secretariat", defaults={"role": "secretariat", "organisation": office})
    admin, _ = User.objects.update_or_create(
        username="bench_admin", defaults={"role": "system_admin", "is_superuser": True, "is_staff": True})
    return province, districts, {"secretariat": secretariat, "system admin": admin}


QUERIES = {  # the target query, and the same without the status filter
    "area+status": "area={d}&status=working&page_size=50",
    "area only": "area={d}&page_size=50",
}


def view_sql(user, query: str):
    """The SQL and parameters of the page query the list view runs."""
    from django.http import QueryDict

    from safetyzone.cameras.filters import CameraFilter
    from safetyzone.cameras.models import Camera
    from safetyzone.core import access

    qs = access.scope(user, Camera.objects.select_related("site__owner", "site__area").order_by("id"))
    params = QueryDict(query)
    qs = CameraFilter(params, queryset=qs, user=user).qs[:51]
    return qs.query.sql_with_params()


def measure(user, districts: list[str], shape: str, requests: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)

    queries = [QUERIES[shape].format(d=d) for d in districts]

    def get(i):
        response = client.get("/api/cameras/?" + queries[i % len(queries)])
        assert response.status_code == 200, response.content[:300]
        assert response.json()["results"], "empty page"
        return response

    for i in range(10):
        get(i)
    with CaptureQueriesContext(connection) as captured:
        get(0)
    n_queries = len(captured)
    api = [common.timed(get, i)[0] for i in range(requests)]
    statements = [view_sql(user, q) for q in queries]

    def raw(i):
        with connection.cursor() as cursor:
            cursor.execute(*statements[i % len(statements)])
            return cursor.fetchall()

    def ping(_i):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()

    for i in range(10):
        raw(i)
    sql = [common.timed(raw, i)[0] for i in range(requests)]
    one = [common.timed(ping, i)[0] for i in range(requests)]
    return {"api": common.summary(api), "sql": common.summary(sql), "ping": common.summary(one),
            "queries": n_queries}


def explain(user, query: str) -> list[str]:
    from django.db import connection

    sql, params = view_sql(user, query)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [" | ".join(str(v) for v in row) for row in cursor.fetchall()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--cameras", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--explain", action="store_true", help="print the query plan")
    args = parser.parse_args()
    common.header(f"camera list API, {args.cameras:,} cameras, {args.db}")
    common.setup(args.db)
    ensure_data(args.db, args.cameras)
    province, districts, who = users()
    common.line("scope", f"province {province}", f"districts {', '.join(districts[:3])}, ...")
    for (who_label, user), shape in [(w, s) for w in who.items() for s in QUERIES]:
        label = f"{who_label}, {shape}"
        r = measure(user, districts, shape, args.requests)
        api, sql, ping = r["api"], r["sql"], r["ping"]
        common.line(f"{label}: API page p50", common.ms(api["p50"]),
                    f"baseline raw SQL p50 {common.ms(sql['p50']).strip()}, ratio {api['p50'] / sql['p50']:.1f}x")
        verdict = "meets" if api["p95"] <= TARGET_P95 else "MISSES"
        common.line(f"{label}: API page p95", common.ms(api["p95"]),
                    f"baseline raw SQL p95 {common.ms(sql['p95']).strip()}, ratio {api['p95'] / sql['p95']:.1f}x; "
                    f"{verdict} the 100 ms target" + ("" if args.db == "postgres" else " (set for PostgreSQL)"))
        common.line(f"{label}: SELECT 1 round trip p50", common.ms(ping["p50"]),
                    f"API p50 = {api['p50'] / ping['p50']:.0f}x; {r['queries']} queries per request")
        if args.explain:
            plan = explain(user, QUERIES[shape].format(d=districts[0]))
            print("\n".join("      " + row[:160] for row in plan if "Buffers" not in row))
    os.environ.pop("DATABASE_URL", None)


if __name__ == "__main__":
    main()
