"""Property tests of the field-of-view geometry the camera finder (and planning) rely on."""

import math

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st

from safetyzone.geo.fov import DEFAULT_RANGE_M, coverage, sector_covers, to_local_xy

bearings = st.floats(0, 359.999)
angles = st.floats(1, 358)  # a directional camera's opening, degrees
ranges = st.floats(1, 2000)
fractions = st.floats(0, 1, allow_subnormal=False)  # a subnormal distance underflows to a point beside the camera
NAN = float("nan")


def toward(bearing_deg: float, distance: float) -> tuple[float, float]:
    """(dx east, dy north) of a point `distance` metres away in direction `bearing_deg`."""
    rad = math.radians(bearing_deg)
    return distance * math.sin(rad), distance * math.cos(rad)


def covers(dx, dy, bearing, fov, rng, radius=0.0) -> bool:
    return bool(sector_covers(dx, dy, bearing, fov, rng, radius))


@given(bearings, st.floats(1, 360), ranges, fractions)
def test_a_point_straight_ahead_within_range_is_covered(bearing, fov, rng, f):
    assert covers(*toward(bearing, f * rng), bearing, fov, rng)


@given(bearings, angles, ranges, st.floats(0.001, 1))
def test_a_point_behind_is_not_covered(bearing, fov, rng, f):
    assert not covers(*toward(bearing + 180, f * rng), bearing, fov, rng)


@given(bearings, angles, ranges, st.floats(0.01, 1), st.sampled_from([-1, 1]))
def test_sector_edges_just_inside_and_just_outside_the_half_angle(bearing, fov, rng, f, side):
    d = max(f * rng, 1.0)
    assume(d <= rng)
    half = fov / 2
    assert covers(*toward(bearing + side * (half - 1e-6), d), bearing, fov, rng)
    assert covers(*toward(bearing + side * half, d), bearing, fov, rng)  # on the edge
    assert not covers(*toward(bearing + side * (half + 1e-6), d), bearing, fov, rng)


@given(bearings, st.floats(1, 360), ranges, st.floats(-0.999, 0.999))
def test_exactly_at_range_is_covered_a_millimetre_beyond_is_not(bearing, fov, rng, f):
    direction = bearing + f * fov / 2
    assert covers(*toward(direction, rng), bearing, fov, rng)
    assert not covers(*toward(direction, rng + 0.001), bearing, fov, rng)


def test_bearings_wrap_at_north():
    # a camera at 350° with a 40° opening sees from 330° to 10°, across north
    for seen in (5, 0, 359, 331, 9.9):
        assert covers(*toward(seen, 20), 350, 40, 50), seen
    for unseen in (11, 329, 90, 180):
        assert not covers(*toward(unseen, 20), 350, 40, 50), unseen
    # and the other way: a camera at 10° sees 355°
    assert covers(*toward(355, 20), 10, 40, 50)
    assert not covers(*toward(349, 20), 10, 40, 50)


@given(bearings, angles, ranges, st.floats(-180, 180), st.floats(0.01, 1), st.integers(-2, 2))
def test_turning_camera_and_target_together_changes_nothing(bearing, fov, rng, off, f, turns):
    # the answer depends on the angle between the bearing and the target only, whichever
    # side of north either lies and however many whole turns the bearing is written with
    assume(abs(abs(off) - fov / 2) > 1e-3)
    expected = abs(off) <= fov / 2
    for shift in (0.0, 37.5, 180.0, 359.0):
        b = bearing + shift + 360 * turns
        assert covers(*toward(b + off, f * rng), b, fov, rng) == expected


@given(st.one_of(bearings, st.just(NAN)), ranges, st.floats(0, 359.999), fractions)
def test_all_round_cameras_see_every_direction_within_range(bearing, rng, direction, f):
    assert covers(*toward(direction, f * rng), bearing, 360, rng)
    assert not covers(*toward(direction, rng * 1.01 + 0.01), bearing, 360, rng)


@given(st.one_of(bearings, st.just(NAN)), st.one_of(angles, st.just(NAN)), ranges, st.floats(0, 359.999), fractions)
def test_unknown_direction_counts_within_range(bearing, fov, rng, direction, f):
    assume(math.isnan(bearing) or math.isnan(fov))
    assert covers(*toward(direction, f * rng), bearing, fov, rng)
    assert not covers(*toward(direction, rng * 1.01 + 0.01), bearing, fov, rng)


@given(st.floats(0, 359.999), fractions)
def test_unknown_range_is_the_default(direction, f):
    assert covers(*toward(direction, f * DEFAULT_RANGE_M), NAN, NAN, NAN)
    assert not covers(*toward(direction, DEFAULT_RANGE_M + 0.001), NAN, NAN, NAN)


@given(bearings, st.floats(1, 180), ranges, st.floats(0.05, 0.95), st.floats(0.5, 200), st.sampled_from([-1, 1]))
def test_a_disc_touching_a_sector_edge_counts(bearing, fov, rng, f, r, side):
    # a disc of radius r whose centre lies r metres outside an edge, beside its middle part
    edge = bearing + side * fov / 2
    ux, uy = toward(edge, 1)
    nx, ny = toward(edge + side * 90, 1)  # the outward normal of that edge
    t = f * rng
    dx, dy = t * ux + r * nx, t * uy + r * ny
    assert not covers(dx, dy, bearing, fov, rng)  # its centre is outside
    assert covers(dx, dy, bearing, fov, rng, radius=r)  # touching
    assert covers(dx, dy, bearing, fov, rng, radius=r * 1.1)
    assert not covers(dx, dy, bearing, fov, rng, radius=r - 0.001)


@given(bearings, st.floats(1, 360), ranges, st.floats(0.5, 500))
def test_a_disc_touching_the_far_arc_counts(bearing, fov, rng, r):
    dx, dy = toward(bearing, rng + r)
    assert covers(dx, dy, bearing, fov, rng, radius=r)
    assert not covers(dx, dy, bearing, fov, rng, radius=r - 0.001)


def test_a_camera_standing_on_the_spot_covers_it():
    assert covers(0, 0, 90, 10, 5)


def test_a_disc_around_the_camera_counts_whatever_it_faces():
    # the camera stands inside the incident area, looking away from its centre
    assert covers(0, 10, 180, 60, 50, radius=12)
    assert not covers(0, 10, 180, 60, 50, radius=0)


@given(st.lists(st.tuples(st.floats(-3000, 3000), st.floats(-3000, 3000), st.one_of(bearings, st.just(NAN)),
                          st.one_of(st.floats(1, 360), st.just(NAN)), st.one_of(ranges, st.just(NAN))),
                min_size=1, max_size=30), st.floats(0, 300))
def test_arrays_give_the_same_answers_as_one_camera_at_a_time(cameras, r):
    dx, dy, b, fov, rng = (np.array(col) for col in zip(*cameras))
    covered, score, known = coverage(dx, dy, b, fov, rng, radius=r)
    assert covered.shape == (len(cameras),)
    for i, cam in enumerate(cameras):
        one = coverage(*cam, radius=r)
        assert (bool(one[0]), float(one[1]), bool(one[2])) == (covered[i], score[i], known[i])
        assert covered[i] == covers(*cam, radius=r)


@given(bearings, angles, ranges, st.floats(-0.99, 0.99), st.floats(0.01, 0.99))
def test_scores_rank_known_above_unknown_and_closer_above_farther(bearing, fov, rng, off, f):
    dx, dy = toward(bearing + off * fov / 2, f * rng)
    covered, score, known = coverage([dx, dx], [dy, dy], [bearing, NAN], [fov, fov], [rng, rng])
    assert covered.all() and known.tolist() == [True, False]
    assert 0.5 <= score[0] <= 1 and 0 <= score[1] < 0.5
    nearer = coverage(*toward(bearing + off * fov / 2, f * rng / 2), bearing, fov, rng)[1]
    assert nearer > score[0]
    centred = coverage(*toward(bearing, f * rng), bearing, fov, rng)[1]
    assert centred >= score[0]
    behind = coverage(*toward(bearing + 180, f * rng), bearing, fov, rng)
    assert not behind[0] and behind[1] == 0


def haversine(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(math.sqrt(a))


@given(st.floats(5.6, 20.4), st.floats(97.4, 105.6), st.floats(-2500, 2500), st.floats(-2500, 2500))
def test_the_local_projection_is_exact_enough_anywhere_in_thailand(lat0, lon0, east, north):
    # Thailand lies between 97° and 106° east, far from the antimeridian: longitudes never
    # wrap, and the local projection agrees with the great-circle distance to 0.05 % (a
    # metre at 2 km) anywhere in the country. Bearings, by contrast, do wrap (tests above).
    lat = lat0 + north / 111_195.0
    lon = lon0 + east / (111_195.0 * math.cos(math.radians(lat0)))
    x, y = to_local_xy(lat, lon, lat0, lon0)
    exact = haversine(lat0, lon0, lat, lon)
    assert abs(math.hypot(float(x), float(y)) - exact) <= 0.0005 * exact + 0.01
