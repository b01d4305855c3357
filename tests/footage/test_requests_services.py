"""Creating a request, the owners' answers, the investigator's judgement, closing, cancelling."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_tasks_db.models import DBTaskResult

from safetyzone.core.models import Notification
from safetyzone.footage import services
from safetyzone.footage.models import FootageRequest, ItemEvent, RequestItem
from tests.factories import CameraFactory, SiteFactory
from tests.footage.request_world import fworld, request_data  # noqa: F401 - fixture


def test_a_request_has_one_item_per_camera_with_owner_label_and_overwrite_moment(fworld):  # noqa: F811
    req, cams = fworld.r_p, fworld.cams
    data = request_data()
    assert (req.case_ref, req.organisation, req.province_id, req.status) == (data["case_ref"], fworld.orgs.p, "15", "open")
    items = {i.camera_id: i for i in req.items.all()}
    assert set(items) == {cams.a1.pk, cams.a2.pk, cams.h1.pk}
    a1 = items[cams.a1.pk]
    assert a1.owner == fworld.orgs.a and items[cams.h1.pk].owner == fworld.orgs.h
    assert a1.status == "sent" and f"#{cams.a1.pk}" in a1.camera_label and cams.a1.site.name in a1.camera_label
    # footage of the window's start is overwritten retention days later; unknown retention: unknown
    assert abs(a1.overwrite_at - (req.starts_at + timedelta(days=7))) < timedelta(seconds=1)
    assert items[cams.h1.pk].overwrite_at is None
    assert 0 < a1.distance_m < 50
    assert [(e.from_status, e.to_status, e.by) for e in ItemEvent.objects.filter(item=a1)] == [
        ("", "sent", fworld.users["investigator_p"])]


def test_creating_a_request_queues_one_message_per_owner_and_channel_and_a_task(
        fworld, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        req = services.create_request(fworld.users["investigator_p"], request_data(),
                                      [fworld.cams.a1.pk, fworld.cams.a2.pk, fworld.cams.h1.pk])
    rows = Notification.objects.filter(key__startswith=f"footage-request:{req.pk}:")
    # owner A has e-mail and LINE, household H e-mail only; one message lists both of A's cameras
    assert sorted((n.organisation.name, n.channel) for n in rows) == [
        ("บ้านนายสมชาย", "email"), ("เทศบาลเมืองอ่างทอง", "email"), ("เทศบาลเมืองอ่างทอง", "line")]
    line = rows.get(channel="line")
    assert f"#{fworld.cams.a1.pk}" in line.body and f"#{fworld.cams.a2.pk}" in line.body
    assert all(n.sent_at is None for n in rows)  # the task sends them
    queued = DBTaskResult.objects.filter(task_path__endswith="send_request_notices")
    assert [r.args_kwargs["args"] for r in queued] == [[req.pk]] and queued.get().status == "READY"


def test_a_camera_the_investigator_may_not_read_is_refused_and_nothing_is_written(fworld):  # noqa: F811
    before = (FootageRequest.objects.count(), RequestItem.objects.count(), Notification.objects.count())
    with pytest.raises(ValidationError) as exc:  # b1 is in station Q's district, not P's
        services.create_request(fworld.users["investigator_p"], request_data(), [fworld.cams.a1.pk, fworld.cams.b1.pk])
    assert f"#{fworld.cams.b1.pk}" in exc.value.message_dict["cameras"][0]
    assert (FootageRequest.objects.count(), RequestItem.objects.count(), Notification.objects.count()) == before


@pytest.mark.parametrize("role", ["head_p", "editor_p", "editor_a", "secretariat"])
def test_only_investigators_send_requests(fworld, role):  # noqa: F811
    with pytest.raises(PermissionDenied):
        services.create_request(fworld.users[role], request_data(), [fworld.cams.a1.pk])


def test_one_camera_twice_makes_one_item(fworld):  # noqa: F811
    req = services.create_request(fworld.users["investigator_p"], request_data(), [fworld.cams.a1.pk] * 2)
    assert req.items.count() == 1


def test_the_owner_answers_and_the_investigator_sees_each_state(fworld, client):  # noqa: F811
    a1, a2, h1 = fworld.items.a1, fworld.items.a2, fworld.items.h1
    assert services.mark_seen(fworld.users["editor_a"], a1)
    services.answer(fworld.users["editor_a"], a1, "preserved")
    services.answer(fworld.users["editor_a"], a2, "no_footage", "เครื่องบันทึกเสียตั้งแต่เดือนที่แล้ว")
    services.answer(fworld.users["editor_h"], h1, "declined", "ไม่ประสงค์ให้ภาพ")
    client.force_login(fworld.users["investigator_p"])
    page = client.get(f"/footage/requests/{fworld.r_p.pk}/").content.decode()
    assert "เก็บรักษาภาพไว้แล้ว" in page and "ไม่มีภาพ" in page and "ปฏิเสธ" in page
    assert "เครื่องบันทึกเสียตั้งแต่เดือนที่แล้ว" in page and "ไม่ประสงค์ให้ภาพ" in page


def test_an_owner_cannot_answer_another_owners_item(fworld):  # noqa: F811
    with pytest.raises(PermissionDenied):
        services.answer(fworld.users["editor_a"], fworld.items.h1, "declined", "ไม่ใช่กล้องเรา")
    assert RequestItem.objects.get(pk=fworld.items.h1.pk).status == "sent"


def test_usability_is_judged_only_after_delivery_and_by_the_investigators(fworld):  # noqa: F811
    a1, inv = fworld.items.a1, fworld.users["investigator_p"]
    with pytest.raises(ValidationError, match="ได้รับภาพแล้ว"):
        services.judge_usable(inv, a1, True, "")
    services.mark_delivered(a1, fworld.users["editor_a"])
    with pytest.raises(PermissionDenied):
        services.judge_usable(fworld.users["investigator_q"], a1, True, "")
    with pytest.raises(PermissionDenied):
        services.judge_usable(fworld.users["editor_a"], a1, True, "")
    with pytest.raises(ValidationError, match="เหตุ"):
        services.judge_usable(inv, a1, False, " ")
    services.judge_usable(fworld.users["investigator_p2"], a1, False, "ภาพมืดเกินไป")
    a1.refresh_from_db()
    assert (a1.usable, a1.usable_note, a1.judged_at is not None) == (False, "ภาพมืดเกินไป", True)
    assert "ภาพมืดเกินไป" in ItemEvent.objects.filter(item=a1).last().note


def test_closing_and_cancelling(fworld):  # noqa: F811
    inv = fworld.users["investigator_p"]
    with pytest.raises(ValidationError, match="เหตุผล"):
        services.cancel_request(inv, fworld.r_p, "  ")
    with pytest.raises(PermissionDenied):
        services.close_request(fworld.users["investigator_q"], fworld.r_p)
    services.cancel_request(inv, fworld.r_p, "แจ้งผิดที่")
    req = FootageRequest.objects.get(pk=fworld.r_p.pk)
    assert req.status == "cancelled" and req.closed_at is not None
    assert "แจ้งผิดที่" in ItemEvent.objects.filter(item=fworld.items.a1).last().note
    with pytest.raises(ValidationError, match="ยกเลิก"):
        services.close_request(inv, req)


def test_a_removed_camera_keeps_its_request_item(fworld):  # noqa: F811
    extra = CameraFactory(site=SiteFactory(owner=fworld.orgs.a), lat="14.590000", lon="100.456000")
    req = services.create_request(fworld.users["investigator_p"], request_data(), [extra.pk])
    label = req.items.get().camera_label
    extra.delete()
    item = req.items.get()
    assert item.camera is None and item.camera_label == label and item.owner == fworld.orgs.a
