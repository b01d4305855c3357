"""The demo (`safetyzone demo` → load_demo) reproduces the census figures on real places.

"Answered" (seed 002 L152: 55 agencies answered, 43 have CCTV) means: every Ang Thong
organisation in the demo except the provincial office, which ran the census.
"""

import math
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from safetyzone.cameras.models import Camera
from safetyzone.cameras.validation import haversine_km
from safetyzone.core import access, demo
from safetyzone.core.models import Organisation, User
from tests.demo_fixtures import loaded  # noqa: F401 (fixture)

UDON_CENTRE = (17.415, 102.787)
SNAPSHOT_EXCLUDE = {"id", "site", "created_at", "updated_at", "version"}


@pytest.fixture
def data(loaded, db):
    return loaded


def snapshot() -> list[tuple]:
    fields = [f.attname for f in Camera._meta.concrete_fields if f.name not in SNAPSHOT_EXCLUDE]
    rows = Camera.objects.values_list("site__owner__name", "site__name", "site__area_id", "site__address",
                                      "site__place_type", *fields)
    return sorted(rows, key=repr)


def test_ang_thong_matches_the_census(data):
    answered = Organisation.objects.filter(province_id="15").exclude(kind="provincial_office")
    cameras = Camera.objects.filter(site__province_id="15")
    assert answered.count() == 55
    assert answered.filter(sites__cameras__isnull=False).distinct().count() == 43
    assert cameras.count() == 860
    assert cameras.filter(status="working").count() == 734
    assert cameras.exclude(status="working").count() == 126
    assert {"broken", "under_repair", "not_working"} <= set(cameras.values_list("status", flat=True))
    assert set(answered.values_list("kind", flat=True)) == {
        "government_agency", "local_admin", "police_station", "private_business", "household"}
    assert answered.filter(kind="police_station", name="สถานีตำรวจภูธรไชโย", area_id="1502").exists()
    assert answered.filter(name="องค์การบริหารส่วนตำบลบ้านแห", area_id="150105").exists()
    # some cameras keep only 3 days of footage (seed 002 L216)
    assert cameras.filter(retention_days=3).exists()


def test_ang_thong_cameras_sit_in_the_province_clustered_by_subdistrict(data):
    points: dict[str, list[tuple[float, float]]] = {}
    for area, lat, lon in Camera.objects.filter(site__province_id="15").values_list("site__area_id", "lat", "lon"):
        assert 14.45 <= lat <= 14.85 and 100.25 <= lon <= 100.55
        points.setdefault(area, []).append((float(lat), float(lon)))
    assert len(points) >= 30
    for pts in points.values():
        mid = (sorted(p[0] for p in pts)[len(pts) // 2], sorted(p[1] for p in pts)[len(pts) // 2])
        assert max(haversine_km(*mid, *p) for p in pts) < 3.5


def test_no_two_cameras_of_one_owner_within_5_m(data):
    """Closer than 5 m the importer reports a duplicate: the demo must not look like one."""
    by_owner: dict[int, list[tuple[float, float]]] = {}
    for owner, lat, lon in Camera.objects.values_list("site__owner_id", "lat", "lon"):
        by_owner.setdefault(owner, []).append((float(lat), float(lon)))
    for pts in by_owner.values():
        pts.sort()
        for i, p in enumerate(pts):
            for q in pts[i + 1:]:
                if q[0] - p[0] > 0.0001:
                    break
                assert haversine_km(*p, *q) >= 0.005


def test_udon_has_1468_cameras_over_about_70_percent_of_the_city(data):
    cams = Camera.objects.filter(site__owner__name="เทศบาลนครอุดรธานี")
    assert cams.count() == 1468
    assert cams.filter(status="working").count() / 1468 > 0.9
    assert cams.filter(network_name="ศูนย์สั่งการเทศบาลนครอุดรธานี").count() / 1468 > 0.8
    pts = [(float(a), float(b)) for a, b in cams.values_list("lat", "lon")]
    height = haversine_km(min(p[0] for p in pts), UDON_CENTRE[1], max(p[0] for p in pts), UDON_CENTRE[1])
    width = haversine_km(UDON_CENTRE[0], min(p[1] for p in pts), UDON_CENTRE[0], max(p[1] for p in pts))
    assert 6 <= height <= 7.2 and 6 <= width <= 7.2
    cells = set()
    for lat, lon in pts:
        dy = math.copysign(haversine_km(UDON_CENTRE[0], 0, lat, 0), lat - UDON_CENTRE[0])
        dx = math.copysign(haversine_km(lat, UDON_CENTRE[1], lat, lon), lon - UDON_CENTRE[1])
        assert abs(dx) < 3.5 and abs(dy) < 3.5
        cells.add((math.floor(dx + 3.5), math.floor(dy + 3.5)))
    assert 0.6 * 49 <= len(cells) <= 0.8 * 49  # about 70% covered, some cells empty


def test_same_seed_same_data_other_seed_other_data(data):
    assert demo.build(demo.DEFAULT_SEED) == demo.build(demo.DEFAULT_SEED)
    assert demo.build(7) != demo.build(demo.DEFAULT_SEED)
    before = snapshot()
    call_command("load_demo", "--reset", stdout=StringIO())
    assert snapshot() == before


def test_loading_again_changes_nothing_and_says_so(data):
    before, users = snapshot(), User.objects.count()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "already loaded" in out.getvalue()
    assert snapshot() == before and User.objects.count() == users


def test_output_tells_how_to_log_in(data):
    out = StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000/" in text and demo.PASSWORD in text
    for username, role, org, *_ in demo.USERS:
        line = next(line for line in text.splitlines() if line.strip().startswith(username + " "))
        assert role in line and (org or "-") in line


def test_every_camera_has_a_created_history_entry(data):
    camera = Camera.objects.filter(site__owner__name="เทศบาลเมืองอ่างทอง").first()
    entries = list(camera.history.all())
    assert [e.history_type for e in entries] == ["+"]
    assert entries[0].history_user.username == "admin"
    assert Camera.history.count() == Camera.objects.count()


def api_camera_areas(client) -> dict[int, str]:
    """Walk every page of /api/cameras/ and return {camera id: area code}."""
    seen, url = {}, "/api/cameras/?page_size=1000&fields=id,area"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        seen.update({row["id"]: row["area"]["code"] for row in response.json()["results"]})
        url = response.json()["next"]
    return seen


@pytest.mark.parametrize("username, expected", [
    ("admin", 860 + 1468 + 41), ("secretariat", 860), ("committee", 860), ("angthong_editor", 166),
    ("angthong_viewer", 166), ("angthong_orgadmin", 36), ("udon_editor", 1468), ("police_udon", 1468 + 41),
    ("police_angthong", None), ("household", 1),
])
def test_each_demo_user_logs_in_and_sees_what_the_gate_allows(data, client, username, expected):
    response = client.post(reverse("login"), {"username": username, "password": demo.PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(username=username)
    seen = api_camera_areas(client)
    assert set(seen) == set(access.scope(user, Camera.objects.all()).values_list("pk", flat=True))
    if expected is not None:
        assert len(seen) == expected
    if username == "police_udon":
        assert all(code.startswith("4101") for code in seen.values())
    if username == "police_angthong":
        assert {code[:4] for code in seen.values()} == {"1501"} and len(seen) > 24
