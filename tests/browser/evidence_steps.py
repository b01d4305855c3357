"""Evidence steps of the footage-request story in a real browser (continuing footage_steps):

    owner_uploads_clip(owner_page, world, tmp_path)   # inbox item → "upload" → clip sent, verified
    investigator_downloads(page, world)               # evidence page → purpose → short-lived link
    investigator_marks_usable(page, world)            # request page → "usable" → saved
"""

import hashlib

from playwright.sync_api import Page, expect

from safetyzone.footage.models import CustodyEntry, EvidenceFile
from tests.footage.upload_helpers import mp4_bytes

CLIP = mp4_bytes(6000, seed=7)  # a few KB with an MP4 'ftyp' header


def owner_uploads_clip(page: Page, world, tmp_path) -> None:
    """From the request in the inbox, the owner uploads the clip with the recorder's clock."""
    clip = tmp_path / "หน้าร้านทอง.mp4"
    clip.write_bytes(CLIP)
    page.get_by_role("link", name="อัปโหลดภาพ").click()
    page.locator("#upload-file").set_input_files(str(clip))
    page.locator("#id_recorder_time").fill("2026-11-21T10:02:00")
    page.locator("#id_true_time").fill("2026-11-21T10:00:00")
    page.locator("#id_starts_shown").fill("2026-11-21T04:02:00")
    page.locator("#id_ends_shown").fill("2026-11-21T05:02:00")
    page.locator("#upload-button").click()
    expect(page.locator("#delivered")).to_contain_text(hashlib.sha256(CLIP).hexdigest())
    world.evidence = EvidenceFile.objects.get(item=world.item)
    assert world.evidence.clock_offset_s == 120
    world.item.refresh_from_db()


def investigator_downloads(page: Page, world) -> None:
    """The investigator opens the case's evidence, says why, and downloads through the link."""
    page.goto(f"/footage/requests/{world.request.pk}/evidence/")
    expect(page.locator("#chain")).to_contain_text("ตรวจสอบผ่าน")
    form = page.locator(f"#evidence-{world.evidence.pk} form.link-form")
    form.locator("input[name=purpose]").fill("ตรวจดูภาพคนร้ายก่อนส่งพนักงานอัยการ")
    form.get_by_role("button", name="ดาวน์โหลด").click()
    with page.expect_download() as download:
        page.locator("#evidence-link").click()
    with open(download.value.path(), "rb") as f:
        assert f.read() == CLIP
    assert list(CustodyEntry.objects.filter(request=world.request).values_list("action", flat=True)) == [
        "received", "viewed", "link", "downloaded"]  # opening the evidence page is logged too


def investigator_marks_usable(page: Page, world) -> None:
    """Back on the request page, the investigator records that the footage is usable."""
    page.goto(f"/footage/requests/{world.request.pk}/")
    row = page.locator(f"#item-{world.item.pk}")
    expect(row).to_contain_text("ส่งภาพแล้ว")
    row.locator("input[name=usable][value=yes]").check()
    row.get_by_role("button", name="บันทึก").click()
    expect(page.locator(".messages")).to_be_visible()
    world.item.refresh_from_db()
    assert world.item.usable is True
