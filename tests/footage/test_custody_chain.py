"""The custody log of a request is append-only and hash-chained: any change to any row, a
deleted, inserted or reordered row is detected and named."""

from datetime import timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safetyzone.footage import custody
from safetyzone.footage.models import CustodyEntry, EvidenceFile, FootageRequest

from tests.footage.evidence_world import make_world

ACTIONS = ["received", "viewed", "downloaded", "link", "shared", "report"]


class FakeHttp:
    def __init__(self, ip):
        self.META = {"REMOTE_ADDR": ip}


@pytest.fixture
def chain(db):
    world = make_world()
    files = [EvidenceFile.objects.create(item=world.item, original_name=f"clip{i}.mp4", size=100 + i,
                                         sha256=f"{i:064x}", received_by=world.editor) for i in range(2)]
    users = [world.editor, world.investigator, world.head]
    entries = [custody.record(users[i % 3], world.request, ACTIONS[i % len(ACTIONS)], files[i % 2],
                              purpose=f"ตรวจดูครั้งที่ {i}", detail="d" if i % 2 else "",
                              http_request=FakeHttp(f"10.0.0.{i + 1}"))
               for i in range(6)]
    return world, entries, files


def test_entries_chain_in_order_and_verify(chain):
    world, entries, _files = chain
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5, 6]
    assert entries[0].prev_hash == custody.GENESIS
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
    assert entries[2].ip == "10.0.0.3" and entries[0].sha256 == f"{0:064x}"
    assert custody.verify(world.request) is None
    state = custody.state(world.request)
    assert state.entries == 6 and state.head == entries[-1].hash and state.broken_at is None


def test_each_request_has_its_own_chain(chain):
    world, entries, _files = chain
    second = FootageRequest.objects.create(
        case_ref="9/2569", incident_type="other", lat=world.request.lat, lon=world.request.lon, radius_m=50,
        starts_at=world.request.starts_at, ends_at=world.request.ends_at, purpose="x",
        requested_by=world.investigator, organisation=world.station, province_id="15")
    first = custody.record(world.investigator, second, "report", purpose="รายงาน")
    assert first.seq == 1 and first.prev_hash == custody.GENESIS
    assert custody.verify(second) is None and custody.verify(world.request) is None


def _other_value(field, entry, data, world, files):
    """A value different from the entry's current one, of the kind the column holds."""
    text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40)
    hexes = st.text("0123456789abcdef", min_size=64, max_size=64)
    choices = {
        "evidence_id": st.sampled_from([None] + [f.pk for f in files]),
        "at": st.integers(min_value=-10**9, max_value=10**9).filter(bool).map(
            lambda us: entry.at + timedelta(microseconds=us)),
        "user_id": st.sampled_from([None, world.editor.pk, world.investigator.pk, world.head.pk, world.viewer.pk]),
        "username": text,
        "action": st.sampled_from(ACTIONS + ["deleted", "handed_over"]),
        "ip": st.sampled_from([None, "10.0.0.1", "10.0.0.2", "192.168.1.9", "2001:db8::1"]),
        "purpose": text,
        "sha256": st.one_of(st.just(""), hexes),
        "detail": st.one_of(st.just(""), text),
        "prev_hash": hexes,
        "hash": hexes,
    }
    current = getattr(entry, field)
    return data.draw(choices[field].filter(lambda v: v != current), label=field)


# Every column but the database id (the row's address, not part of what is attested: the order
# is carried by `seq`, which is hashed) and request/seq, which are tested below.
CONTENT_FIELDS = ["evidence_id", "at", "user_id", "username", "action", "ip", "purpose", "sha256", "detail",
                  "prev_hash", "hash"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_changing_any_field_of_any_row_is_detected(chain, data):
    world, entries, files = chain
    victim = entries[data.draw(st.integers(0, len(entries) - 1), label="row")]
    field = data.draw(st.sampled_from(CONTENT_FIELDS), label="field")
    value = _other_value(field, victim, data, world, files)
    with transaction.atomic():
        CustodyEntry.objects.filter(pk=victim.pk).update(**{field: value})  # as raw SQL would
        assert custody.verify(world.request) == victim.pk
        transaction.set_rollback(True)
    assert custody.verify(world.request) is None


@pytest.mark.parametrize("index", [0, 2, 5])
def test_renumbering_a_row_is_detected(chain, index):
    world, entries, _files = chain
    CustodyEntry.objects.filter(pk=entries[index].pk).update(seq=100)
    broken = custody.verify(world.request)
    # the row that now sits in the gap is named (or the renumbered one, if it was the last)
    assert broken == (entries[index + 1].pk if index < 5 else entries[index].pk)


def test_moving_a_row_to_another_request_is_detected(chain):
    world, entries, _files = chain
    other = make_world(tag="2")
    custody.record(other.investigator, other.request, "report")
    CustodyEntry.objects.filter(pk=entries[5].pk).update(request=other.request, seq=2)
    assert custody.verify(other.request) == entries[5].pk


@pytest.mark.parametrize("index", [0, 3])
def test_deleting_a_row_is_detected(chain, index):
    world, entries, _files = chain
    CustodyEntry.objects.filter(pk=entries[index].pk)._raw_delete(CustodyEntry.objects.db)
    assert custody.verify(world.request) == entries[index + 1].pk


def test_inserting_a_row_is_detected(chain):
    """A forged row slipped in after the third, with a hash that fits its predecessor (the rows
    after it renumbered): the access log never saw it, so it is the one named."""
    world, entries, _files = chain
    for entry in reversed(entries[3:]):
        CustodyEntry.objects.filter(pk=entry.pk).update(seq=entry.seq + 1)
    forged = CustodyEntry(request=world.request, username="intruder", action="viewed", seq=4,
                          prev_hash=entries[2].hash, purpose="ไม่มี")
    forged.hash = forged.compute_hash()
    forged.save()
    assert custody.verify(world.request) == forged.pk


def test_a_forged_row_appended_with_a_fitting_hash_is_detected(chain):
    world, entries, _files = chain
    forged = CustodyEntry(request=world.request, username="intruder", action="viewed", seq=7,
                          prev_hash=entries[-1].hash, purpose="ไม่มี")
    forged.hash = forged.compute_hash()
    forged.save()
    assert custody.verify(world.request) == forged.pk


@pytest.mark.parametrize("cut", [1, 3, 6])
def test_cutting_entries_off_the_end_is_detected(chain, cut):
    """The chain of what is left still fits together; the access log remembers the rest."""
    world, entries, _files = chain
    for entry in entries[-cut:]:
        CustodyEntry.objects.filter(pk=entry.pk)._raw_delete(CustodyEntry.objects.db)
    left = entries[:-cut]
    assert custody.verify(world.request) == (left[-1].pk if left else 0)


@pytest.mark.parametrize("cut", [1, 3])
def test_a_chain_continued_after_entries_were_cut_off_is_still_detected(chain, cut):
    """The next writer (an evidence page view, say) numbers from the last entry left: its number
    was anchored once already, for the entry that was cut, so the chain does not heal."""
    world, entries, _files = chain
    for entry in entries[-cut:]:
        CustodyEntry.objects.filter(pk=entry.pk)._raw_delete(CustodyEntry.objects.db)
    appended = custody.record(world.investigator, world.request, "viewed", purpose="เปิดหน้าพยานหลักฐาน")
    assert appended.seq == len(entries) - cut + 1
    assert custody.verify(world.request) == appended.pk


def test_each_entry_is_anchored_in_the_access_log(chain):
    from safetyzone.core import accesslog
    from safetyzone.core.models import AccessLog

    world, entries, _files = chain
    anchors = list(AccessLog.objects.filter(object_type="footage.custodyentry").order_by("id"))
    assert [a.object_id for a in anchors] == [f"{world.request.pk}:{e.seq}:{e.hash[:16]}" for e in entries]
    assert anchors[2].ip == "10.0.0.3" and anchors[0].action == "footage_received"
    assert accesslog.verify_chain() is None


def test_reordering_rows_is_detected(chain):
    world, entries, _files = chain
    a, b = entries[1], entries[2]
    CustodyEntry.objects.filter(pk=a.pk).update(seq=99)
    CustodyEntry.objects.filter(pk=b.pk).update(seq=a.seq)
    CustodyEntry.objects.filter(pk=a.pk).update(seq=b.seq)
    assert custody.verify(world.request) == b.pk


def test_rows_cannot_be_changed_or_deleted_through_the_model(chain):
    world, entries, _files = chain
    entry = entries[0]
    entry.purpose = "changed"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    assert custody.verify(world.request) is None
