"""Coverage of a city's streets by its cameras: the demo's Udon Thani (~1,470 cameras) over the
demo's generated street grid of central Udon (~5,000 segments, ~4 km square).

    python bench/coverage_city.py --db sqlite|postgres [--runs 5]

Times, as the Udon police station's prevention officer (area 4101), each step of one coverage
run without the cache: reading the segments, risk points, incidents and cameras through the
gate and sampling the demand (`demand_for`), the sector test (`existing_coverage`), and the
whole report (blind-spot squares and map data included); then a cached page answer. Baseline
in the same run: reading the road file's segment rows alone (the least any run could cost).
The database is sz_coverage (its own; the demo is loaded once).
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    common.setup(args.db, "sz_coverage")

    from django.core.cache import cache

    from safetyzone.core import demo
    from safetyzone.core.models import AdminArea, User
    from safetyzone.geo.blindspots import existing_coverage
    from safetyzone.planning import coverage_report as cr
    from safetyzone.planning import demo_roads
    from safetyzone.planning.coverage_selectors import demand_for
    from safetyzone.planning.models import RoadSegment

    if demo_roads.udon_road_file() is None:
        demo.load()
    user = User.objects.get(username="prevention_udon")
    road_file = demo_roads.udon_road_file()
    area = AdminArea.objects.get(code="4101")
    common.header(f"coverage of '{road_file.name}' ({road_file.segment_count} segments), {args.db}")
    samples = {"rows": [], "demand": [], "sectors": [], "report": [], "cached": []}
    for _ in range(args.runs):
        t, _rows = common.timed(lambda: list(RoadSegment.objects.filter(road_file=road_file).values_list(
            "road_class", "name", "coords")))
        samples["rows"].append(t)
        t, d = common.timed(demand_for, user, road_file, area=area)
        samples["demand"].append(t)
        c = d.cameras
        t, result = common.timed(existing_coverage, d.demand, c.lat, c.lon, c.extra["bearing"], c.extra["fov"],
                                 c.extra["range"])
        samples["sectors"].append(t)
        cache.clear()
        t, report = common.timed(cr.coverage_report, user, road_file, area=area)
        samples["report"].append(t)
        t, _ = common.timed(cr.coverage_report, user, road_file, area=area)
        samples["cached"].append(t)
    common.line("demand points / cameras / risk points / incidents",
                f"{report.points} / {report.cameras} / {report.risks} / {report.incidents}")
    common.line("covered share of the weighted demand", f"{report.share:.3f}")
    for key, label in (("rows", "baseline: segment rows read"), ("demand", "demand_for (reads + sampling)"),
                       ("sectors", "existing_coverage (sector test)"), ("report", "whole report, uncached"),
                       ("cached", "whole report, cached")):
        s = common.summary(samples[key])
        common.line(label, common.ms(s["p50"]), f"p95 {common.ms(s['p95'])}")
    base = common.summary(samples["rows"])["p50"]
    common.line("uncached report / baseline", f"{common.summary(samples['report'])['p50'] / base:.1f}x")


if __name__ == "__main__":
    main()
