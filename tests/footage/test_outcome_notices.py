"""After the first message: the requesting investigator hears each owner's answer (preserved,
delivered, no footage, declined) by e-mail, once; the station's channels get a message without
case details only when the investigator cannot be e-mailed; when a request is closed or
withdrawn, each owner of cameras still open is told once that it need not keep the footage."""

import pytest
from django.utils import timezone

from safetyzone.core.models import Notification
from safetyzone.footage import reminders, services
from safetyzone.footage.evidence_store import record_medium
from tests.footage.request_world import build_world

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CLIP = {"clock_offset_s": None, "offset_source": "unknown", "footage_starts_utc": None, "footage_ends_utc": None}


@pytest.fixture
def world(db, settings, smtp_server, line_api, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    with django_capture_on_commit_callbacks(execute=True):
        w = build_world()
    smtp_server.messages.clear()
    line_api.pushes.clear()
    w.smtp, w.line, w.commit = smtp_server, line_api, django_capture_on_commit_callbacks
    investigator = w.users["investigator_p"]
    investigator.email = "detective@police.example"
    investigator.save()
    return w


def _mails(world) -> list[tuple[str, str, str]]:
    return [(to[0], str(msg["Subject"]).strip(), msg.get_content()) for to, msg in world.smtp.messages]


def _answer(world, name: str, to: str, reason: str = "", user: str = "editor_a"):
    item = getattr(world.items, name)
    with world.commit(execute=True):
        services.mark_seen(world.users[user], item)
        services.answer(world.users[user], item, to, reason)


def test_the_investigator_gets_each_answer_once_by_email_with_the_reason(world):
    _answer(world, "a1", "no_footage", "เครื่องบันทึกเสียตั้งแต่สัปดาห์ก่อน")
    [(to, subject, body)] = _mails(world)
    assert to == "detective@police.example"
    assert subject.startswith("คำตอบสำหรับคดี คดีอาญา 123/2569: ไม่มีภาพ") and "No footage" in subject
    assert "เทศบาลเมืองอ่างทอง" in body and world.items.a1.camera_label in body
    assert "เครื่องบันทึกเสียตั้งแต่สัปดาห์ก่อน" in body and "— English —" in body
    assert f"/footage/requests/{world.r_p.pk}/" in body
    assert world.line.pushes == []  # case details never go to the station's LINE group
    reminders.send_due()  # the cron run retries failures; this one went out, so nothing more
    assert len(world.smtp.messages) == 1
    _answer(world, "a2", "preserved")
    assert _mails(world)[1][1].startswith("คำตอบสำหรับคดี คดีอาญา 123/2569: เก็บรักษาภาพไว้แล้ว")


def test_a_delivery_tells_the_investigator_where_the_evidence_is(world):
    item = world.items.h1
    with world.commit(execute=True):
        record_medium(world.users["editor_h"], item.pk, medium="แฟลชไดรฟ์ 16 GB", clip=CLIP)
    [(to, subject, body)] = _mails(world)
    assert to == "detective@police.example" and "ส่งภาพแล้ว" in subject
    assert f"/footage/requests/{world.r_p.pk}/evidence/" in body


def test_an_unreachable_investigator_is_replaced_by_a_message_to_the_station_without_case_details(world):
    station = world.orgs.p
    station.contact_email, station.line_to = "duty@police.example", "C" + "d" * 32
    station.save()
    world.users["investigator_p"].email = ""
    world.users["investigator_p"].save()
    _answer(world, "a1", "declined", "ไม่สะดวกให้ภาพ")
    [(to, subject, body)] = _mails(world)
    [(line_to, text)] = world.line.texts()
    assert to == "duty@police.example" and line_to == "C" + "d" * 32
    for said in (subject + body, text):
        assert "123/2569" not in said and "ไม่สะดวกให้ภาพ" not in said and "เทศบาล" not in said
        assert f"/footage/requests/{world.r_p.pk}/" in said


def test_an_investigator_who_left_the_station_is_not_sent_the_case(world):
    moved = world.users["investigator_p"]
    moved.organisation = world.orgs.q
    moved.save()
    _answer(world, "a1", "no_footage", "ลบไปแล้ว")
    assert _mails(world) == []  # and the station has no channel: nothing is sent anywhere


@pytest.mark.parametrize("how", ["close", "cancel"])
def test_owners_of_open_cameras_are_told_once_when_the_request_ends(world, how):
    _answer(world, "h1", "declined", "ไม่มีภาพ", user="editor_h")  # H has answered: nothing to release
    world.smtp.messages.clear()
    with world.commit(execute=True):
        if how == "close":
            services.close_request(world.users["investigator_p"], world.r_p)
        else:
            services.cancel_request(world.users["investigator_p"], world.r_p, "จับผู้ต้องหาได้แล้ว")
    mails = _mails(world)
    assert [to for to, _s, _b in mails] == ["cctv@angthong.example"]  # A: a1 and a2 were open
    _to, subject, body = mails[0]
    word = "ปิดคำขอ" if how == "close" else "ถอนคำขอ"
    assert word in subject and "123/2569" in subject
    assert "ไม่จำเป็นต้องเก็บภาพ" in body and world.items.a1.camera_label in body
    assert world.items.a2.camera_label in body and world.items.h1.camera_label not in body
    assert "จับผู้ต้องหาได้แล้ว" not in body  # the reason for withdrawing stays with the police
    assert [to for to, _t in world.line.texts()] == ["U" + "a" * 32]
    reminders.send_due(now=timezone.now())
    assert len(world.smtp.messages) == 1 and len(world.line.pushes) == 1  # once
    assert Notification.objects.filter(key__startswith=f"footage-ended:{world.r_p.pk}:").count() == 2


def test_a_failed_message_to_the_investigator_is_retried_by_the_cron_run(world, settings):
    working_port, settings.EMAIL_PORT = settings.EMAIL_PORT, 9  # nothing listens there: mail is down
    _answer(world, "a1", "preserved")
    note = Notification.objects.get(key__startswith="footage-answer:")
    assert note.sent_at is None and note.error
    settings.EMAIL_PORT = working_port
    reminders.send_due()
    note.refresh_from_db()
    assert note.sent_at is not None and [to for to, _s, _b in _mails(world)] == ["detective@police.example"]
