"""Data-quality pages: scores per province, an agency's own list, duplicates side by side, exports,
the access gate, and a bounded number of queries."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from safetyzone.cameras.models import Camera
from safetyzone.census.models import DuplicateDecisionEntry, Round, Submission
from safetyzone.census.quality.selectors import province_report
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory

LAT, LON = Decimal("14.589600"), Decimal("100.455000")
KM = Decimal("0.009044")  # about 1 km of latitude


@pytest.fixture
def province(db):
    """Two agencies of Ang Thong (15) with the secretariat, and one of Udon Thani (41)."""
    town = OrganisationFactory(name="เทศบาลเมืองอ่างทอง", kind="local_admin", area_id="150101")
    police = OrganisationFactory(name="สภ.เมืองอ่างทอง", kind="police_station", area_id="150102")
    office = OrganisationFactory(name="สำนักงานจังหวัดอ่างทอง", kind="provincial_office", area_id="15")
    town_site, police_site = SiteFactory(owner=town, area_id="150101"), SiteFactory(owner=police, area_id="150101")
    for i in range(10):  # the town: 10 cameras a few hundred metres apart...
        CameraFactory(site=town_site, lat=LAT + Decimal(i) * Decimal("0.000731"), lon=LON + Decimal(i % 3) * Decimal("0.0005"))
    far = CameraFactory(site=town_site, lat=LAT + 30 * KM, lon=LON, asset_code="FAR-1")  # ...and one 30 km away
    short = CameraFactory(site=town_site, lat=LAT - Decimal("0.0021"), lon=LON, retention_days=3, asset_code="SHORT-1")
    # the police registered the town's camera on the same pole (about 2 m away)
    twin = CameraFactory(site=police_site, lat=LAT + Decimal("0.000018"), lon=LON, asset_code="POL-1")
    return {"town": town, "police": police, "far": far, "short": short, "twin": twin,
            "secretariat": UserFactory(organisation=office, role="secretariat"),
            "town_user": UserFactory(organisation=town, role="editor"),
            "police_user": UserFactory(organisation=police, role="viewer"),
            "udon": UserFactory(organisation=OrganisationFactory(name="สำนักงานจังหวัดอุดรธานี", kind="provincial_office",
                                                                  area_id="41"), role="secretariat")}


def test_secretariat_sees_every_agency_with_its_score(client, province):
    client.force_login(province["secretariat"])
    page = client.get(reverse("census:quality"), HTTP_ACCEPT_LANGUAGE="th")
    html = page.content.decode()
    assert page.status_code == 200
    assert "เทศบาลเมืองอ่างทอง" in html and "สภ.เมืองอ่างทอง" in html and "คะแนน" in html
    table = page.context["table"]
    town = next(s for org, s in table if org == province["town"])
    # 12 cameras: the far one, the 3-day one and the twin of the police camera have warnings only
    assert (town.cameras, town.with_errors, town.with_warnings) == (12, 0, 3)
    assert town.score == pytest.approx(100 * (12 - 1.5) / 12, abs=0.05)
    scores = [s.score for _, s in table]
    assert scores == sorted(scores)  # worst first
    by_name = client.get(reverse("census:quality"), {"sort": "-name"}).context["table"]
    assert [o.name for o, _ in by_name] == sorted((o.name for o, _ in by_name), reverse=True)


def test_agency_sees_its_own_list_of_what_to_fix(client, province):
    client.force_login(province["town_user"])
    landing = client.get(reverse("census:quality"))
    assert landing.status_code == 302 and landing.url == reverse("census:quality_org", args=[province["town"].pk])
    page = client.get(landing.url, HTTP_ACCEPT_LANGUAGE="th")
    html = page.content.decode()
    flagged = {(i["finding"].code, i["finding"].camera_id) for i in page.context["page"].object_list}
    assert flagged == {("far_from_agency", province["far"].pk), ("retention_short", province["short"].pk),
                       ("duplicate_other_agency", Camera.objects.filter(asset_code="").filter(
                           site__owner=province["town"]).order_by("id").first().pk)}
    assert "อยู่ห่างจากกล้องอื่นของหน่วยงาน" in html and "เก็บภาพได้ 3 วัน" in html
    assert "POL-1" not in html  # the other agency's camera is not shown to the town
    only = client.get(landing.url, {"code": "retention_short"})
    assert [i["camera"].id for i in only.context["page"].object_list] == [province["short"].pk]


def test_agency_cannot_see_another_agencys_findings(client, province):
    client.force_login(province["town_user"])
    assert client.get(reverse("census:quality_org", args=[province["police"].pk])).status_code == 404
    assert client.get(reverse("census:quality_export", args=["csv"]), {"org": province["police"].pk}).status_code == 404
    assert client.get(reverse("census:quality_duplicates")).context["page"].object_list == []


def test_secretariat_of_another_province_sees_nothing(client, province):
    client.force_login(province["udon"])
    assert client.get(reverse("census:quality_org", args=[province["town"].pk])).status_code == 404
    page = client.get(reverse("census:quality"), {"province": "15"})
    assert page.status_code == 200 and page.context["table"] == []
    assert "เทศบาลเมืองอ่างทอง" not in page.content.decode()
    assert client.get(reverse("census:quality_duplicates"), {"province": "15"}).context["page"].object_list == []
    rows = list(csv.reader(io.StringIO(
        client.get(reverse("census:quality_export", args=["csv"]), {"province": "15"}).content.decode("utf-8-sig"))))
    assert len(rows) == 1  # headers only


def test_duplicates_are_shown_side_by_side(client, province):
    client.force_login(province["secretariat"])
    page = client.get(reverse("census:quality_duplicates"), HTTP_ACCEPT_LANGUAGE="th")
    pairs = page.context["page"].object_list
    assert len(pairs) == 1
    a, b, metres, lines, verdict, history = pairs[0]
    assert {a.owner_id, b.owner_id} == {province["town"].pk, province["police"].pk} and metres < 5 and verdict == ""
    assert history == [] and "ยังไม่ได้ตัดสิน" in page.content.decode()
    owners = next(line for line in lines if line[0] == "หน่วยงานเจ้าของ")
    assert {owners[1], owners[2]} == {"เทศบาลเมืองอ่างทอง", "สภ.เมืองอ่างทอง"} and owners[3]
    assert "POL-1" in page.content.decode()


def test_camera_count_jump_between_rounds(client, province):
    sec = province["secretariat"]
    old = Round.objects.create(province_id="15", title="สำรวจ 2568", opens_on=date(2025, 11, 1),
                               deadline=date(2025, 12, 1), created_by=sec)
    Round.objects.create(province_id="15", title="สำรวจ 2569", opens_on=date(2026, 11, 1),
                         deadline=date(2026, 12, 1), created_by=sec)
    Submission.objects.create(round=old, organisation=province["town"], camera_count=5, has_cameras=True)
    Submission.objects.create(round=old, organisation=province["police"], camera_count=1, has_cameras=True)
    report = province_report(sec, "15")
    jumps = [f for f in report.findings if f.code == "count_jump"]
    assert [(f.owner_id, dict(f.params)["before"], dict(f.params)["now"]) for f in jumps] == [
        (province["town"].pk, 5, 12)]
    assert report.scores[province["town"].pk].agency_warnings == 1
    client.force_login(province["town_user"])
    html = client.get(reverse("census:quality_org", args=[province["town"].pk]), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert "รอบก่อนมีกล้อง 5 ตัว ตอนนี้ 12 ตัว" in html


def test_exports_open_in_excel_with_thai_headers(client, province):
    client.force_login(province["secretariat"])
    response = client.get(reverse("census:quality_export", args=["xlsx"]))
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    findings, scores = book.worksheets
    head = [c.value for c in findings[1]]
    assert head[0] == "หน่วยงาน / Agency" and "ปัญหา" in head and "What to fix" in head
    codes = {row[7] for row in findings.iter_rows(min_row=2, values_only=True)}
    assert {"far_from_agency", "retention_short", "duplicate_other_agency"} <= codes
    assert scores["A1"].value == "หน่วยงาน / Agency" and scores.max_row == 4  # headers + 3 agencies
    raw = client.get(reverse("census:quality_export", args=["csv"]), {"org": province["town"].pk}).content
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "หน่วยงาน / Agency" and len(rows) == 4
    assert any("เก็บภาพได้ 3 วัน" in cell for row in rows for cell in row)


def test_findings_for_200_cameras_use_a_bounded_number_of_queries(client, province, django_assert_max_num_queries):
    sites = [SiteFactory(owner=province["town"], area_id="150101") for _ in range(5)]
    Camera.objects.bulk_create([CameraFactory.build(site=sites[i % 5], lat=LAT + Decimal(i) / 10000,
                                                    lon=LON - Decimal(i % 7) / 1000, retention_days=i % 10)
                                for i in range(200)])
    with django_assert_max_num_queries(7):
        report = province_report(province["secretariat"], "15")
    assert len(report.cameras) == 213
    client.force_login(province["secretariat"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("census:quality_org", args=[province["town"].pk])).status_code == 200


def test_system_admin_chooses_a_province_and_committee_sees_its_own(client, province):
    admin = UserFactory(organisation=None, role="system_admin")
    client.force_login(admin)
    chooser = client.get(reverse("census:quality"), HTTP_ACCEPT_LANGUAGE="th")
    assert chooser.status_code == 200 and 'value="15"' in chooser.content.decode()
    table = client.get(reverse("census:quality"), {"province": "15"}).context["table"]
    assert {o.pk for o, _ in table} >= {province["town"].pk, province["police"].pk}
    committee = UserFactory(organisation=province["secretariat"].organisation, role="committee")
    client.force_login(committee)
    html = client.get(reverse("census:quality"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Data quality before certification" in html and "Cameras with warnings" in html


def test_secretariat_decides_a_pair_and_the_scores_follow(client, province):
    town, twin = province["town"], province["twin"]
    pair = province_report(province["secretariat"], "15").pairs[0]
    decide = reverse("census:quality_decide")
    client.force_login(province["town_user"])  # an agency may not decide
    assert client.post(decide, {"a": pair[0], "b": pair[1], "verdict": "distinct"}).status_code == 403
    client.force_login(province["udon"])  # nor the secretariat of another province
    assert client.post(decide, {"a": pair[0], "b": pair[1], "verdict": "distinct"}).status_code == 403
    client.force_login(province["secretariat"])
    assert client.post(decide, {"a": "x", "b": pair[0], "verdict": "distinct"}).status_code == 403  # not a 500
    assert client.post(decide, {"a": pair[1], "b": pair[0], "verdict": "distinct"}).status_code == 302
    report = province_report(province["secretariat"], "15")
    assert not [f for f in report.findings if f.code.startswith("duplicate")]
    assert report.scores[town.pk].with_warnings == 2 and report.scores[twin.site.owner_id].score == 100
    page = client.get(reverse("census:quality_duplicates"), HTTP_ACCEPT_LANGUAGE="th")
    assert page.context["page"].object_list[0][4] == "distinct" and "เก็บไว้ทั้งคู่" in page.content.decode()
    client.post(decide, {"a": pair[0], "b": pair[1], "verdict": "same"})
    report = province_report(province["secretariat"], "15")
    assert {(f.code, f.severity) for f in report.findings if f.camera_id == twin.pk} == {("duplicate_confirmed", "error")}
    assert report.scores[twin.site.owner_id].score == 0


def test_every_decision_on_a_pair_is_kept_and_the_latest_counts(client, province):
    sec = province["secretariat"]
    sec.first_name, sec.last_name = "สมศรี", "ใจดี"
    sec.save()
    chief = UserFactory(organisation=sec.organisation, role="secretariat", first_name="ประยุทธ", last_name="มั่นคง")
    a, b, _m = province_report(sec, "15").pairs[0]
    decide = reverse("census:quality_decide")
    client.force_login(sec)
    client.post(decide, {"a": a, "b": b, "verdict": "distinct", "note": "สองกล้องบนเสาเดียวกัน ดูจากภาพถ่าย"})
    client.force_login(chief)
    client.post(decide, {"a": a, "b": b, "verdict": "same", "note": "ลงพื้นที่แล้ว เป็นกล้องตัวเดียวกัน"})
    # the latest decision is the one in force: the twin is now an error
    report = province_report(sec, "15")
    assert report.decisions[(a, b)] == "same"
    assert {f.code for f in report.findings if f.camera_id == province["twin"].pk} == {"duplicate_confirmed"}
    page = client.get(reverse("census:quality_duplicates"), HTTP_ACCEPT_LANGUAGE="th")
    *_, verdict, history = page.context["page"].object_list[0]
    assert verdict == "same"
    assert [(e.verdict, e.decided_by, e.note) for e in history] == [
        ("same", chief, "ลงพื้นที่แล้ว เป็นกล้องตัวเดียวกัน"), ("distinct", sec, "สองกล้องบนเสาเดียวกัน ดูจากภาพถ่าย")]
    html = page.content.decode()
    assert "การตัดสินคู่นี้" in html and "ประยุทธ มั่นคง" in html and "สมศรี ใจดี" in html
    assert "ลงพื้นที่แล้ว เป็นกล้องตัวเดียวกัน" in html and "สองกล้องบนเสาเดียวกัน ดูจากภาพถ่าย" in html
    assert html.index("ประยุทธ มั่นคง") < html.index("สมศรี ใจดี")  # newest first, marked in force
    assert html.count("(มีผลอยู่)") == 1
    assert str(history[0].decided_at.year + 543) in html  # Buddhist-era date


def test_a_refused_decision_leaves_no_trace_in_the_history(client, province):
    a, b, _m = province_report(province["secretariat"], "15").pairs[0]
    decide = reverse("census:quality_decide")
    client.force_login(province["town_user"])
    assert client.post(decide, {"a": a, "b": b, "verdict": "same", "note": "x"}).status_code == 403
    client.force_login(province["secretariat"])
    response = client.post(decide, {"a": a, "b": b, "verdict": "same", "note": "ก" * 1001}, follow=True,
                           HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 200
    assert "หมายเหตุยาว 1001 ตัวอักษร ใส่ได้ไม่เกิน 1000 ตัวอักษร" in response.content.decode()
    assert DuplicateDecisionEntry.objects.count() == 0 and province_report(province["secretariat"], "15").decisions == {}


def test_decisions_taken_before_the_history_existed_become_its_first_entries(province):
    """The data step of migration 0005, run on a decision as it was stored before it."""
    import importlib

    from django.apps import apps

    from safetyzone.census.models import DuplicateDecision

    step = importlib.import_module("safetyzone.census.migrations.0005_duplicate_decision_history")
    a, b, _m = province_report(province["secretariat"], "15").pairs[0]
    old = DuplicateDecision.objects.create(camera_a_id=a, camera_b_id=b, verdict="distinct",
                                           decided_by=province["secretariat"])
    step.decisions_into_history(apps, None)
    entry = DuplicateDecisionEntry.objects.get()
    assert (entry.camera_a_ref, entry.camera_b_ref, entry.province, entry.verdict, entry.decided_by, entry.decided_at) == (
        a, b, "15", "distinct", province["secretariat"], old.decided_at)
