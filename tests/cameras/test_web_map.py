"""The map: clusters computed in SQL for the view and zoom, single cameras when zoomed in."""

from decimal import Decimal

import pytest
from django.urls import reverse

from safetyzone.cameras import selectors
from safetyzone.cameras.models import Camera
from tests.factories import OrganisationFactory, SiteFactory, UserFactory

STATUSES = ["working", "working", "working", "broken", "under_repair", "not_working"]


def spread(site, n, lat0, lon0, step=Decimal("0.0007")):
    """n cameras on a grid around (lat0, lon0), statuses cycling, in one INSERT."""
    Camera.objects.bulk_create([
        Camera(site=site, lat=lat0 + (i // 40) * step, lon=lon0 + (i % 40) * step, sector="public",
               camera_type="dome", signal="ip", status=STATUSES[i % len(STATUSES)])
        for i in range(n)
    ])


@pytest.fixture
def cameras(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    angthong = OrganisationFactory(kind="local_admin", area_id="150101")
    udon = OrganisationFactory(kind="local_admin", area_id="410101")
    spread(SiteFactory(owner=angthong), 700, Decimal("14.58"), Decimal("100.44"))
    spread(SiteFactory(owner=udon), 500, Decimal("17.40"), Decimal("102.78"))
    return {"angthong": angthong, "udon": udon}


def points_json(client, **params):
    response = client.get(reverse("cameras:map_points"), params)
    assert response.status_code == 200
    return response.json()


def test_many_cameras_become_clusters_that_add_up_to_the_filtered_total(client, cameras):
    client.force_login(UserFactory(organisation=None, role="system_admin"))
    data = points_json(client, zoom=6)
    assert data["mode"] == "clusters" and data["total"] == 1200
    assert 2 <= len(data["clusters"]) < 20
    assert sum(c["count"] for c in data["clusters"]) == 1200
    for c in data["clusters"]:
        assert sum(c["by_status"].values()) == c["count"]
    assert sum(c["by_status"].get("broken", 0) for c in data["clusters"]) == 200
    # the same filters as the list: only working cameras, only in Ang Thong
    data = points_json(client, zoom=6, status="working", province="15")
    total = Camera.objects.filter(status="working", site__province_id="15").count()
    assert data["total"] == total == 351 and data["mode"] == "points"
    assert {p["status"] for p in data["points"]} == {"working"}


def test_cluster_counts_follow_the_view(client, cameras):
    client.force_login(UserFactory(organisation=None, role="system_admin"))
    data = points_json(client, zoom=8, bbox="99.5,14.0,101.5,15.5")  # around Ang Thong only
    assert data["total"] == 700


def test_zoomed_in_shows_single_cameras_with_a_link_target(client, cameras):
    client.force_login(UserFactory(organisation=None, role="system_admin"))
    data = points_json(client, zoom=17, bbox="100.439,14.579,100.446,14.583")
    assert data["mode"] == "points"
    shown = {p["id"] for p in data["points"]}
    inside = Camera.objects.filter(lat__gte=14.579, lat__lte=14.583, lon__gte=100.439, lon__lte=100.446)
    assert set(inside.values_list("id", flat=True)) <= shown  # everything in view ...
    w, s, e, n = selectors.snap_bbox((100.439, 14.579, 100.446, 14.583), 17)
    assert all(w <= p["lon"] <= e and s <= p["lat"] <= n for p in data["points"])  # ... and a rim
    assert 0 < len(data["points"]) < 100
    point = data["points"][0]
    assert set(point) == {"id", "lat", "lon", "status", "label"}


def test_police_map_shows_only_its_area(client, cameras):
    police = OrganisationFactory(kind="police_station", area_id="1501")
    client.force_login(UserFactory(organisation=police, role="investigator"))
    data = points_json(client, zoom=6)
    assert data["total"] == 700


def test_grid_clusters_group_nearby_points_and_average_them(db, cameras):
    qs = Camera.objects.all()
    clusters = selectors.map_clusters(qs, selectors.THAILAND_BBOX, 5)
    assert sorted(c["count"] for c in clusters) == [500, 700]
    udon = next(c for c in clusters if c["count"] == 500)
    assert 17.40 < udon["lat"] < 17.41 and 102.78 < udon["lon"] < 102.81


@pytest.mark.parametrize("params", [
    {"bbox": "nonsense", "zoom": "x"}, {"bbox": "1,2,3"}, {"bbox": "200,100,-200,-100", "zoom": "99"},
    {"bbox": "nan,nan,nan,nan"}, {"zoom": "-4"}, {"zoom": "1e309"}, {"status": "bogus"},
])
def test_bad_map_parameters_never_break(client, cameras, params):
    client.force_login(UserFactory(organisation=None, role="system_admin"))
    assert client.get(reverse("cameras:map_points"), params).status_code == 200


def test_map_page_has_legend_and_works_without_tiles(client, cameras, settings):
    settings.SAFETYZONE_TILE_URL = ""
    client.force_login(UserFactory(organisation=cameras["angthong"], role="viewer"))
    html = client.get(reverse("cameras:map")).content.decode()
    for label in ("ใช้งานได้", "ใช้งานไม่ได้", "ชำรุด", "อยู่ระหว่างซ่อม", "คำอธิบายสัญลักษณ์"):
        assert label in html
    assert '"url": ""' in html and "tile.openstreetmap" not in html
    settings.SAFETYZONE_TILE_URL = "https://tiles.example.go.th/{z}/{x}/{y}.png"
    html = client.get(reverse("cameras:map")).content.decode()
    assert "https://tiles.example.go.th/{z}/{x}/{y}.png" in html


def test_big_cluster_answers_are_cached_but_a_saved_edit_shows_at_once(client, db, settings):
    """At 10,000+ cameras a wide view is cached; any save through the services refreshes it."""
    from django.core.cache import cache

    from safetyzone.cameras import services

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    org = OrganisationFactory(kind="local_admin", area_id="150101")
    spread(SiteFactory(owner=org), selectors.CACHE_MIN_TOTAL, Decimal("14.50"), Decimal("100.40"))
    admin = UserFactory(organisation=None, role="system_admin")
    client.force_login(admin)
    try:
        first = points_json(client, zoom=6)
        assert first["mode"] == "clusters" and first["total"] == selectors.CACHE_MIN_TOTAL
        assert points_json(client, zoom=6) == first
        camera = Camera.objects.filter(status="working").first()
        camera.status = "broken"
        services.update_camera(admin, camera, expected_version=camera.version)
        broken = sum(c["by_status"].get("broken", 0) for c in points_json(client, zoom=6)["clusters"])
        assert broken == Camera.objects.filter(status="broken").count()
    finally:
        cache.clear()


def test_a_cached_wide_view_follows_writes_that_leave_no_camera_history(client, db, settings):
    """A site moved to another area (its cameras move with it) and a queryset status update write
    no camera history; a police station's cached map must still show the change at once."""
    from django.core.cache import cache

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    org = OrganisationFactory(kind="local_admin", area_id="150101")
    site = SiteFactory(owner=org)
    spread(site, selectors.CACHE_MIN_TOTAL, Decimal("14.50"), Decimal("100.40"))
    station = OrganisationFactory(kind="police_station", area_id="1501")
    client.force_login(UserFactory(organisation=station, role="investigator"))
    try:
        assert points_json(client, zoom=6)["total"] == selectors.CACHE_MIN_TOTAL
        Camera.objects.filter(site=site, status="working").update(status="broken")
        broken = sum(c["by_status"].get("broken", 0) for c in points_json(client, zoom=6)["clusters"])
        assert broken == Camera.objects.filter(status="broken").count()
        site.area_id = "150401"  # another district: out of the station's area
        site.save()
        assert points_json(client, zoom=6)["total"] == 0
    finally:
        cache.clear()
