"""Owners are told of a request by e-mail and LINE from the background worker, with "preserve
now" when the footage is about to be overwritten; an outage loses nothing and is retried; the
reminders escalate 24 h, 6 h and 1 h before the overwrite moment, each once."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from safetyzone.core.models import Notification
from safetyzone.footage import reminders, services
from safetyzone.footage.models import FootageRequest, RequestItem
from tests.footage.request_world import build_world, fworld, request_data  # noqa: F401 - fixture

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def _mails(smtp_server) -> dict[str, object]:
    return {to[0]: msg for to, msg in smtp_server.messages}


def test_the_worker_tells_each_owner_once_by_email_and_line(committed_areas, smtp_server, line_api, settings):
    settings.TASKS = DATABASE_TASKS
    world = build_world()  # committed: each request enqueues its sending task
    assert smtp_server.messages == [] and line_api.pushes == []  # the investigator did not wait for them
    _run_worker()
    mails = _mails(smtp_server)
    assert set(mails) == {"cctv@angthong.example", "somchai@example.com", "b@example.com"}
    a_mail = mails["cctv@angthong.example"]
    # a2 keeps one day: its footage of the incident is gone within 24 h, so: preserve now
    assert str(a_mail["Subject"]).strip().startswith("เก็บรักษาภาพทันที: ขอภาพกล้องวงจรปิดสำหรับคดี คดีอาญา 123/2569")
    body = a_mail.get_content()
    assert "สภ.เมืองอ่างทอง ขอภาพจากกล้องของท่าน 2 ตัว" in body and "PRESERVE NOW" in a_mail["Subject"]
    assert world.items.a1.camera_label in body and world.items.a2.camera_label in body
    assert world.items.h1.camera_label not in body  # never another owner's camera
    assert "โปรดเก็บรักษาภาพทันที" in body and "— English —" in body and "/footage/inbox/" in body
    assert str(mails["b@example.com"]["Subject"]).strip().startswith("ขอภาพกล้องวงจรปิดสำหรับคดี คดี 9/2569")  # b1 keeps 30 days
    assert "ไม่ทราบระยะเวลาเก็บภาพ" in mails["somchai@example.com"].get_content()
    assert [to for to, _text in line_api.texts()] == ["U" + "a" * 32]
    assert Notification.objects.filter(sent_at__isnull=True).count() == 0
    _run_worker()
    assert len(smtp_server.messages) == 3 and len(line_api.pushes) == 1  # nothing twice


def test_an_outage_keeps_the_request_and_the_messages_are_retried(committed_areas, smtp_server, line_api,
                                                                   settings):
    settings.TASKS = DATABASE_TASKS
    line_api.fail_with = 500
    working_port, settings.EMAIL_PORT = settings.EMAIL_PORT, 9  # nothing listens there: mail is down
    world = build_world()
    _run_worker()
    failed = Notification.objects.filter(key__startswith=f"footage-request:{world.r_p.pk}:")
    assert failed.count() == 3 and all(n.sent_at is None and n.error and n.attempts == 1 for n in failed)
    assert FootageRequest.objects.count() == 2 and RequestItem.objects.count() == 4  # nothing lost
    assert set(RequestItem.objects.values_list("status", flat=True)) == {"sent"}
    first_key = line_api.pushes[0]["retry_key"]
    line_api.fail_with, settings.EMAIL_PORT = None, working_port
    call_command("send_footage_reminders")  # cron, every 15 minutes
    assert Notification.objects.filter(sent_at__isnull=True).count() == 0
    assert len(_mails(smtp_server)) == 3
    assert line_api.pushes[-1]["retry_key"] == first_key  # LINE cannot deliver the retry twice


def _due(world, item_name: str, *, left: timedelta, created_before: timedelta, now):
    item = getattr(world.items, item_name)
    RequestItem.objects.filter(request=item.request).update(overwrite_at=now + timedelta(days=20))
    RequestItem.objects.filter(pk=item.pk).update(overwrite_at=now + left)
    FootageRequest.objects.filter(pk=item.request_id).update(created_at=now - created_before)


def _reminders(smtp_server):
    subjects = [(to[0], str(msg["Subject"]).strip()) for to, msg in smtp_server.messages]
    return [(to, subject) for to, subject in subjects if subject.startswith("แจ้งเตือน")]


def test_reminders_escalate_at_24_6_and_1_hours_each_once(fworld, smtp_server, line_api):  # noqa: F811
    now = timezone.now()
    reminders.send_due(now=now)  # the initial messages (queued in the test's transaction) go out
    smtp_server.messages.clear()
    _due(fworld, "a1", left=timedelta(hours=30), created_before=timedelta(days=2), now=now)
    assert reminders.send_due(now=now) == (0, 0)
    sent = []
    for hours_left, stage in ((23, 24), (22, 24), (5, 6), (0.9, 1), (0.5, 1)):
        reminders.send_due(now=now + timedelta(hours=30 - hours_left))
        sent.append(len(_reminders(smtp_server)))
    assert sent == [1, 1, 2, 3, 3]  # each stage once, however often cron runs
    subjects = [s for _to, s in _reminders(smtp_server)]
    assert "ภายใน 24 ชม." in subjects[0] and "ภายใน 6 ชม." in subjects[1] and "ภายใน 1 ชม." in subjects[2]
    assert {to for to, _s in _reminders(smtp_server)} == {"cctv@angthong.example"}
    assert len([t for _to, t in line_api.texts() if t.startswith("แจ้งเตือน")]) == 3


def test_a_late_request_skips_the_stages_that_had_begun(fworld, smtp_server, line_api):  # noqa: F811
    now = timezone.now()
    _due(fworld, "a1", left=timedelta(hours=3), created_before=timedelta(minutes=10), now=now)
    reminders.send_due(now=now)
    reminders.send_due(now=now + timedelta(hours=2, minutes=15))
    # made 3 h before overwrite: its first message said "preserve now"; no 6 h reminder, the 1 h one
    assert [("ภายใน 1 ชม." in subject) for _to, subject in _reminders(smtp_server)] == [True]


@pytest.mark.parametrize("how", ["preserved", "declined", "closed"])
def test_no_reminder_once_the_owner_acted_or_the_request_ended(fworld, smtp_server, line_api, how):  # noqa: F811
    now = timezone.now()
    _due(fworld, "a1", left=timedelta(hours=5), created_before=timedelta(days=2), now=now)
    item = fworld.items.a1
    if how == "closed":
        services.close_request(fworld.users["investigator_p"], fworld.r_p)
    else:
        services.mark_seen(fworld.users["editor_a"], item)
        services.answer(fworld.users["editor_a"], item, how, "ลบไปแล้ว")
    reminders.send_due(now=now)
    assert _reminders(smtp_server) == []


def test_the_reminders_task_and_command(fworld, smtp_server, line_api, settings):  # noqa: F811
    from django.core.management import call_command as cc

    from safetyzone.footage.tasks import send_footage_reminders

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    now = timezone.now()
    _due(fworld, "a1", left=timedelta(hours=5), created_before=timedelta(days=2), now=now)
    result = send_footage_reminders.enqueue()
    assert result.return_value.startswith("1 owners reminded") and len(_reminders(smtp_server)) == 1
    from io import StringIO
    out = StringIO()
    cc("send_footage_reminders", stdout=out)
    assert out.getvalue().startswith("0 owners reminded")  # already sent at this stage


def test_retries_stop_after_three_hours_of_failures(fworld, smtp_server, line_api):  # noqa: F811
    from safetyzone.footage.notices import MAX_ATTEMPTS

    rows = Notification.objects.filter(key__startswith=f"footage-request:{fworld.r_p.pk}:")
    rows.filter(organisation=fworld.orgs.h).update(attempts=MAX_ATTEMPTS, error="SMTPRecipientsRefused")
    reminders.send_due()
    assert "somchai@example.com" not in _mails(smtp_server)  # given up: the request page says "please call"
    assert "cctv@angthong.example" in _mails(smtp_server)  # the others still go out
