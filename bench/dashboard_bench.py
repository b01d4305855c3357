"""Dashboard at 1,000,000 cameras: p50/p95 of the dashboard pages for one province and for the
whole country, beside a plain count(*) over the same table in the same run.

    python bench/dashboard_bench.py --db postgres [--cameras 1000000] [--requests 30]

Each request is a GET through Django's test Client (middleware, session auth, access gate,
aggregates, SVG charts, template). Users: the provincial secretariat of the busiest province
(its default view: the province) and a system admin (the whole country). "cold" saves one
camera of the scope (Camera.save: its status flips, with history and the tally refresh of its
area, timed apart as "edit") before every request, so the request finds no cached aggregate
and runs them in SQL (over the camera tally for these two users: docs/adr/0006); "warm" is
the same request again (aggregates from the cache, keyed by the registry's last change).
Baselines in the same run: `SELECT count(*)` over the camera table, for the province
(`WHERE province_id = ...`) and for the country.
Target: country view p95 <= 300 ms on PostgreSQL.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

TARGET_P95 = 0.300
PAGES = ["overview", "status", "network"]


def count_sql(province: str | None) -> tuple[str, list]:
    if province:
        return "SELECT count(*) FROM cameras_camera WHERE province_id = %s", [province]
    return "SELECT count(*) FROM cameras_camera", []


def edit(province: str | None, i: int) -> float:
    """Save one camera of the scope with its status flipped (as an editor's save does): the
    registry version changes and the tally of its area is refreshed. Returns the seconds."""
    from safetyzone.cameras.models import Camera

    qs = Camera.objects.filter(province_id=province) if province else Camera.objects.all()
    camera = qs.filter(pk__gte=1 + (i * 7919) % 1_000_000).order_by("pk").first() or qs.order_by("pk").first()
    camera.status = "broken" if camera.status == "working" else "working"
    return common.timed(camera.save)[0]


def measure(user, page: str, requests: int, *, cold: bool, province: str | None, edits: list) -> dict:
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(user)
    url = reverse(f"dashboard:{page}")

    def get(_i):
        response = client.get(url)
        assert response.status_code == 200, response.content[:300]
        return response

    get(0)
    samples = []
    for i in range(requests):
        if cold:
            edits.append(edit(province, i))
        samples.append(common.timed(get, i)[0])
    return common.summary(samples)


def baseline(province: str | None, requests: int) -> dict:
    from django.db import connection

    sql, params = count_sql(province)

    def run(_i):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()

    run(0)
    return common.summary([common.timed(run, i)[0] for i in range(requests)])


def explain() -> list[str]:
    """The country aggregate over the cameras (what the tally replaces) and over the tally's
    province totals (what the country view runs)."""
    from django.db import connection

    rows = []
    with connection.cursor() as cursor:
        for sql in ("SELECT province_id, status, network_link, count(status), sum(maintenance_budget), "
                    "sum(purchase_cost), count(maintenance_budget) FROM cameras_camera GROUP BY 1, 2, 3",
                    "SELECT province_id, status, network_link, sum(n), sum(maint), sum(cost), sum(with_maint) "
                    "FROM cameras_cameratally WHERE rollup AND kind = 'c' GROUP BY 1, 2, 3"):
            cursor.execute("EXPLAIN ANALYZE " + sql)
            rows += [sql[:100] + " ..."] + [row[0] for row in cursor.fetchall()]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--cameras", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--explain", action="store_true", help="print the country aggregate's plan")
    args = parser.parse_args()
    common.header(f"dashboard, {args.cameras:,} cameras, {args.db}")
    common.setup(args.db)
    import api_list

    api_list.ensure_data(args.db, args.cameras)
    province, _districts, who = api_list.users()
    common.line("province", province, "secretariat's default view; admin's is the country")
    scopes = [("province", who["secretariat"], province), ("country", who["system admin"], None)]
    for scope, user, prov in scopes:
        base = baseline(prov, args.requests * 3)
        common.line(f"{scope}: plain count(*) p50 / p95", common.ms(base["p50"]), f"p95 {common.ms(base['p95']).strip()}")
        edits: list[float] = []
        for page in PAGES:
            for cold in (True, False):
                r = measure(user, page, args.requests, cold=cold, province=prov, edits=edits)
                label = f"{scope}, {page}, {'cold' if cold else 'warm'}"
                verdict = ""
                if scope == "country":
                    verdict = "; meets" if r["p95"] <= TARGET_P95 else "; MISSES"
                    verdict += " the 300 ms target" + ("" if args.db == "postgres" else " (set for PostgreSQL)")
                common.line(f"{label}: p50", common.ms(r["p50"]),
                            f"{r['p50'] / base['p50']:.1f}x count(*)")
                common.line(f"{label}: p95", common.ms(r["p95"]),
                            f"{r['p95'] / base['p95']:.1f}x count(*){verdict}")
        e = common.summary(edits)
        common.line(f"{scope}: edit before each cold request p50 / p95", common.ms(e["p50"]),
                    f"p95 {common.ms(e['p95']).strip()} (Camera.save with history and tally refresh)")
    if args.explain:
        print("\n".join("      " + row[:150] for row in explain()))
    os.environ.pop("DATABASE_URL", None)


if __name__ == "__main__":
    main()
