"""Who may see a case's evidence; short-lived links bound to a user and a file; every view,
download, link, share and report asks why and is written to the custody log."""

import hashlib
import os

import pytest
from django.core import signing
from django.urls import reverse

from safetyzone.footage import custody
from safetyzone.footage.evidence_access import SALT
from safetyzone.footage.models import CustodyEntry, EvidenceFile

from tests.footage.evidence_world import make_world
from tests.footage.upload_helpers import CHUNK, complete, mp4_bytes, send_from, start

DATA = mp4_bytes(3000)


@pytest.fixture
def world(db, settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path
    settings.FOOTAGE_UPLOAD_CHUNK_BYTES = CHUNK
    world = make_world()
    client.force_login(world.editor)
    state = start(client, world.item, DATA).json()
    send_from(client, state, DATA)
    assert complete(client, state, DATA).status_code == 200
    client.logout()
    world.evidence = EvidenceFile.objects.get()
    return world


def _link(client, evidence, purpose="ตรวจสอบคดีลักทรัพย์", mode="download"):
    return client.post(reverse("footage:evidence_link", args=[evidence.pk]), {"purpose": purpose, "mode": mode},
                       REMOTE_ADDR="10.1.2.3")


def _token_url(response) -> str:
    return response.context["link"]["url"]


def test_investigator_sees_the_evidence_page_with_digest_and_verified_chain(client, world):
    client.force_login(world.investigator)
    page = client.get(reverse("footage:evidence_case", args=[world.request.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert world.evidence.sha256 in text and "clip.mp4" in text
    # opening the page showed the file's details: a "viewed" entry, on the page it shows
    assert page.context["chain"].broken_at is None and page.context["chain"].entries == 2
    view = CustodyEntry.objects.get(seq=2)
    assert (view.action, view.username, view.evidence) == ("viewed", "inv", None)
    assert f"#{world.evidence.pk}" in view.detail and view.purpose.endswith("คดีลักทรัพย์")


def _main(response) -> str:
    text = response.content.decode()
    return text[text.index("<main"):text.index("</main>")]


def _outsider_urls(client, world, evidence_pk, request_pk, token):
    return {
        "page": client.get(reverse("footage:evidence_case", args=[request_pk])),
        "link": client.post(reverse("footage:evidence_link", args=[evidence_pk]),
                            {"purpose": "อยากรู้", "mode": "download"}),
        "share": client.post(reverse("footage:evidence_share", args=[evidence_pk]),
                             {"recipient": "เพื่อน", "purpose": "อยากรู้"}),
        "report": client.post(reverse("footage:custody_report", args=[request_pk]), {"purpose": "อยากรู้"}),
        "download": client.get(reverse("footage:evidence_get", args=[token])),
    }


@pytest.mark.parametrize("who", ["other_investigator", "editor", "viewer", "other_editor"])
def test_users_outside_the_case_get_404_as_if_it_did_not_exist(client, world, who):
    """ADR 0002: a case link answers 404 outside the case, like the request pages, so a user of
    another station cannot tell an existing case from a missing one."""
    client.force_login(world.investigator)
    token = _token_url(_link(client, world.evidence)).rstrip("/").rsplit("/", 1)[-1]
    entries = CustodyEntry.objects.count()  # the receipt and the link
    client.force_login(getattr(world, who))
    existing = _outsider_urls(client, world, world.evidence.pk, world.request.pk, token)
    missing = _outsider_urls(client, world, world.evidence.pk + 1000, world.request.pk + 1000, token + "x")
    assert {k: r.status_code for k, r in existing.items()} == {k: 404 for k in existing}
    assert {k: r.status_code for k, r in missing.items()} == {k: 404 for k in missing}
    for key in ("page", "link", "share", "report"):  # the same page, whether the case exists or not
        assert _main(existing[key]) == _main(missing[key]) and "ไม่พบ" in _main(existing[key])
    assert CustodyEntry.objects.count() == entries  # nothing logged, nothing downloaded


def test_download_through_a_short_lived_link_is_logged_with_the_purpose(client, world):
    client.force_login(world.investigator)
    made = _link(client, world.evidence)
    assert made.status_code == 200
    response = client.get(_token_url(made), REMOTE_ADDR="10.1.2.4")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == DATA
    assert "attachment" in response["Content-Disposition"] and response["Cache-Control"] == "private, no-store"
    link, download = CustodyEntry.objects.order_by("seq")[1:]
    assert (link.action, link.username, link.ip, link.purpose) == ("link", "inv", "10.1.2.3", "ตรวจสอบคดีลักทรัพย์")
    assert (download.action, download.ip, download.purpose, download.evidence) == (
        "downloaded", "10.1.2.4", "ตรวจสอบคดีลักทรัพย์", world.evidence)
    assert download.sha256 == hashlib.sha256(DATA).hexdigest()
    assert custody.verify(world.request) is None


def test_watching_is_logged_as_a_view_and_served_inline(client, world):
    client.force_login(world.head)
    response = client.get(_token_url(_link(client, world.evidence, mode="view")))
    assert response.status_code == 200 and "inline" in response["Content-Disposition"]
    assert response["Content-Type"] == "video/mp4"
    assert CustodyEntry.objects.order_by("-seq").first().action == "viewed"


def test_a_purpose_is_required(client, world):
    client.force_login(world.investigator)
    refused = _link(client, world.evidence, purpose=" ")
    assert refused.status_code == 400 and refused.context["link"] is None
    assert CustodyEntry.objects.count() == 1


def test_a_link_works_only_for_the_user_it_was_made_for(client, world):
    client.force_login(world.investigator)
    url = _token_url(_link(client, world.evidence))
    client.force_login(world.head)  # also allowed to see the case, but the link is not theirs
    refused = client.get(url)
    assert refused.status_code == 403 and "ลิงก์นี้สร้างให้ผู้ใช้อื่น" in refused.content.decode()
    assert not CustodyEntry.objects.filter(action="downloaded").exists()


def test_an_expired_link_is_refused(client, world, settings):
    client.force_login(world.investigator)
    url = _token_url(_link(client, world.evidence))
    settings.FOOTAGE_LINK_MAX_AGE = -1  # every link is older than that
    refused = client.get(url)
    assert refused.status_code == 410
    assert not CustodyEntry.objects.filter(action="downloaded").exists()


def test_a_forged_link_is_refused(client, world):
    client.force_login(world.investigator)
    forged = signing.dumps({"e": world.evidence.pk, "u": world.investigator.pk, "c": 1, "m": "download"},
                           salt=SALT, key="not-the-server-key")
    assert client.get(reverse("footage:evidence_get", args=[forged])).status_code == 404


def test_a_user_who_lost_access_cannot_use_a_link_made_before(client, world):
    client.force_login(world.investigator)
    url = _token_url(_link(client, world.evidence))
    world.investigator.organisation = world.other_investigator.organisation
    world.investigator.save()
    assert client.get(url).status_code == 404  # now outside the case: as if the link were not valid


def test_a_copy_given_out_is_recorded(client, world):
    client.force_login(world.investigator)
    response = client.post(reverse("footage:evidence_share", args=[world.evidence.pk]),
                           {"recipient": "สำนักงานอัยการจังหวัดอ่างทอง", "purpose": "ส่งสำนวนคดี"})
    assert response.status_code == 302
    entry = CustodyEntry.objects.order_by("-seq").first()
    assert entry.action == "shared" and "สำนักงานอัยการจังหวัดอ่างทอง" in entry.detail
    assert entry.purpose == "ส่งสำนวนคดี"
    missing = client.post(reverse("footage:evidence_share", args=[world.evidence.pk]), {"recipient": "", "purpose": ""})
    assert missing.status_code == 400


def test_a_log_cut_at_its_end_shows_as_not_verifying(client, world):
    client.force_login(world.investigator)
    _link(client, world.evidence)
    last = CustodyEntry.objects.order_by("-seq").first()
    CustodyEntry.objects.filter(pk=last.pk)._raw_delete(CustodyEntry.objects.db)
    page = client.get(reverse("footage:evidence_case", args=[world.request.pk]))
    assert page.context["chain"].broken_at is not None
    assert "บันทึกการครอบครองตรวจสอบไม่ผ่าน" in page.content.decode()


def test_a_file_missing_from_storage_is_refused_and_not_logged_as_downloaded(client, world):
    client.force_login(world.investigator)
    url = _token_url(_link(client, world.evidence))
    os.chmod(world.evidence.file.path, 0o600)
    os.unlink(world.evidence.file.path)  # lost from the disk (a restore gone wrong)
    refused = client.get(url)
    assert refused.status_code == 410 and "ไม่พบไฟล์" in refused.content.decode()
    assert not CustodyEntry.objects.filter(action="downloaded").exists()
