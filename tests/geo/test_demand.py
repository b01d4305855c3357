"""Demand points sampled along the streets and their weights (road class, risk points,
incidents), candidate poles and their camera options, and what the existing cameras cover."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point

from safetyzone.geo.blindspots import blind_cells, existing_coverage
from safetyzone.geo.candidates import CameraType, candidate_poles, pole_options
from safetyzone.geo.coverage import coverage_matrix
from safetyzone.geo.demand import demand_points, sample_segments, severity_weights
from safetyzone.geo.errors import GeoInputError
from safetyzone.geo.fov import angle_diff, sector_covers, to_local_xy
from safetyzone.geo.placement import optimise
from safetyzone.geo.roads import Segment
from safetyzone.geo.shapes import from_local_xy, validate_zone
from safetyzone.geo.street_grid import street_grid

LAT0, LON0 = 14.59, 100.45


def street(points_xy, cls="local"):
    """A segment from local metres around (LAT0, LON0)."""
    xy = np.asarray(points_xy, dtype=float)
    lat, lon = from_local_xy(xy[:, 0], xy[:, 1], LAT0, LON0)
    return Segment(lat, lon, cls)


polylines = st.lists(
    st.lists(st.tuples(st.floats(-800, 800), st.floats(-800, 800)), min_size=2, max_size=6),
    min_size=1, max_size=5)


@settings(max_examples=150, deadline=None)
@given(polylines, st.floats(2.0, 120.0))
def test_sampling_respects_spacing_and_preserves_length(lines, spacing):
    segments = [street(line) for line in lines]
    s = sample_segments(segments, spacing, origin=(LAT0, LON0))
    for k, line in enumerate(lines):
        geom = LineString(np.column_stack(to_local_xy(segments[k].lat, segments[k].lon, LAT0, LON0)))
        mine = s.segment == k
        if geom.length <= 0.01:
            assert not mine.any()
            continue
        n = int(mine.sum())
        # n · spacing is within one spacing of the street's length, and each point stands for an
        # equal piece whose lengths add up to the street's
        assert geom.length - 1e-6 <= n * spacing < geom.length + spacing + 1e-6
        assert s.length_m[mine].sum() == pytest.approx(geom.length, rel=1e-9, abs=1e-6)
        # points at the middles of n equal pieces along the street, so never more than `spacing`
        # apart along it (shapely walks the line on its own)
        piece = geom.length / n
        assert piece <= spacing + 1e-6
        for j, (x, y) in enumerate(zip(s.x[mine], s.y[mine])):
            assert geom.interpolate((j + 0.5) * piece).distance(Point(x, y)) < 1e-6
        # their lat/lon are their x/y
        x, y = to_local_xy(s.lat[mine], s.lon[mine], LAT0, LON0)
        assert np.allclose(x, s.x[mine], atol=1e-6) and np.allclose(y, s.y[mine], atol=1e-6)


def test_lanes_weigh_more_than_local_streets_and_main_roads():
    segments = [street([(0, 0), (100, 0)], "main"), street([(0, 50), (100, 50)], "local"),
                street([(0, 100), (100, 100)], "lane")]
    d = demand_points(segments, 25.0, origin=(LAT0, LON0))
    per_class = {c: d.weight[d.road_class == i].sum() for i, c in enumerate(("main", "local", "lane"))}
    assert per_class == pytest.approx({"main": 4.0, "local": 8.0, "lane": 12.0})
    assert len(d) == 12 and d.total_weight == pytest.approx(24.0)
    flat = demand_points(segments, 25.0, origin=(LAT0, LON0), class_weights={"lane": 1, "local": 1})
    assert np.allclose(flat.weight, 1.0)
    # a 5 m stub weighs for its 5 m, not like a whole 25 m piece
    stub = demand_points([street([(0, 0), (5, 0)], "lane")], 25.0, origin=(LAT0, LON0))
    assert stub.weight.tolist() == pytest.approx([3.0 * 5 / 25])


def test_risk_points_and_incidents_add_weight_within_their_radius():
    d0 = demand_points([street([(0, 0), (1000, 0)])], 25.0, origin=(LAT0, LON0))
    rlat, rlon = from_local_xy([500.0, 3000.0], [10.0, 0.0], LAT0, LON0)  # the second is far from any street
    ilat, ilon = from_local_xy([100.0, 100.0], [0.0, 0.0], LAT0, LON0)  # two incidents at one place
    d = demand_points([street([(0, 0), (1000, 0)])], 25.0, origin=(LAT0, LON0),
                      risk_lat=rlat, risk_lon=rlon, risk_weight=severity_weights([4, 1]),
                      incident_lat=ilat, incident_lon=ilon)
    extra = d.weight - d0.weight
    near_risk = np.hypot(d.x - 500, d.y - 10) <= 50
    near_incident = np.abs(d.x - 100) <= 50
    assert near_risk.sum() == 4 and near_incident.sum() == 4
    assert np.allclose(extra[near_risk], 8.0) and np.allclose(extra[near_incident], 2.0)
    assert np.allclose(extra[~near_risk & ~near_incident], 0.0)
    assert d.risks_unmatched == 1 and d.incidents_unmatched == 0
    wide = demand_points([street([(0, 0), (1000, 0)])], 25.0, origin=(LAT0, LON0), risk_lat=rlat[:1],
                         risk_lon=rlon[:1], risk_radius_m=200.0)
    assert ((wide.weight - d0.weight) > 0).sum() == 16  # a medium risk by default, 400 m of street


def test_clip_to_a_zone_and_bad_parameters():
    segments = street_grid(LAT0, LON0, 1000, seed=2)
    ring = [from_local_xy(x, y, LAT0, LON0) for x, y in [(-200, -200), (200, -200), (200, 200), (-200, 200)]]
    zone = validate_zone([[float(a), float(b)] for a, b in ring])
    everything = demand_points(segments, origin=(LAT0, LON0))
    clipped = demand_points(segments, origin=(LAT0, LON0), clip=zone)
    inside = (np.abs(everything.x) < 200) & (np.abs(everything.y) < 200)
    assert len(clipped) == inside.sum() and 0 < len(clipped) < len(everything)
    assert np.allclose(np.sort(clipped.weight), np.sort(everything.weight[inside]))
    for kwargs in ({"spacing_m": 0}, {"risk_radius_m": -1}, {"class_weights": {"lane": float("nan")}},
                   {"risk_lat": [LAT0], "risk_lon": [LON0], "risk_weight": [-2.0]}):
        with pytest.raises(GeoInputError) as info:
            demand_points(segments, **kwargs)
        assert info.value.code == "parameter_invalid"
    with pytest.raises(GeoInputError):
        severity_weights([5])


def test_candidate_poles_every_40_m_with_ends_and_no_near_duplicates():
    segments = [street([(0, 0), (200, 0)]), street([(200, 0), (400, 0)]), street([(200, 0), (200, 90)]),
                street([(120, 0.5), (120, 50)], "lane")]
    poles = candidate_poles(segments, origin=(LAT0, LON0))
    xy = np.column_stack([poles.x, poles.y])
    dist = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(dist, np.inf)
    assert dist.min() >= 5.0
    for x, y in [(0, 0), (200, 0), (400, 0), (200, 90), (120, 50)]:  # every street end has a pole
        assert np.hypot(poles.x - x, poles.y - y).min() < 1e-6
    on_main = np.sort(poles.x[np.abs(poles.y) < 1e-6])
    assert np.diff(on_main).max() <= 40.0 + 1e-6
    assert len(poles) == 11 + 3 + 2  # the lane's start is 0.5 m from the street's pole at x=120: merged


def test_pole_options_along_across_and_compass():
    poles = candidate_poles([street([(0, 0), (80, 80)])], origin=(LAT0, LON0))  # a street heading 45°
    types = [CameraType("bullet", 60.0, 40.0, 9000.0), CameraType("fisheye", 360.0, 12.0, 15000.0)]
    cand = pole_options(poles, types, first_site=100)
    n = len(poles)
    assert len(cand) == n * 5
    o = cand.options
    bullet = cand.camera_type == 0
    assert sorted(np.round(o.bearing[bullet & (cand.pole == 0)]).tolist()) == [45.0, 135.0, 225.0, 315.0]
    off = angle_diff(o.bearing[bullet], 45.0)  # along (0, 180) or across (90) the street
    assert np.all(np.min(np.abs(off[:, None] - [0.0, 90.0, 180.0]), axis=1) < 1e-6)
    assert set(o.cost[bullet]) == {9000.0} and set(o.cost[~bullet]) == {15000.0}
    assert set(o.rng[~bullet]) == {12.0} and set(o.fov[~bullet]) == {360.0}
    assert np.array_equal(o.site, cand.pole + 100) and np.all(np.diff(cand.pole) >= 0)
    compass = pole_options(poles, types[:1], "compass")
    assert sorted(set(compass.options.bearing.tolist())) == [0.0, 90.0, 180.0, 270.0]
    with pytest.raises(GeoInputError):
        pole_options(poles, [CameraType("free", 90.0, 30.0, 0.0)])
    with pytest.raises(GeoInputError):
        pole_options(poles, types, "diagonal")


def cameras(d, n, seed):
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(d), n)
    lat = d.lat[pick] + rng.normal(0, 1e-4, n)
    lon = d.lon[pick] + rng.normal(0, 1e-4, n)
    bearing = np.where(rng.random(n) < 0.1, np.nan, rng.uniform(0, 360, n))
    fov = rng.choice([45.0, 90.0, 360.0, np.nan], n)
    rng_m = rng.choice([15.0, 30.0, 60.0, np.nan], n)
    return lat, lon, bearing, fov, rng_m


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_existing_coverage_matches_a_brute_force(seed):
    d = demand_points(street_grid(LAT0, LON0, 800, seed=seed), 20.0, origin=(LAT0, LON0))
    lat, lon, bearing, fov, rng_m = cameras(d, 150, seed)
    lat[3] = np.nan  # a camera without a position
    result = existing_coverage(d, lat, lon, bearing, fov, rng_m)
    cx, cy = to_local_xy(lat, lon, LAT0, LON0)
    dense = sector_covers(d.x[:, None] - cx[None, :], d.y[:, None] - cy[None, :], bearing[None, :], fov[None, :],
                          rng_m[None, :])
    dense[:, 3] = False
    expected = dense.any(axis=1)
    assert np.array_equal(result.covered, expected)
    assert result.cameras == 149
    assert result.share == pytest.approx(d.weight[expected].sum() / d.weight.sum())
    assert 0.05 < result.share < 0.95
    # blind spots: every uncovered point, heaviest first
    assert set(result.blind.tolist()) == set(np.nonzero(~expected)[0].tolist())
    assert np.all(np.diff(d.weight[result.blind]) <= 0)
    # in small chunks, the same answer
    chunked = existing_coverage(d, lat, lon, bearing, fov, rng_m, max_pairs=50)
    assert np.array_equal(chunked.covered, expected)


def test_blind_cells_sum_the_uncovered_weight():
    d = demand_points(street_grid(LAT0, LON0, 800, seed=4), origin=(LAT0, LON0))
    result = existing_coverage(d, *cameras(d, 100, 4))
    cells = blind_cells(d, result.covered, 100.0)
    assert cells.weight.sum() == pytest.approx(d.weight[~result.covered].sum())
    assert cells.points.sum() == (~result.covered).sum()
    assert np.all(np.diff(cells.weight) <= 0)
    cx, cy = to_local_xy(cells.lat, cells.lon, LAT0, LON0)
    assert np.allclose(np.mod(cx, 100.0), 50.0) and np.allclose(np.mod(cy, 100.0), 50.0)
    nobody = existing_coverage(d, [], [], [], [], [])
    assert nobody.share == 0.0 and len(nobody.blind) == len(d)


def test_from_streets_to_a_plan_within_budget():
    """The pieces fit: street grid -> demand -> poles -> options -> coverage matrix -> plan,
    with the existing cameras' coverage fixed."""
    segments = street_grid(LAT0, LON0, 600, seed=5)
    d = demand_points(segments, origin=(LAT0, LON0))
    existing = existing_coverage(d, *cameras(d, 20, 5))
    poles = candidate_poles(segments, origin=d.origin)
    cand = pole_options(poles, [CameraType("bullet", 90.0, 40.0, 8000.0)])
    cover = coverage_matrix(d.x, d.y, cand.options)
    plan = optimise(cover, d.weight, cand.options.cost, cand.options.site, 80_000.0,
                    already_covered=existing.covered)
    assert 0 < len(plan.options) <= 10 and plan.cost <= 80_000.0
    assert len(set(cand.options.site[plan.options].tolist())) == len(plan.options)  # one camera per pole
    newly = np.asarray(cover[:, plan.options].sum(axis=1)).ravel() > 0
    assert plan.covered_weight == pytest.approx(d.weight[newly & ~existing.covered].sum())


def test_segments_without_two_vertices_add_nothing_wherever_they_stand():
    """A street with no vertex or one vertex (a stored row cut short) is skipped: it neither adds
    the whole network's length again (as it did first in the list) nor crashes (last)."""
    streets = [street([(0, 0), (100, 0)]), street([(0, 50), (60, 50)], "lane")]
    empty = Segment(np.zeros(0), np.zeros(0), "local")
    single = street([(10, 10)], "main")
    plain = demand_points(streets, 25.0, origin=(LAT0, LON0))
    for extra in (empty, single):
        for order in ([extra] + streets, streets + [extra], [streets[0], extra, streets[1]]):
            d = demand_points(order, 25.0, origin=(LAT0, LON0))
            assert len(d) == len(plain) == 4 + 3 and d.total_weight == pytest.approx(plain.total_weight)
            assert np.allclose(np.sort(d.x), np.sort(plain.x))
            kept = [order.index(s) for s in streets]  # the segment numbers still point into the list given
            assert set(d.segment.tolist()) == set(kept)
    assert len(demand_points([empty, single], 25.0)) == 0


def test_a_street_with_a_vertex_that_is_not_a_number_is_refused_not_dropped_with_those_after_it():
    good = street([(0, 0), (100, 0)])
    broken = street([(0, 50), (100, 50)])
    broken.lat[1] = np.nan
    with pytest.raises(GeoInputError) as info:
        demand_points([good, broken, good], 25.0, origin=(LAT0, LON0))
    assert info.value.code == "geometry_invalid" and info.value.values["feature"] == 2


def test_a_weight_list_of_the_wrong_length_is_refused_with_a_code():
    with pytest.raises(GeoInputError) as info:
        demand_points([street([(0, 0), (100, 0)])], 25.0, origin=(LAT0, LON0), risk_lat=[LAT0, LAT0],
                      risk_lon=[LON0, LON0], risk_weight=[2.0, 4.0, 6.0])
    assert info.value.code == "shape_mismatch" and info.value.values == {"expected": 2, "got": [3]}
    one_for_all = demand_points([street([(0, 0), (100, 0)])], 25.0, origin=(LAT0, LON0), risk_lat=[LAT0, LAT0],
                                risk_lon=[LON0, LON0], risk_weight=5.0)
    assert one_for_all.total_weight == pytest.approx(8.0 + 2 * 5.0 * 2)  # each risk reaches 2 points


@settings(max_examples=60, deadline=None)
@given(polylines, st.floats(1.0, 60.0), st.floats(0.5, 20.0))
def test_poles_left_out_always_have_a_kept_pole_within_the_separation(lines, every, separation):
    """Thinning, not merging chains: a street sampled every 4 m with a 5 m separation keeps a pole
    every 8 m, not one pole for the whole street."""
    segments = [street(line) for line in lines]
    everything = sample_segments(segments, every, origin=(LAT0, LON0), ends=True)
    poles = candidate_poles(segments, every, origin=(LAT0, LON0), min_separation_m=separation)
    kept = np.column_stack([poles.x, poles.y])
    all_xy = np.column_stack([everything.x, everything.y])
    assert len(kept) > 0 or len(all_xy) == 0
    gap = np.hypot(*(kept[:, None, :] - kept[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(gap, np.inf)
    assert (gap > separation - 1e-6).all()
    if len(all_xy):
        near = np.hypot(*(all_xy[:, None, :] - kept[None, :, :]).transpose(2, 0, 1)).min(axis=1)
        assert near.max() <= separation + 1e-6
    one = candidate_poles([street([(0, 0), (200, 0)])], 4.0, origin=(LAT0, LON0))
    assert len(one) == 26 and np.allclose(np.diff(np.sort(one.x)), 8.0)
