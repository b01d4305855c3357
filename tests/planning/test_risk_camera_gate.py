"""A measure's camera is shown only to readers who may read the camera itself: a municipality
reads the station's risk points (they plan together) but not the station's cameras, so it sees
the measure without the camera's name, place or number (web page, map and API)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from safetyzone.cameras.models import Camera
from safetyzone.core import access
from safetyzone.planning.models import Mitigation
from tests.factories import CameraFactory, SiteFactory
from tests.planning import world
from tests.planning.risk_fixtures import rw  # noqa: F401

pytestmark = pytest.mark.django_db
SECRET = "กล้องลับหน้าโรงพัก"


@pytest.fixture
def linked(rw):
    site = SiteFactory(owner=rw.station, area_id=world.MUEANG_SUB, name="ที่ตั้งลับ")
    camera = CameraFactory(site=site, point=SECRET, lat=Decimal("14.593700"), lon=Decimal("100.455300"))
    point = world.risk_point(rw.station)
    Mitigation.objects.create(risk_point=point, kind="camera", camera=camera, detail="ติดกล้องแล้ว")
    return point, camera


def test_a_reader_who_may_not_read_the_camera_sees_the_measure_without_it(rw, linked, client):
    point, camera = linked
    town = rw.users.town_editor
    assert not access.scope(town, Camera.objects.filter(pk=camera.pk)).exists()
    client.force_login(town)
    text = client.get(reverse("planning:risk_detail", args=[point.pk])).content.decode()
    assert "ติดกล้องแล้ว" in text  # the measure itself is shown
    assert SECRET not in text and "100.4553" not in text and reverse("cameras:detail", args=[camera.pk]) not in text
    api = APIClient()
    api.force_authenticate(town)
    for body in (api.get(f"/api/risk-points/{point.pk}/").json(), api.get("/api/risk-points/").json()["results"][0]):
        assert [m["camera"] for m in body["mitigations"]] == [None]


def test_the_cameras_reader_sees_it_and_the_page_does_not_query_per_measure(rw, linked, client):
    point, camera = linked
    client.force_login(rw.users.station_editor)
    url = reverse("planning:risk_detail", args=[point.pk])
    with CaptureQueriesContext(connection) as one:
        text = client.get(url).content.decode()
    assert SECRET in text and "100.4553" in text
    for i in range(5):
        cam = CameraFactory(site=SiteFactory(owner=rw.station, area_id=world.MUEANG_SUB), point=f"กล้อง {i}")
        Mitigation.objects.create(risk_point=point, kind="camera", camera=cam, detail=f"มาตรการ {i}")
    with CaptureQueriesContext(connection) as six:
        text = client.get(url).content.decode()
    assert "กล้อง 4" in text and len(six) == len(one)
    api = APIClient()
    api.force_authenticate(rw.users.station_editor)
    assert camera.pk in [m["camera"] for m in api.get(f"/api/risk-points/{point.pk}/").json()["mitigations"]]


def test_the_api_list_does_not_query_per_point_or_measure(rw, linked):
    api = APIClient()
    api.force_authenticate(rw.users.town_editor)
    api.get("/api/risk-points/")  # first request of the process warms caches
    with CaptureQueriesContext(connection) as few:
        assert len(api.get("/api/risk-points/").json()["results"]) == 1
    for i in range(5):
        point = world.risk_point(rw.station, name=f"จุด {i}")
        cam = CameraFactory(site=SiteFactory(owner=rw.town, area_id=world.MUEANG_SUB))
        Mitigation.objects.create(risk_point=point, kind="camera", camera=cam, detail="ติดกล้อง")
    with CaptureQueriesContext(connection) as many:
        body = api.get("/api/risk-points/").json()["results"]
    assert len(body) == 6 and len(many) == len(few)
    assert sorted(m["camera"] is not None for p in body for m in p["mitigations"]) == [False] + [True] * 5
