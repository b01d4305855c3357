"""The sparse coverage matrix against a dense brute force, the merge of identical demand rows,
and the refusals a planner sees (too large a candidate set, inconsistent candidates)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from safetyzone.geo import coverage
from safetyzone.geo.coverage import (
    BYTES_PER_PAIR,
    Options,
    PlacementError,
    coverage_matrix,
    estimate_pairs,
    merge_identical_rows,
)
from safetyzone.geo.fov import sector_covers


def instance(seed, n_demand, n_sites, integer=False):
    """Demand points and sites in a 200 m square; each site offers 1-3 options (orientations,
    camera types) with their own bearing, opening and range."""
    rng = np.random.default_rng(seed)
    draw = (lambda n: rng.integers(0, 200, n).astype(float)) if integer else (lambda n: rng.uniform(0, 200, n))
    dx, dy = draw(n_demand), draw(n_demand)
    sx, sy = draw(n_sites), draw(n_sites)
    per_site = rng.integers(1, 4, n_sites)
    site = np.repeat(np.arange(n_sites) * 7 + 3, per_site)  # ids need not be 0..n-1
    n = len(site)
    options = Options.of(
        site, np.repeat(sx, per_site), np.repeat(sy, per_site),
        rng.uniform(0, 360, n), rng.choice([30.0, 60.0, 90.0, 120.0, 360.0], n),
        rng.choice([10.0, 25.0, 40.0, 80.0], n), rng.integers(1, 5, n) * 10_000.0)
    return dx, dy, options


def brute_force(dx, dy, o: Options):
    return sector_covers(dx[:, None] - o.x[None, :], dy[:, None] - o.y[None, :],
                         o.bearing[None, :], o.fov[None, :], o.rng[None, :])


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_demand=st.integers(1, 120), n_sites=st.integers(1, 25),
       integer=st.booleans())
def test_matrix_equals_dense_brute_force(seed, n_demand, n_sites, integer):
    dx, dy, options = instance(seed, n_demand, n_sites, integer)
    matrix = coverage_matrix(dx, dy, options)
    assert matrix.format == "csr"
    assert matrix.shape == (n_demand, len(options))
    np.testing.assert_array_equal(matrix.toarray(), brute_force(dx, dy, options))


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_demand=st.integers(1, 80), n_sites=st.integers(1, 20))
def test_pair_estimate_bounds_the_pairs_within_range_without_building_them(seed, n_demand, n_sites):
    # Sites of similar ranges are queried together at a radius up to RANGE_STEP larger, so the
    # estimate lies between the pairs within each site's range and those within RANGE_STEP × it.
    dx, dy, options = instance(seed, n_demand, n_sites, integer=True)
    sites, first, inverse = np.unique(options.site, return_index=True, return_inverse=True)
    site_range = np.zeros(len(sites))
    np.maximum.at(site_range, inverse, options.rng)
    dist = np.hypot(dx[:, None] - options.x[first][None, :], dy[:, None] - options.y[first][None, :])
    per_site = np.bincount(inverse)[None, :]
    exact = int(((dist <= site_range[None, :] + 1e-6) * per_site).sum())
    loose = int(((dist <= site_range[None, :] * coverage.RANGE_STEP + 1e-6) * per_site).sum())
    assert exact <= estimate_pairs(dx, dy, options) <= loose
    assert coverage_matrix(dx, dy, options).nnz <= exact


def test_too_large_a_candidate_set_is_refused_with_its_size():
    dx, dy, options = instance(5, 300, 40)
    pairs = estimate_pairs(dx, dy, options)
    assert pairs > 0
    with pytest.raises(PlacementError) as err:
        coverage_matrix(dx, dy, options, max_bytes=pairs * BYTES_PER_PAIR - 1)
    assert err.value.code == "matrix_too_large"
    assert err.value.values["pairs"] == pairs
    assert err.value.values["bytes"] == pairs * BYTES_PER_PAIR
    # at exactly the size it fits, it is built
    assert coverage_matrix(dx, dy, options, max_bytes=pairs * BYTES_PER_PAIR).shape == (300, len(options))


def test_empty_inputs_give_an_empty_matrix_of_the_right_shape():
    _, _, options = instance(1, 1, 3)
    assert coverage_matrix([], [], options).shape == (0, len(options))
    none = Options.of([], [], [], [], [], [], [])
    assert coverage_matrix([1.0, 2.0], [1.0, 2.0], none).shape == (2, 0)


@pytest.mark.parametrize("field, value, code", [
    ("cost", 0.0, "option_cost_invalid"),
    ("cost", np.nan, "option_cost_invalid"),
    ("rng", -5.0, "option_range_invalid"),
    ("x", np.nan, "option_position_missing"),
])
def test_bad_candidate_values_are_refused_with_a_code(field, value, code):
    args = dict(site=[1, 2], x=[0.0, 10.0], y=[0.0, 0.0], bearing=[0.0, 90.0], fov=[90.0, 90.0],
                rng=[30.0, 30.0], cost=[1.0, 1.0])
    args[field] = [args[field][0], value]
    with pytest.raises(PlacementError) as err:
        Options.of(**args)
    assert err.value.code == code
    assert err.value.values["count"] == 1


def test_options_of_one_site_must_stand_at_the_same_place():
    with pytest.raises(PlacementError) as err:
        Options.of([1, 1], [0.0, 5.0], [0.0, 0.0], [0.0, 90.0], [90.0, 90.0], [30.0, 30.0], [1.0, 1.0])
    assert err.value.code == "site_position_mismatch"


def test_demand_without_position_is_refused():
    _, _, options = instance(1, 1, 3)
    with pytest.raises(PlacementError) as err:
        coverage_matrix([0.0, np.nan], [0.0, 1.0], options)
    assert err.value.code == "demand_position_missing"


@pytest.mark.parametrize("colliding", [False, True], ids=["hashed", "every-key-colliding"])
@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_rows=st.integers(1, 60), n_cols=st.integers(1, 6),
       density=st.floats(0.0, 0.8))
def test_merge_groups_exactly_the_rows_with_equal_candidate_sets(colliding, seed, n_rows, n_cols, density):
    # With every row hashed to the same key the merge must still group exactly (its check
    # catches the collision and falls back to comparing the rows themselves).
    saved = coverage._row_keys
    if colliding:
        coverage._row_keys = lambda indices, indptr, n_cols: np.zeros(len(indptr) - 1, dtype=np.uint64)
    try:
        check_merge(seed, n_rows, n_cols, density)
    finally:
        coverage._row_keys = saved


def check_merge(seed, n_rows, n_cols, density):
    rng = np.random.default_rng(seed)
    dense = rng.random((n_rows, n_cols)) < density
    weight = rng.integers(1, 10, n_rows).astype(float)
    merged, merged_weight, group = merge_identical_rows(sparse.csr_matrix(dense), weight)
    m = merged.toarray()
    assert len({row.tobytes() for row in m}) == len(m)  # merged rows are all different
    assert m.any(axis=1).all()  # no all-empty row survives
    for i in range(n_rows):
        if dense[i].any():
            np.testing.assert_array_equal(m[group[i]], dense[i])
        else:
            assert group[i] == -1
    expected = np.zeros(len(m))
    np.add.at(expected, group[group >= 0], weight[group >= 0])
    np.testing.assert_allclose(merged_weight, expected)
    assert merged_weight.sum() == pytest.approx(weight[dense.any(axis=1)].sum())
