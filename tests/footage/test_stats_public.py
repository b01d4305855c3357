"""The public page: anyone may read aggregate counts; no case, person, owner, camera, site or
coordinates ever appear on it, in the page or in its downloads."""

import re

import pytest
from django.urls import reverse

from safetyzone.core.models import AdminArea
from tests.dashboard.conftest import table_rows
from tests.footage.stats_world import Outcome, make_request, world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world):
    c = world["cams"]
    make_request(world["investigator"], [(c["market1"], Outcome("delivered", 1, 5, usable=True)),
                                         (c["temple"], Outcome("delivered", 2, 6, usable=False))])
    make_request(world["udon_investigator"], [(c["udon"], Outcome())], case_ref="อุดร 1/2569", province="41")
    return world


def private_details(world) -> list[str]:
    cams = world["cams"].values()
    return (["อ่างทอง 123/2569", "อุดร 1/2569", "ชิงทรัพย์หน้าร้านทองนายสมชาย", "ร้านทองนายสมชาย",
             "Somchai Gold Shop", "ตลาดเทศบาล", "วัดต้นสน", "ประตูทิศเหนือ", "สมศักดิ์", "14.589612",
             "100.455123", AdminArea.objects.get(code="150101").name_th, "สถานีตำรวจภูธรเมืองอ่างทอง"]
            + [str(c.lat) for c in cams] + [str(c.lon) for c in cams])


def test_anyone_sees_the_counts_without_logging_in(client, published):
    response = client.get(reverse("footage:public"))
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'data-figure="requests"><span class="label">[^<]*</span><b>2</b>', html)
    assert re.search(r'data-figure="usable"><span class="label">[^<]*</span><b>50.0%</b>', html)
    districts = table_rows(html, "districts")
    assert districts[AdminArea.objects.get(code="1501").name_th][:2] == ["1", "2"]
    assert districts[AdminArea.objects.get(code="4101").name_th][:2] == ["1", "1"]
    assert table_rows(html, "months")["ม.ค. 2569"][0] == "2"


def test_public_page_and_downloads_never_show_case_details(client, published):
    pages = [client.get(reverse("footage:public")), client.get(reverse("footage:public") + "?province=15"),
             client.get(reverse("footage:public") + "?province=15&download=districts"),
             client.get(reverse("footage:public") + "?download=months")]
    for response in pages:
        assert response.status_code == 200
        text = response.content.decode("utf-8-sig")
        leaked = [d for d in private_details(published) if d in text]
        assert leaked == []


def test_province_choice_narrows_the_counts(client, published):
    html = client.get(reverse("footage:public") + "?province=41").content.decode()
    assert list(table_rows(html, "districts")) == [AdminArea.objects.get(code="4101").name_th]
    assert client.get(reverse("footage:public") + "?province=99").status_code == 404


def test_visitors_without_an_account_find_the_figures_and_the_ask_form(client, db):
    html = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("footage:public")}"' in html and f'href="{reverse("footage:citizen_new")}"' in html
    assert "ขอภาพจากกล้องวงจรปิด" in html
