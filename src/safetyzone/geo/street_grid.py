"""A plausible demo street network for a town without a road file.

A square of `size_m` around (lat0, lon0): a local street grid with blocks of 80-120 m whose
corners are jittered by a few metres and a few blocks missing (a town is not a chessboard),
one or more straight main roads on grid lines through the middle (one per direction per
~1.5 km), and lanes (soi) branching off the streets: short dead ends, roughly at right angles,
with a bend. Deterministic from `seed` (numpy's default generator).
"""

from __future__ import annotations

import numpy as np

from .roads import Segment
from .shapes import from_local_xy

BLOCK_M = (80.0, 120.0)  # local grid spacing
JITTER_M = 4.0  # corner jitter of the local grid
MISSING_BLOCK = 0.08  # share of local blocks left out
LANES_PER_M = 1 / 70.0  # mean lanes per metre of street (both sides together)
LANE_M = (25.0, 55.0)  # lane length: less than half a block, so lanes do not reach the next street


def _lines(half: float, rng) -> np.ndarray:
    """Positions of grid lines from -half to +half, 80-120 m apart (the drawn gaps scaled by a
    few percent so that they fill the square exactly, without a sliver of a block at its edge)."""
    steps = rng.uniform(*BLOCK_M, max(1, int(round(2 * half / np.mean(BLOCK_M)))))
    return np.concatenate([[-half], -half + np.cumsum(steps * (2 * half / steps.sum()))])


def _main_indices(pos: np.ndarray, size_m: float) -> set[int]:
    """Grid lines that carry a main road: one per ~1.5 km, spread over the middle of the square."""
    count = max(1, int(round(size_m / 1500.0)))
    targets = (np.arange(count) + 0.5) / count * (pos[-1] - pos[0]) + pos[0]
    return {int(np.argmin(np.abs(pos[1:-1] - t))) + 1 for t in targets} if len(pos) > 2 else {0}


def street_grid(lat0: float, lon0: float, size_m: float = 1500.0, seed: int = 0) -> list[Segment]:
    """Street segments (main, local, lane) covering a square of `size_m` metres centred on
    (lat0, lon0). The same arguments always give the same streets."""
    rng = np.random.default_rng(seed)
    half = size_m / 2.0
    xs, ys = _lines(half, rng), _lines(half, rng)
    main_x, main_y = _main_indices(xs, size_m), _main_indices(ys, size_m)
    # Grid corners, jittered except on main roads (which stay straight).
    cx = xs[:, None] + rng.uniform(-JITTER_M, JITTER_M, (len(xs), len(ys)))
    cy = ys[None, :] + rng.uniform(-JITTER_M, JITTER_M, (len(xs), len(ys)))
    for i in main_x:
        cx[i, :] = xs[i]
    for j in main_y:
        cy[:, j] = ys[j]
    cx[[0, -1], :] = xs[[0, -1], None]  # the border streets stay on the square
    cy[:, [0, -1]] = ys[None, [0, -1]]

    streets: list[tuple] = []  # (x, y, class, highway value, name)
    counters = {"main": 0, "local": 0, "lane": 0}

    def add(px, py, cls, highway):
        counters[cls] += 1
        label = {"main": "ถนนสายหลัก {}", "local": "ถนน {}", "lane": "ซอย {}"}[cls].format(counters[cls])
        streets.append((np.asarray(px, float), np.asarray(py, float), cls, highway, label))

    def runs(px, py, is_main):
        """One street along a grid line, broken where blocks are missing (never on main roads)."""
        n = len(px)
        present = np.ones(n - 1, dtype=bool) if is_main else rng.random(n - 1) >= MISSING_BLOCK
        start = None
        for k in range(n):
            if k < n - 1 and present[k]:
                start = k if start is None else start
            elif start is not None:
                yield px[start:k + 1], py[start:k + 1]
                start = None

    for i in range(len(xs)):  # north-south streets
        for px, py in runs(cx[i, :], cy[i, :], i in main_x):
            add(px, py, "main" if i in main_x else "local", "primary" if i in main_x else "residential")
    for j in range(len(ys)):  # east-west streets
        for px, py in runs(cx[:, j], cy[:, j], j in main_y):
            add(px, py, "main" if j in main_y else "local", "secondary" if j in main_y else "residential")

    for px, py, cls, _hw, _name in list(streets):
        for k in range(len(px) - 1):
            _lanes(px[k], py[k], px[k + 1], py[k + 1], half, rng, add)

    out = []
    for px, py, cls, highway, label in streets:
        lat, lon = from_local_xy(px, py, lat0, lon0)
        out.append(Segment(lat, lon, cls, label, highway, len(out) + 1))
    return out


def _lanes(x0, y0, x1, y1, half, rng, add) -> None:
    """Lanes branching off one block from (x0, y0) to (x1, y1), kept inside the square."""
    dx, dy = x1 - x0, y1 - y0
    length = float(np.hypot(dx, dy))
    if length < 30.0:
        return
    ux, uy = dx / length, dy / length
    for _ in range(rng.poisson(length * LANES_PER_M)):
        t = rng.uniform(0.15, 0.85) * length
        side = rng.choice((-1.0, 1.0))
        angle = np.radians(rng.uniform(-12.0, 12.0))
        # perpendicular (-uy, ux) turned by a small angle
        nx = side * (-uy * np.cos(angle) - ux * np.sin(angle))
        ny = side * (ux * np.cos(angle) - uy * np.sin(angle))
        lane = rng.uniform(*LANE_M)
        bend = rng.uniform(0.4, 0.7) * lane
        kink = np.radians(rng.uniform(-25.0, 25.0))
        bx, by = nx * np.cos(kink) + ny * np.sin(kink), -nx * np.sin(kink) + ny * np.cos(kink)
        px = np.array([x0 + ux * t, x0 + ux * t + nx * bend, x0 + ux * t + nx * bend + bx * (lane - bend)])
        py = np.array([y0 + uy * t, y0 + uy * t + ny * bend, y0 + uy * t + ny * bend + by * (lane - bend)])
        if (np.abs(px) <= half).all() and (np.abs(py) <= half).all():
            add(px, py, "lane", "service")
