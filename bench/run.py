"""Run the benchmarks: python bench/run.py [--db sqlite|postgres|both] [--only NAME]

Each benchmark prints its figure next to a baseline measured in the same run, and the ratio.
Results and how to read them: docs/benchmarks.md.
"""

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = {"import": "import_bench.py", "api": "api_list.py", "quality": "quality_bench.py",
           "certify": "certify_bench.py", "dashboard": "dashboard_bench.py", "placement": "placement.py"}
BENCHES["finder"] = "footage_finder.py"  # camera finder (footage)
BENCHES["notify"] = "footage_notify.py"  # a 30-camera footage request's notifications queued
BENCHES["stats"] = "footage_stats.py"  # footage statistics at Udon Thani's three-year volume
NO_DB = {"placement"}  # pure geo/ library benchmarks: one run, no database
BENCHES["hotspots"] = "hotspots.py"; NO_DB.add("hotspots")  # kernel density and Gi* on 50,000 cells (pure geo/)


def main() -> int:
    parser = argparse.ArgumentParser(description="SafetyZone benchmarks")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--only", choices=sorted(BENCHES), help="run one benchmark only")
    parser.add_argument("--cameras", type=int, help="cameras in the database (api and dashboard: 1,000,000; "
                                                    "quality and certify: a 10,000-camera province)")
    parser.add_argument("--rows", type=int, help="import benchmark: rows per file (default 100,000)")
    args = parser.parse_args()
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    failed = 0
    for name in [args.only] if args.only else list(BENCHES):
        extra = []
        if name in ("api", "dashboard", "quality", "certify", "finder") and args.cameras:
            extra = ["--cameras", str(args.cameras)]
        if name == "import" and args.rows:
            extra = ["--rows", str(args.rows)]
        for db in dbs[:1] if name in NO_DB else dbs:
            done = subprocess.run([sys.executable, str(HERE / BENCHES[name]), "--db", db, *extra])
            failed += done.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
