"""Hotspots: kernel density and Getis-Ord Gi* on 50,000 grid cells, pure geo/ library.

    python bench/hotspots.py [--seed 1] [--repeat 5]      (or bench/run.py --only hotspots)

A synthetic town of 25 km × 20 km on 100 m cells (250 × 200 = 50,000 cells) with 20,000
incidents: 30 % spread evenly, 70 % in 40 clusters (normal, σ 80-400 m) of random sizes.
Ours: `hotspots.kde` (quartic kernel, exact sum over each incident's window of cells) and
`hotspots.gi_star` (neighbour sums by cumulative row sums over the band's disc, FDR adjusted), each
timed warm: the median of `--repeat` runs after one warm-up. Lines for h = band = 300 m (the
defaults) and 1,000 m (a wider look, 8× more cells per incident).
Baselines measured in the same run:
- KDE direct: every incident at every cell (numpy, one cell at a time over all incidents),
  timed on a sample of cells and extrapolated to all 50,000; the sampled values are compared
  with ours (max relative difference).
- KDE by convolution: scipy.ndimage.convolve of the binned counts with the kernel sampled on
  the grid (incidents snapped to cell centres: fast but approximate; its max error printed).
- Gi* direct: a plain Python loop over cells, each summing its neighbours within the band
  (numpy over the cell's disc), timed on a sample and extrapolated; values compared with ours.
Also timed once: Gi* with randomisation p-values (199 shuffles), the option for sparse maps.
Target (issue 5): Gi* and KDE on 50,000 cells each under 5 s warm.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src")]

from safetyzone.geo.hotspots import Grid, band_footprint, gi_star, kde  # noqa: E402

NX, NY, CELL = 250, 200, 100.0
N_INCIDENTS = 20_000
SAMPLE_CELLS = 400
PERMUTATIONS = 199


def town(seed: int):
    rng = np.random.default_rng(seed)
    width, height = NX * CELL, NY * CELL
    n_even = int(N_INCIDENTS * 0.3)
    sizes = rng.dirichlet(np.ones(40)) * (N_INCIDENTS - n_even)
    sizes = np.floor(sizes).astype(int)
    sizes[0] += N_INCIDENTS - n_even - sizes.sum()
    centres = rng.uniform([1000, 1000], [width - 1000, height - 1000], (40, 2))
    sigma = rng.uniform(80, 400, 40)
    x = [rng.uniform(0, width, n_even)] + [rng.normal(c[0], s, k) for c, s, k in zip(centres, sigma, sizes)]
    y = [rng.uniform(0, height, n_even)] + [rng.normal(c[1], s, k) for c, s, k in zip(centres, sigma, sizes)]
    return np.concatenate(x), np.concatenate(y)


def warm(fn, repeat: int) -> tuple[float, object]:
    result = fn()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def kde_direct_sample(grid, x, y, h, cells):
    xc, yc = (a.ravel() for a in grid.centres())
    out = np.empty(len(cells))
    start = time.perf_counter()
    for k, i in enumerate(cells):
        d2 = (x - xc[i]) ** 2 + (y - yc[i]) ** 2
        near = d2 < h * h
        out[k] = np.sum((1 - d2[near] / (h * h)) ** 2) * 3 / (math.pi * h * h) * 1e6
    return time.perf_counter() - start, out


def kde_convolution(grid, counts, h):
    from scipy import ndimage

    m = math.ceil(h / grid.cell)
    di, dj = np.mgrid[-m:m + 1, -m:m + 1] * grid.cell
    d2 = di**2 + dj**2
    kernel = np.where(d2 < h * h, (1 - d2 / (h * h)) ** 2, 0.0) * 3 / (math.pi * h * h) * 1e6
    return ndimage.convolve(counts, kernel, mode="constant", cval=0.0)


def gi_direct_sample(counts, band, cells):
    """Gi* cell by cell: a Python loop, each cell's neighbour sum over its disc (numpy)."""
    ny, nx = counts.shape
    disc = band_footprint(CELL, band)
    m = disc.shape[0] // 2
    offs_r, offs_c = (a - m for a in np.nonzero(disc))
    n, mean = counts.size, counts.mean()
    s = counts.std()
    out = np.empty(len(cells))
    start = time.perf_counter()
    for k, i in enumerate(cells):
        r, c = divmod(int(i), nx)
        rr, cc = r + offs_r, c + offs_c
        keep = (rr >= 0) & (rr < ny) & (cc >= 0) & (cc < nx)
        w = keep.sum()
        out[k] = (counts[rr[keep], cc[keep]].sum() - mean * w) / (s * math.sqrt((n * w - w * w) / (n - 1)))
    return time.perf_counter() - start, out


def target(seconds: float) -> str:
    return "target < 5 s: " + ("met" if seconds < 5 else "MISSED")


def line(label: str, value: str, note: str = "") -> None:
    print(f"  {label:<44} {value:>12}  {note}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", help="ignored (bench/run.py passes it to every benchmark)")
    args = parser.parse_args()
    x, y = town(args.seed)
    grid = Grid.of(0.0, 0.0, CELL, NX, NY)
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"\n== Hotspots: {NX} × {NY} = {grid.nx * grid.ny:,} cells of {CELL:.0f} m, {len(x):,} incidents "
          f"(Python {platform.python_version()}, {os.cpu_count()} cores, load average {load})", flush=True)
    t_counts, counts = warm(lambda: grid.counts(x, y), args.repeat)
    line("cell counts", f"{t_counts * 1000:.1f} ms", f"{grid.outside(x, y)} incidents outside the grid")
    sample = np.random.default_rng(args.seed).choice(grid.nx * grid.ny, SAMPLE_CELLS, replace=False)
    for h in (300.0, 1000.0):
        print(f"-- bandwidth = band = {h:.0f} m", flush=True)
        t_kde, density = warm(lambda: kde(grid, x, y, bandwidth=h), args.repeat)
        t_direct, direct = kde_direct_sample(grid, x, y, h, sample)
        t_direct_all = t_direct / SAMPLE_CELLS * grid.nx * grid.ny
        rel = np.max(np.abs(density.ravel()[sample] - direct) / np.maximum(direct, 1e-300))
        line("KDE ours (warm, median)", f"{t_kde:.3f} s", target(t_kde))
        line(f"KDE direct, {SAMPLE_CELLS} cells extrapolated", f"{t_direct_all:.2f} s",
             f"ours {t_direct_all / t_kde:,.0f}× faster; max rel. diff {rel:.1e}")
        t_conv, approx = warm(lambda: kde_convolution(grid, counts, h), args.repeat)
        err = np.max(np.abs(approx - density)) / density.max()
        line("KDE by convolution of binned counts", f"{t_conv:.3f} s",
             f"{t_kde / t_conv:.0f}× faster than ours, but off by up to {err:.1%} of the peak")
        t_gi, gi = warm(lambda: gi_star(counts, CELL, h, fdr=True), args.repeat)
        t_gd, gd = gi_direct_sample(counts, h, sample)
        t_gd_all = t_gd / SAMPLE_CELLS * grid.nx * grid.ny
        diff = np.max(np.abs(gi.z.ravel()[sample] - gd))
        line("Gi* ours, FDR adjusted (warm, median)", f"{t_gi:.3f} s", target(t_gi))
        line(f"Gi* direct loop, {SAMPLE_CELLS} cells extrapolated", f"{t_gd_all:.2f} s",
             f"ours {t_gd_all / t_gi:,.0f}× faster; max |z diff| {diff:.1e}")
        line("Gi* cells hot / cold at 95 %", f"{int(gi.hot(0.95).sum())} / {int(gi.cold(0.95).sum())}",
             f"disc of {int(band_footprint(CELL, h).sum())} cells")
        start = time.perf_counter()
        shuffled = gi_star(counts, CELL, h, fdr=True, permutations=PERMUTATIONS)
        t_perm = time.perf_counter() - start
        line(f"Gi* by {PERMUTATIONS} permutations (one run)", f"{t_perm:.2f} s",
             f"{t_perm / t_gi:,.0f}× the normal approximation; hot / cold at 95 %: "
             f"{int(shuffled.hot(0.95).sum())} / {int(shuffled.cold(0.95).sum())}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line("peak RSS", f"{peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
