"""Road files through the pages: GeoJSON, .osm and .pbf loaded and classed, refusals in words
for each problem with nothing stored, a generated street grid, the map page, permissions."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from safetyzone.geo.errors import GeoInputError
from safetyzone.planning import road_services
from safetyzone.planning.models import RoadFile, RoadSegment
from tests.factories import CameraFactory, SiteFactory, UserFactory
from tests.geo.test_roads import write_pbf
from tests.planning import world

pytestmark = pytest.mark.django_db
GEO_DATA = Path(__file__).resolve().parents[1] / "geo" / "data"


@pytest.fixture
def editor():
    return UserFactory(organisation=world.org("police_station", area=world.MUEANG), role="editor")


def geojson(features, crs=None) -> bytes:
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": {"type": "LineString", "coordinates": coords}}
        for props, coords in features]}
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(doc).encode()


TOWN = geojson([({"highway": "primary", "name": "ถนนโพธิ์พระยา-ท่าเรือ"}, [[100.450, 14.590], [100.455, 14.590]]),
                ({"highway": "residential", "name": "ถนนเทศบาล 3"}, [[100.452, 14.590], [100.452, 14.592]]),
                ({"highway": "service", "name": "ซอย 5"}, [[100.452, 14.591], [100.4525, 14.591]])])


def upload(client, user, content: bytes, filename: str, **extra):
    client.force_login(user)
    data = {"name": "ถนนเมืองอ่างทอง", "area": world.MUEANG, "file": SimpleUploadedFile(filename, content)} | extra
    return client.post(reverse("planning:road_load"), data, HTTP_ACCEPT_LANGUAGE="en")


def test_geojson_loads_with_classes_and_totals(client, editor):
    response = upload(client, editor, TOWN, "town.geojson")
    road_file = RoadFile.objects.get()
    assert response.status_code == 302 and response.url == reverse("planning:road_detail", args=[road_file.pk])
    assert (road_file.format, road_file.segment_count, road_file.organisation) == ("geojson", 3, editor.organisation)
    assert sorted(road_file.segments.values_list("road_class", flat=True)) == ["lane", "local", "main"]
    main = road_file.segments.get(road_class="main")
    assert main.coords == [[14.59, 100.45], [14.59, 100.455]]
    assert main.length_m == pytest.approx(538.9, abs=1)  # 0.005° of longitude at 14.59° N
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en")
    assert "Streets by class" in page.content.decode()
    assert ["local", "ถนนเทศบาล 3", [[14.59, 100.452], [14.592, 100.452]]] in page.context["map_config"]["segments"]
    totals = {t["road_class"]: (t["segments"], t["length_km"]) for t in page.context["totals"]}
    assert totals == {"main": (1, 0.54), "local": (1, 0.22), "lane": (1, 0.05)}


def test_osm_xml_loads(client, editor):
    response = upload(client, editor, (GEO_DATA / "small.osm").read_bytes(), "small.osm")
    assert response.status_code == 302
    road_file = RoadFile.objects.get()
    assert road_file.format == "osm" and road_file.segment_count == 6
    notes = [str(m) for m in response.wsgi_request._messages]
    assert any("not roads" in n for n in notes)  # the way under construction was left out, and said so


def test_pbf_loads(client, editor, tmp_path):
    path = tmp_path / "udon.pbf"
    write_pbf(path, {7: ({"highway": "primary", "name": "ถนนมิตรภาพ"}, [(17.41, 102.78), (17.42, 102.79)]),
                     8: ({"highway": "footway"}, [(17.415, 102.785), (17.416, 102.785)])})
    response = upload(client, editor, path.read_bytes(), "udon.pbf", area="4101")
    # Udon Thani is not in the Ang Thong station's province: refused on the area, nothing stored
    assert response.status_code == 400 and 'id="error-area"' in response.content.decode()
    assert not RoadFile.objects.exists()
    udon_editor = UserFactory(organisation=world.org("police_station", area="4101"), role="editor")
    response = upload(client, udon_editor, path.read_bytes(), "udon.pbf", area="4101")
    assert response.status_code == 302
    assert list(RoadFile.objects.get().segments.values_list("road_class", "name")) == [
        ("main", "ถนนมิตรภาพ"), ("lane", "")]


def _corrupt_pbf(tmp_path) -> bytes:
    path = tmp_path / "broken.pbf"
    write_pbf(path, {7: ({"highway": "primary"}, [(14.59, 100.45), (14.60, 100.46)])})
    data = bytearray(path.read_bytes())
    data[30:60] = b"\xff" * 30
    return bytes(data)


REFUSALS = [
    ("metres", geojson([({"highway": "primary"}, [[641000.0, 1613000.0], [641500.0, 1613000.0]])]),
     "roads.geojson", "coordinates in metres"),
    ("swapped", geojson([({"highway": "primary"}, [[14.59, 100.45], [14.60, 100.46]])]), "roads.geojson",
     "look swapped"),
    ("no roads", geojson([({"building": "yes"}, [[100.45, 14.59]])]), "roads.geojson", "holds no roads"),
    ("outside", geojson([({"highway": "primary"}, [[2.35, 48.85], [2.36, 48.86]])]), "paris.geojson",
     "outside Thailand"),
    ("crs mismatch", geojson([({"highway": "primary"}, [[100.45, 14.59], [100.46, 14.60]])], crs="EPSG:32647"),
     "roads.geojson", "but its coordinates are degrees"),
    ("unknown crs", geojson([({"highway": "primary"}, [[100.45, 14.59], [100.46, 14.60]])], crs="EPSG:999999"),
     "roads.geojson", "not known"),
    ("broken json", b'{"type": "FeatureCollection", "features": [', "roads.geojson", "could not be read"),
    ("not a road file", b"\x00\x01 just bytes", "roads.txt", "not a GeoJSON or OpenStreetMap"),
]


@pytest.mark.parametrize("content, filename, words", [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS])
def test_refusals_say_why_and_store_nothing(client, editor, content, filename, words):
    response = upload(client, editor, content, filename)
    assert response.status_code == 400
    assert words in response.content.decode()
    assert not RoadFile.objects.exists() and not RoadSegment.objects.exists()


def test_corrupt_pbf_is_refused(client, editor, tmp_path):
    response = upload(client, editor, _corrupt_pbf(tmp_path), "broken.pbf")
    assert response.status_code == 400 and "could not be read" in response.content.decode()
    assert not RoadFile.objects.exists()


def test_too_large_files_are_refused(client, editor, monkeypatch):
    monkeypatch.setattr(road_services, "MAX_BYTES", 100)
    response = upload(client, editor, TOWN, "town.geojson")
    assert response.status_code == 400 and "The file is too large" in response.content.decode()
    assert not RoadFile.objects.exists()
    words = road_services.message(GeoInputError("too_large", vertices=2_500_000, limit=2_000_000))
    assert "2,500,000" in words


def test_thai_messages_by_default(client, editor):
    client.force_login(editor)
    bad = geojson([({"highway": "primary"}, [[14.59, 100.45], [14.60, 100.46]])])
    response = client.post(reverse("planning:road_load"), {"name": "x", "area": world.MUEANG,
                                                           "file": SimpleUploadedFile("r.geojson", bad)})
    assert "สลับกัน" in response.content.decode()


def test_a_failure_while_storing_leaves_nothing(editor, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(RoadSegment.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        road_services.load_file(editor, name="x", organisation=editor.organisation, area=editor.organisation.area,
                                upload=SimpleUploadedFile("t.geojson", TOWN))
    assert not RoadFile.objects.exists()


def test_street_grid_generated_for_a_zone(client, editor):
    z = world.zone(editor.organisation)
    client.force_login(editor)
    response = client.post(reverse("planning:road_generate"), {"name": "ตารางถนนสาธิต", "area": world.MUEANG_SUB,
                                                               "zone": z.pk, "size_m": 500, "seed": 3})
    assert response.status_code == 302
    road_file = RoadFile.objects.get()
    assert road_file.format == "generated" and road_file.segment_count > 20
    classes = set(road_file.segments.values_list("road_class", flat=True))
    assert classes == {"main", "local", "lane"}
    lats = [p[0] for coords in road_file.segments.values_list("coords", flat=True) for p in coords]
    assert min(lats) < 14.5890 and max(lats) > 14.5980  # the grid covers the zone (~1 km)


def test_grid_needs_a_centre_without_zone_or_cameras(client, editor):
    client.force_login(editor)
    response = client.post(reverse("planning:road_generate"), {"name": "x", "area": world.OTHER_DISTRICT_SUB,
                                                               "size_m": 800, "seed": 0}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "Give the centre" in response.content.decode()
    response = client.post(reverse("planning:road_generate"), {"name": "x", "area": world.MUEANG_SUB, "size_m": 800,
                                                               "seed": 0, "lat": 14.5935, "lon": 100.455})
    assert response.status_code == 302


def test_viewers_cannot_load_and_strangers_see_nothing(client, editor):
    rf = world.road_file(editor.organisation, [("local", "ถนน 1", [[14.59, 100.45], [14.59, 100.46]])])
    viewer = UserFactory(organisation=editor.organisation, role="viewer")
    client.force_login(viewer)
    assert client.get(reverse("planning:road_load")).status_code == 403
    assert client.get(reverse("planning:road_detail", args=[rf.pk])).status_code == 200
    assert client.post(reverse("planning:road_delete", args=[rf.pk])).status_code == 403
    assert RoadFile.objects.exists()
    stranger = UserFactory(organisation=world.org("police_station", area="1504"), role="editor")
    client.force_login(stranger)
    assert client.get(reverse("planning:road_detail", args=[rf.pk])).status_code == 404
    assert client.post(reverse("planning:road_delete", args=[rf.pk])).status_code == 404
    assert "ถนนในเขตเทศบาล" not in client.get(reverse("planning:road_list")).content.decode()
    client.force_login(editor)
    assert client.post(reverse("planning:road_delete", args=[rf.pk])).status_code == 302
    assert not RoadFile.objects.exists() and not RoadSegment.objects.exists()


def test_road_list_queries_do_not_grow_with_files(client, editor, django_assert_max_num_queries):
    for i in range(12):
        world.road_file(editor.organisation, [("local", f"ถนน {i}", [[14.59, 100.45], [14.59, 100.46]])],
                        name=f"ไฟล์ {i}")
    client.force_login(editor)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("planning:road_list"))
    assert response.content.decode().count(">ไฟล์ ") == 12


def test_utm_geojson_is_converted_and_says_so(client, editor):
    response = upload(client, editor, (GEO_DATA / "roads_utm47.geojson").read_bytes(), "roads_utm47.geojson")
    assert response.status_code == 302
    notes = [str(m) for m in response.wsgi_request._messages]
    assert any("Converted from EPSG:32647 to WGS84" in n for n in notes)
    lat, lon = RoadFile.objects.get().segments.first().coords[0]
    assert 5.5 < lat < 20.5 and 97.3 < lon < 105.7


def test_roads_far_from_the_areas_cameras_are_loaded_with_a_warning(client, editor):
    site = SiteFactory(owner=editor.organisation, area_id=world.MUEANG_SUB)
    for i in range(5):
        CameraFactory(site=site)  # the district's cameras are around 14.59 N, 100.45 E
    udon = geojson([({"highway": "primary", "name": "ถนนมิตรภาพ"}, [[102.78, 17.41], [102.79, 17.42]])])
    response = upload(client, editor, udon, "udon.geojson")
    assert response.status_code == 302
    notes = [str(m) for m in response.wsgi_request._messages]
    assert any("km from the cameras of" in n for n in notes)
    client.get(response.url)  # the page shows (and uses up) the messages
    near = upload(client, editor, TOWN, "town.geojson")
    assert not any("km from the cameras" in str(m) for m in near.wsgi_request._messages)
