"""Permission matrix of the web pages: every role × every view, with the exact answer and,
for the list and the map points, exactly which cameras appear."""

import re

import pytest
from django.urls import reverse

from tests.cameras.web_world import READS, build_world

ROLES = ["anonymous", *READS]
WRITERS = {"editor", "org_admin", "household", "system_admin"}


@pytest.fixture
def world(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # 8 users per test
    return build_world()


def client_for(client, world, role):
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def listed_ids(response):
    return {int(x) for x in re.findall(r'data-camera="(\d+)"', response.content.decode())}


@pytest.mark.parametrize("role", ROLES)
def test_list_shows_exactly_the_cameras_in_reach(client, world, role):
    response = client_for(client, world, role).get(reverse("cameras:list"))
    if role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
        return
    assert response.status_code == 200
    assert listed_ids(response) == world.ids(*READS[role])
    assert (reverse("cameras:create") in response.content.decode()) == (role in WRITERS)


@pytest.mark.parametrize("role", ROLES)
def test_map_points_show_exactly_the_cameras_in_reach(client, world, role):
    c = client_for(client, world, role)
    page = c.get(reverse("cameras:map"))
    response = c.get(reverse("cameras:map_points"), {"zoom": 18})
    if role == "anonymous":
        assert page.status_code == response.status_code == 302
        return
    assert page.status_code == response.status_code == 200
    data = response.json()
    assert data["mode"] == "points"
    assert {p["id"] for p in data["points"]} == world.ids(*READS[role])


# (camera, role) -> status of the camera page
def detail_expected(camera, role):
    if role == "anonymous":
        return 302
    return 200 if camera in READS[role] else 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("camera", ["agency1", "other", "house"])  # own / other org / police area
def test_camera_page(client, world, role, camera):
    response = client_for(client, world, role).get(reverse("cameras:detail", args=[world.cams[camera].pk]))
    assert response.status_code == detail_expected(camera, role)
    if response.status_code == 200:
        writable = role == "system_admin" or (camera == "agency1" and role in {"editor", "org_admin"}) \
            or (camera == "house" and role == "household")
        edit_url = reverse("cameras:edit", args=[world.cams[camera].pk])
        assert (edit_url in response.content.decode()) == writable


def write_expected(camera, role):
    """302 for anonymous, 404 outside the read scope, 403 readable but not writable, else 200."""
    if role == "anonymous":
        return 302
    if camera not in READS[role]:
        return 404
    owner_writers = {"agency1": {"editor", "org_admin"}, "house": {"household"}, "other": set()}
    return 200 if role == "system_admin" or role in owner_writers[camera] else 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("camera", ["agency1", "other", "house"])
@pytest.mark.parametrize("view", ["cameras:edit", "cameras:delete"])
def test_edit_and_delete_pages(client, world, role, camera, view):
    c = client_for(client, world, role)
    url = reverse(view, args=[world.cams[camera].pk])
    assert c.get(url).status_code == write_expected(camera, role)


@pytest.mark.parametrize("role", ROLES)
def test_denied_delete_post_changes_nothing(client, world, role):
    from safetyzone.cameras.models import Camera

    c = client_for(client, world, role)
    pk = world.cams["other"].pk
    response = c.post(reverse("cameras:delete", args=[pk]))
    expected = write_expected("other", role)
    assert response.status_code == (302 if expected == 200 else expected)
    assert Camera.objects.filter(pk=pk).exists() == (expected != 200)


@pytest.mark.parametrize("role", ROLES)
def test_create_page(client, world, role):
    response = client_for(client, world, role).get(reverse("cameras:create"))
    expected = 302 if role == "anonymous" else 200 if role in WRITERS else 403
    assert response.status_code == expected
