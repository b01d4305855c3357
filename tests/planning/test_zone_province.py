"""A zone is shared by its area (ADR 0002): one drawn in another province than the area chosen for
it is refused, with the province named, so it is not hidden from the stations where it lies."""

import json

import pytest
from django.urls import reverse

from safetyzone.planning.models import SafetyZone
from tests.factories import CameraFactory, SiteFactory, UserFactory
from tests.planning import world

pytestmark = pytest.mark.django_db
UDON = [[17.410, 102.780], [17.410, 102.790], [17.419, 102.790], [17.419, 102.780]]


def test_a_zone_drawn_in_another_province_than_its_area_is_refused(client):
    station = world.org("police_station", area=world.MUEANG)
    client.force_login(UserFactory(organisation=station, role="editor"))
    site = SiteFactory(owner=station)
    for _ in range(5):  # registered cameras tell where Ang Thong lies (no boundary loaded)
        CameraFactory(site=site)
    data = {"name": "ผิดจังหวัด", "area": world.MUEANG_SUB, "polygon": json.dumps(UDON), "landmark": 0, "economic": 0,
            "is_community": "on"}
    response = client.post(reverse("planning:zone_new"), data)
    assert response.status_code == 200 and not SafetyZone.objects.exists()
    assert 'id="error-polygon"' in response.content.decode() and "อ่างทอง" in response.content.decode()
    ok = client.post(reverse("planning:zone_new"), data | {"polygon": json.dumps(world.SQUARE)})
    assert ok.status_code == 302 and SafetyZone.objects.get().province_id == "15"
