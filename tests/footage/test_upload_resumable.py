"""An owner uploads footage in verified chunks; dropped connections resume; anything wrong is
refused with a clear message and nothing is half-stored."""

import hashlib
import os
import stat
from datetime import UTC, datetime

import pytest

from safetyzone.footage.models import CustodyEntry, EvidenceFile, RequestItem, Upload

from tests.footage.evidence_world import make_world
from tests.footage.upload_helpers import (
    CHUNK,
    complete,
    digest_header,
    mp4_bytes,
    put,
    send_from,
    start,
    stored_files,
)


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.FOOTAGE_UPLOAD_CHUNK_BYTES = CHUNK
    return make_world()


@pytest.fixture
def owner(client, world):
    client.force_login(world.editor)
    return client


def test_chunked_upload_keeps_the_file_unchanged_with_digest_custody_and_delivery(owner, world, settings):
    data = mp4_bytes(5000)
    response = start(owner, world.item, data, sha256=hashlib.sha256(data).hexdigest().upper())
    assert response.status_code == 201
    state = response.json()
    assert state["chunk_size"] == CHUNK and state["offset"] == 0
    send_from(owner, state, data)
    done = complete(owner, state, data)
    assert done.status_code == 200, done.json()
    evidence = EvidenceFile.objects.get()
    assert done.json()["sha256"] == evidence.sha256 == hashlib.sha256(data).hexdigest()
    with evidence.file.open("rb") as f:
        assert f.read() == data
    assert not stat.S_IMODE(os.stat(evidence.file.path).st_mode) & 0o222  # stored read-only
    assert (evidence.original_name, evidence.size, evidence.content_type) == ("clip.mp4", 5000, "video/mp4")
    # recorder 30 s fast; 09:00:30 on the recorder is 09:00:00 Bangkok = 02:00:00 UTC
    assert evidence.clock_offset_s == 30 and evidence.offset_source == "entered"
    assert evidence.footage_starts_utc == datetime(2026, 11, 21, 2, 0, tzinfo=UTC)
    assert evidence.footage_ends_utc == datetime(2026, 11, 21, 2, 10, tzinfo=UTC)
    entry = CustodyEntry.objects.get()
    assert (entry.action, entry.evidence, entry.sha256, entry.username) == (
        "received", evidence, evidence.sha256, world.editor.username)
    assert RequestItem.objects.get().status == "delivered"
    assert stored_files(settings.MEDIA_ROOT) == [evidence.file.path]  # no .part or chunk left behind


def test_resume_after_a_dropped_chunk(owner, world):
    data = mp4_bytes(4500)
    state = start(owner, world.item, data).json()
    assert put(owner, state["url"], data, 0).status_code == 200
    # the connection drops halfway through the second chunk: the server got only part of it
    half = data[CHUNK:CHUNK + 300]
    dropped = owner.put(state["url"], half, content_type="application/octet-stream", headers={
        "Content-Range": f"bytes {CHUNK}-{2 * CHUNK - 1}/{len(data)}",
        "Content-Digest": digest_header(data[CHUNK:2 * CHUNK])})
    assert dropped.status_code == 400 and dropped.json()["offset"] == CHUNK
    assert "มาไม่ครบ (300 จาก 1024 ไบต์)" in dropped.json()["error"]
    asked = owner.get(state["url"])
    assert asked.json()["offset"] == CHUNK and asked["Upload-Offset"] == str(CHUNK)
    assert owner.head(state["url"])["Upload-Offset"] == str(CHUNK)
    send_from(owner, state, data, offset=CHUNK)
    assert complete(owner, state, data).status_code == 200
    with EvidenceFile.objects.get().file.open("rb") as f:
        assert f.read() == data


def test_a_chunk_sent_twice_or_out_of_order_is_refused_with_the_offset(owner, world):
    data = mp4_bytes(3000)
    state = start(owner, world.item, data).json()
    assert put(owner, state["url"], data, 0).status_code == 200
    again = put(owner, state["url"], data, 0)
    assert again.status_code == 409 and again.json()["offset"] == CHUNK
    ahead = put(owner, state["url"], data, 2 * CHUNK)
    assert ahead.status_code == 409 and ahead.json()["offset"] == CHUNK


def test_a_damaged_chunk_is_refused_and_can_be_sent_again(owner, world, settings):
    data = mp4_bytes(3000)
    state = start(owner, world.item, data).json()
    put(owner, state["url"], data, 0)
    damaged = bytearray(data[CHUNK:2 * CHUNK])
    damaged[10] ^= 0xFF
    refused = put(owner, state["url"], data, CHUNK, body=bytes(damaged))
    assert refused.status_code == 422 and refused.json()["offset"] == CHUNK
    assert Upload.objects.get().received == CHUNK
    part = os.path.join(settings.MEDIA_ROOT, "uploads", f"{state['id']}.part")
    assert os.path.getsize(part) == CHUNK
    send_from(owner, state, data, offset=CHUNK)
    assert complete(owner, state, data).status_code == 200


def test_completing_a_truncated_upload_is_refused_and_it_resumes(owner, world):
    data = mp4_bytes(3000)
    state = start(owner, world.item, data).json()
    put(owner, state["url"], data, 0)
    early = complete(owner, state, data)
    assert early.status_code == 409 and early.json()["offset"] == CHUNK
    assert "1024" in early.json()["error"] and "3000" in early.json()["error"]
    assert not EvidenceFile.objects.exists() and RequestItem.objects.get().status == "sent"
    send_from(owner, state, data, offset=CHUNK)
    assert complete(owner, state, data).status_code == 200


def test_a_digest_mismatch_keeps_nothing_and_says_why(owner, world, settings):
    data = mp4_bytes(3000)
    wrong = hashlib.sha256(b"another file").hexdigest()
    state = start(owner, world.item, data, sha256=wrong).json()
    send_from(owner, state, data)
    refused = complete(owner, state, data)
    assert refused.status_code == 422
    assert wrong in refused.json()["error"] and hashlib.sha256(data).hexdigest() in refused.json()["error"]
    assert not EvidenceFile.objects.exists() and not Upload.objects.exists() and not CustodyEntry.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []
    assert RequestItem.objects.get().status == "sent"
    # and it can be retried: a new upload with the right digest goes through
    state = start(owner, world.item, data, sha256=hashlib.sha256(data).hexdigest()).json()
    send_from(owner, state, data)
    assert complete(owner, state, data).status_code == 200


def test_a_file_differing_from_the_owners_copy_is_refused(owner, world, settings):
    data = mp4_bytes(3000)
    state = start(owner, world.item, data).json()
    send_from(owner, state, data)
    refused = complete(owner, state, data, chain="ab" * 32)
    assert refused.status_code == 422 and not EvidenceFile.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []


def test_a_file_changed_on_the_server_before_completion_is_refused(owner, world, settings):
    data = mp4_bytes(3000)
    state = start(owner, world.item, data).json()
    send_from(owner, state, data)
    part = os.path.join(settings.MEDIA_ROOT, "uploads", f"{state['id']}.part")
    with open(part, "r+b") as f:
        f.seek(2000)
        f.write(b"X")
    refused = complete(owner, state, data)
    assert refused.status_code == 422 and not EvidenceFile.objects.exists()


def test_not_a_video_is_refused_at_the_first_chunk(owner, world, settings):
    data = b"%PDF-1.7\n" + b"0" * 3000
    state = start(owner, world.item, data, name="report.mp4").json()
    refused = put(owner, state["url"], data, 0)
    assert refused.status_code == 415
    assert "report.mp4" in refused.json()["error"]
    assert not Upload.objects.exists() and stored_files(settings.MEDIA_ROOT) == []


def test_over_2_gb_is_refused_before_any_byte(owner, world):
    refused = start(owner, world.item, b"", size=2 * 1024 ** 3 + 1)
    assert refused.status_code == 413
    assert "2,048" in refused.json()["error"]
    assert not Upload.objects.exists()


def test_completing_twice_gives_the_same_evidence(owner, world):
    data = mp4_bytes(2000)
    state = start(owner, world.item, data).json()
    send_from(owner, state, data)
    first, second = complete(owner, state, data), complete(owner, state, data)
    assert first.json()["evidence"] == second.json()["evidence"]
    assert EvidenceFile.objects.count() == 1 and CustodyEntry.objects.count() == 1


def test_bad_clip_fields_are_named(owner, world):
    data = mp4_bytes(2000)
    refused = start(owner, world.item, data, true_time="", ends_shown="2026-11-21T08:00:00")
    assert refused.status_code == 400
    assert set(refused.json()["fields"]) == {"true_time", "ends_shown"}
    camera = start(owner, world.item, data, clock_source="camera")
    assert camera.status_code == 400 and "clock_source" in camera.json()["fields"]


def test_unknown_clock_keeps_the_times_as_shown(owner, world):
    data = mp4_bytes(2000)
    state = start(owner, world.item, data, clock_source="unknown", recorder_time="", true_time="").json()
    send_from(owner, state, data)
    complete(owner, state, data)
    evidence = EvidenceFile.objects.get()
    assert evidence.clock_offset_s is None and evidence.offset_source == "unknown"
    assert evidence.footage_starts_utc == datetime(2026, 11, 21, 2, 0, 30, tzinfo=UTC)


@pytest.mark.parametrize("who", ["other_editor", "viewer", "investigator"])
def test_only_the_owners_editors_upload_to_the_item(client, world, who):
    data = mp4_bytes(2000)
    client.force_login(getattr(world, who))
    refused = start(client, world.item, data)
    assert refused.status_code == 404
    assert not Upload.objects.exists()


def test_another_organisation_cannot_send_chunks_to_an_upload(client, world):
    data = mp4_bytes(2000)
    client.force_login(world.editor)
    state = start(client, world.item, data).json()
    client.force_login(world.other_editor)
    assert put(client, state["url"], data, 0).status_code == 404
    assert client.get(state["url"]).status_code == 404
    assert complete(client, state, data).status_code == 404
    assert Upload.objects.get().received == 0


@pytest.mark.parametrize("field, value", [("starts_shown", "0001-01-01T00:00"), ("ends_shown", "9999-12-31T23:59"),
                                          ("recorder_time", "2569-11-21T10:00")])  # Buddhist-era year typed
def test_an_impossible_year_in_the_clip_times_is_refused_on_its_field(owner, world, field, value):
    refused = start(owner, world.item, mp4_bytes(), **{field: value})
    assert refused.status_code == 400
    assert "ปีต้องอยู่ระหว่าง" in refused.json()["fields"][field][0]
    assert not Upload.objects.exists()


def test_completing_when_the_received_bytes_are_gone_says_to_upload_again(owner, world, settings):
    data = mp4_bytes(3000)
    state = start(owner, world.item, data).json()
    send_from(owner, state, data)
    os.unlink(os.path.join(settings.MEDIA_ROOT, "uploads", f"{state['id']}.part"))
    refused = complete(owner, state, data)
    assert refused.status_code == 410 and "อัปโหลดไฟล์อีกครั้ง" in refused.json()["error"]
    assert not Upload.objects.exists() and not EvidenceFile.objects.exists()
    assert RequestItem.objects.get().status != "delivered"
