"""Certification and plan pages as the committee, the secretariat and outsiders see them."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from safetyzone.census import certify, rounds
from safetyzone.census.models import Certification, RoundStatus, Transition
from tests.census.certify_fixtures import *  # noqa: F403 (fixtures)
from tests.census.certify_fixtures import accept, answer
from tests.factories import OrganisationFactory, UserFactory

TH = {"HTTP_ACCEPT_LANGUAGE": "th"}


def test_committee_certifies_from_the_page_and_sees_frozen_figures(client, closed_round, committee):
    client.force_login(committee)
    url = reverse("census:round_certify", args=[closed_round.pk])
    page = client.get(url, **TH).content.decode()
    assert "ไม่มีประเด็นค้าง" in page and closed_round.title in page

    response = client.post(url, {"confirm": "on"}, **TH)
    cert = Certification.objects.get(round=closed_round)
    assert response.status_code == 302 and response["Location"] == reverse("census:certification", args=[cert.pk])
    page = client.get(response["Location"], **TH).content.decode()
    assert "รับรองโดย " + committee.username in page
    assert "ถูกแทนที่" not in page


def test_page_refuses_without_a_reason_when_issues_are_open(client, open_round, committee, secretariat, town):
    accept(secretariat, answer(open_round, town))
    rounds.move_round(secretariat, open_round, RoundStatus.CLOSED)
    client.force_login(committee)
    url = reverse("census:round_certify", args=[open_round.pk])
    page = client.get(url, **TH).content.decode()
    assert "วัดไชโยวรวิหาร" in page and "ยังไม่ได้รับการยอมรับ" in page

    response = client.post(url, {"confirm": "on", "reason": ""}, **TH)
    assert response.status_code == 400
    assert "ประเด็นที่ยังค้างอยู่ 2 ประเด็น" in response.content.decode()
    assert not Certification.objects.exists()

    response = client.post(url, {"confirm": "on", "reason": "มติที่ประชุมครั้งที่ 1/2569"}, **TH)
    assert response.status_code == 302
    page = client.get(response["Location"], **TH).content.decode()
    assert "มติที่ประชุมครั้งที่ 1/2569" in page


def test_outsiders_get_403(client, closed_round, town):
    other_province = OrganisationFactory(area_id="41", kind="provincial_office")
    for user in (UserFactory(organisation=town, role="editor"),
                 UserFactory(organisation=other_province, role="committee")):
        client.force_login(user)
        for name in ("round_certify", "round_plan"):
            assert client.get(reverse(name.join(["census:", ""]), args=[closed_round.pk])).status_code == 403
        assert client.post(reverse("census:round_certify", args=[closed_round.pk]),
                           {"confirm": "on"}).status_code == 403
        assert client.get(reverse("census:round_plan_file", args=[closed_round.pk, "pdf"])).status_code == 403
    closed_round.refresh_from_db()
    assert closed_round.status == RoundStatus.CLOSED


def test_superseded_banner_and_compare_page(client, closed_round, committee, secretariat, cameras):
    first = certify.certify(committee, closed_round)
    rounds.move_round(secretariat, closed_round, RoundStatus.OPEN, "ข้อมูลกล้องวัดไม่ครบ")
    dead = cameras["town_dead"][0]
    dead.status = "working"
    dead.save()
    rounds.move_round(secretariat, closed_round, RoundStatus.CLOSED)
    second = certify.certify(committee, closed_round)
    client.force_login(secretariat)

    page = client.get(reverse("census:certification", args=[first.pk]), **TH).content.decode()
    assert "ถูกแทนที่เมื่อ" in page and reverse("census:certification", args=[second.pk]) in page
    history = client.get(reverse("census:round_certify", args=[closed_round.pk]), **TH).content.decode()
    assert "ข้อมูลกล้องวัดไม่ครบ" in history
    assert Transition.objects.filter(round=closed_round, to_status="certified").count() == 2

    response = client.get(reverse("census:certification_compare"), {"a": first.pk, "b": second.pk}, **TH)
    page = response.content.decode()
    assert response.status_code == 200 and "ซ่อมแล้ว (1)" in page and "กล้องที่เพิ่ม (0)" in page
    assert "ใช้งานไม่ได้ → ใช้งานได้" in page  # the repaired camera, in words


def test_plan_page_and_downloads(client, closed_round, secretariat):
    client.force_login(secretariat)
    page = client.get(reverse("census:round_plan", args=[closed_round.pk]), **TH).content.decode()
    assert "แผนกล้อง CCTV ของจังหวัดอ่างทอง" in page and "การซ่อมแซม" in page
    response = client.get(reverse("census:round_plan_file", args=[closed_round.pk, "xlsx"]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert len(load_workbook(io.BytesIO(response.content)).sheetnames) == 6
    response = client.get(reverse("census:round_plan_file", args=[closed_round.pk, "pdf"]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


@pytest.mark.parametrize("lang", ["th", "en"])
def test_pages_render_in_both_languages(client, closed_round, committee, lang):
    cert = certify.certify(committee, closed_round)
    client.force_login(committee)
    for url in (reverse("census:round_certify", args=[closed_round.pk]),
                reverse("census:certification", args=[cert.pk]),
                reverse("census:round_plan", args=[closed_round.pk])):
        assert client.get(url, HTTP_ACCEPT_LANGUAGE=lang).status_code == 200


def test_compare_page_lists_the_provinces_certifications_to_choose(client, closed_round, committee):
    cert = certify.certify(committee, closed_round)
    other = OrganisationFactory(area_id="41", kind="provincial_office")
    client.force_login(committee)
    page = client.get(reverse("census:certification_compare"), **TH).content.decode()
    assert f'value="{cert.pk}"' in page and "เลือกผลการรับรองสองครั้ง" in page
    client.force_login(UserFactory(organisation=other, role="committee"))
    page = client.get(reverse("census:certification_compare"), **TH).content.decode()
    assert f'value="{cert.pk}"' not in page
    assert client.get(reverse("census:certification_compare"), {"a": cert.pk, "b": cert.pk}).status_code == 403
