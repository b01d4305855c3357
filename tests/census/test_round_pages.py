"""Census round pages: the secretariat creates, opens and reviews; an agency answers all three parts."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safetyzone.census import rounds
from safetyzone.census.models import ProblemReport, Proposal, Round, Submission
from tests.census.round_fixtures import agency, editor, office, secretariat  # noqa: F401 (fixtures)
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory


@pytest.fixture
def open_round(secretariat, agency):
    today = timezone.localdate()
    other = OrganisationFactory(name="สถานีตำรวจภูธรเมืองอ่างทอง", kind="police_station", area_id="1501")
    r = rounds.create_round(secretariat, province_id="15", title="สำรวจกล้อง ๒๕๖๙", opens_on=today,
                            deadline=today + timedelta(days=20), organisations=[agency, other])
    rounds.move_round(secretariat, r, "open")
    return r


def answer_url(round_, org, name="census:submission", *args):
    sub = Submission.objects.get(round=round_, organisation=org)
    return reverse(name, args=[sub.pk, *args])


def test_secretariat_creates_a_round_with_thai_dates_and_default_invitations(client, secretariat, agency):
    OrganisationFactory(name="บ้านนายสมชาย", kind="household", area_id="150101")
    client.force_login(secretariat)
    page = client.get(reverse("census:round_new"))
    assert page.status_code == 200 and "รอบการสำรวจใหม่" in page.content.decode()
    invited = page.context["form"].initial["organisations"]
    assert agency.pk in invited and len(invited) == 2  # the provincial office and the agency, not the household
    response = client.post(reverse("census:round_new"), {
        "title": "สำรวจกล้อง ธ.ค. ๒๕๖๙", "opens_on": "1/12/2569", "deadline": "๓๐ ธ.ค. ๒๕๖๙",
        "organisations": invited})
    round_ = Round.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("census:round", args=[round_.pk])
    assert (round_.opens_on, round_.deadline, round_.status) == (date(2026, 12, 1), date(2026, 12, 30), "draft")
    assert round_.submissions.count() == 2


def test_deadline_before_opening_is_refused_in_thai(client, secretariat, agency):
    client.force_login(secretariat)
    response = client.post(reverse("census:round_new"), {
        "title": "x", "opens_on": "30/12/2569", "deadline": "1/12/2569", "organisations": [agency.pk]})
    assert response.status_code == 400 and "กำหนดส่งอยู่ก่อนวันเปิดรับข้อมูล" in response.content.decode()
    assert not Round.objects.exists()


def test_only_the_secretariat_may_create(client, editor):
    client.force_login(editor)
    assert client.get(reverse("census:round_new")).status_code == 403


def test_round_page_shows_live_counts_and_reopening_needs_a_reason(client, secretariat, open_round, agency, editor):
    rounds.submit(editor, Submission.objects.get(round=open_round, organisation=agency), has_cameras=False)
    client.force_login(secretariat)
    page = client.get(reverse("census:round", args=[open_round.pk])).content.decode()
    assert 'data-status="submitted"><b>1</b>' in page and 'data-status="not_started"><b>1</b>' in page
    live = client.get(reverse("census:round_live", args=[open_round.pk])).content.decode()
    assert "เทศบาลเมืองอ่างทอง" in live and "สถานีตำรวจภูธรเมืองอ่างทอง" in live
    client.post(reverse("census:round_move", args=[open_round.pk]), {"target": "closed"})
    response = client.post(reverse("census:round_move", args=[open_round.pk]), {"target": "open", "note": ""},
                           follow=True)
    assert "กรุณาระบุเหตุผล" in response.content.decode()
    assert Round.objects.get(pk=open_round.pk).status == "closed"


def test_agency_sees_only_its_own_answer(client, open_round, editor):
    client.force_login(editor)
    page = client.get(reverse("census:round", args=[open_round.pk])).content.decode()
    assert "เทศบาลเมืองอ่างทอง" in page and "สถานีตำรวจภูธรเมืองอ่างทอง" not in page
    police = Submission.objects.exclude(organisation=editor.organisation).get()
    assert client.get(reverse("census:submission", args=[police.pk])).status_code == 404


def test_agency_answers_part_2_part_3_and_submits(client, open_round, agency, editor):
    CameraFactory.create_batch(2, site=SiteFactory(owner=agency))
    client.force_login(editor)
    url = answer_url(open_round, agency, "census:part_add", "proposal")
    response = client.post(url, {
        "name": "ทางเข้าตลาดศาลเจ้า", "lat": "14°35'24\"N", "lon": "100.4512", "area": "150101",
        "priority": "urgent", "reason": "risk_point", "camera_count": "๒", "camera_type": "bullet",
        "estimated_budget": "50000", "budget_source": "provincial"})
    assert response.status_code == 302, response.content.decode()[:2000]
    proposal = Proposal.objects.get()
    assert float(proposal.lat) == pytest.approx(14.59, abs=1e-4) and proposal.camera_count == 2
    client.post(answer_url(open_round, agency, "census:part_add", "problem"), {
        "category": "short_retention", "description": "เครื่องบันทึกเก็บภาพได้ประมาณ ๓ วัน",
        "suggestion": "เพิ่มฮาร์ดดิสก์"})
    assert ProblemReport.objects.get().category == "short_retention"
    assert Submission.objects.get(round=open_round, organisation=agency).status == "in_progress"

    response = client.post(answer_url(open_round, agency, "census:submission_submit"), {"has_cameras": "no"})
    assert response.status_code == 400 and "ตอบว่าไม่มีกล้อง แต่มีกล้องของหน่วยงานลงทะเบียนไว้ 2 ตัว" in \
        response.content.decode()
    response = client.post(answer_url(open_round, agency, "census:submission_submit"), {"has_cameras": "yes"},
                           follow=True)
    sub = Submission.objects.get(round=open_round, organisation=agency)
    assert (sub.status, sub.camera_count) == ("submitted", 2)
    page = response.content.decode()
    assert "ส่งข้อมูลให้ฝ่ายเลขานุการแล้ว" in page and "เพิ่มจุด" not in page  # the forms are gone
    again = client.post(answer_url(open_round, agency, "census:submission_submit"), {"has_cameras": "yes"})
    assert again.status_code == 400 and "ส่งข้อมูลนี้แล้วเมื่อ" in again.content.decode()


def test_bad_part_2_input_keeps_what_was_typed(client, open_round, agency, editor):
    client.force_login(editor)
    response = client.post(answer_url(open_round, agency, "census:part_add", "proposal"), {
        "name": "หน้าโรงเรียน", "lat": "100.45", "lon": "14.59", "area": "150101", "priority": "high",
        "reason": "other", "reason_detail": "", "camera_count": "0", "camera_type": "dome",
        "estimated_budget": "-5", "budget_source": "own"})
    page = response.content.decode()
    assert response.status_code == 400 and "หน้าโรงเรียน" in page
    errors = response.context["proposal_form"].errors
    assert {"camera_count", "estimated_budget", "reason_detail"} <= set(errors) and ("lat" in errors or "lon" in errors)
    assert not Proposal.objects.exists()


def test_nothing_to_answer_is_refused_until_chosen(client, open_round, agency, editor):
    client.force_login(editor)
    response = client.post(answer_url(open_round, agency, "census:submission_submit"), {})
    assert response.status_code == 400 and "ไม่มีกล้อง" in response.content.decode()
    assert Submission.objects.get(round=open_round, organisation=agency).status == "not_started"


def test_secretariat_sends_back_with_comment_and_agency_sees_it(client, secretariat, open_round, agency, editor):
    rounds.submit(editor, Submission.objects.get(round=open_round, organisation=agency), has_cameras=False)
    client.force_login(secretariat)
    url = answer_url(open_round, agency, "census:submission_review")
    response = client.post(url, {"decision": "return", "comment": ""})
    assert response.status_code == 400 and "กรุณาระบุสิ่งที่หน่วยงานต้องแก้ไข" in response.content.decode()
    client.post(url, {"decision": "return", "comment": "กล้องหน้าสำนักงานยังไม่ได้ลงทะเบียน"})
    client.force_login(editor)
    page = client.get(answer_url(open_round, agency)).content.decode()
    assert "ส่งกลับให้แก้ไข" in page and "กล้องหน้าสำนักงานยังไม่ได้ลงทะเบียน" in page
    assert "ส่งข้อมูลให้ฝ่ายเลขานุการ" in page  # the submit form is back


@pytest.mark.parametrize("role, status", [("viewer", 200), ("editor", 200), ("org_admin", 200)])
def test_agency_roles_read_their_answer_and_only_writers_get_forms(client, open_round, agency, role, status):
    user = UserFactory(organisation=agency, role=role)
    client.force_login(user)
    response = client.get(answer_url(open_round, agency))
    assert response.status_code == status
    assert ("ส่งข้อมูลให้ฝ่ายเลขานุการ" in response.content.decode()) == (role != "viewer")
    submit = client.post(answer_url(open_round, agency, "census:submission_submit"), {"has_cameras": "no"})
    assert (submit.status_code == 403) == (role == "viewer")


def test_outsiders_get_nothing(client, open_round, agency):
    url = answer_url(open_round, agency)
    assert client.get(url).status_code == 302  # anonymous → login
    for org, role in [(OrganisationFactory(kind="provincial_office", area_id="41"), "secretariat"),
                      (OrganisationFactory(kind="local_admin", area_id="150201"), "editor"),
                      (OrganisationFactory(kind="household", area_id="150101"), "editor")]:
        client.force_login(UserFactory(organisation=org, role=role))
        assert client.get(url).status_code == 404
        assert client.get(reverse("census:round", args=[open_round.pk])).status_code == 404
        assert open_round.title not in client.get(reverse("census:rounds")).content.decode()


def test_committee_reads_the_whole_round_but_cannot_review(client, open_round, agency, editor):
    rounds.submit(editor, Submission.objects.get(round=open_round, organisation=agency), has_cameras=False)
    committee = UserFactory(organisation=OrganisationFactory(kind="government_agency", area_id="1501"),
                            role="committee")
    client.force_login(committee)
    assert "สถานีตำรวจภูธรเมืองอ่างทอง" in client.get(reverse("census:round", args=[open_round.pk])).content.decode()
    response = client.post(answer_url(open_round, agency, "census:submission_review"), {"decision": "accept"})
    assert response.status_code == 403


def test_round_page_query_count_does_not_grow_with_agencies(client, secretariat, open_round,
                                                            django_assert_max_num_queries):
    orgs = [OrganisationFactory(kind="government_agency", area_id="1501") for _ in range(40)]
    rounds.invite(secretariat, open_round, orgs)
    client.force_login(secretariat)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("census:round", args=[open_round.pk]))
    assert response.content.decode().count('href="/census/answers/') == 42


@pytest.mark.parametrize("target", ["certified", "bogus", ""])
def test_the_move_form_cannot_certify_or_crash(client, secretariat, open_round, target):
    client.force_login(secretariat)
    client.post(reverse("census:round_move", args=[open_round.pk]), {"target": "closed"})
    response = client.post(reverse("census:round_move", args=[open_round.pk]), {"target": target, "note": "x"},
                           follow=True)
    assert response.status_code == 200
    assert Round.objects.get(pk=open_round.pk).status == "closed"


def test_round_list_counts_are_for_the_province_not_for_an_agency(client, secretariat, open_round, editor):
    client.force_login(secretariat)
    assert "หน่วยงานที่เชิญ" in client.get(reverse("census:rounds")).content.decode()
    client.force_login(editor)
    page = client.get(reverse("census:rounds")).content.decode()
    assert open_round.title in page and "หน่วยงานที่เชิญ" not in page  # its scope holds only its own answer
