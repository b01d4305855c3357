"""Certifying a census round: the frozen snapshot, refusals, the gate, reopening, comparing."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safetyzone.cameras.models import Camera
from safetyzone.census import certify, rounds
from safetyzone.census.models import Certification, CertifiedCamera, RoundStatus, Transition
from tests.census.certify_fixtures import *  # noqa: F403 (fixtures)
from tests.census.certify_fixtures import accept, add_cameras, answer
from tests.factories import UserFactory

R = RoundStatus


def test_certifying_freezes_figures_and_cameras(closed_round, committee, cameras):
    cert = certify.certify(committee, closed_round, reason="")
    assert closed_round.status == R.CERTIFIED
    assert cert.certified_by == committee and cert.certified_at is not None
    assert cert.open_issues == 0 and cert.override_reason == ""
    f = cert.figures
    assert f["agencies"] == {"invited": 3, "answered": 3, "with_cameras": 2, "with_none": 1, "not_answered": 0}
    assert f["cameras"]["total"] == 7 and f["cameras"]["working"] == 5
    assert f["cameras"]["broken"] == 1 and f["cameras"]["not_working"] == 1
    assert f["cameras"]["centre"] == 4 and f["cameras"]["local"] == 2 and f["cameras"]["none"] == 1
    assert cert.cameras.count() == 7

    # the registry changes after certification; the certified result does not
    broken = cameras["town_broken"][0]
    broken.status, broken.lat = "working", Decimal("14.700000")
    broken.save()
    cameras["temple"][0].delete()
    cert.refresh_from_db()
    assert cert.figures["cameras"]["broken"] == 1 and cert.figures["cameras"]["total"] == 7
    frozen = CertifiedCamera.objects.get(certification=cert, camera_id=broken.pk)
    assert frozen.status == "broken" and frozen.lat != Decimal("14.700000")
    assert cert.cameras.count() == 7
    assert Camera.objects.get(pk=broken.pk).status == "working"
    assert Camera.objects.filter(site__owner__province_id="15").count() == 6


def test_open_issues_refuse_certification_without_a_reason(open_round, committee, secretariat, town, temple):
    accept(secretariat, answer(open_round, town))
    answer(open_round, temple)  # submitted, not accepted; the school never answered
    rounds.move_round(secretariat, open_round, R.CLOSED)
    issues = certify.open_issues(open_round)
    assert len(issues) == 2
    assert any("วัดไชโยวรวิหาร" in i.message for i in issues)

    with pytest.raises(certify.CertificationRefused) as refused:
        certify.certify(committee, open_round, reason="   ")
    assert "2" in refused.value.messages[0]
    open_round.refresh_from_db()
    assert open_round.status == R.CLOSED and not Certification.objects.exists()

    cert = certify.certify(committee, open_round, reason="ที่ประชุมมีมติให้รับรองตามที่มี")
    assert cert.open_issues == 2 and cert.override_reason == "ที่ประชุมมีมติให้รับรองตามที่มี"
    assert cert.figures["agencies"]["answered"] == 2 and cert.figures["agencies"]["not_answered"] == 1
    assert Transition.objects.filter(round=open_round, to_status=R.CERTIFIED,
                                     note="ที่ประชุมมีมติให้รับรองตามที่มี").exists()


def test_an_open_round_cannot_be_certified(open_round, committee):
    with pytest.raises(certify.CertificationRefused):
        certify.certify(committee, open_round, reason="ด่วน")


@pytest.mark.parametrize("who", ["editor", "other_committee", "viewer"])
def test_only_the_provinces_committee_or_secretariat_certifies(closed_round, who, town, make_org):
    if who == "editor":
        user = UserFactory(organisation=town, role="editor")
    elif who == "viewer":
        user = UserFactory(organisation=town, role="viewer")
    else:
        user = UserFactory(organisation=make_org(area_id="41"), role="committee")
    with pytest.raises(PermissionDenied):
        certify.certify(user, closed_round)
    closed_round.refresh_from_db()
    assert closed_round.status == R.CLOSED


def test_reopening_keeps_the_certification_superseded_and_logged(closed_round, committee, secretariat):
    cert = certify.certify(committee, closed_round)
    rounds.move_round(secretariat, closed_round, R.OPEN, "พบกล้องที่ไม่ได้สำรวจ")
    cert.refresh_from_db()
    assert cert.superseded_at is not None and cert.cameras.count() == 7
    moves = list(Transition.objects.filter(round=closed_round, submission=None).values_list(
        "from_status", "to_status", "note"))
    assert moves[-2:] == [(R.CLOSED, R.CERTIFIED, ""), (R.CERTIFIED, R.OPEN, "พบกล้องที่ไม่ได้สำรวจ")]
    with pytest.raises(certify.CertificationRefused):
        certify.certify(committee, closed_round)  # open again: close it first
    rounds.move_round(secretariat, closed_round, R.CLOSED)
    again = certify.certify(committee, closed_round)
    assert again.pk != cert.pk and again.superseded_at is None
    assert Certification.objects.filter(round=closed_round).count() == 2


def test_compare_two_certifications(closed_round, committee, secretariat, cameras, town):
    first = certify.certify(committee, closed_round)
    rounds.move_round(secretariat, closed_round, R.OPEN, "ปรับปรุงข้อมูลรอบสอง")
    broken, ok = cameras["town_broken"][0], cameras["town_ok"][0]
    broken.status = "working"
    broken.save()
    ok.status = "broken"
    ok.lon = ok.lon + Decimal("0.001")  # ~108 m east
    ok.save()
    gone = cameras["town_ok"][1].pk
    Camera.objects.filter(pk=gone).delete()
    new = add_cameras(town, 2)
    rounds.move_round(secretariat, closed_round, R.CLOSED)
    second = certify.certify(committee, closed_round)

    diff = certify.compare(second, first)  # order does not matter: earlier → later
    assert diff.before == first and diff.after == second
    assert diff.counts == {"added": 2, "removed": 1, "repaired": 1, "broken_since": 1, "moved": 1}
    assert {r["camera_id"] for r in diff.added} == {c.pk for c in new}
    assert diff.removed[0]["camera_id"] == gone
    assert diff.repaired[0]["camera_id"] == broken.pk and diff.repaired[0]["status_before"] == "broken"
    assert diff.broken_since[0]["camera_id"] == ok.pk
    assert diff.moved[0]["camera_id"] == ok.pk and 100 < diff.moved[0]["metres"] < 120
    assert ("total", 7, 8) in diff.figures


def test_certifying_is_bulk_whatever_the_number_of_cameras(closed_round, committee, secretariat, town):
    with CaptureQueriesContext(connection) as few:
        certify.certify(committee, closed_round)
    rounds.move_round(secretariat, closed_round, R.OPEN, "เพิ่มกล้อง")
    add_cameras(town, 40)
    rounds.move_round(secretariat, closed_round, R.CLOSED)
    with CaptureQueriesContext(connection) as many:
        cert = certify.certify(committee, closed_round)
    assert cert.cameras.count() == 47
    assert len(many) == len(few)  # no query per camera


def test_data_quality_errors_hold_certification_up(closed_round, committee, cameras):
    """A camera with no retention recorded is a data-quality error (census/quality): it is an
    open issue naming the agency, and certifying needs a reason until it is fixed."""
    gap = cameras["temple"][0]
    gap.retention_days = None
    gap.save()
    issues = certify.open_issues(closed_round)
    assert [i.kind for i in issues] == ["quality"] and "วัดไชโยวรวิหาร" in issues[0].message
    with pytest.raises(certify.CertificationRefused):
        certify.certify(committee, closed_round, reason="")
    gap.retention_days = 30
    gap.save()
    assert certify.open_issues(closed_round) == []
    assert certify.certify(committee, closed_round).open_issues == 0
