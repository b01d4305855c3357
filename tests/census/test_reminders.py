"""Reminders before a census deadline, by e-mail (a local SMTP server) and LINE (a local fake API)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from safetyzone.census import reminders, rounds
from safetyzone.census.models import Submission
from safetyzone.core.models import Notification
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def secretariat(db):
    office = OrganisationFactory(name="สำนักงานจังหวัดอ่างทอง", kind="provincial_office", area_id="15")
    return UserFactory(organisation=office, role="secretariat")


@pytest.fixture
def agencies(db):
    return [
        OrganisationFactory(name="เทศบาลเมืองอ่างทอง", area_id="150101", contact_email="it@angthong.go.th",
                            line_to="C0123456789abcdef0123456789abcdef"),
        OrganisationFactory(name="อบต.ไชโย", area_id="150201", contact_email="saraban@chaiyo.go.th"),
        OrganisationFactory(name="สถานีตำรวจภูธรวิเศษชัยชาญ", kind="police_station", area_id="1505"),
    ]


@pytest.fixture
def open_round(secretariat, agencies):
    today = timezone.localdate()
    r = rounds.create_round(secretariat, province_id="15", title="สำรวจกล้อง ๒๕๖๙", opens_on=today,
                            deadline=today + timedelta(days=3), organisations=agencies)
    rounds.move_round(secretariat, r, "open")
    return r


def test_three_days_before_unanswered_agencies_get_email_and_line(open_round, agencies, secretariat,
                                                                  smtp_server, line_api):
    editor = UserFactory(organisation=agencies[1], role="editor")
    rounds.submit(editor, Submission.objects.get(round=open_round, organisation=agencies[1]), has_cameras=False)

    agencies_reminded, sent = reminders.send_due()
    assert (agencies_reminded, sent) == (2, 2)  # the municipality by e-mail and LINE; the police have neither
    [(to, mail)] = smtp_server.messages
    assert to == ["it@angthong.go.th"]
    body = mail.get_body().get_content()
    assert "สำรวจกล้อง ๒๕๖๙" in mail["Subject"] and "เทศบาลเมืองอ่างทอง" in body
    assert "อีก 3 วัน" in body and "The deadline is" in body and "ไม่มีกล้อง" in body
    [push] = line_api.pushes
    assert push["path"] == "/v2/bot/message/push" and push["auth"] == "Bearer test-channel-token"
    assert push["json"]["to"] == "C0123456789abcdef0123456789abcdef"
    assert "/census/answers/" in push["json"]["messages"][0]["text"] and push["retry_key"]


def test_the_same_reminder_is_never_sent_twice(open_round, smtp_server, line_api):
    assert reminders.send_due() == (3, 3)  # two agencies have e-mail, one of them LINE too
    assert reminders.send_due() == (3, 0)
    call_command("send_reminders")
    assert len(smtp_server.messages) == 2 and len(line_api.pushes) == 1


def test_no_reminder_on_other_days(open_round, smtp_server, line_api):
    today = timezone.localdate()
    assert reminders.send_due(today - timedelta(days=1)) == (0, 0)  # 4 days left
    assert reminders.send_due(today + timedelta(days=3)) == (3, 3)  # the deadline is today
    assert reminders.send_due(today + timedelta(days=5)) == (0, 0)  # 2 days late
    assert reminders.send_due(today + timedelta(days=6)) == (3, 3)  # 3 days late
    assert "ผ่านมาแล้ว 3 วัน" in smtp_server.messages[-1][1].get_body().get_content()


def test_failed_line_push_is_recorded_and_retried_with_the_same_key(open_round, smtp_server, line_api):
    line_api.fail_with = 500
    reminders.send_due()
    failed = Notification.objects.get(channel="line")
    assert failed.sent_at is None and "500" in failed.error and failed.attempts == 1
    line_api.fail_with = None
    reminders.send_due()
    failed.refresh_from_db()
    assert failed.sent_at is not None and failed.attempts == 2
    assert line_api.pushes[0]["retry_key"] == line_api.pushes[1]["retry_key"]
    assert len(smtp_server.messages) == 2  # the e-mails went out the first time and only then


def test_line_without_a_token_is_recorded_not_sent(open_round, smtp_server, settings):
    settings.LINE_CHANNEL_ACCESS_TOKEN = ""
    reminders.send_due()
    note = Notification.objects.get(channel="line")
    assert note.sent_at is None and "not configured" in note.error


def test_secretariat_reminds_now_from_the_round_page(client, open_round, secretariat, smtp_server, line_api,
                                                     settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client.force_login(secretariat)
    response = client.post(reverse("census:round_remind", args=[open_round.pk]), follow=True)
    page = response.content.decode()
    assert "กำลังส่งการแจ้งเตือนทางอีเมลและ LINE ถึง 3 หน่วยงานที่ยังไม่ส่งข้อมูล" in page
    assert "เทศบาลเมืองอ่างทอง" in page and len(smtp_server.messages) == 2  # listed once sent
    client.post(reverse("census:round_remind", args=[open_round.pk]))
    assert len(smtp_server.messages) == 2  # once a day


def test_remind_now_is_sent_by_the_worker_not_in_the_request(client, committed_areas, smtp_server, line_api,
                                                             settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    office = OrganisationFactory(kind="provincial_office", area_id="15")
    secretariat = UserFactory(organisation=office, role="secretariat")
    agency = OrganisationFactory(area_id="150101", contact_email="it@angthong.go.th")
    today = timezone.localdate()
    round_ = rounds.create_round(secretariat, province_id="15", title="รอบ", opens_on=today,
                                 deadline=today + timedelta(days=20), organisations=[agency])
    rounds.move_round(secretariat, round_, "open")
    client.force_login(secretariat)
    assert client.post(reverse("census:round_remind", args=[round_.pk])).status_code == 302
    assert smtp_server.messages == []  # queued, not sent while the secretariat waits
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert [to for to, _msg in smtp_server.messages] == [["it@angthong.go.th"]]


def test_agency_cannot_send_reminders(client, open_round, agencies, smtp_server):
    client.force_login(UserFactory(organisation=agencies[0], role="org_admin"))
    assert client.post(reverse("census:round_remind", args=[open_round.pk])).status_code == 403
    assert smtp_server.messages == []
