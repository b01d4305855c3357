"""The census round's two state machines: every allowed move, every forbidden one, the log."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from safetyzone.census import rounds
from safetyzone.census.models import (
    Certification, Round, RoundStatus, Submission, SubmissionStatus, Transition,
)
from tests.census.round_fixtures import agency, editor, office, secretariat  # noqa: F401 (fixtures)
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory

R, S = RoundStatus, SubmissionStatus


@pytest.fixture(autouse=True)
def english():
    """Messages are matched in English here; the pages' tests check the Thai."""
    with translation.override("en"):
        yield


@pytest.fixture
def round_(secretariat, agency):
    today = timezone.localdate()
    return rounds.create_round(secretariat, province_id="15", title="สำรวจกล้อง 2569", opens_on=today,
                               deadline=today + timedelta(days=30), organisations=[agency])


def submission_of(round_, org) -> Submission:
    return Submission.objects.get(round=round_, organisation=org)


def opened(round_, secretariat):
    rounds.move_round(secretariat, round_, R.OPEN)
    return round_


def test_round_moves_and_every_move_is_logged(round_, secretariat):
    assert round_.status == R.DRAFT
    rounds.move_round(secretariat, round_, R.OPEN)
    rounds.move_round(secretariat, round_, R.CLOSED)
    rounds.move_round(secretariat, round_, R.OPEN, "หน่วยงานขอส่งเพิ่ม")
    rounds.move_round(secretariat, round_, R.CLOSED)
    rounds.move_round(secretariat, round_, R.CERTIFIED, certifying=True)
    rounds.move_round(secretariat, round_, R.OPEN, "พบข้อมูลผิด")
    log = list(Transition.objects.filter(round=round_, submission=None).values_list("from_status", "to_status"))
    assert log == [("", "draft"), ("draft", "open"), ("open", "closed"), ("closed", "open"), ("open", "closed"),
                   ("closed", "certified"), ("certified", "open")]
    assert Round.objects.get(pk=round_.pk).status == R.OPEN


FORBIDDEN_ROUND = [(R.DRAFT, R.CLOSED), (R.DRAFT, R.CERTIFIED), (R.OPEN, R.CERTIFIED), (R.OPEN, R.DRAFT),
                   (R.CLOSED, R.DRAFT), (R.CERTIFIED, R.CLOSED), (R.CERTIFIED, R.DRAFT)]


@pytest.mark.parametrize("start, target", FORBIDDEN_ROUND)
def test_forbidden_round_moves_change_nothing(round_, secretariat, start, target):
    Round.objects.filter(pk=round_.pk).update(status=start)
    before = Transition.objects.count()
    with pytest.raises(rounds.TransitionError):
        rounds.move_round(secretariat, round_, target, "note", certifying=True)
    assert Round.objects.get(pk=round_.pk).status == start and Transition.objects.count() == before


def test_reopening_needs_a_reason_and_keeps_the_certification(round_, secretariat):
    opened(round_, secretariat)
    rounds.move_round(secretariat, round_, R.CLOSED)
    rounds.move_round(secretariat, round_, R.CERTIFIED, certifying=True)
    cert = Certification.objects.create(round=round_, certified_by=secretariat, certified_at=timezone.now())
    with pytest.raises(rounds.TransitionError, match="reason"):
        rounds.move_round(secretariat, round_, R.OPEN, "  ")
    rounds.move_round(secretariat, round_, R.OPEN, "ข้อมูลตำบลโพสะผิด")
    cert.refresh_from_db()
    assert cert.superseded_at is not None
    assert Transition.objects.filter(round=round_, to_status="open").last().note == "ข้อมูลตำบลโพสะผิด"


def test_only_the_provinces_secretariat_runs_the_round(round_, editor, db):
    other_office = OrganisationFactory(kind="provincial_office", area_id="41")
    for user in (editor, UserFactory(organisation=other_office, role="secretariat"),
                 UserFactory(organisation=round_.submissions.get().organisation, role="org_admin")):
        with pytest.raises(PermissionDenied):
            rounds.move_round(user, round_, R.OPEN)
    committee = UserFactory(organisation=OrganisationFactory(kind="provincial_office", area_id="1502"),
                            role="committee")
    with pytest.raises(PermissionDenied):
        rounds.move_round(committee, round_, R.OPEN)  # the committee certifies, it does not run
    assert Round.objects.get(pk=round_.pk).status == R.DRAFT


def test_invitations_stay_in_the_province(round_, secretariat):
    udon = OrganisationFactory(kind="local_admin", area_id="410101")
    with pytest.raises(ValidationError):
        rounds.invite(secretariat, round_, [udon])
    second = OrganisationFactory(kind="police_station", area_id="1502")
    assert rounds.invite(secretariat, round_, [second, round_.submissions.get().organisation]) == 1


def test_agency_submits_with_its_cameras(round_, secretariat, agency, editor):
    opened(round_, secretariat)
    site = SiteFactory(owner=agency)
    CameraFactory.create_batch(3, site=site)
    CameraFactory(site=site, status="broken")
    sub = rounds.submit(editor, submission_of(round_, agency), has_cameras=True, note="ครบทุกจุด")
    assert (sub.status, sub.camera_count, sub.working_count, sub.late) == (S.SUBMITTED, 4, 3, False)
    assert sub.submitted_by == editor and sub.submitted_at is not None
    moves = list(sub.transitions.values_list("from_status", "to_status"))
    assert moves == [("not_started", "submitted")]


def test_we_have_none_is_an_answer_and_silence_is_not(round_, secretariat, agency, editor):
    opened(round_, secretariat)
    sub = submission_of(round_, agency)
    with pytest.raises(ValidationError, match="we have none"):
        rounds.submit(editor, sub, has_cameras=None)
    sub = rounds.submit(editor, sub, has_cameras=False)
    assert sub.has_cameras is False and sub.camera_count == 0


def test_answer_must_match_the_registry(round_, secretariat, agency, editor):
    opened(round_, secretariat)
    with pytest.raises(ValidationError, match="none are registered"):
        rounds.submit(editor, submission_of(round_, agency), has_cameras=True)
    CameraFactory(site=SiteFactory(owner=agency))
    with pytest.raises(ValidationError, match="1 are registered"):
        rounds.submit(editor, submission_of(round_, agency), has_cameras=False)
    assert submission_of(round_, agency).status == S.NOT_STARTED


def test_submitting_twice_is_refused_with_a_message(round_, secretariat, agency, editor):
    opened(round_, secretariat)
    rounds.submit(editor, submission_of(round_, agency), has_cameras=False)
    with pytest.raises(rounds.TransitionError, match="already submitted"):
        rounds.submit(editor, submission_of(round_, agency), has_cameras=False)
    assert submission_of(round_, agency).transitions.count() == 1


def test_late_answer_is_accepted_and_marked(round_, secretariat, agency, editor):
    Round.objects.filter(pk=round_.pk).update(opens_on=date(2026, 1, 1), deadline=date(2026, 1, 31))
    opened(round_, secretariat)
    sub = rounds.submit(editor, submission_of(round_, agency), has_cameras=False)
    assert sub.late is True


def test_answers_only_while_the_round_is_open(round_, secretariat, agency, editor):
    with pytest.raises(rounds.TransitionError, match="not open"):
        rounds.submit(editor, submission_of(round_, agency), has_cameras=False)  # still a draft
    opened(round_, secretariat)
    rounds.move_round(secretariat, round_, R.CLOSED)
    with pytest.raises(rounds.TransitionError, match="not open"):
        rounds.start_editing(editor, submission_of(round_, agency))


def test_review_sends_back_with_comments_and_the_agency_answers_again(round_, secretariat, agency, editor):
    opened(round_, secretariat)
    sub = rounds.submit(editor, submission_of(round_, agency), has_cameras=False)
    with pytest.raises(ValidationError, match="must fix"):
        rounds.review(secretariat, sub, accept=False, comment="")
    sub = rounds.review(secretariat, sub, accept=False, comment="มีกล้องหน้าสำนักงานที่ยังไม่ได้ลงทะเบียน")
    assert sub.status == S.RETURNED and "ยังไม่ได้ลงทะเบียน" in sub.review_comment
    sub = rounds.start_editing(editor, sub)
    CameraFactory(site=SiteFactory(owner=agency))
    sub = rounds.submit(editor, sub, has_cameras=True)
    sub = rounds.review(secretariat, sub, accept=True)
    assert sub.status == S.ACCEPTED
    assert list(sub.transitions.values_list("to_status", flat=True)) == [
        "submitted", "returned", "in_progress", "submitted", "accepted"]


FORBIDDEN_SUBMISSION = [(S.NOT_STARTED, "accept"), (S.IN_PROGRESS, "accept"), (S.IN_PROGRESS, "return"),
                        (S.RETURNED, "accept"), (S.NOT_STARTED, "return")]


@pytest.mark.parametrize("start, action", FORBIDDEN_SUBMISSION)
def test_forbidden_reviews(round_, secretariat, agency, start, action):
    opened(round_, secretariat)
    Submission.objects.filter(round=round_, organisation=agency).update(status=start)
    with pytest.raises(rounds.TransitionError):
        rounds.review(secretariat, submission_of(round_, agency), accept=action == "accept", comment="x")
    assert submission_of(round_, agency).status == start


def test_only_the_agencys_writers_answer(round_, secretariat, agency):
    opened(round_, secretariat)
    for user in (UserFactory(organisation=agency, role="viewer"), secretariat,
                 UserFactory(organisation=OrganisationFactory(area_id="150201"), role="editor")):
        with pytest.raises(PermissionDenied):
            rounds.submit(user, submission_of(round_, agency), has_cameras=False)


def test_agency_cannot_review_its_own_answer(round_, secretariat, agency, editor):
    opened(round_, secretariat)
    sub = rounds.submit(editor, submission_of(round_, agency), has_cameras=False)
    with pytest.raises(PermissionDenied):
        rounds.review(editor, sub, accept=True)


def test_certified_round_answers_are_frozen(round_, secretariat, agency, editor):
    opened(round_, secretariat)
    sub = rounds.submit(editor, submission_of(round_, agency), has_cameras=False)
    rounds.review(secretariat, sub, accept=True)
    rounds.move_round(secretariat, round_, R.CLOSED)
    rounds.move_round(secretariat, round_, R.CERTIFIED, certifying=True)
    with pytest.raises(rounds.TransitionError, match="reopened"):
        rounds.review(secretariat, sub, accept=False, comment="x")


def test_a_round_is_certified_only_through_certification(round_, secretariat):
    """Moving to certified directly would skip the frozen snapshot and the reason for open issues."""
    rounds.move_round(secretariat, round_, R.OPEN)
    rounds.move_round(secretariat, round_, R.CLOSED)
    for target in (R.CERTIFIED, "bogus"):
        with pytest.raises(rounds.TransitionError):
            rounds.move_round(secretariat, round_, target)
    assert Round.objects.get(pk=round_.pk).status == R.CLOSED and not Certification.objects.exists()
