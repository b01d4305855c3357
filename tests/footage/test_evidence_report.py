"""The custody report of a case: a Thai PDF with the request, the evidence (digest, size,
clock offset, UTC times) and the whole custody log with a line saying whether it verifies;
exporting it asks why and is itself logged."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from safetyzone.footage.models import CustodyEntry, EvidenceFile

from tests.footage.evidence_world import make_world
from tests.footage.upload_helpers import CHUNK, complete, mp4_bytes, send_from, start


@pytest.fixture
def world(db, settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path
    settings.FOOTAGE_UPLOAD_CHUNK_BYTES = CHUNK
    world = make_world()
    data = mp4_bytes(2500)
    client.force_login(world.editor)
    state = start(client, world.item, data).json()
    send_from(client, state, data)
    complete(client, state, data)
    client.force_login(world.investigator)
    return world


def _text(response) -> str:
    """The report's text; the invisible word-break marks (U+200B, read back as odd control
    characters) are dropped."""
    reader = PdfReader(io.BytesIO(response.content))
    return re.sub(r"[\x00-\x09\x0b-\x1f\u200b]", "", "\n".join(page.extract_text() for page in reader.pages))


def test_report_lists_evidence_and_the_verified_log_and_is_logged(client, world):
    response = client.post(reverse("footage:custody_report", args=[world.request.pk]), {"purpose": "ส่งอัยการ"},
                           REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = _text(response)
    evidence = EvidenceFile.objects.get()
    assert evidence.sha256 in text.replace("\n", "")
    assert "123/2569" in text and "clip.mp4" in text and "2,500" in text
    assert "+30" in text  # the recorder ran 30 s fast
    assert "02:00:00 UTC" in text and "2569" in text  # UTC times with Buddhist-era dates
    report = CustodyEntry.objects.order_by("-seq").first()
    assert (report.action, report.purpose, report.ip) == ("report", "ส่งอัยการ", "10.9.9.9")
    assert "10.9.9.9" in text  # the report lists its own making
    assert "ตรวจสอบผ่าน: 2 รายการ" in text and report.hash in text.replace("\n", "")  # verifies; pins the hash


def test_report_of_a_tampered_log_says_so(client, world):
    CustodyEntry.objects.filter(seq=1).update(purpose="แก้ไขภายหลัง")
    text = _text(client.post(reverse("footage:custody_report", args=[world.request.pk]), {"purpose": "ตรวจสอบ"}))
    assert "คำเตือน" in text and "ตรวจสอบไม่ผ่าน" in text


def test_report_needs_a_purpose(client, world):
    refused = client.post(reverse("footage:custody_report", args=[world.request.pk]), {"purpose": ""})
    assert refused.status_code == 400
    assert not CustodyEntry.objects.filter(action="report").exists()
