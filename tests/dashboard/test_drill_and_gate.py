"""Drill-down and the access gate on the dashboard, on a small hand-made province."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from safetyzone.census.models import ProblemReport, Round, Submission
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory

from .conftest import figures, table_rows


@pytest.fixture
def world(db):
    """Ang Thong: a town (Mueang district, 3 working + 1 broken cameras) and a subdistrict
    municipality in Pa Mok district (2 working, 1 under repair); Udon Thani: 5 cameras."""
    town = OrganisationFactory(name="เทศบาลเมือง", kind="local_admin", area_id="150101")
    pamok = OrganisationFactory(name="เทศบาลตำบลป่าโมก", kind="local_admin", area_id="150302")
    office = OrganisationFactory(name="สำนักงานจังหวัด", kind="provincial_office", area_id="15")
    udon = OrganisationFactory(name="เทศบาลนครอุดรธานี", kind="local_admin", area_id="410101")
    udon_office = OrganisationFactory(name="สำนักงานจังหวัดอุดร", kind="provincial_office", area_id="41")
    for org, statuses in ((town, ["working"] * 3 + ["broken"]), (pamok, ["working", "working", "under_repair"]),
                          (udon, ["working"] * 5)):
        site = SiteFactory(owner=org)
        for status in statuses:
            CameraFactory(site=site, status=status)
    secretariat = UserFactory(organisation=office, role="secretariat")
    rnd = Round.objects.create(province_id="15", title="รอบทดสอบ", opens_on=date(2026, 1, 1),
                               deadline=date(2026, 1, 31), status="open", created_by=secretariat)
    subs = [Submission.objects.create(round=rnd, organisation=org, status="submitted", has_cameras=True,
                                      camera_count=n) for org, n in ((town, 4), (pamok, 3))]
    ProblemReport.objects.create(submission=subs[1], category="short_retention", description="เก็บภาพได้ 3 วัน")
    return {"town": town, "pamok": pamok, "udon": udon, "secretariat": secretariat,
            "udon_secretariat": UserFactory(organisation=udon_office, role="secretariat"),
            "town_editor": UserFactory(organisation=town, role="editor"),
            "admin": UserFactory(organisation=None, role="system_admin")}


def overview(client, user, query=""):
    client.force_login(user)
    response = client.get(reverse("dashboard:overview") + query)
    assert response.status_code == 200
    return response.content.decode()


def test_province_level_lists_its_districts_with_links_down(client, world):
    html = overview(client, world["secretariat"])
    assert figures(html) == {"answered": 2, "with_cameras": 2, "cameras": 7, "working": 5, "not_working": 2}
    districts = table_rows(html, "areas")
    assert districts["เมืองอ่างทอง"][:3] == ["4", "3", "1"]
    assert districts["ป่าโมก"][:3] == ["3", "2", "1"]
    assert 'href="?area=1501"' in html


def test_district_level_shows_only_that_districts_cameras(client, world):
    html = overview(client, world["secretariat"], "?area=1503")
    assert figures(html) == {"answered": 1, "with_cameras": 1, "cameras": 3, "working": 2, "not_working": 1}
    assert "ป่าโมก" in html and list(table_rows(html, "areas")) == ["ป่าโมก"]  # subdistrict 150302
    status = client.get(reverse("dashboard:status") + "?area=1503").content.decode()
    counts = {k: v[0] for k, v in table_rows(status, "status").items()}
    assert counts == {"ใช้งานได้": "2", "ใช้งานไม่ได้": "0", "ชำรุด": "0", "อยู่ระหว่างซ่อม": "1"}


def test_subdistrict_level_lists_organisations_and_organisation_level_only_its_cameras(client, world):
    html = overview(client, world["secretariat"], "?area=150101")
    assert list(table_rows(html, "areas")) == ["เทศบาลเมือง"]
    assert f"organisation={world['town'].pk}" in html
    org_html = overview(client, world["secretariat"], f"?area=150101&organisation={world['town'].pk}")
    assert figures(org_html)["cameras"] == 4 and figures(org_html)["working"] == 3
    assert 'id="table-areas"' not in org_html
    assert "เทศบาลเมือง</strong>" in org_html  # last breadcrumb


def test_an_agency_sees_only_its_own_numbers(client, world):
    html = overview(client, world["town_editor"])
    assert figures(html) == {"answered": 1, "with_cameras": 1, "cameras": 4, "working": 3, "not_working": 1}
    # asking for another organisation does not widen the view
    other = overview(client, world["town_editor"], f"?organisation={world['pamok'].pk}")
    assert figures(other)["cameras"] == 4
    problems = client.get(reverse("dashboard:problems")).content.decode()
    assert "เก็บภาพได้ 3 วัน" not in problems


def test_secretariat_of_another_province_sees_none_of_ang_thong(client, world):
    user = world["udon_secretariat"]
    html = overview(client, user, "?area=15")
    assert figures(html) == {"answered": 0, "with_cameras": 0, "cameras": 0, "working": 0, "not_working": 0}
    assert figures(overview(client, user))["cameras"] == 5  # their own province
    client.force_login(user)
    problems = client.get(reverse("dashboard:problems") + "?area=15").content.decode()
    assert "เก็บภาพได้ 3 วัน" not in problems
    body = client.get(reverse("dashboard:status") + "?area=15&download=status").content.decode("utf-8-sig")
    assert sum(int(r[1]) for r in list(csv.reader(io.StringIO(body)))[1:]) == 0


def test_system_admin_sees_every_province(client, world):
    html = overview(client, world["admin"])
    assert figures(html)["cameras"] == 12
    assert set(table_rows(html, "areas")) == {"อ่างทอง", "อุดรธานี"}


@pytest.mark.parametrize("name", ["overview", "status", "network", "proposals", "footage", "problems", "map"])
def test_anonymous_is_sent_to_log_in(client, world, name):
    response = client.get(reverse(f"dashboard:{name}"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_dashboard_page_query_count_does_not_grow_with_rows(client, world, django_assert_max_num_queries):
    for i in range(20):  # more organisations, sites and cameras in more subdistricts
        org = OrganisationFactory(kind="local_admin", area_id=f"1501{i % 9 + 1:02d}")
        CameraFactory.create_batch(3, site=SiteFactory(owner=org))
    client.force_login(world["secretariat"])
    for name in ("overview", "status", "network", "proposals", "problems"):
        with django_assert_max_num_queries(14):
            assert client.get(reverse(f"dashboard:{name}") + "?area=1501").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("dashboard:overview") + "?area=150101").status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("dashboard:map")).status_code == 200


def test_page_is_thai_by_default_and_english_on_request(client, world):
    html = overview(client, world["secretariat"])
    for thai in ("แดชบอร์ด", "หน่วยงานที่ส่งแบบสำรวจ", "ดาวน์โหลด CSV", "อำเภอ", "ภาพรวม"):
        assert thai in html
    for english in ("Dashboard", "Download CSV", "Agencies that answered"):
        assert english not in html.replace("dashboard", "")
    client.post(reverse("set_language"), {"language": "en"})
    english = client.get(reverse("dashboard:overview")).content.decode()
    for text in ("Dashboard", "Agencies that answered the census", "Download CSV", "Mueang Ang Thong"):
        assert text in english
    body = client.get(reverse("dashboard:overview") + "?download=summary").content.decode("utf-8-sig")
    assert body.splitlines()[0] == "Figure,Number"


def test_cached_country_figures_change_as_soon_as_a_camera_is_saved(client, world, monkeypatch):
    from django.core.cache import cache

    from safetyzone.cameras.models import Camera
    from safetyzone.dashboard import selectors

    monkeypatch.setattr(selectors, "CACHE_MIN_TOTAL", 0)  # cache even this small registry
    cache.clear()
    assert figures(overview(client, world["admin"]))["working"] == 10
    assert figures(overview(client, world["admin"]))["working"] == 10  # from the cache
    camera = Camera.objects.filter(status="working").first()
    camera.status = "broken"
    camera.save()
    assert figures(overview(client, world["admin"]))["working"] == 9
    cache.clear()
