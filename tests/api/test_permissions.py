"""The permission matrix: every role against every endpoint and method, denials included.

World (see conftest): agency A (a1 with a contact person, a2) and household H (h1) in Mueang
Ang Thong district, the district's police station P (p1), agency B elsewhere in Ang Thong (b1),
the provincial office O (secretariat and committee), and agency U in Udon Thani (u1).
"""

import pytest

from tests.api.helpers import ROLES, camera_body

# Columns, in order: the roles of tests.api.helpers.ROLES
#   viewer_a  editor_a  org_admin_a  household  investigator  secretariat  committee  sysadmin  anonymous  bad_token
POLICY = {
    # reading one camera
    "GET camera a1 (A's, in the police district)": (200, 200, 200, 404, 200, 200, 200, 200, 401, 401),
    "GET camera h1 (household's, in the police district)": (404, 404, 404, 200, 200, 200, 200, 200, 401, 401),
    "GET camera b1 (agency B, same province)": (404, 404, 404, 404, 404, 200, 200, 200, 401, 401),
    "GET camera u1 (another province)": (404, 404, 404, 404, 404, 404, 404, 200, 401, 401),
    # registering a camera on a site of ...
    "POST camera on A's site": (403, 201, 201, 403, 403, 403, 403, 201, 401, 401),
    "POST camera on H's site": (403, 403, 403, 201, 403, 403, 403, 201, 401, 401),
    "POST camera on B's site": (403, 403, 403, 403, 403, 403, 403, 201, 401, 401),
    # changing a camera
    "PUT camera a1": (403, 200, 200, 404, 403, 403, 403, 200, 401, 401),
    "PATCH camera a1": (403, 200, 200, 404, 403, 403, 403, 200, 401, 401),
    "PATCH camera h1": (404, 404, 404, 200, 403, 403, 403, 200, 401, 401),
    "PATCH camera b1": (404, 404, 404, 404, 404, 403, 403, 200, 401, 401),
    "PATCH camera a1 moving it to B's site": (403, 403, 403, 404, 403, 403, 403, 200, 401, 401),
    "DELETE camera a1": (403, 204, 204, 404, 403, 403, 403, 204, 401, 401),
    "DELETE camera b1": (404, 404, 404, 404, 404, 403, 403, 204, 401, 401),
    # sites
    "GET site a": (200, 200, 200, 404, 200, 200, 200, 200, 401, 401),
    "POST site for A": (403, 201, 201, 403, 403, 403, 403, 201, 401, 401),
    "POST site for B": (403, 403, 403, 403, 403, 403, 403, 201, 401, 401),
    # organisations, areas, me
    "GET organisation a": (200, 200, 200, 404, 404, 200, 200, 200, 401, 401),
    "GET organisation b": (404, 404, 404, 404, 404, 200, 200, 200, 401, 401),
    "GET areas": (200, 200, 200, 200, 200, 200, 200, 200, 401, 401),
    "GET area 15 (Ang Thong)": (200, 200, 200, 200, 200, 200, 200, 200, 401, 401),
    "GET me": (200, 200, 200, 200, 200, 200, 200, 200, 401, 401),
}

# Which rows each role sees in the lists (None: 401).
SEES = {
    #  role:          cameras                                 sites                     organisations
    "viewer_a":     ({"a1", "a2"},                             {"a"},                    {"a"}),
    "editor_a":     ({"a1", "a2"},                             {"a"},                    {"a"}),
    "org_admin_a":  ({"a1", "a2"},                             {"a"},                    {"a"}),
    "household":    ({"h1"},                                   {"h"},                    {"h"}),
    "investigator": ({"a1", "a2", "h1", "p1"},                 {"a", "h", "p"},          {"p"}),
    "secretariat":  ({"a1", "a2", "b1", "h1", "p1"},           {"a", "b", "h", "p"},     {"a", "b", "h", "p", "o"}),
    "committee":    ({"a1", "a2", "b1", "h1", "p1"},           {"a", "b", "h", "p"},     {"a", "b", "h", "p", "o"}),
    "sysadmin":     ({"a1", "a2", "b1", "h1", "p1", "u1"},     {"a", "b", "h", "p", "u"}, {"a", "b", "h", "p", "o", "u"}),
    "anonymous":    None,
    "bad_token":    None,
}


def request_for(world, row: str):
    """(method, url, body) of a POLICY row."""
    cams, sites, orgs = world.cams, world.sites, world.orgs
    method, kind, *rest = row.split(" ")
    key = rest[0] if rest else ""
    if kind == "camera" and method == "POST":
        site = {"A's": sites.a, "H's": sites.h, "B's": sites.b}[rest[1]]
        return method, "/api/cameras/", camera_body(site)
    if kind == "camera" and method == "GET":
        return method, f"/api/cameras/{getattr(cams, key).pk}/", None
    if kind == "camera":
        camera = getattr(cams, key)
        body = {"version": camera.version, "status": "broken", "status_reason": "เลนส์แตก"}
        if "moving" in row:
            body["site_id"] = sites.b.pk
        if method == "PUT":
            body = camera_body(camera.site, version=camera.version, status="broken")
        return method, f"/api/cameras/{camera.pk}/", body
    if kind == "site" and method == "POST":
        owner = {"A": orgs.a, "B": orgs.b}[rest[1]]
        return method, "/api/sites/", {"owner_id": owner.pk, "name": "ตลาดเทศบาล", "area_code": "150101",
                                       "place_type": "market"}
    if kind == "site":
        return method, f"/api/sites/{getattr(sites, key).pk}/", None
    if kind == "organisation":
        return method, f"/api/organisations/{getattr(orgs, key).pk}/", None
    if kind == "area":
        return method, f"/api/areas/{key}/", None
    return method, {"areas": "/api/areas/", "me": "/api/me/"}[kind], None


@pytest.mark.parametrize("row", POLICY)
@pytest.mark.parametrize("role", ROLES)
def test_policy(world, api, role, row):
    method, url, body = request_for(world, row)
    response = getattr(api(role), method.lower())(url, body, format="json")
    assert response.status_code == POLICY[row][ROLES.index(role)], response.content


def ids_of(response, world, attr: str, key: str = "id") -> set[str]:
    names = {getattr(obj, "pk"): name for name, obj in vars(getattr(world, attr)).items()}
    return {names[row[key]] for row in response.json()["results"]}


@pytest.mark.parametrize("role", ROLES)
def test_lists_show_exactly_the_rows_in_scope(world, api, role):
    client = api(role)
    responses = [client.get(url) for url in ("/api/cameras/", "/api/sites/", "/api/organisations/")]
    if SEES[role] is None:
        assert [r.status_code for r in responses] == [401, 401, 401]
        return
    assert [r.status_code for r in responses] == [200, 200, 200]
    cameras, sites, orgs = SEES[role]
    assert ids_of(responses[0], world, "cams") == cameras
    assert ids_of(responses[1], world, "sites") == sites
    assert ids_of(responses[2], world, "orgs") == orgs


@pytest.mark.parametrize("role", ROLES)
def test_me_names_the_user_organisation_and_role(world, api, role):
    response = api(role).get("/api/me/")
    if role in ("anonymous", "bad_token"):
        assert response.status_code == 401
        return
    user = world.users[role]
    me = response.json()
    assert (me["username"], me["role"]) == (user.username, user.role)
    assert (me["organisation"] or {}).get("id") == user.organisation_id
