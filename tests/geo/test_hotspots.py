"""Hotspots on a grid: cell counts, the quartic kernel density against its direct sum, Getis-Ord
Gi* against the textbook formula computed pair by pair (and PySAL esda's values), and what a
planner sees for an empty, tiny or flat map."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import false_discovery_control

from safetyzone.geo.hotspots import Grid, HotspotError, LocalFrame, bh_adjust, gi_star, hotspot_map, kde

SEEDS = st.integers(0, 2**32 - 1)


def kde_direct(grid, x, y, w, h):
    """Σ over every incident of w · 3/(πh²) · (1 − d²/h²)² at every cell centre, per km²."""
    xc, yc = grid.centres()
    d2 = (xc.ravel()[:, None] - x[None, :]) ** 2 + (yc.ravel()[:, None] - y[None, :]) ** 2
    k = np.where(d2 < h * h, 3 / (math.pi * h * h) * (1 - d2 / (h * h)) ** 2, 0.0)
    return (k @ w * 1e6).reshape(grid.shape)


def gi_direct(values, cell, band, mask):
    """Ord & Getis (1995) Gi* cell by cell over every pair of study-area cells."""
    ny, nx = values.shape
    rows, cols = np.nonzero(mask)
    x = values[rows, cols].astype(float)
    n = len(x)
    if n == 0:
        return np.zeros(values.shape)
    mean = x.mean()
    s = math.sqrt((x**2).mean() - mean**2)
    z = np.zeros(values.shape)
    for i in range(n):
        dist = np.hypot((rows - rows[i]) * cell, (cols - cols[i]) * cell)
        w = (dist <= band * (1 + 1e-9)).astype(float)
        big_w, s1 = w.sum(), (w**2).sum()
        den = s * math.sqrt((n * s1 - big_w**2) / (n - 1)) if n > 1 else 0.0
        z[rows[i], cols[i]] = (w @ x - mean * big_w) / den if den > 1e-9 else 0.0
    return z


def clustered(seed, n_background, n_cluster, centre, spread, side):
    rng = np.random.default_rng(seed)
    x = np.concatenate([rng.uniform(0, side, n_background), rng.normal(centre[0], spread, n_cluster)])
    y = np.concatenate([rng.uniform(0, side, n_background), rng.normal(centre[1], spread, n_cluster)])
    return x, y


# --- grid -------------------------------------------------------------------------------


def test_counts_put_each_incident_in_its_cell_and_leave_out_the_outside_ones():
    grid = Grid.of(0, 0, 100, 3, 2)
    x = [10, 150, 299.9, 100, 300, -1, 50]
    y = [10, 10, 199, 100, 50, 50, 250]  # (100, 100) sits on a corner: the cell north-east of it
    counts = grid.counts(x, y, weights=[1, 2, 1, 1, 1, 1, 1])
    assert counts.tolist() == [[1, 2, 1], [0, 1, 1]]
    assert grid.outside(x, y) == 2  # x = 300 is the outer east edge of the last cell: inside


def test_a_grid_covering_incidents_holds_every_one_and_is_snapped_to_whole_cells():
    x, y = clustered(3, 300, 100, (1234.5, 987.6), 80, 3000)
    grid = Grid.covering(x, y, cell=100, margin=300)
    assert grid.outside(x, y) == 0 and grid.counts(x, y).sum() == 400
    assert grid.x0 % 100 == 0 and grid.y0 % 100 == 0
    assert grid.x0 <= x.min() - 300 and grid.x0 + grid.nx * 100 > x.max() + 300


def test_refusals_name_the_problem_and_the_rows():
    with pytest.raises(HotspotError) as err:
        Grid.of(0, 0, 100, 3, 3).counts([1, float("nan"), 2, 3], [1, 2, float("inf"), 4])
    assert err.value.code == "position_missing" and err.value.values["rows"] == [1, 2]
    with pytest.raises(HotspotError) as err:
        Grid.bounds(0, 0, 1_000_000, 1_000_000, cell=100)  # 100 million cells
    assert err.value.code == "grid_too_large" and err.value.values["cells"] == 10001**2
    with pytest.raises(HotspotError) as err:
        Grid.covering([], [])
    assert err.value.code == "no_points"
    with pytest.raises(HotspotError) as err:
        kde(Grid.of(0, 0, 100, 2, 2), [1, 2], [1, 2], weights=[1, -1])
    assert err.value.code == "weight_invalid" and err.value.values["rows"] == [1]
    for bad in (0, -5, float("nan")):
        with pytest.raises(HotspotError, match="bandwidth_invalid"):
            kde(Grid.of(0, 0, 100, 2, 2), [1], [1], bandwidth=bad)
        with pytest.raises(HotspotError, match="cell_invalid"):
            Grid.of(0, 0, bad, 2, 2)


@given(st.floats(5.6, 20.4), st.floats(97.4, 105.6), st.floats(-5000, 5000), st.floats(-5000, 5000))
def test_local_metres_and_lat_lon_convert_both_ways(lat0, lon0, x, y):
    frame = LocalFrame(lat0, lon0)
    back = frame.xy(*frame.latlon(x, y))
    assert np.allclose(back, (x, y), atol=1e-6)


def test_cell_centres_in_lat_lon_are_100_m_apart():
    frame = LocalFrame.around([13.70, 13.80], [100.45, 100.60])  # Bangkok
    lat, lon = Grid.of(0, 0, 100, 3, 2).centres_latlon(frame)
    assert lat.shape == (2, 3)
    assert lat[1, 0] - lat[0, 0] == pytest.approx(100 / 111_195.08, rel=1e-6)
    assert (lon[0, 1] - lon[0, 0]) * 111_195.08 * math.cos(math.radians(13.75)) == pytest.approx(100, rel=1e-6)
    assert (lat[0, 0], lon[0, 0]) == pytest.approx(frame.latlon(50, 50))


# --- kernel density ---------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(SEEDS, st.integers(0, 80), st.floats(20, 150), st.floats(30, 600), st.booleans())
def test_density_equals_the_direct_sum_at_every_cell(seed, n, cell, bandwidth, weighted):
    rng = np.random.default_rng(seed)
    grid = Grid.of(rng.uniform(-500, 500), rng.uniform(-500, 500), cell, rng.integers(1, 15), rng.integers(1, 15))
    # incidents spill over the grid's edges: those outside still reach the cells near them
    x = rng.uniform(grid.x0 - 700, grid.x0 + grid.nx * cell + 700, n)
    y = rng.uniform(grid.y0 - 700, grid.y0 + grid.ny * cell + 700, n)
    w = rng.uniform(0, 5, n) if weighted else np.ones(n)
    ours = kde(grid, x, y, w if weighted else None, bandwidth)
    direct = kde_direct(grid, x, y, w, bandwidth)
    assert np.allclose(ours, direct, rtol=1e-9, atol=1e-12 * max(direct.max(), 1.0))
    assert (ours >= 0).all()


@settings(max_examples=25, deadline=None)
@given(SEEDS, st.integers(1, 300), st.sampled_from([25.0, 50.0, 100.0]), st.floats(4, 20))
def test_density_integrates_to_the_number_of_incidents_over_a_big_enough_grid(seed, n, cell, cells_per_bandwidth):
    """Summed over cells (the midpoint rule), within 0.2 % when the bandwidth spans 4 cells or more."""
    bandwidth = cells_per_bandwidth * cell
    rng = np.random.default_rng(seed)
    x, y = rng.normal(0, 500, n), rng.normal(0, 500, n)
    grid = Grid.covering(x, y, cell, margin=bandwidth + cell)
    total = kde(grid, x, y, bandwidth=bandwidth).sum() * grid.cell_km2  # incidents per km² × km²
    assert total == pytest.approx(n, rel=2e-3)


def test_density_is_highest_where_incidents_crowd_and_zero_far_from_all():
    x, y = clustered(5, 200, 300, (1500, 1500), 60, 3000)
    grid = Grid.bounds(-1000, -1000, 4000, 4000)
    density = kde(grid, x, y)
    row, col = np.unravel_index(np.argmax(density), grid.shape)
    xc, yc = grid.centres()
    assert math.hypot(xc[row, col] - 1500, yc[row, col] - 1500) < 100
    assert density[0, 0] == 0.0 and not np.isnan(density).any()


# --- Getis-Ord Gi* ----------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(SEEDS, st.integers(1, 9), st.integers(1, 9), st.sampled_from([50.0, 100.0, 250.0]),
       st.floats(0, 4), st.booleans())
def test_gi_star_equals_the_textbook_formula_pair_by_pair(seed, ny, nx, cell, band_cells, masked):
    rng = np.random.default_rng(seed)
    values = rng.poisson(rng.uniform(0.2, 5), (ny, nx)).astype(float)
    values[rng.integers(ny), rng.integers(nx)] += rng.integers(0, 20)
    mask = rng.random((ny, nx)) < 0.8 if masked else np.ones((ny, nx), bool)
    band = band_cells * cell
    gi = gi_star(values, cell, band, mask=mask)
    assert np.allclose(gi.z, gi_direct(values, cell, band, mask), atol=1e-9)
    assert np.isfinite(gi.z).all() and np.isfinite(gi.p).all()
    assert (gi.classes[~mask] == 0).all() and (gi.p[~mask] == 1).all()
    assert gi.cells == mask.sum()


def test_gi_star_equals_pysal_esda():
    """esda 2.9.0 G_Local(counts, DistanceBand(centres, 150, binary=True), transform='B',
    star=True).Zs on this 6 × 5 grid of 100 m cells (computed once with esda, which is not a
    dependency of the project)."""
    counts = np.array([[3, 2, 3, 1, 2, 4], [1, 0, 0, 4, 1, 0], [1, 1, 0, 10, 7, 3], [3, 1, 1, 1, 3, 2],
                       [1, 1, 3, 2, 4, 2]], dtype=float)
    esda_zs = [-0.740221651413, -0.943601161235, -0.729146351864, -0.514691542492, -0.30023673312,
               -0.487873361159, -1.158055970607, -1.703442688294, 0.168472353787, 1.478812883244,
               2.227578900077, 0.772037313738, -1.372510779978, -2.265017200919, -0.393102158837,
               1.291621379036, 2.040387395869, 0.557582504366, -1.158055970607, -1.516251184086,
               -0.018719150421, 2.040387395869, 2.601961908493, 1.629856551224, -0.740221651413,
               -0.729146351864, -0.943601161235, 0.128672885623, 0.128672885623, 0.521519799859]
    gi = gi_star(counts, 100, 150)
    assert np.allclose(gi.z.ravel(), esda_zs, atol=1e-11)
    # two-sided: |z| > 2.576 hot at 99 %, > 1.960 at 95 %; z 1.63 falls just short of 1.645 (90 %)
    assert [gi.classes[3, 4], gi.classes[2, 4], gi.classes[3, 5], gi.classes[2, 1]] == [3, 2, 0, -2]


def test_a_planted_cluster_is_hot_at_its_centre_and_nowhere_far_from_it():
    x, y = clustered(11, 3000, 150, (2000, 1200), 70, 4000)
    result = hotspot_map(x, y, cell=100, band=300, fdr=True)
    xc, yc = result.grid.centres()
    centre = np.unravel_index(np.argmin(np.hypot(xc - 2000, yc - 1200)), result.grid.shape)
    assert result.gi.classes[centre] == 3  # hot spot at 99 % even after the FDR adjustment
    far = np.hypot(xc - 2000, yc - 1200) > 600
    assert not result.gi.hot(0.90)[far].any()


def test_an_empty_patch_in_a_busy_area_is_a_cold_spot():
    rng = np.random.default_rng(2)
    x, y = rng.uniform(0, 3000, 20000), rng.uniform(0, 3000, 20000)
    keep = np.hypot(x - 1500, y - 1500) > 300
    result = hotspot_map(x[keep], y[keep], fdr=True)
    row, col = result.grid.index([1500], [1500])[:2]
    assert result.gi.classes[row[0], col[0]] == -3 and result.gi.cold(0.99)[row[0], col[0]]


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 12), st.integers(1, 12), st.integers(0, 50), st.floats(0, 600), st.booleans())
def test_a_flat_field_has_no_significant_cell(ny, nx, per_cell, band, fdr):
    gi = gi_star(np.full((ny, nx), float(per_cell)), 100, band, fdr=fdr)
    assert (gi.classes == 0).all() and (gi.z == 0).all() and (gi.p == 1).all()


def test_random_incidents_rarely_show_a_hot_or_cold_spot_once_adjusted_for_many_cells():
    """Complete spatial randomness, 100 fields of 2,000 incidents over 2 km × 2 km: with the
    false-discovery-rate adjustment, a hot or cold spot at 95 % shows in at most ~5 % of the
    maps (the rate the 95 % level promises), and without it the share of cells flagged at 90 %
    stays near 10 %."""
    maps_with_any, flagged = 0, []
    for seed in range(100):
        rng = np.random.default_rng(seed)
        x, y = rng.uniform(0, 2000, 2000), rng.uniform(0, 2000, 2000)
        adjusted = hotspot_map(x, y, fdr=True).gi
        maps_with_any += bool((abs(adjusted.classes) >= 2).any())
        raw = hotspot_map(x, y, fdr=False).gi
        flagged.append((raw.classes != 0).sum() / raw.cells)
    assert maps_with_any <= 8
    assert 0.03 < np.mean(flagged) < 0.15


def test_the_adjustment_only_removes_cells_and_never_lowers_a_p_value():
    x, y = clustered(4, 1500, 60, (800, 800), 80, 2000)
    raw = hotspot_map(x, y, fdr=False).gi
    adjusted = hotspot_map(x, y, fdr=True).gi
    assert (adjusted.q >= raw.p - 1e-15).all()
    assert (np.abs(adjusted.classes) <= np.abs(raw.classes)).all()
    assert (np.sign(adjusted.classes) * np.sign(raw.classes) >= 0).all()


def test_no_incidents_one_cell_or_all_in_one_cell_give_plain_answers_without_nan():
    grid = Grid.of(0, 0, 100, 5, 5)
    empty = hotspot_map([], [], grid=grid)
    assert empty.counts.sum() == 0 and (empty.density == 0).all() and (empty.gi.classes == 0).all()
    one_cell = hotspot_map([50, 60], [50, 40], grid=Grid.of(0, 0, 100, 1, 1))
    assert one_cell.counts.tolist() == [[2]] and (one_cell.gi.classes == 0).all() and one_cell.gi.p[0, 0] == 1
    together = hotspot_map([250] * 40, [250] * 40, grid=grid, band=100)
    assert together.counts[2, 2] == 40
    for result in (empty, one_cell, together):
        for array in (result.density, result.gi.z, result.gi.p, result.gi.q):
            assert np.isfinite(array).all()
    assert together.gi.z[2, 2] > 0 and together.gi.z[2, 2] == together.gi.z.max()
    # a band that reaches every cell compares each cell with the whole map: nothing to tell
    everything = gi_star(together.counts, 100, band=1000)
    assert (everything.z == 0).all() and (everything.classes == 0).all()


def test_an_unknown_confidence_level_is_refused():
    gi = gi_star(np.ones((2, 2)), 100, 100)
    with pytest.raises(HotspotError, match="confidence_invalid"):
        gi.hot(0.8)


def test_tiny_weights_are_tested_like_counts_and_a_flat_field_of_fractions_is_flat():
    values = np.zeros((6, 6))
    values[2:4, 2:4] = 5.0
    values[0, 5] = 1.0
    counted = gi_star(values, 100, 150)
    assert np.allclose(gi_star(values * 1e-9, 100, 150).z, counted.z)  # z does not depend on the unit
    flat = gi_star(np.full((7, 5), 0.1), 100, 250)  # 0.1 is not exact in binary: the mean rounds
    assert (flat.z == 0).all() and (flat.classes == 0).all()


@settings(deadline=None)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=300))
def test_the_false_discovery_rate_adjustment_equals_scipys(p):
    p = np.array(p)
    assert np.allclose(bh_adjust(p), false_discovery_control(p, method="bh"), rtol=1e-12, atol=0)
