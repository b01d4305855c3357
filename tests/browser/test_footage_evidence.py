"""An owner uploads a clip through the delivery page (chunks digested by the browser, one
chunk's connection dropped and resumed); the investigator downloads it through a short-lived
link after saying why, and the custody log shows both."""

import hashlib
import re

import pytest
from playwright.sync_api import expect

from safetyzone.footage.models import CustodyEntry, EvidenceFile, RequestItem
from tests.browser.helpers import BROWSER_TEST, log_in
from tests.footage.evidence_world import make_world
from tests.footage.upload_helpers import mp4_bytes

pytestmark = BROWSER_TEST
CLIP = mp4_bytes(5000)


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FOOTAGE_UPLOAD_CHUNK_BYTES = 1024
    return make_world()


def test_owner_uploads_and_investigator_downloads(page, world, tmp_path):
    clip = tmp_path / "หน้าร้าน.mp4"
    clip.write_bytes(CLIP)
    log_in(page, world.editor.username)
    page.goto(f"/footage/items/{world.item.pk}/deliver/")
    page.locator("#upload-file").set_input_files(str(clip))
    page.locator("#id_recorder_time").fill("2026-11-21T10:00:30")
    page.locator("#id_true_time").fill("2026-11-21T10:00:00")
    page.locator("#id_starts_shown").fill("2026-11-21T09:00:30")
    page.locator("#id_ends_shown").fill("2026-11-21T09:10:30")

    dropped = []

    def drop_third_chunk_once(route):
        if route.request.method == "PUT" and "bytes 2048-" in (route.request.headers.get("content-range") or "") \
                and not dropped:
            dropped.append(route.request.url)
            route.abort("aborted")  # the connection drops; the page asks for the offset and resumes
        else:
            route.continue_()

    page.route(re.compile(r"/footage/uploads/"), drop_third_chunk_once)
    page.locator("#upload-button").click()
    expect(page.locator("#delivered")).to_contain_text(hashlib.sha256(CLIP).hexdigest())
    assert dropped  # the drop really happened
    evidence = EvidenceFile.objects.get()
    with evidence.file.open("rb") as f:
        assert f.read() == CLIP
    assert evidence.clock_offset_s == 30
    assert RequestItem.objects.get().status == "delivered"

    page.context.clear_cookies()
    log_in(page, world.investigator.username)
    page.goto(f"/footage/requests/{world.request.pk}/evidence/")
    expect(page.locator("#chain")).to_contain_text("ตรวจสอบผ่าน")
    form = page.locator(f"#evidence-{evidence.pk} form.link-form")
    form.locator("input[name=purpose]").fill("ตรวจดูภาพผู้ต้องสงสัย")
    form.get_by_role("button", name="ดาวน์โหลด").click()
    with page.expect_download() as download:
        page.locator("#evidence-link").click()
    assert open(download.value.path(), "rb").read() == CLIP
    assert download.value.suggested_filename == "หน้าร้าน.mp4"
    actions = list(CustodyEntry.objects.order_by("seq").values_list("action", flat=True))
    assert actions == ["received", "viewed", "link", "downloaded"]  # opening the evidence page is logged
    page.reload()
    expect(page.locator("#custody-log")).to_contain_text("ตรวจดูภาพผู้ต้องสงสัย")
