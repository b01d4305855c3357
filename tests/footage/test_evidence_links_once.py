"""A download or watch link opens its file once: a second use (even within its 10 minutes) gets
a page saying the link was used, with the way to ask for a new one; the expiry still holds."""

import pytest
from django.urls import reverse

from safetyzone.footage import custody
from safetyzone.footage.models import CustodyEntry, EvidenceFile, UsedLink

from tests.footage.evidence_world import make_world
from tests.footage.upload_helpers import CHUNK, complete, mp4_bytes, send_from, start

DATA = mp4_bytes(2500, seed=3)


@pytest.fixture
def world(db, settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path
    settings.FOOTAGE_UPLOAD_CHUNK_BYTES = CHUNK
    world = make_world()
    client.force_login(world.editor)
    state = start(client, world.item, DATA).json()
    send_from(client, state, DATA)
    assert complete(client, state, DATA).status_code == 200
    world.evidence = EvidenceFile.objects.get()
    client.force_login(world.investigator)
    return world


def _new_link(client, world, mode="download") -> str:
    made = client.post(reverse("footage:evidence_link", args=[world.evidence.pk]),
                       {"purpose": "ตรวจดูภาพคนร้าย", "mode": mode})
    assert made.status_code == 200
    return made.context["link"]["url"]


@pytest.mark.parametrize("mode", ["download", "view"])
def test_a_link_opens_the_file_once(client, world, mode):
    url = _new_link(client, world, mode)
    first = client.get(url)
    assert first.status_code == 200 and b"".join(first.streaming_content) == DATA
    again = client.get(url)
    assert again.status_code == 410
    text = again.content.decode()
    assert "ลิงก์นี้ถูกใช้ไปแล้ว" in text and "เปิดไฟล์ได้ครั้งเดียว" in text
    assert f'href="{reverse("footage:evidence_case", args=[world.request.pk])}"' in text
    opened = CustodyEntry.objects.filter(action="downloaded" if mode == "download" else "viewed", evidence=world.evidence)
    assert opened.count() == 1  # the refused second use wrote nothing
    used = UsedLink.objects.get()
    assert (used.link.action, used.opened) == ("link", opened.get())
    assert custody.verify(world.request) is None


def test_a_new_link_works_after_the_first_was_used(client, world):
    client.get(_new_link(client, world))
    second = client.get(_new_link(client, world))
    assert second.status_code == 200 and b"".join(second.streaming_content) == DATA
    assert CustodyEntry.objects.filter(action="downloaded").count() == 2


def test_an_unused_link_still_expires_after_its_minutes(client, world, settings):
    url = _new_link(client, world)
    settings.FOOTAGE_LINK_MAX_AGE = -1  # every link is older than that
    expired = client.get(url)
    assert expired.status_code == 410 and "หมดอายุ" in expired.content.decode()
    assert 'id="ask-again"' in expired.content.decode()
    assert not UsedLink.objects.exists() and not CustodyEntry.objects.filter(action="downloaded").exists()
