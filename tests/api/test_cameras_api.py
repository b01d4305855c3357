"""Camera API behaviour a client notices: filters, ?fields=, paging, locking, validation, contacts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safetyzone.cameras.models import Camera
from safetyzone.core.models import AccessLog

from tests.api.helpers import camera_body
from tests.factories import CameraFactory, SiteFactory


def ids(response, world) -> set[str]:
    names = {cam.pk: name for name, cam in vars(world.cams).items()}
    return {names.get(row["id"], row["id"]) for row in response.json()["results"]}


@pytest.mark.parametrize("query, expected", [
    ("", {"a1", "a2", "b1", "h1", "p1", "u1"}),
    ("area=15", {"a1", "a2", "b1", "h1", "p1"}),
    ("area=1502", {"b1"}),
    ("area=150101", {"a1", "a2", "h1", "p1"}),
    ("area=41", {"u1"}),
    ("status=broken", {"a2"}),
    ("status=broken&status=under_repair", {"a2", "p1"}),
    ("network_link=local", {"u1"}),
    ("network_link=none&network_link=local", {"a2", "u1"}),
    ("sector=private", {"h1"}),
    ("q=ORG-7", {"b1"}),
    ("area=15&status=working&sector=public", {"a1", "b1"}),
])
def test_each_filter_narrows_the_list(world, api, query, expected):
    world.cams.b1.asset_code = "ORG-7"
    world.cams.b1.save()
    response = api("sysadmin").get(f"/api/cameras/?{query}")
    assert response.status_code == 200
    assert ids(response, world) == expected


def test_organisation_filter_and_its_scope(world, api):
    assert ids(api("sysadmin").get(f"/api/cameras/?organisation={world.orgs.a.pk}"), world) == {"a1", "a2"}
    # An agency cannot even name another organisation in the filter.
    response = api("editor_a").get(f"/api/cameras/?organisation={world.orgs.b.pk}")
    assert response.status_code == 400 and "organisation" in response.json()


def test_bad_filter_values_are_400_not_500(world, api):
    for query in ("status=exploded", "organisation=abc", "sector=both", "page_size=abc", "cursor=%%%"):
        assert api("sysadmin").get(f"/api/cameras/?{query}").status_code in (200, 400, 404), query


def test_fields_selects_the_fields(world, api):
    response = api("sysadmin").get("/api/cameras/?fields=id,status,lat,lon")
    assert response.status_code == 200
    row = response.json()["results"][0]
    assert set(row) == {"id", "status", "lat", "lon"}
    assert isinstance(row["lat"], float)
    one = api("sysadmin").get(f"/api/cameras/{world.cams.a1.pk}/?fields=id,owner").json()
    assert one == {"id": world.cams.a1.pk, "owner": {"id": world.orgs.a.pk, "name": world.orgs.a.name,
                                                       "name_en": world.orgs.a.name_en, "kind": "local_admin"}}


def test_unknown_field_is_a_clear_400(world, api):
    response = api("sysadmin").get("/api/cameras/?fields=id,colour")
    assert response.status_code == 400
    assert "colour" in response.json()["fields"][0]


def test_cursor_pagination_walks_every_camera_once(world, api):
    site = world.sites.a
    CameraFactory.create_batch(23, site=site)
    expected = set(Camera.objects.filter(site__owner=world.orgs.a).values_list("pk", flat=True))
    seen, url, pages = [], "/api/cameras/?page_size=5&fields=id", 0
    while url:
        body = api("editor_a").get(url).json()
        seen += [row["id"] for row in body["results"]]
        url, pages = body["next"], pages + 1
    assert pages == 5
    assert len(seen) == len(set(seen)) == 25
    assert set(seen) == expected
    assert seen == sorted(seen)


def test_page_size_is_capped_at_1000(world, api):
    CameraFactory.create_batch(3, site=world.sites.a)
    body = api("editor_a").get("/api/cameras/?page_size=100000").json()
    assert len(body["results"]) == 5 and body["next"] is None


def test_stale_version_is_409_and_nothing_is_overwritten(world, api):
    camera = world.cams.a1
    first = api("editor_a").patch(f"/api/cameras/{camera.pk}/", {"version": 1, "status": "broken"}, format="json")
    assert first.status_code == 200 and first.json()["version"] == 2
    second = api("org_admin_a").patch(
        f"/api/cameras/{camera.pk}/", {"version": 1, "status": "working", "point": "หน้าวัด"}, format="json"
    )
    assert second.status_code == 409
    body = second.json()
    assert "version 1" in body["detail"] and body["current"]["version"] == 2
    assert body["current"]["status"] == "broken"
    camera.refresh_from_db()
    assert (camera.status, camera.point, camera.version) == ("broken", "", 2)


def test_conflict_message_in_thai(world, api):
    url = f"/api/cameras/{world.cams.a1.pk}/"
    api("editor_a").patch(url, {"version": 1, "status": "broken"}, format="json")
    response = api("editor_a", "th").patch(url, {"version": 1, "status": "working"}, format="json")
    assert response.status_code == 409
    assert "บันทึก" in response.json()["detail"]


def test_update_without_version_asks_for_it(world, api):
    url = f"/api/cameras/{world.cams.a1.pk}/"
    for method in ("put", "patch"):
        response = getattr(api("editor_a"), method)(url, camera_body(world.sites.a), format="json")
        assert response.status_code == 400
        assert "version" in response.json()
    assert Camera.objects.get(pk=world.cams.a1.pk).version == 1


def test_put_replaces_and_bumps_version(world, api):
    camera = world.cams.a1
    body = camera_body(world.sites.a, version=1, status="under_repair", lat=14.6012345, retention_days=7)
    response = api("editor_a").put(f"/api/cameras/{camera.pk}/", body, format="json")
    assert response.status_code == 200, response.content
    camera.refresh_from_db()
    assert (camera.status, str(camera.lat), camera.retention_days, camera.version) == (
        "under_repair", "14.601235", 7, 2)
    assert camera.history.latest().history_user == world.users["editor_a"]


def test_coordinates_outside_thailand_are_400(world, api):
    response = api("editor_a").post("/api/cameras/", camera_body(world.sites.a, lat=35.68, lon=139.69),
                                    format="json")
    assert response.status_code == 400
    assert "outside Thailand" in response.json()["lat"][0]
    assert not Camera.objects.filter(lat=35.68).exists()


def test_thai_error_messages_with_accept_language_th(world, api):
    response = api("editor_a", "th").post("/api/cameras/", camera_body(world.sites.a, lat=1.3, lon=103.8),
                                          format="json")
    assert response.status_code == 400
    assert "ประเทศไทย" in response.json()["lat"][0]
    assert api("editor_a", "th").post("/api/cameras/", {}, format="json").json()["site_id"] == ["ฟิลด์นี้จำเป็น"]
    no_version = api("editor_a", "th").patch(f"/api/cameras/{world.cams.a1.pk}/", {}, format="json")
    assert "เวอร์ชัน" in no_version.json()["version"][0]
    english = api("editor_a", "en").post("/api/cameras/", camera_body(world.sites.a, lat=1.3), format="json")
    assert english.json()["lat"] == ["The coordinates 1.3, 100.4561 are outside Thailand."]


@pytest.mark.parametrize("field, value", [
    ("fov_deg", 0), ("fov_deg", 361), ("bearing_deg", 360), ("bearing_deg", -1), ("range_m", 0),
    ("range_m", 2001), ("retention_days", 3651), ("retention_days", -3), ("lat", "abc"),
    ("status", "exploded"), ("installed_on", "20/12/2559"), ("purchase_cost", "1e20"),
])
def test_out_of_range_values_are_400_with_the_field_named(world, api, field, value):
    response = api("editor_a").post("/api/cameras/", camera_body(world.sites.a, **{field: value}), format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_create_then_delete(world, api):
    created = api("editor_a").post("/api/cameras/", camera_body(world.sites.a, asset_code="AT-001"), format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["owner"]["id"], body["area"]["code"], body["version"]) == (world.orgs.a.pk, "150101", 1)
    duplicate = api("editor_a").post("/api/cameras/", camera_body(world.sites.a, asset_code="AT-001"), format="json")
    assert duplicate.status_code == 400 and "asset_code" in duplicate.json()
    assert api("editor_a").delete(f"/api/cameras/{body['id']}/").status_code == 204
    assert not Camera.objects.filter(pk=body["id"]).exists()


@pytest.mark.parametrize("role, sees_contacts, logged", [
    ("editor_a", True, False),      # may write the camera, same organisation
    ("viewer_a", False, False),     # same organisation but may not write
    ("investigator", True, True),   # police, outside the owner
    ("secretariat", True, True),
    ("committee", False, False),
    ("sysadmin", True, True),
])
def test_contact_details_shown_only_to_those_who_need_them_and_logged(world, api, role, sees_contacts, logged):
    camera = world.cams.a1
    before = AccessLog.objects.count()
    detail = api(role).get(f"/api/cameras/{camera.pk}/").json()
    assert ("contact_name" in detail) is sees_contacts
    if sees_contacts:
        assert detail["contact_phone"] == "081-234-5678"
    assert AccessLog.objects.count() - before == (1 if logged else 0)
    listing = api(role).get("/api/cameras/?area=150101").json()["results"]
    row = next(r for r in listing if r["id"] == camera.pk)
    assert ("contact_name" in row) is sees_contacts
    assert AccessLog.objects.count() - before == (2 if logged else 0)
    if logged:
        entry = AccessLog.objects.order_by("-id").first()
        assert entry.username == world.users[role].username and "API camera list" in entry.purpose


def test_no_access_log_when_contacts_are_not_requested(world, api):
    before = AccessLog.objects.count()
    api("secretariat").get("/api/cameras/?fields=id,status")
    assert AccessLog.objects.count() == before


@pytest.mark.parametrize("role", ["editor_a", "secretariat"])
def test_list_query_count_does_not_grow_with_cameras(world, api, role):
    client = api(role)

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/cameras/").status_code == 200
        return len(ctx.captured_queries)

    small = count_queries()
    CameraFactory.create_batch(45, site=world.sites.a)
    CameraFactory.create_batch(5, site=SiteFactory(owner=world.orgs.a, area_id="150102"))
    assert count_queries() == small


@pytest.mark.parametrize("text", ["²", "๑", "9" * 30, "1" * 5000, "\u0000", "' OR 1=1 --", "%", "_"])
def test_free_text_search_never_fails(world, api, text):
    response = api("sysadmin").get("/api/cameras/", {"q": text})
    assert response.status_code in (200, 400)
