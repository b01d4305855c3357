"""The owner's delivery page, and footage handed over on a medium (no file): recorded with the
clock offset and UTC times, a custody entry, and the camera marked delivered."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from safetyzone.footage import custody
from safetyzone.footage.models import CustodyEntry, EvidenceFile, RequestItem, RequestStatus

from tests.footage.evidence_world import make_world
from tests.footage.upload_helpers import CLIP_FIELDS

MEDIUM = {f"medium-{k}": v for k, v in {**CLIP_FIELDS, "medium": "แฟลชไดรฟ์ 32 GB มอบให้ ส.ต.อ.สมชาย"}.items()}


@pytest.fixture
def world(db):
    return make_world()


def test_delivery_page_for_the_owners_editor(client, world):
    client.force_login(world.editor)
    page = client.get(reverse("footage:upload", args=[world.item.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "upload.js" in text and "123/2569" in text and 'id="medium-form"' in text


@pytest.mark.parametrize("who", ["other_editor", "viewer", "investigator"])
def test_nobody_else_gets_the_delivery_page(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(reverse("footage:upload", args=[world.item.pk])).status_code == 404
    assert client.post(reverse("footage:medium", args=[world.item.pk]), MEDIUM).status_code == 404
    assert not EvidenceFile.objects.exists()


def test_hand_over_on_a_medium_is_recorded(client, world):
    client.force_login(world.editor)
    response = client.post(reverse("footage:medium", args=[world.item.pk]), MEDIUM, REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get()
    assert not evidence.file and evidence.medium.startswith("แฟลชไดรฟ์")
    assert evidence.clock_offset_s == 30 and evidence.footage_starts_utc == datetime(2026, 11, 21, 2, 0, tzinfo=UTC)
    entry = CustodyEntry.objects.get()
    assert (entry.action, entry.ip, entry.evidence) == ("handed_over", "10.0.0.7", evidence)
    assert "แฟลชไดรฟ์" in entry.detail and custody.verify(world.request) is None
    assert RequestItem.objects.get().status == "delivered"
    page = client.get(response["Location"])
    assert "แฟลชไดรฟ์ 32 GB" in page.content.decode()


def test_a_hand_over_without_a_description_names_the_field(client, world):
    client.force_login(world.editor)
    response = client.post(reverse("footage:medium", args=[world.item.pk]), {**MEDIUM, "medium-medium": " "})
    assert response.status_code == 400 and "medium" in response.context["medium_form"].errors
    assert not EvidenceFile.objects.exists() and RequestItem.objects.get().status == "sent"


def test_nothing_can_be_delivered_to_a_closed_request_or_a_declined_camera(client, world):
    client.force_login(world.editor)
    world.request.status = RequestStatus.CLOSED
    world.request.save()
    refused = client.post(reverse("footage:medium", args=[world.item.pk]), MEDIUM)
    assert refused.status_code == 400 and "ส่งมอบภาพไม่ได้แล้ว" in refused.content.decode()
    world.request.status = RequestStatus.OPEN
    world.request.save()
    RequestItem.objects.filter(pk=world.item.pk).update(status="declined")
    refused = client.post(reverse("footage:medium", args=[world.item.pk]), MEDIUM)
    assert refused.status_code == 400 and "ส่งมอบภาพไม่ได้แล้ว" in refused.content.decode()
    assert not EvidenceFile.objects.exists()
