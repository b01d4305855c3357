"""The hotspot page: a planted cluster comes out as significant hot cells on the map and at the
top of the table, the cells download as CSV/XLSX, and only readable incidents count."""

import base64
import csv
import io
import json
import math
import random
import zlib

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import UserFactory
from tests.planning import world
from tests.planning.incident_world import incidents

pytestmark = pytest.mark.django_db
CLUSTER = (14.5930, 100.4550)


def scatter(n, centre, spread_m, rng):
    lat0, lon0 = centre
    out = []
    for _ in range(n):
        dy, dx = rng.uniform(-spread_m, spread_m), rng.uniform(-spread_m, spread_m)
        out.append((lat0 + dy / 111_320, lon0 + dx / (111_320 * math.cos(math.radians(lat0)))))
    return out


@pytest.fixture
def station():
    return world.org("police_station", area=world.MUEANG)


@pytest.fixture
def planted(station):
    rng = random.Random(5)
    incidents(station, scatter(60, CLUSTER, 60, rng), groups=(1, 3))  # a tight cluster: 60 within ~60 m
    incidents(station, scatter(150, (14.5900, 100.4500), 2000, rng), groups=(3,))  # background over 4 km
    return station


def config(response):
    text = response.content.decode()
    start = text.index('<script id="hotspot-config" type="application/json">') + 52
    return json.loads(text[start:text.index("</script>", start)])


def distance_m(a, b):
    return math.hypot((a[0] - b[0]) * 111_320, (a[1] - b[1]) * 111_320 * math.cos(math.radians(a[0])))


def test_a_planted_cluster_is_a_significant_hot_spot(client, planted):
    client.force_login(UserFactory(organisation=planted, role="viewer"))
    response = client.get(reverse("planning:hotspots"), {"area": world.MUEANG})
    assert response.status_code == 200
    grid = config(response)["map"]
    hot99 = [c for c in grid["cells"] if c[2] == 3]
    assert hot99, "the cluster should be hot at 99%"
    (south, west), (north, east) = grid["bounds"]
    dlat, dlon = (north - south) / grid["ny"], (east - west) / grid["nx"]
    for row, col, *_ in hot99:  # every 99% hot cell lies at the cluster
        centre = (south + (row + 0.5) * dlat, west + (col + 0.5) * dlon)
        assert distance_m(centre, CLUSTER) < 400
    top = response.context["result"].top[0]
    assert distance_m((top["lat"], top["lon"]), CLUSTER) < 150 and top["incidents"] >= 10
    density = zlib.decompress(base64.b64decode(grid["density"]))
    assert len(density) == grid["nx"] * grid["ny"] and max(density) == 255
    assert "210" in response.content.decode()  # the number of incidents is said


def test_the_group_and_period_filters(client, planted):
    client.force_login(UserFactory(organisation=planted, role="viewer"))
    defaults = client.get(reverse("planning:hotspots"))  # the station's district, the last 12 months
    assert defaults.context["form"].data["area"] == world.MUEANG and defaults.context["result"].total == 210
    only_group_1 = client.get(reverse("planning:hotspots"), {"area": world.MUEANG, "group": "1"})
    assert only_group_1.context["result"].total == 60
    long_ago = client.get(reverse("planning:hotspots"), {"area": world.MUEANG, "date_from": "1/1/2560",
                                                         "date_to": "31/12/2560"})
    assert long_ago.context["result"].total == 0
    reversed_period = client.get(reverse("planning:hotspots"), {"area": world.MUEANG, "date_from": "1/1/2568",
                                                                "date_to": "1/1/2567"})
    assert reversed_period.context["result"] is None and "error-date_to" in reversed_period.content.decode()


def test_the_cells_download_as_csv_and_xlsx(client, planted):
    client.force_login(UserFactory(organisation=planted, role="viewer"))
    response = client.get(reverse("planning:hotspot_download", args=["csv"]), {"area": world.MUEANG})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "แถว" and len(rows) > 10
    assert sum(int(r[4]) for r in rows[1:]) == 210  # every incident is in a listed cell
    xlsx = client.get(reverse("planning:hotspot_download", args=["xlsx"]), {"area": world.MUEANG})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert sheet.max_row == len(rows)


def test_others_see_no_incidents_they_may_not_read(client, planted):
    shop = UserFactory(organisation=world.org("private_business"), role="editor")
    client.force_login(shop)
    response = client.get(reverse("planning:hotspots"), {"area": world.MUEANG})
    assert response.context["result"].total == 0 and config(response)["map"] == {}


def test_the_page_costs_the_same_queries_however_many_incidents(client, planted, django_assert_max_num_queries):
    client.force_login(UserFactory(organisation=planted, role="viewer"))
    with django_assert_max_num_queries(12):
        client.get(reverse("planning:hotspots"), {"area": world.MUEANG})
    incidents(planted, scatter(500, CLUSTER, 1500, random.Random(1)))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("planning:hotspots"), {"area": world.MUEANG})
    assert response.context["result"].total == 710
