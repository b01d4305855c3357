"""Gi* p-values by randomisation, for sparse incidents (a station's year on 100 m cells is well
under one incident per cell, where the normal approximation's tail is too light)."""

import numpy as np

from safetyzone.geo.hotspots import gi_star, hotspot_map


def sparse_field(seed, n=40, side=2000.0):
    rng = np.random.default_rng(seed)
    return rng.uniform(0, side, n), rng.uniform(0, side, n)


def test_sparse_random_incidents_show_no_hot_or_cold_spot_by_randomisation():
    """40 incidents at random over 400 cells, 30 maps: with randomisation p-values and the FDR
    adjustment no map shows a spot at 95 %; the normal approximation shows one in several."""
    by_randomisation, by_normal = 0, 0
    for seed in range(30):
        x, y = sparse_field(seed)
        by_randomisation += bool((abs(hotspot_map(x, y, permutations=199).gi.classes) >= 2).any())
        by_normal += bool((abs(hotspot_map(x, y).gi.classes) >= 2).any())
    assert by_randomisation <= 1
    assert by_normal > by_randomisation


def test_a_small_planted_cluster_among_sparse_incidents_is_still_hot():
    rng = np.random.default_rng(3)
    x = np.concatenate([rng.uniform(0, 2000, 30), rng.normal(1000, 40, 12)])
    y = np.concatenate([rng.uniform(0, 2000, 30), rng.normal(700, 40, 12)])
    result = hotspot_map(x, y, permutations=999, fdr=True)
    row, col, _ = result.grid.index([1000], [700])
    assert result.gi.classes[row[0], col[0]] >= 2  # 95 % after the FDR adjustment
    assert result.gi.p[row[0], col[0]] == 2 / 1000  # no shuffle came near: the smallest p there is
    assert not result.gi.cold(0.90).any()


def test_randomisation_p_values_are_valid_and_repeatable():
    counts = np.random.default_rng(8).poisson(0.3, (15, 20)).astype(float)
    counts[7, 10] += 6
    first = gi_star(counts, 100, 200, permutations=99, seed=5)
    again = gi_star(counts, 100, 200, permutations=99, seed=5)
    assert np.array_equal(first.p, again.p)
    assert ((first.p >= 2 / 100) & (first.p <= 1)).all() and np.isfinite(first.p).all()
    normal = gi_star(counts, 100, 200)
    assert np.array_equal(first.z, normal.z)  # the z-scores are the formula's either way
    assert first.classes[7, 10] > 0


def test_randomisation_of_a_flat_or_empty_map_finds_nothing():
    for values in (np.zeros((6, 6)), np.full((6, 6), 2.0)):
        gi = gi_star(values, 100, 150, permutations=49, fdr=True)
        assert (gi.p == 1).all() and (gi.classes == 0).all()


def test_randomisation_over_an_empty_or_one_cell_study_area_finds_nothing_instead_of_failing():
    """A station's own area may miss the grid altogether (an empty mask) or touch one cell."""
    counts = np.random.default_rng(1).poisson(1.0, (5, 5)).astype(float)
    for cells in (0, 1):
        mask = np.zeros((5, 5), bool)
        mask[2, 2:2 + cells] = True
        gi = gi_star(counts, 100, 150, mask=mask, permutations=49, fdr=True)
        assert gi.cells == cells and (gi.p == 1).all() and (gi.classes == 0).all()
    empty = gi_star(np.zeros((0, 0)), 100, 150, permutations=9)
    assert empty.z.shape == (0, 0)


def test_resampled_p_values_call_no_spot_on_sparse_random_maps_and_match_many_shuffles():
    """The exact resampling tail (no floor on p): on the 30 sparse random maps, no spot at 95 %
    after FDR where the normal approximation shows several; close to 9,999 shuffles' p."""
    by_normal, by_resampling = 0, 0
    for seed in range(30):
        x, y = sparse_field(seed)
        by_resampling += bool((abs(hotspot_map(x, y, resampled=True).gi.classes) >= 2).any())
        by_normal += bool((abs(hotspot_map(x, y).gi.classes) >= 2).any())
    assert by_resampling <= 1 and by_normal >= 2
    counts = np.random.default_rng(8).poisson(0.3, (15, 20)).astype(float)
    counts[7, 10] += 6
    exact, shuffled = gi_star(counts, 100, 200, resampled=True), gi_star(counts, 100, 200, permutations=9999)
    assert np.abs(exact.p - shuffled.p).max() < 0.05 and exact.classes[7, 10] > 0
