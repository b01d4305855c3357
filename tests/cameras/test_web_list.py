"""The camera list: every filter changes what is listed, counts by status, paging, Thai
dates, the area cascade, the language switch, and a constant number of queries."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.cameras.web_world import build_world
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory


@pytest.fixture
def world(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    w = build_world()
    cam = w.cams["agency2"]
    cam.network_link, cam.installed_on = "local", date(2016, 12, 20)
    cam.save()
    site = w.cams["other"].site
    site.name = "ตลาดไชโย"
    site.save()
    return w


def listed(client, **params):
    response = client.get(reverse("cameras:list"), params)
    assert response.status_code == 200
    return {int(x) for x in re.findall(r'data-camera="(\d+)"', response.content.decode())}


@pytest.mark.parametrize("params, expected", [
    ({}, {"agency1", "agency2", "other", "house", "udon"}),
    ({"province": "15"}, {"agency1", "agency2", "other", "house"}),
    ({"province": "15", "district": "1502"}, {"other"}),
    ({"province": "15", "district": "1501", "subdistrict": "150101"}, {"agency1", "agency2", "house"}),
    ({"province": "41", "district": "1502"}, {"udon"}),  # a district outside the province is dropped
    ({"area": "1502"}, {"other"}),  # the API-style area code works too
    ({"status": "broken"}, {"agency2"}),
    ({"status": ["broken", "working"]}, {"agency1", "agency2", "other", "house", "udon"}),
    ({"network_link": "local"}, {"agency2"}),
    ({"network_link": ["local", "none"]}, {"agency2"}),
    ({"sector": "private"}, {"house"}),
    ({"sector": "public", "province": "15"}, {"agency1", "agency2", "other"}),
    ({"q": "atm-001"}, {"agency1"}),
    ({"q": "ตลาดไชโย"}, {"other"}),
])
def test_each_filter_changes_the_list(client, world, params, expected):
    client.force_login(world.users["system_admin"])
    assert listed(client, **params) == world.ids(*expected)


def test_organisation_filter_and_its_choices_follow_the_gate(client, world):
    client.force_login(world.users["secretariat"])
    assert listed(client, organisation=world.orgs["agency"].pk) == world.ids("agency1", "agency2")
    page = client.get(reverse("cameras:list")).content.decode()
    assert world.orgs["other"].name in page and world.orgs["udon"].name not in page
    # an organisation outside the user's reach is not a valid choice: nothing leaks, no error page
    response = client.get(reverse("cameras:list"), {"organisation": world.orgs["udon"].pk})
    assert response.status_code == 200
    assert world.cams["udon"].asset_code not in response.content.decode()


def test_status_counts_ignore_the_status_filter_and_follow_the_others(client, world):
    client.force_login(world.users["system_admin"])
    html = client.get(reverse("cameras:list"), {"province": "15", "status": "broken"}).content.decode()
    counts = dict(re.findall(r'data-status="(\w+)">(\d+)<', html))
    assert counts == {"working": "3", "not_working": "0", "broken": "1", "under_repair": "0"}
    assert "พบกล้อง 1 ตัว" in html


@pytest.mark.parametrize("params", [
    {"status": "exploded"}, {"organisation": "abc"}, {"page": "999"}, {"page": "-1"},
    {"province": "x" * 300}, {"q": "\x00'; drop table"}, {"network_link": "satellite"},
    {"organisation": "9" * 20}, {"q": "9" * 20}, {"status": "broken", "organisation": "abc"},
])
def test_bad_filter_input_never_breaks_the_page(client, world, params):
    client.force_login(world.users["system_admin"])
    assert client.get(reverse("cameras:list"), params).status_code == 200


def test_camera_number_beyond_the_database_range_is_not_found(client, world):
    client.force_login(world.users["system_admin"])
    assert client.get("/cameras/99999999999999999999/").status_code == 404


def test_install_date_in_buddhist_era_in_thai_and_common_era_in_english(client, world):
    client.force_login(world.users["editor"])
    assert "20 ธ.ค. 2559" in client.get(reverse("cameras:list")).content.decode()
    english = client.get(reverse("cameras:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "20 Dec 2016" in english


def test_language_switch(client, world):
    client.force_login(world.users["editor"])
    assert "ทะเบียนกล้อง CCTV" in client.get(reverse("cameras:list")).content.decode()  # Thai by default
    client.post(reverse("set_language"), {"language": "en", "next": reverse("cameras:list")})
    html = client.get(reverse("cameras:list")).content.decode()
    assert "Camera registry" in html and "Working" in html
    client.post(reverse("set_language"), {"language": "th", "next": reverse("cameras:list")})
    assert "ทะเบียนกล้อง CCTV" in client.get(reverse("cameras:list")).content.decode()


def test_pages_of_fifty(client, db):
    org = OrganisationFactory(kind="local_admin", area_id="150101")
    site = SiteFactory(owner=org)
    CameraFactory.create_batch(120, site=site)
    client.force_login(UserFactory(organisation=org, role="viewer"))
    assert len(listed(client)) == 50
    assert len(listed(client, page=3)) == 20
    html = client.get(reverse("cameras:list"), {"page": 2, "status": "working"}).content.decode()
    assert "หน้า 2 จาก 3" in html
    assert "status=working&amp;page=3" in html  # the filters stay when paging


def test_area_cascade_endpoint_lists_children_of_the_choice(client, world):
    client.force_login(world.users["viewer"])
    html = client.get(reverse("cameras:area_select"), {"province": "15", "district": "4101"}).content.decode()
    assert 'value="1501"' in html and 'value="1507"' in html  # Ang Thong's districts
    assert 'value="4101"' not in html  # a district of another province is dropped
    assert "ตลาดหลวง" not in html  # no district chosen: no subdistricts yet
    html = client.get(reverse("cameras:area_select"), {"province": "15", "district": "1501"}).content.decode()
    assert 'value="150101"' in html and "ตลาดหลวง" in html
    html = client.get(reverse("cameras:area_select"), {"prefix": "site_", "site_province": "15"}).content.decode()
    assert 'name="site_district"' in html


def _cameras(n):
    for i in range(n):
        org = OrganisationFactory(kind="local_admin", area_id="150101" if i % 2 else "150201")
        CameraFactory(site=SiteFactory(owner=org), installed_on=date(2016, 1, 1 + i % 28))


@pytest.mark.parametrize("role", ["system_admin", "secretariat"])
def test_list_uses_the_same_number_of_queries_for_5_and_50_cameras(client, db, settings, role):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    office = OrganisationFactory(kind="provincial_office", area_id="15")
    user = UserFactory(organisation=None if role == "system_admin" else office, role=role)
    client.force_login(user)
    params = {"province": "15", "district": "1501", "status": "working", "organisation": "", "q": ""}

    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("cameras:list"), params).status_code == 200
        return len(ctx.captured_queries)

    _cameras(5)
    small = count_queries()
    _cameras(45)
    assert listed(client, **params)  # the page really lists cameras
    assert count_queries() == small
