"""Evidence is kept for its incident type's retention period, then its file is deleted; the
record stays, says when and why, and the custody log records the deletion."""

import os
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from safetyzone.footage import custody, retention
from safetyzone.footage.models import CustodyEntry, EvidenceFile, Upload

from tests.footage.evidence_world import make_world
from tests.footage.upload_helpers import CHUNK, complete, mp4_bytes, put, send_from, start


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.FOOTAGE_UPLOAD_CHUNK_BYTES = CHUNK
    return tmp_path


def _deliver(client, world, seed=1) -> EvidenceFile:
    data = mp4_bytes(2000, seed=seed)
    client.force_login(world.editor)
    state = start(client, world.item, data).json()
    send_from(client, state, data)
    return EvidenceFile.objects.get(pk=complete(client, state, data).json()["evidence"])


def _age(evidence, days):
    EvidenceFile.objects.filter(pk=evidence.pk).update(received_at=timezone.now() - timedelta(days=days))


def test_expired_files_are_deleted_and_the_record_stays(db, client, media, capsys):
    theft, robbery = make_world("theft"), make_world("robbery", tag="2")
    old_theft, old_robbery = _deliver(client, theft), _deliver(client, robbery, seed=2)
    _age(old_theft, 366)
    _age(old_robbery, 366)  # robbery is kept five years
    path = old_theft.file.path
    call_command("purge_evidence")
    assert "1 evidence files deleted" in capsys.readouterr().out
    assert not os.path.exists(path) and os.path.exists(old_robbery.file.path)
    gone = EvidenceFile.objects.get(pk=old_theft.pk)
    assert gone.deleted_at is not None and not gone.file
    assert gone.sha256 == old_theft.sha256 and gone.size == 2000  # what it was is still on record
    assert "365" in gone.deleted_reason and "ลักทรัพย์" in gone.deleted_reason
    entry = CustodyEntry.objects.filter(request=theft.request).order_by("-seq").first()
    assert (entry.action, entry.evidence_id, entry.user, entry.username) == (
        "deleted", gone.pk, None, retention.SYSTEM)
    assert custody.verify(theft.request) is None
    assert EvidenceFile.objects.get(pk=old_robbery.pk).deleted_at is None
    call_command("purge_evidence")  # a second run has nothing more to do
    assert CustodyEntry.objects.filter(action="deleted").count() == 1


def test_retention_days_come_from_the_setting_per_incident_type(db, client, media, settings):
    settings.FOOTAGE_RETENTION_DAYS = {"theft": 30}
    world = make_world("theft")
    evidence = _deliver(client, world)
    _age(evidence, 29)
    assert retention.purge() == []
    _age(evidence, 31)
    assert [e.pk for e in retention.purge()] == [evidence.pk]
    assert retention.retention_days("robbery") == 5 * 365  # others keep the defaults


def test_a_deleted_file_can_no_longer_be_fetched(db, client, media):
    world = make_world()
    evidence = _deliver(client, world)
    client.force_login(world.investigator)
    from django.urls import reverse

    made = client.post(reverse("footage:evidence_link", args=[evidence.pk]), {"purpose": "ตรวจสอบ"})
    url = made.context["link"]["url"]
    _age(evidence, 400)
    retention.purge()
    assert client.get(url).status_code == 410
    page = client.get(reverse("footage:evidence_case", args=[world.request.pk]))
    assert "ลบ" in page.content.decode() and page.context["chain"].broken_at is None


def test_abandoned_uploads_are_removed(db, client, media):
    world = make_world()
    data = mp4_bytes(3000)
    client.force_login(world.editor)
    state = start(client, world.item, data).json()
    put(client, state["url"], data, 0)
    part = media / "uploads" / f"{state['id']}.part"
    assert part.exists()
    assert retention.purge_stale_uploads() == 0
    Upload.objects.update(updated_at=timezone.now() - timedelta(days=8))
    assert retention.purge_stale_uploads() == 1
    assert not part.exists() and not Upload.objects.exists()
