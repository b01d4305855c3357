"""The coverage page on a hand-made street: one camera looking down one street sees the half of
it within its range, so the covered share is exactly what the geometry says; risk points and
incidents add weight where they are; the blind spots are listed and exported."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from safetyzone.planning.coverage_report import coverage_report
from safetyzone.planning.coverage_selectors import CoverageTooLarge, Weights, demand_for
from safetyzone.planning.models import Incident
from tests.factories import CameraFactory, SiteFactory, UserFactory
from tests.planning import world

pytestmark = pytest.mark.django_db

LAT, LON0 = 14.5935, 100.4500
DEG_PER_M_LON = 1 / 107_740.0  # at 14.59° N: 200 m of street is ~0.001856° of longitude
EAST_END = LON0 + 200 * DEG_PER_M_LON


@pytest.fixture
def street():
    """A 200 m local street running east; a police station's editor; the station's road file."""
    station = world.org("police_station", area=world.MUEANG)
    user = UserFactory(organisation=station, role="editor")
    rf = world.road_file(station, [("local", "ถนนเทศบาล 3", [[LAT, LON0], [LAT, EAST_END]])])
    return station, user, rf


def camera(owner, *, lon=LON0, bearing=90, fov=10, range_m=100, status="working"):
    site = SiteFactory(owner=owner, area_id=world.MUEANG_SUB)
    return CameraFactory(site=site, lat=Decimal(str(LAT)), lon=Decimal(f"{lon:.6f}"), bearing_deg=bearing,
                         fov_deg=fov, range_m=range_m, status=status)


def page(client, user, **params):
    client.force_login(user)
    return client.get(reverse("planning:coverage"), params, HTTP_ACCEPT_LANGUAGE="en")


def test_one_camera_looking_down_the_street_sees_its_first_half(street, client):
    station, user, rf = street
    camera(station)  # at the west end, looking east, 100 m
    camera(station, bearing=270)  # a broken camera would see the rest; it does not count
    camera(station, lon=EAST_END, bearing=270, status="broken")
    report = coverage_report(user, rf)
    # 8 demand points every 25 m, all local streets (weight 2 each); the 4 within 100 m are seen
    assert (report.points, report.covered_points, report.cameras) == (8, 4, 2)
    assert report.total_weight == pytest.approx(16.0) and report.share == pytest.approx(0.5)
    response = page(client, user, road_file=rf.pk)
    assert response.status_code == 200
    text = response.content.decode()
    assert "The working cameras see 50.0% of the weighted demand" in text
    assert "ถนนเทศบาล 3" in text  # the blind spots are named by their street


def test_a_risk_point_and_incidents_weigh_on_the_street_near_them(street, client):
    station, user, rf = street
    camera(station)
    world.risk_point(station, lat=str(LAT), lon=f"{EAST_END:.6f}", name="ซอยเปลี่ยวท้ายถนน", severity=3)
    world.risk_point(station, lat=str(LAT), lon=f"{EAST_END:.6f}", name="ปิดแล้ว", severity=4, status="closed",
                     closed_at=timezone.now())
    now = timezone.now()
    for days in (10, 400):  # only last year's incident counts
        Incident.objects.create(organisation=station, area_id=world.MUEANG_SUB, occurred_at=now - timedelta(days=days),
                                offence="ลักทรัพย์", lat=Decimal(str(LAT)), lon=Decimal(f"{LON0 + 0.00160:.6f}"))
    d = demand_for(user, rf)
    assert (len(d.risks), len(d.incidents)) == (1, 1)
    report = coverage_report(user, rf)
    # the high-severity risk point (6) reaches the two points within 50 m of the east end (at 162.5 m
    # and 187.5 m); the incident at ~172 m reaches the points at 137.5, 162.5 and 187.5 m (1 each)
    assert report.total_weight == pytest.approx(16 + 2 * 6 + 3 * 1)
    assert report.share == pytest.approx(8 / 31, rel=1e-3)  # the street is 200 m to within a few cm
    worst = report.blind[0]
    assert worst["risk"]["name"] == "ซอยเปลี่ยวท้ายถนน" and worst["incidents"] == 1
    text = page(client, user, road_file=rf.pk).content.decode()
    assert "risk point: ซอยเปลี่ยวท้ายถนน" in text and "incidents nearby: 1" in text


def test_weights_are_taken_from_the_page(street, client):
    station, user, rf = street
    camera(station)
    response = page(client, user, road_file=rf.pk, local=5, spacing_m=50)
    text = response.content.decode()
    # 4 points every 50 m, 2 of them within 100 m, each weighing 5
    assert "Covered weight 10 of 20" in text
    assert 'name="local" value="5"' in text and 'name="lane" value="3"' in text  # the others keep their defaults
    refused = page(client, user, road_file=rf.pk, lane=-1)
    assert refused.status_code == 400 and 'id="error-lane"' in refused.content.decode()


def test_a_zone_clips_the_streets(street):
    station, user, rf = street
    half = [[LAT - 0.001, LON0 - 0.0005], [LAT - 0.001, LON0 + 0.0009], [LAT + 0.001, LON0 + 0.0009],
            [LAT + 0.001, LON0 - 0.0005]]  # the western ~97 m of the street
    z = world.zone(station, polygon=half)
    camera(station)
    report = coverage_report(user, rf, zone=z)
    assert (report.points, report.covered_points) == (4, 4) and report.share == pytest.approx(1.0)


def test_blind_spots_download_as_xlsx(street, client):
    station, user, rf = street
    camera(station)
    client.force_login(user)
    response = client.get(reverse("planning:coverage_xlsx"), {"road_file": rf.pk})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][1] == "ถนนหรือซอย / Street"
    assert [r[1] for r in rows[1:]] == ["ถนนเทศบาล 3"] * (len(rows) - 1) and len(rows) > 1
    assert sum(r[5] for r in rows[1:]) == pytest.approx(8.0)  # the uncovered weight: 4 points x 2


def test_too_large_an_area_is_refused_with_a_message(street, client, monkeypatch):
    station, user, rf = street
    monkeypatch.setattr("safetyzone.planning.coverage_selectors.MAX_DEMAND_POINTS", 5)
    with pytest.raises(CoverageTooLarge):
        demand_for(user, rf, weights=Weights())
    response = page(client, user, road_file=rf.pk)
    assert "too many streets for one coverage run" in response.content.decode()


def test_another_stations_road_file_cannot_be_used(street, client):
    _station, _user, rf = street
    far = world.org("police_station", area="1504")
    stranger = UserFactory(organisation=far, role="editor")
    response = page(client, stranger, road_file=rf.pk)
    assert response.status_code == 400 and 'id="error-road_file"' in response.content.decode()
    client.force_login(stranger)
    assert client.get(reverse("planning:road_detail", args=[rf.pk])).status_code == 404


def test_cameras_the_user_cannot_read_do_not_count(street):
    station, user, rf = street
    shop, other = world.org("private_business"), world.org("private_business")
    camera(shop)  # the west half
    camera(other, lon=EAST_END, bearing=270)  # the east half
    # the station reads every camera in its area: both halves are seen
    assert coverage_report(user, rf).share == pytest.approx(1.0)
    # a business reads only its own cameras (and cannot read the station's road file)
    shop_user = UserFactory(organisation=shop, role="editor")
    assert len(demand_for(shop_user, rf).demand) == 0
    own = world.road_file(shop, [("local", "ถนนเทศบาล 3", [[LAT, LON0], [LAT, EAST_END]])])
    assert coverage_report(shop_user, own).share == pytest.approx(0.5)


def test_a_zone_without_streets_says_so(street, client):
    station, user, rf = street
    far = [[14.60, 100.47], [14.60, 100.48], [14.61, 100.48], [14.61, 100.47]]  # ~2 km away
    z = world.zone(station, polygon=far)
    response = page(client, user, road_file=rf.pk, zone=z.pk)
    assert "No street of this road file lies in the zone or area" in response.content.decode()


def test_page_queries_do_not_grow_with_cameras_and_streets(street, client, django_assert_max_num_queries):
    station, user, rf = street
    for i in range(15):
        camera(station, bearing=(i * 24) % 360)
        world.risk_point(station, lat=str(LAT), lon=f"{LON0 + i * 0.0001:.6f}")
    many = world.road_file(station, [("lane", f"ซอย {i}", [[LAT + i * 0.0002, LON0], [LAT + i * 0.0002, EAST_END]])
                                     for i in range(30)])
    client.force_login(user)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("planning:coverage"), {"road_file": many.pk})
    assert response.context["report"].cameras == 15 and response.context["report"].segments == 30


def test_the_thai_pages_show_no_english_words(street, client):
    import re

    from tests.core.test_translations import visible_text

    station, user, rf = street
    camera(station)
    world.risk_point(station, lat=str(LAT), lon=f"{EAST_END:.6f}", name="ซอยเปลี่ยว")
    client.force_login(user)
    for url, params in ((reverse("planning:coverage"), {"road_file": rf.pk}), (reverse("planning:road_list"), {}),
                        (reverse("planning:road_detail", args=[rf.pk]), {}), (reverse("planning:road_load"), {}),
                        (reverse("planning:road_generate"), {})):
        text = visible_text(client.get(url, params).content.decode())
        words = set(re.findall(r"\b[A-Za-z]{4,}\b", text)) - {"GeoJSON", "OpenStreetMap", "XLSX", "SafetyZone",
                                                                "WGS", "seed", "highway", "motorway", "trunk",
                                                                "primary", "secondary", "tertiary", "residential",
                                                                "unclassified", "service", "alley", "track", "footway",
                                                                "CCTV", "English", "Safety", "Zone", "geojson", "json"}
        assert not words, (url, words)


def test_from_a_zone_the_page_picks_the_zones_road_file(street, client):
    station, user, rf = street
    z = world.zone(station)
    camera(station)
    response = page(client, user, zone=z.pk)
    assert response.status_code == 200 and response.context["form"]["road_file"].value() == str(rf.pk)
    assert response.context["report"].points == 8  # the whole street lies in the zone's square
