"""Who sees which footage statistics, the CSV and XLSX downloads, and the census dashboard's
fourth view (requests per installation point, drillable like the other views)."""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from safetyzone.core.models import AdminArea
from tests.dashboard.conftest import table_rows
from tests.footage.stats_world import Outcome, make_request, world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def requests_figure(client, user) -> int:
    client.force_login(user)
    html = client.get(reverse("footage:statistics")).content.decode()
    return int(re.search(r'data-figure="requests"><span class="label">[^<]*</span><b>([^<]*)</b>', html)[1])


@pytest.fixture
def requests(world):
    c = world["cams"]
    make_request(world["investigator"], [(c["market1"], Outcome("delivered", 1, 5, usable=True))])
    make_request(world["investigator"], [(c["market2"], Outcome()), (c["temple"], Outcome())])
    make_request(world["other_investigator"], [(c["temple"], Outcome())], case_ref="ไชโย 9/2569")
    make_request(world["udon_investigator"], [(c["udon"], Outcome())], case_ref="อุดร 1/2569", province="41")


def test_each_user_counts_only_the_requests_in_their_scope(client, world, requests):
    assert requests_figure(client, world["investigator"]) == 2  # the station's own
    assert requests_figure(client, world["other_investigator"]) == 1
    assert requests_figure(client, world["secretariat"]) == 3  # every request in Ang Thong
    assert requests_figure(client, world["udon_secretariat"]) == 1
    assert requests_figure(client, world["owner_editor"]) == 3  # requests sent to the owner
    assert requests_figure(client, world["admin"]) == 4


def test_secretariat_sees_counts_but_no_case_details(client, world, requests):
    client.force_login(world["secretariat"])
    html = client.get(reverse("footage:statistics")).content.decode()
    assert "ตลาดเทศบาล" in html  # installation points are counted by name
    for detail in ("อ่างทอง 123/2569", "ไชโย 9/2569", "ชิงทรัพย์หน้าร้านทอง", "สมศักดิ์", "14.589612"):
        assert detail not in html


def test_anonymous_users_are_sent_to_log_in(client, world):
    response = client.get(reverse("footage:statistics"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_csv_and_xlsx_downloads_hold_the_page_figures(client, world, requests):
    client.force_login(world["investigator"])
    url = reverse("footage:statistics")
    body = client.get(url + "?download=sites&format=csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["สถานที่ติดตั้ง", "คำขอ", "กล้องที่ขอ"]
    assert [r[1:3] for r in rows[1:]] == [["2", "2"], ["1", "1"]]
    response = client.get(url + "?download=all&format=xlsx")
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 4
    sites = book[book.sheetnames[2]]
    assert [c.value for c in sites[2]][1:3] == [2, 2]
    assert client.get(url + "?download=nothing&format=csv").status_code == 404


def test_a_site_name_that_looks_like_a_formula_stays_text(client, world):
    world["market"].name = "=HYPERLINK(\"http://evil\")"
    world["market"].save()
    make_request(world["investigator"], [(world["cams"]["market1"], Outcome())])
    client.force_login(world["investigator"])
    url = reverse("footage:statistics")
    book = load_workbook(io.BytesIO(client.get(url + "?download=sites&format=xlsx").content))
    cell = book.active["A2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    body = client.get(url + "?download=sites&format=csv").content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(body)))[1][0].startswith("'=HYPERLINK")


def test_dashboard_fourth_view_drills_from_province_to_organisation(client, world, requests):
    client.force_login(world["secretariat"])
    url = reverse("dashboard:footage")
    html = client.get(url + "?area=15").content.decode()
    assert "data-no-data" not in html
    districts = table_rows(html, "areas")
    mueang = AdminArea.objects.get(code="1501").name_th
    assert districts[mueang][:2] == ["3", "4"]  # 3 requests, 4 cameras asked in Mueang Ang Thong
    assert 'href="?area=1501"' in html
    sites = table_rows(html, "sites")
    assert sites[next(k for k in sites if k.startswith("วัดต้นสน"))][0] == "2"
    sub = client.get(url + "?area=1501").content.decode()
    subdistricts = table_rows(sub, "areas")
    assert subdistricts[AdminArea.objects.get(code="150101").name_th][0] == "2"
    org_level = client.get(url + "?area=150101").content.decode()
    assert table_rows(org_level, "areas")["ร้านทองนายสมชาย"][0] == "2"
    assert f'organisation={world["owner"].pk}' in org_level
    body = client.get(url + "?area=15&download=areas").content.decode("utf-8-sig")
    assert [mueang, "3", "4"] == list(csv.reader(io.StringIO(body)))[1][:3]


def test_dashboard_fourth_view_of_a_station_counts_its_own_requests(client, world, requests):
    client.force_login(world["investigator"])
    html = client.get(reverse("dashboard:footage") + "?area=15").content.decode()
    assert table_rows(html, "outcomes")["คำขอทั้งหมดในระดับนี้"][:2] == ["2", "3"]
    client.force_login(world["udon_investigator"])
    html = client.get(reverse("dashboard:footage") + "?area=15").content.decode()
    assert "data-no-data" in html  # nothing of Ang Thong is theirs


def test_statistics_and_dashboard_queries_do_not_grow_with_requests(client, world, requests,
                                                                    django_assert_max_num_queries):
    from tests.factories import CameraFactory, SiteFactory

    for n in range(15):  # more installation points, cameras and requests
        camera = CameraFactory(site=SiteFactory(owner=world["owner"], area_id="150101"))
        make_request(world["investigator"], [(camera, Outcome("delivered", 1, 3 + n, usable=n % 2 == 0))])
    client.force_login(world["secretariat"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("footage:statistics")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("dashboard:footage") + "?area=1501").status_code == 200


def test_dashboard_fourth_view_of_another_province_is_empty_for_a_secretariat(client, world, requests):
    client.force_login(world["secretariat"])
    assert "data-no-data" in client.get(reverse("dashboard:footage") + "?area=41").content.decode()
    client.force_login(world["udon_secretariat"])
    html = client.get(reverse("dashboard:footage") + "?area=41").content.decode()
    assert table_rows(html, "outcomes")["คำขอทั้งหมดในระดับนี้"][0] == "1"
