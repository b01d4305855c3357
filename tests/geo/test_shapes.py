"""Zone polygons as a planner draws them: accepted rings, their area, centroid and the points
inside, and the refusals (a bow-tie, swapped coordinates, too few corners)."""

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod, Transformer
from shapely.geometry import Point

from safetyzone.geo.errors import GeoInputError
from safetyzone.geo.fov import to_local_xy
from safetyzone.geo.shapes import MAX_COMMUNITY_KM2, from_local_xy, points_in_polygon, utm_epsg, validate_zone

GEOD = Geod(ellps="WGS84")


def refused(code, ring) -> dict:
    with pytest.raises(GeoInputError) as info:
        validate_zone(ring)
    assert info.value.code == code, info.value
    return info.value.values


def geodesic_square(lat, lon, side_m):
    """Corners of a square walked on the ground: side_m east, north, west (geodesics)."""
    lon1, lat1, _ = GEOD.fwd(lon, lat, 90.0, side_m)
    lon2, lat2, _ = GEOD.fwd(lon1, lat1, 0.0, side_m)
    lon3, lat3, _ = GEOD.fwd(lon, lat, 0.0, side_m)
    return [[lat, lon], [lat1, lon1], [lat2, lon2], [lat3, lon3]]


@pytest.mark.parametrize("lat, lon", [(14.59, 100.45), (17.41, 102.79), (6.87, 101.25), (20.2, 99.9),
                                      (15.0, 101.999)])  # the last straddles the UTM 47/48 border
def test_one_square_kilometre(lat, lon):
    zone = validate_zone(geodesic_square(lat, lon, 1000.0))
    assert zone.area_km2 == pytest.approx(1.0, rel=0.005)
    assert zone.perimeter_m == pytest.approx(4000.0, rel=0.005)
    assert not zone.oversize


def test_a_square_drawn_in_utm_has_its_area():
    to_ll = Transformer.from_crs(32647, 4326, always_xy=True)
    x0, y0 = 656000.0, 1613000.0
    ring = [to_ll.transform(x, y)[::-1] for x, y in [(x0, y0), (x0 + 1500, y0), (x0 + 1500, y0 + 1500), (x0, y0 + 1500)]]
    zone = validate_zone(ring)
    assert zone.area_km2 == pytest.approx(2.25, rel=0.005)
    assert zone.oversize and MAX_COMMUNITY_KM2 == 2.0
    clat, clon = to_ll.transform(x0 + 750, y0 + 750)[::-1]
    assert abs(zone.centroid_lat - clat) < 1e-6 and abs(zone.centroid_lon - clon) < 1e-6  # ~10 cm


def test_closed_open_and_double_clicked_rings_are_the_same_zone():
    ring = geodesic_square(14.59, 100.45, 400.0)
    open_ = validate_zone(ring)
    closed = validate_zone(ring + [ring[0]])
    doubled = validate_zone([ring[0], ring[1], ring[1], ring[2], ring[3], ring[3], ring[0]])
    for zone in (closed, doubled):
        assert len(zone.lat) == 4 and zone.area_km2 == pytest.approx(open_.area_km2, rel=1e-12)
    assert open_.ring() == [[float(a), float(b)] for a, b in ring]


def test_closing_the_ring_or_a_double_click_does_not_move_the_centroid():
    """The centre stored for a zone (and used to centre its maps) is the same whether the drawing
    repeats its first corner or a corner was clicked twice; it was ~150 m off for a closed ring."""
    to_utm = Transformer.from_crs(4326, 32647, always_xy=True)
    to_ll = Transformer.from_crs(32647, 4326, always_xy=True)
    x0, y0 = to_utm.transform(100.45, 14.59)
    corners = [(x0, y0), (x0 + 1200, y0), (x0 + 1200, y0 + 800), (x0 + 300, y0 + 800)]  # a trapezoid
    ring = [list(to_ll.transform(x, y))[::-1] for x, y in corners]
    expected = to_ll.transform(*shapely.Polygon(corners).centroid.coords[0])[::-1]
    for drawn in (ring, ring + [ring[0]], [ring[0], ring[0], ring[1], ring[2], ring[2], ring[3], ring[0]]):
        zone = validate_zone(drawn)
        # within 2 cm on the ground (the local projection against UTM over a kilometre)
        assert abs(zone.centroid_lat - expected[0]) < 2e-7 and abs(zone.centroid_lon - expected[1]) < 2e-7


def test_bow_tie_is_refused_with_the_crossing():
    got = refused("self_intersection", [[14.59, 100.45], [14.60, 100.46], [14.59, 100.46], [14.60, 100.45]])
    assert got["lat"] == pytest.approx(14.595) and got["lon"] == pytest.approx(100.455)


def test_swapped_outside_and_degenerate_rings_are_refused():
    assert refused("coordinates_swapped", [[100.45, 14.59], [100.46, 14.59], [100.46, 14.60]]) == {
        "point": 1, "lat": 100.45, "lon": 14.59}
    got = refused("outside_thailand", [[14.59, 100.45], [14.60, 100.46], [48.85, 2.35]])
    assert got == {"point": 3, "lat": 48.85, "lon": 2.35, "count": 1}
    assert refused("too_few_points", [[14.59, 100.45], [14.60, 100.46], [14.59, 100.45]]) == {"count": 2}
    assert refused("too_few_points", [[14.59, 100.45]]) == {"count": 1}
    refused("too_few_points", [])
    refused("zero_area", [[14.59, 100.45], [14.60, 100.46], [14.61, 100.47]])
    assert refused("coordinate_invalid", [[14.59, 100.45], [float("nan"), 100.46], [14.6, 100.47]])["point"] == 2


def test_points_in_the_zone():
    ring = [[14.59, 100.45], [14.60, 100.45], [14.60, 100.46], [14.595, 100.455], [14.59, 100.46]]  # a notch
    zone = validate_zone(ring)
    rng = np.random.default_rng(3)
    lat = rng.uniform(14.585, 14.605, 2000)
    lon = rng.uniform(100.445, 100.465, 2000)
    lat[0], lon[0] = np.nan, 100.45
    inside = zone.contains(lat, lon)
    expected = [bool(np.isfinite(a)) and zone.polygon.contains(Point(b, a)) for a, b in zip(lat, lon)]
    assert inside.tolist() == expected
    assert 0 < inside.sum() < 2000
    assert not zone.contains([14.595], [100.458])[0]  # inside the notch, so outside the zone
    assert points_in_polygon(zone, [], []).shape == (0,)
    assert points_in_polygon(shapely.box(100.45, 14.59, 100.46, 14.60), [14.595], [100.455]).tolist() == [True]


def test_utm_zone_by_longitude():
    assert utm_epsg(100.5) == 32647 and utm_epsg(102.0) == 32648 and utm_epsg(104.8) == 32648


@settings(max_examples=200, deadline=None)
@given(st.floats(5.6, 20.4), st.floats(97.4, 105.6), st.floats(-5000, 5000), st.floats(-5000, 5000))
def test_from_local_xy_inverts_to_local_xy(lat0, lon0, x, y):
    lat, lon = from_local_xy(x, y, lat0, lon0)
    x2, y2 = to_local_xy(lat, lon, lat0, lon0)
    assert abs(x2 - x) < 1e-6 and abs(y2 - y) < 1e-6


corner = st.tuples(st.floats(14.59, 14.60) | st.sampled_from([14.59, 14.6, float("nan"), 100.45]),
                   st.floats(100.45, 100.46) | st.sampled_from([100.45, 100.46, 14.59]))


@settings(max_examples=300, deadline=None)
@given(st.lists(corner, max_size=8))
def test_any_ring_is_measured_or_refused_with_a_code(ring):
    try:
        zone = validate_zone(ring)
    except GeoInputError as exc:
        assert exc.code in {"too_few_points", "coordinate_invalid", "coordinates_swapped", "outside_thailand",
                            "zero_area", "self_intersection"}
    else:
        assert zone.polygon.is_valid and len(zone.lat) >= 3 and 0 < zone.area_km2 < 2.0
        assert zone.contains([zone.centroid_lat], [zone.centroid_lon]).shape == (1,)
