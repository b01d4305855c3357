"""REST API of risk points: the gate on reads and writes, the same checks as the form."""

import pytest
from rest_framework.test import APIClient

from safetyzone.planning.models import RiskPoint
from tests.planning import world
from tests.planning.risk_fixtures import rw  # noqa: F401

pytestmark = pytest.mark.django_db
URL = "/api/risk-points/"


def api(user):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


def body(**kw):
    return {"name": "ซอยเปลี่ยว", "area_code": world.MUEANG_SUB, "lat": 14.5935, "lon": 100.455,
            "category": "lonely_road", "space_class": "public", "severity": 3, "times_of_day": ["night"],
            "source": "citizen"} | kw


def test_list_goes_through_the_gate_and_filters(rw):
    world.risk_point(rw.station, name="ของสถานี", severity=4)
    world.risk_point(rw.town, name="ของเทศบาล", severity=1)
    world.risk_point(rw.far, area=world.OTHER_DISTRICT_SUB, name="ของสถานีอื่น")
    names = {p["name"] for p in api(rw.users.town_editor).get(URL).json()["results"]}
    assert names == {"ของสถานี", "ของเทศบาล"}
    severe = api(rw.users.town_editor).get(URL, {"severity": 4}).json()["results"]
    assert [p["name"] for p in severe] == ["ของสถานี"]
    assert {p["name"] for p in api(rw.users.far_editor).get(URL).json()["results"]} == {"ของสถานีอื่น"}


def test_create_records_for_the_users_organisation(rw):
    response = api(rw.users.station_editor).post(URL, body(), format="json")
    assert response.status_code == 201, response.json()
    point = RiskPoint.objects.get()
    assert (point.organisation, point.status) == (rw.station, "open")
    assert response.json()["organisation"]["id"] == rw.station.pk


@pytest.mark.parametrize("change, field", [
    ({"lat": 1.35, "lon": 103.82}, "lat"),  # outside Thailand
    ({"lat": 17.415, "lon": 102.787}, "lat"),  # Udon Thani, not the station's province
    ({"area_code": "410101"}, "area_code"),
    ({"area_code": "9999"}, "area_code"),
    ({"times_of_day": ["dawn"]}, "times_of_day"),
])
def test_bad_input_is_refused_on_its_field(rw, change, field):
    response = api(rw.users.station_editor).post(URL, body(**change), format="json")
    assert response.status_code == 400 and field in response.json(), response.json()
    assert not RiskPoint.objects.exists()


def test_writes_follow_the_gate(rw):
    point = world.risk_point(rw.station, name="เดิม")
    assert api(rw.users.station_viewer).post(URL, body(), format="json").status_code == 403
    assert api(rw.users.far_editor).patch(f"{URL}{point.pk}/", {"name": "x"}, format="json").status_code == 404
    assert api(rw.users.town_editor).patch(f"{URL}{point.pk}/", {"name": "x"}, format="json").status_code == 403
    assert api(rw.users.station_editor).patch(f"{URL}{point.pk}/", {"name": "ใหม่"}, format="json").status_code == 200
    point.refresh_from_db()
    assert point.name == "ใหม่"


def test_close_and_reopen_through_the_api(rw):
    point = world.risk_point(rw.station)
    client = api(rw.users.station_editor)
    refused = client.post(f"{URL}{point.pk}/close/", {"reason": "แก้แล้ว"}, format="json")
    assert refused.status_code == 400 and "without_measures" in refused.json()
    done = client.post(f"{URL}{point.pk}/close/", {"reason": "รื้อแล้ว", "without_measures": True}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "closed"
    assert client.post(f"{URL}{point.pk}/close/", {"reason": "อีกครั้ง", "without_measures": True},
                       format="json").status_code == 403
    point.refresh_from_db()
    assert point.closed_note == "รื้อแล้ว"
    assert client.post(f"{URL}{point.pk}/reopen/").json()["status"] == "open"
