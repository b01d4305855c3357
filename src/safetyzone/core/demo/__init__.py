"""Deterministic demo data on real places: Ang Thong province and Udon Thani city.

`load_demo` (run by `safetyzone demo`) calls `loader.load(seed)`. The plan is built in
memory from a seeded random generator, so the same seed always gives the same data, then
written with bulk inserts (cameras with a "created" history entry each).
"""

from .loader import DEFAULT_SEED, PASSWORD, USERS, DemoError, build, load

__all__ = ["DEFAULT_SEED", "PASSWORD", "USERS", "DemoError", "build", "load"]
