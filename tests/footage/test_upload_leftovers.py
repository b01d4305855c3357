"""`safetyzone purge_evidence` removes what a crash left in the upload directory: a chunk whose
request died, the partial file of an upload that no longer exists or already became evidence,
once nothing has written them for a day; each removal is recorded. An upload in progress keeps
its partial file (the owner may resume it)."""

import os
import time
import uuid

import pytest
from django.core.management import call_command

from safetyzone.footage.models import EvidenceFile, RemovedUploadFile, Upload

from tests.footage.evidence_world import make_world
from tests.footage.upload_helpers import CHUNK, complete, mp4_bytes, put, send_from, start

DAY = 24 * 3600


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.FOOTAGE_UPLOAD_CHUNK_BYTES = CHUNK
    return tmp_path


def _backdate(path, seconds):
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_files_left_by_a_crash_are_removed_after_a_day_with_a_record(db, client, media, capsys):
    world = make_world()
    client.force_login(world.editor)
    data = mp4_bytes(3000, seed=5)
    # an upload kept as evidence whose partial file came back (a crash while moving it, a restore)
    done = start(client, world.item, data).json()
    send_from(client, done, data)
    assert complete(client, done, data).status_code == 200
    finished_part = media / "uploads" / f"{done['id']}.part"
    finished_part.write_bytes(data)
    # an upload in progress, its partial file and a chunk of a request that died mid-way
    live = start(client, world.item, data, name="second.mp4").json()
    put(client, live["url"], data, 0)
    live_part = media / "uploads" / f"{live['id']}.part"
    dead_chunk = media / "uploads" / f"{live['id']}.{uuid.uuid4().hex}.chunk"
    dead_chunk.write_bytes(data[:CHUNK])
    # the partial file of an upload whose row is gone
    orphan = media / "uploads" / f"{uuid.uuid4()}.part"
    orphan.write_bytes(b"x" * 700)
    unknown = media / "uploads" / "notes.txt"
    unknown.write_text("not ours")
    fresh_chunk = media / "uploads" / f"{live['id']}.{uuid.uuid4().hex}.chunk"
    fresh_chunk.write_bytes(b"arriving now")
    for path in (finished_part, live_part, dead_chunk, orphan, unknown):
        _backdate(path, DAY + 60)

    call_command("purge_evidence")

    out = capsys.readouterr().out
    assert "3 leftover upload files removed" in out
    assert not finished_part.exists() and not dead_chunk.exists() and not orphan.exists()
    assert live_part.exists() and fresh_chunk.exists() and unknown.exists()  # still needed, or not ours
    records = {r.name: r for r in RemovedUploadFile.objects.all()}
    assert set(records) == {finished_part.name, dead_chunk.name, orphan.name}
    assert records[orphan.name].size == 700 and records[orphan.name].request is None
    assert records[finished_part.name].request == world.request and records[finished_part.name].size == len(data)
    assert "ชิ้นข้อมูลที่ค้าง" in records[dead_chunk.name].reason
    assert "เก็บเป็นพยานหลักฐานแล้ว" in records[finished_part.name].reason
    assert "ไม่มีอยู่แล้ว" in records[orphan.name].reason
    assert EvidenceFile.objects.get().file  # the evidence itself is untouched
    assert Upload.objects.filter(pk=live["id"]).exists()
    with EvidenceFile.objects.get().file.open("rb") as f:
        assert f.read() == data


def test_files_written_within_the_day_stay(db, client, media):
    world = make_world()
    client.force_login(world.editor)
    orphan = media / "uploads" / f"{uuid.uuid4()}.part"
    (media / "uploads").mkdir(exist_ok=True)
    orphan.write_bytes(b"x")
    _backdate(orphan, DAY - 600)
    call_command("purge_evidence")
    assert orphan.exists() and not RemovedUploadFile.objects.exists()


def test_an_abandoned_upload_leaves_a_record_when_its_partial_file_goes(db, client, media):
    from datetime import timedelta

    from django.utils import timezone

    world = make_world()
    client.force_login(world.editor)
    data = mp4_bytes(3000, seed=6)
    state = start(client, world.item, data).json()
    put(client, state["url"], data, 0)
    Upload.objects.update(updated_at=timezone.now() - timedelta(days=8))
    call_command("purge_evidence")
    record = RemovedUploadFile.objects.get()
    assert record.name == f"{state['id']}.part" and record.size == CHUNK and record.request == world.request
    assert "7" in record.reason
