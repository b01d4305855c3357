"""Shared by the benchmarks: a separate database per engine, Django set-up, timing, printing.

Benchmarks never touch the deployment's database: SQLite uses a file under /tmp, PostgreSQL
a database of its own (sz_bench on the server named by BENCH_PG, default 127.0.0.1:5432).
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(os.environ.get("BENCH_DIR", "/tmp/sz_bench"))
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def database_url(db: str, name: str = "sz_bench") -> str:
    if db == "sqlite":
        return f"sqlite:///{BENCH_DIR / (name + '.sqlite3')}"
    return f"{PG_SERVER}/{name}"


def create_pg_database(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def setup(db: str, name: str = "sz_bench") -> None:
    """Point Django at the benchmark database of `db` (sqlite|postgres), set up, migrate."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if db == "postgres":
        create_pg_database(name)
    os.environ["DATABASE_URL"] = database_url(db, name)
    os.environ["SAFETYZONE_VAR"] = str(BENCH_DIR / "var")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safetyzone.settings")
    os.environ.setdefault("TASKS_BACKEND", "immediate")
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", "--no-input", verbosity=0)


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summary(samples: list[float]) -> dict:
    return {"p50": percentile(samples, 50), "p95": percentile(samples, 95),
            "mean": statistics.fmean(samples), "n": len(samples)}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def line(label: str, value: str, note: str = "") -> None:
    print(f"  {label:<46} {value:>14}  {note}", flush=True)


def header(title: str) -> None:
    print(f"\n== {title}", flush=True)
