"""Areas, organisations, sites and "me": the reference data a bulk client needs."""

import pytest

from safetyzone.cameras.models import Site


def test_areas_filter_by_level_parent_and_name(world, api):
    client = api("viewer_a")
    provinces = client.get("/api/areas/?level=province&page_size=1000").json()["results"]
    assert len(provinces) == 77
    districts = client.get("/api/areas/?parent=15").json()["results"]
    assert [d["code"] for d in districts] == ["1501", "1502", "1503", "1504", "1505", "1506", "1507"]
    assert {d["parent"] for d in districts} == {"15"}
    found = client.get("/api/areas/", {"q": "อ่างทอง", "level": "province"}).json()["results"]
    assert [(a["code"], a["name_en"]) for a in found] == [("15", "Ang Thong")]
    assert client.get("/api/areas/?q=Ang Thong&level=province").json()["results"][0]["code"] == "15"
    assert client.get("/api/areas/?level=village").status_code == 400


def test_areas_are_paginated_by_code(world, api):
    client = api("viewer_a")
    first = client.get("/api/areas/?level=subdistrict").json()
    assert len(first["results"]) == 50 and first["next"]
    second = client.get(first["next"]).json()
    assert first["results"][-1]["code"] < second["results"][0]["code"]
    assert client.get("/api/areas/?cursor=cD1hYmM%3D").status_code == 404  # forged cursor "p=abc"


def test_area_detail(world, api):
    area = api("viewer_a").get("/api/areas/150101/").json()
    assert area == {"code": "150101", "level": "subdistrict", "name_th": "ตลาดหลวง",
                    "name_en": "Talat Luang", "parent": "1501"}


def test_forged_camera_cursor_is_404_not_500(world, api):
    # base64 of "p=1 OR 1" and of "p=9999999999999999999999"
    for cursor in ("cD0xIE9SIDE%3D", "cD05OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ%3D%3D"):
        assert api("sysadmin").get(f"/api/cameras/?cursor={cursor}").status_code == 404


def test_site_create_finds_the_existing_site(world, api):
    body = {"owner_id": world.orgs.a.pk, "name": "ตลาดเทศบาล", "area_code": "150101", "place_type": "market"}
    first = api("editor_a").post("/api/sites/", body, format="json")
    assert first.status_code == 201, first.content
    site = first.json()
    assert (site["owner"]["id"], site["area"]["code"], site["province"], site["district"]) == (
        world.orgs.a.pk, "150101", "15", "1501")
    again = api("editor_a").post("/api/sites/", {**body, "address": "ถนนเทศบาล 1"}, format="json")
    assert again.json()["id"] == site["id"] and again.json()["address"] == "ถนนเทศบาล 1"
    assert Site.objects.filter(name="ตลาดเทศบาล").count() == 1


@pytest.mark.parametrize("body, field", [
    ({"name": "", "area_code": "150101"}, "name"),
    ({"name": "x", "area_code": "999999"}, "area_code"),
    ({"name": "x", "area_code": "150101", "place_type": "castle"}, "place_type"),
    ({"name": "x" * 201, "area_code": "150101"}, "name"),
])
def test_site_validation(world, api, body, field):
    response = api("editor_a").post("/api/sites/", {"owner_id": world.orgs.a.pk, **body}, format="json")
    assert response.status_code == 400 and field in response.json()


def test_organisation_detail(world, api):
    org = api("secretariat").get(f"/api/organisations/{world.orgs.b.pk}/").json()
    assert (org["name"], org["kind"], org["province"]["code"]) == ("แขวงทางหลวงอ่างทอง", "government_agency", "15")


def test_session_authentication_works_too(world, client):
    client.force_login(world.users["household"])
    assert client.get("/api/me/").json()["organisation"]["id"] == world.orgs.h.pk


def test_schema_and_docs_are_served(world, client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {"/api/cameras/", "/api/cameras/{id}/", "/api/sites/", "/api/organisations/", "/api/areas/",
            "/api/me/"} <= set(paths)
    assert "fields" in {p["name"] for p in paths["/api/cameras/"]["get"]["parameters"]}
    assert "409" in paths["/api/cameras/{id}/"]["patch"]["responses"]
    docs = client.get("/api/docs/")
    assert docs.status_code == 200 and b"swagger-ui" in docs.content


def test_browsable_api_pages_render_for_a_logged_in_user(world, client):
    client.force_login(world.users["editor_a"])
    for url in ("/api/cameras/", f"/api/cameras/{world.cams.a1.pk}/", "/api/sites/", "/api/organisations/",
                "/api/areas/?level=province", "/api/me/"):
        response = client.get(url, HTTP_ACCEPT="text/html")
        assert response.status_code == 200 and b"<html" in response.content, url
    # No HTML form for writes: it would list every site id as a drop-down.
    assert b'name="site_id"' not in client.get("/api/cameras/", HTTP_ACCEPT="text/html").content
