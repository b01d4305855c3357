"""The item state machine: every allowed move and every forbidden one, with its history."""

import pytest

from safetyzone.footage import services, states
from safetyzone.footage.models import ItemEvent, ItemStatus, RequestItem
from tests.footage.request_world import fworld  # noqa: F401 - fixture

S = ItemStatus
ALL = [s.value for s in S]
ALLOWED = {
    ("sent", "seen"), ("sent", "no_footage"), ("sent", "declined"),
    ("seen", "preserved"), ("seen", "no_footage"), ("seen", "declined"),
    ("preserved", "delivered"), ("preserved", "no_footage"), ("preserved", "declined"),
}


def _item_in(fworld, status: str) -> RequestItem:  # noqa: F811
    item = fworld.items.a1
    RequestItem.objects.filter(pk=item.pk).update(status=status)
    item.refresh_from_db()
    return item


@pytest.mark.parametrize(("src", "dst"), sorted(ALLOWED))
def test_allowed_move_changes_status_and_records_who_and_why(fworld, src, dst):  # noqa: F811
    item = _item_in(fworld, src)
    user = fworld.users["editor_a"]
    states.move(item, dst, user, "  กล้องเสีย  ")
    item.refresh_from_db()
    assert item.status == dst
    event = ItemEvent.objects.filter(item=item).last()
    assert (event.from_status, event.to_status, event.by) == (src, dst, user)
    if dst in ("no_footage", "declined"):
        assert item.reason == "กล้องเสีย" and event.note == "กล้องเสีย"
    if dst == "seen":
        assert item.seen_at is not None
    assert (item.answered_at is not None) == (dst in ("preserved", "delivered", "no_footage", "declined"))


@pytest.mark.parametrize(("src", "dst"), sorted((a, b) for a in ALL for b in ALL if (a, b) not in ALLOWED))
def test_forbidden_move_is_refused_with_a_message_and_nothing_changes(fworld, src, dst, settings):  # noqa: F811
    settings.LANGUAGE_CODE = "en"
    item = _item_in(fworld, src)
    events = ItemEvent.objects.count()
    with pytest.raises(states.TransitionError) as exc:
        states.move(item, dst, fworld.users["editor_a"], "เหตุผล")
    assert "cannot become" in exc.value.messages[0]
    assert str(S(src).label) in exc.value.messages[0] and str(S(dst).label) in exc.value.messages[0]
    item.refresh_from_db()
    assert item.status == src and ItemEvent.objects.count() == events


@pytest.mark.parametrize("dst", ["no_footage", "declined"])
@pytest.mark.parametrize("src", ["sent", "seen", "preserved"])
def test_no_footage_and_declined_need_a_reason(fworld, src, dst):  # noqa: F811
    item = _item_in(fworld, src)
    with pytest.raises(states.TransitionError) as exc:
        states.move(item, dst, fworld.users["editor_a"], "   ")
    assert "เหตุผล" in exc.value.messages[0]
    item.refresh_from_db()
    assert item.status == src


def test_items_of_a_cancelled_request_no_longer_move(fworld):  # noqa: F811
    services.cancel_request(fworld.users["investigator_p"], fworld.r_p, "ผิดคดี")
    item = RequestItem.objects.get(pk=fworld.items.a1.pk)
    with pytest.raises(states.TransitionError) as exc:
        services.answer(fworld.users["editor_a"], item, "preserved")
    assert "ยกเลิก" in exc.value.messages[0]
    item.refresh_from_db()
    assert item.status == "sent"


def test_mark_delivered_from_seen_passes_through_preserved_and_is_idempotent(fworld):  # noqa: F811
    item = fworld.items.a1
    assert services.mark_seen(fworld.users["editor_a"], item)
    services.mark_delivered(item, fworld.users["editor_a"])
    services.mark_delivered(item, fworld.users["editor_a"])  # a second clip: nothing changes
    item.refresh_from_db()
    assert item.status == "delivered"
    assert [(e.from_status, e.to_status) for e in item.events.all()] == [
        ("", "sent"), ("sent", "seen"), ("seen", "preserved"), ("preserved", "delivered")]


def test_mark_delivered_refuses_a_declined_item(fworld):  # noqa: F811
    item = fworld.items.a1
    services.answer(fworld.users["editor_a"], item, "declined", "ไม่ยินยอม")
    with pytest.raises(states.TransitionError):
        services.mark_delivered(item, fworld.users["editor_a"])
    item.refresh_from_db()
    assert item.status == "declined"
