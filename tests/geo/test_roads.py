"""Road files a planner loads (GeoJSON, OpenStreetMap .osm and .pbf) and the demo street grid:
what is read, how roads are classed, and the refusals a planner sees for a wrong file."""

import io
import json
import math
from pathlib import Path

import numpy as np
import osmium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safetyzone.geo.errors import GeoInputError
from safetyzone.geo.fov import to_local_xy
from safetyzone.geo.roads import read_roads, road_class, roads_geojson
from safetyzone.geo.street_grid import street_grid

DATA = Path(__file__).parent / "data"


def refused(code, source, **kwargs) -> dict:
    with pytest.raises(GeoInputError) as info:
        read_roads(source, **kwargs)
    assert info.value.code == code, info.value
    return info.value.values


def geojson(features, crs=None) -> bytes:
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": {"type": "LineString", "coordinates": coords}}
        for props, coords in features]}
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(doc).encode()


@pytest.mark.parametrize("value, expected", [
    ("motorway", "main"), ("trunk_link", "main"), ("primary", "main"), ("secondary_link", "main"),
    ("tertiary", "local"), ("residential", "local"), ("unclassified", "local"), ("living_street", "local"),
    ("service", "lane"), ("alley", "lane"), ("track", "lane"), ("path", "lane"), ("footway", "lane"),
    ("pedestrian", "lane"), ("steps", "lane"), ("cycleway", "lane"),
    ("something_new", "local"), ("", "local"), ("LANE", "lane"), ("construction", None), ("proposed", None),
])
def test_road_classes(value, expected):
    assert road_class(value) == expected


def test_osm_xml_ways_with_their_classes_and_names():
    roads = read_roads(DATA / "small.osm")
    assert roads.format == "osm"
    by_id = {s.ref: s for s in roads.segments}
    assert set(by_id) == {101, 102, 103, 104, 105, 108}  # no building, no road under construction
    assert [(by_id[i].road_class, by_id[i].name) for i in (101, 102, 103, 104, 105)] == [
        ("main", "ถนนโพธิ์พระยา-ท่าเรือ"), ("local", "ถนนเทศบาล 3"), ("lane", "ซอย 5"), ("main", ""), ("lane", "")]
    assert by_id[108].road_class == "local"  # an unknown highway value counts as a local street
    assert list(by_id[102].lat) == [14.59, 14.591, 14.592]
    assert list(by_id[101].lon) == [100.45, 100.452, 100.454]
    # way 108's third node is not in the extract: the way keeps the two it has, and says so
    assert len(by_id[108].lat) == 2
    assert roads.skipped == {"not_a_road": 1, "nodes_missing": 1}


def write_pbf(path, ways):
    """A .pbf written with pyosmium's own writer: `ways` maps id -> (tags, [(lat, lon), ...])."""
    writer = osmium.SimpleWriter(str(path))
    node_id = 0
    nodes = []
    for way_id, (tags, points) in ways.items():
        refs = []
        for lat, lon in points:
            node_id += 1
            writer.add_node(osmium.osm.mutable.Node(id=node_id, location=(lon, lat)))
            refs.append(node_id)
        nodes.append((way_id, refs, tags))
    for way_id, refs, tags in nodes:
        writer.add_way(osmium.osm.mutable.Way(id=way_id, nodes=refs, tags=tags))
    writer.close()


def test_pbf_from_a_path_and_from_bytes(tmp_path):
    path = tmp_path / "town.pbf"
    write_pbf(path, {
        7: ({"highway": "primary", "name": "ถนนมิตรภาพ"}, [(17.41, 102.78), (17.42, 102.79)]),
        8: ({"highway": "footway"}, [(17.415, 102.785), (17.416, 102.785), (17.417, 102.786)]),
        9: ({"waterway": "canal"}, [(17.41, 102.78), (17.40, 102.77)]),
    })
    for source in (path, path.read_bytes(), io.BytesIO(path.read_bytes())):  # a path, bytes, an upload
        roads = read_roads(source)
        assert roads.format == "pbf"
        assert [(s.ref, s.road_class, s.name, len(s.lat)) for s in roads.segments] == [
            (7, "main", "ถนนมิตรภาพ", 2), (8, "lane", "", 3)]
        assert roads.segments[1].lat[2] == pytest.approx(17.417) and roads.segments[1].lon[2] == pytest.approx(102.786)


def test_corrupt_pbf_is_refused(tmp_path):
    path = tmp_path / "town.pbf"
    write_pbf(path, {7: ({"highway": "primary"}, [(17.41, 102.78), (17.42, 102.79)])})
    data = path.read_bytes()
    broken = bytearray(data)
    broken[30:60] = b"\xff" * 30  # damage inside the first block
    assert "reason" in refused("file_unreadable", bytes(broken))
    refused("file_unreadable", data[: len(data) // 2])  # cut off during the upload
    refused("file_unreadable", b"not a pbf at all", name="roads.pbf")


def test_broken_files_and_unknown_formats_are_refused():
    refused("file_unreadable", b'<osm version="0.6"><node id="1" lat="14" lon="100" version="1"/><way id="2"')
    assert "line" in refused("file_unreadable", b'{"type": "FeatureCollection", "features": [')["reason"]
    refused("format_unknown", b"\x00\x01binary", name="roads.shp")
    refused("file_unreadable", Path("/nonexistent/roads.geojson"))


def test_geojson_classes_names_multilines_and_what_is_ignored():
    roads = read_roads(DATA / "roads_wgs84.geojson")
    assert roads.format == "geojson" and roads.crs is None
    got = [(s.ref, s.road_class, s.name, len(s.lat)) for s in roads.segments]
    assert got == [(1, "main", "ถนนอุดรดุษฎี", 3), (2, "lane", "ซอยศรีสุข", 2), (3, "local", "", 2),
                   (3, "local", "", 2), (4, "local", "", 2), (7, "local", "", 2)]
    assert roads.segments[0].lat[0] == 17.414 and roads.segments[0].lon[0] == 102.787  # (lon, lat) order
    assert roads.skipped == {"not_a_line": 1, "not_a_road": 1}


def test_utm_geojson_with_a_crs_is_converted():
    from tests.geo.data.make_utm_fixture import LATLON

    roads = read_roads(DATA / "roads_utm47.geojson")
    assert roads.crs == "EPSG:32647"
    assert [s.name for s in roads.segments] == list(LATLON)
    assert [s.road_class for s in roads.segments] == ["local", "lane", "main"]
    for seg, points in zip(roads.segments, LATLON.values()):
        expected = np.array(points)
        assert np.abs(seg.lat - expected[:, 0]).max() < 1e-7  # about a centimetre
        assert np.abs(seg.lon - expected[:, 1]).max() < 1e-7


def test_web_mercator_geojson_is_converted():
    r = 6378137.0  # EPSG:3857's sphere: x = R·λ, y = R·ln tan(π/4 + φ/2)
    points = [(13.7563, 100.5018), (13.7570, 100.5030)]
    coords = [[r * math.radians(lon), r * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))]
              for lat, lon in points]
    roads = read_roads(geojson([({"highway": "primary"}, coords)], crs="EPSG:3857"))
    assert np.allclose(roads.segments[0].lat, [p[0] for p in points], atol=1e-9)
    assert np.allclose(roads.segments[0].lon, [p[1] for p in points], atol=1e-9)


def test_wrong_projections_are_refused_saying_why():
    utm = [[656732.5, 1613436.1], [656839.6, 1613547.4]]
    got = refused("coordinates_in_metres", geojson([({}, [[100.45, 14.59], [100.46, 14.6]]), ({}, utm)]))
    assert got == {"feature": 2, "x": 656732.5, "y": 1613436.1}
    got = refused("crs_mismatch", geojson([({}, [[100.45, 14.59], [100.46, 14.6]])], crs="EPSG:32647"))
    assert got["crs"] == "EPSG:32647"
    refused("crs_unknown", geojson([({}, utm)], crs="EPSG:999999"))
    # UTM 47N coordinates declared as 48N land in the sea east of Vietnam
    assert refused("outside_thailand", geojson([({}, utm)], crs="EPSG:32648"))["count"] == 2


def test_swapped_coordinates_are_refused():
    swapped = geojson([({"highway": "residential"}, [[14.59, 100.45], [14.60, 100.46]]),
                       ({"highway": "residential"}, [[14.60, 100.46], [14.61, 100.46]])])
    assert refused("coordinates_swapped", swapped) == {"feature": 1, "lat": 100.45, "lon": 14.59}


def test_outside_thailand_refused_but_a_border_road_or_two_dropped():
    paris = geojson([({}, [[2.35, 48.85], [2.36, 48.86]])])
    assert refused("outside_thailand", paris)["count"] == 2
    # an extract around Nong Khai holds a Lao road beyond the box: dropped and counted
    lines = [({}, [[102.74, 17.87], [102.75, 17.88]]), ({}, [[102.75, 17.88], [102.76, 17.88]]),
             ({}, [[105.80, 17.90], [105.81, 17.91]])]
    roads = read_roads(geojson(lines))
    assert len(roads.segments) == 2 and roads.skipped == {"outside_thailand": 1}


def test_too_large_and_empty_files_are_refused():
    lines = [({}, [[100.45 + i * 1e-4, 14.59], [100.45 + i * 1e-4, 14.6]]) for i in range(6)]
    assert refused("too_large", geojson(lines), max_vertices=10) == {"vertices": 12, "limit": 10}
    assert len(read_roads(geojson(lines), max_vertices=12).segments) == 6
    points = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [100.45, 14.59]}}]}
    assert refused("no_roads", json.dumps(points).encode())["ignored"] == {"not_a_line": 1}
    refused("no_roads", b'<?xml version="1.0"?><osm version="0.6"></osm>')
    got = refused("geometry_invalid", geojson([({}, [[100.45, 14.59], ["x", 14.6]])]))
    assert got["feature"] == 1


def local_xy(seg, lat0, lon0):
    return to_local_xy(seg.lat, seg.lon, lat0, lon0)


def test_street_grid_is_deterministic_and_plausible():
    lat0, lon0 = 14.59, 100.45
    streets = street_grid(lat0, lon0, 1500, seed=7)
    again = street_grid(lat0, lon0, 1500, seed=7)
    assert len(streets) == len(again)
    assert all(np.array_equal(a.lat, b.lat) and np.array_equal(a.lon, b.lon) for a, b in zip(streets, again))
    other = street_grid(lat0, lon0, 1500, seed=8)
    assert len(other) != len(streets) or any(not np.array_equal(a.lat, b.lat) for a, b in zip(streets, other))
    classes = [s.road_class for s in streets]
    assert classes.count("main") >= 2 and classes.count("local") >= 20 and classes.count("lane") >= 100
    for seg in streets:  # everything inside the square
        x, y = local_xy(seg, lat0, lon0)
        assert np.abs(x).max() <= 750.01 and np.abs(y).max() <= 750.01
    # the local streets are 80-120 m apart: a north-south street's x positions
    xs = np.sort([np.median(local_xy(s, lat0, lon0)[0]) for s in streets
                  if s.road_class != "lane" and np.ptp(local_xy(s, lat0, lon0)[1]) > np.ptp(local_xy(s, lat0, lon0)[0])])
    gaps = np.diff(xs)
    gaps = gaps[gaps > 10]  # pieces of one street broken by a missing block lie within its jitter
    assert len(gaps) >= 12 and gaps.min() >= 70 and gaps.max() <= 130  # 80-120 m, with the corners' jitter
    # lanes branch off a street: each lane starts on a main or local street
    from shapely.geometry import LineString, Point
    from shapely.ops import unary_union

    network = unary_union([LineString(np.column_stack(local_xy(s, lat0, lon0)))
                           for s in streets if s.road_class != "lane"])
    for lane in (s for s in streets if s.road_class == "lane"):
        x, y = local_xy(lane, lat0, lon0)
        assert network.distance(Point(x[0], y[0])) < 0.01
        assert 20 <= float(np.hypot(np.diff(x), np.diff(y)).sum()) <= 60


json_values = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=8)
    | st.sampled_from(["Feature", "FeatureCollection", "LineString", "MultiLineString", "GeometryCollection",
                       "highway", "residential", "EPSG:32647", 100.45, 14.59]),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["type", "features", "geometry", "geometries", "properties", "coordinates",
                                       "crs", "name", "highway", "class"]), children, max_size=4),
    max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_any_json_is_read_or_refused_with_a_code(doc):
    try:
        roads = read_roads(json.dumps(doc).encode())
    except GeoInputError as exc:
        assert exc.code
    else:
        assert roads.segments and all(len(s.lat) >= 2 for s in roads.segments)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["roads.pbf", "roads.osm", "roads.geojson", "roads.bin"]))
def test_any_bytes_are_read_or_refused_with_a_code(data, name):
    try:
        read_roads(data, name=name)
    except GeoInputError as exc:
        assert exc.code


@pytest.mark.parametrize("feature", [
    {"type": "Feature", "properties": ["highway"], "geometry": {"type": "LineString",
                                                              "coordinates": [[100.45, 14.59], [100.46, 14.6]]}},
    {"type": "Feature", "properties": None, "geometry": {"type": "MultiLineString", "coordinates": 5}},
    {"type": "Feature", "geometry": {"type": "MultiLineString", "coordinates": [5, [[100.45, 14.59]]]}},
    {"type": "Feature", "geometry": {"type": "GeometryCollection", "geometries": 3}},
    {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[100.45], [100.46, 14.6]]}},
    {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [{"x": 1}, [100.46, 14.6]]}},
    {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[100.45, 14.59, "z"], [100.46, 14.6]]}},
    {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[1e400, 14.59], [100.46, 14.6]]}},
    "not a feature",
])
def test_malformed_features_are_read_or_refused_with_a_code(feature):
    doc = {"type": "FeatureCollection", "features": [feature]}
    try:
        roads = read_roads(json.dumps(doc).encode())
    except GeoInputError as exc:
        assert exc.code in {"geometry_invalid", "no_roads"}
    else:
        assert [len(s.lat) for s in roads.segments] == [2]


def test_segments_written_as_geojson_read_back_the_same():
    streets = street_grid(17.41, 102.79, 500, seed=3)
    doc = roads_geojson(streets)
    back = read_roads(json.dumps(doc, ensure_ascii=False).encode()).segments
    assert [(s.road_class, s.name, s.highway) for s in back] == [(s.road_class, s.name, s.highway) for s in streets]
    for a, b in zip(streets, back):
        assert np.abs(a.lat - b.lat).max() < 1e-7 and np.abs(a.lon - b.lon).max() < 1e-7


def test_positions_that_are_not_two_numbers_are_refused_not_paired_up():
    """[[lon], [lat], ...] is not a line of (lon, lat) positions: it used to be read as one,
    pairing numbers of different positions; an integer beyond a float's range crashed the reader."""
    one_number = [[100.45], [14.59], [100.46], [14.6]]
    nested = [[[100.45, 14.59]], [[100.46, 14.6]]]
    for coords in (one_number, nested):
        got = refused("geometry_invalid", geojson([({"highway": "residential"}, [[100.45, 14.59], [100.46, 14.6]]),
                                                   ({"highway": "residential"}, coords)]))
        assert got["feature"] == 2
    huge = b'{"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[1' \
        + b"0" * 400 + b', 14.59], [100.46, 14.6]]}}'
    assert refused("geometry_invalid", huge)["feature"] == 1
