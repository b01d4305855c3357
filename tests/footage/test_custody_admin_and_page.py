"""The custody log in the admin is read-only and cannot be deleted; the evidence page's
queries do not grow with the number of files and log entries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safetyzone.footage import custody
from safetyzone.footage.models import CustodyEntry, EvidenceFile, RequestItem

from tests.factories import CameraFactory, SiteFactory, UserFactory
from tests.footage.evidence_world import make_world


@pytest.fixture
def world(db):
    return make_world()


def _add_evidence(world, n: int) -> None:
    for i in range(n):
        camera = CameraFactory(site=SiteFactory(owner=world.owner))
        item = RequestItem.objects.create(request=world.request, camera=camera, camera_label=f"กล้อง {i}",
                                          owner=world.owner, status="delivered")
        evidence = EvidenceFile.objects.create(item=item, medium=f"DVD {i}", received_by=world.editor)
        custody.record(world.editor, world.request, "handed_over", evidence, detail=f"DVD {i}")
        custody.record(world.investigator, world.request, "shared", evidence, purpose="ส่งอัยการ")


def test_admin_shows_the_custody_log_but_cannot_change_or_delete_it(client, world):
    entry = custody.record(world.investigator, world.request, "report", purpose="ตรวจสอบ")
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True, role="system_admin"))
    listing = client.get(reverse("admin:footage_custodyentry_changelist"))
    assert listing.status_code == 200 and "ตรวจสอบ" in listing.content.decode()
    detail = client.get(reverse("admin:footage_custodyentry_change", args=[entry.pk]))
    assert detail.status_code == 200 and 'name="_save"' not in detail.content.decode()
    assert client.post(reverse("admin:footage_custodyentry_change", args=[entry.pk]),
                       {"purpose": "แก้ไข"}).status_code == 403
    assert client.post(reverse("admin:footage_custodyentry_delete", args=[entry.pk]),
                       {"post": "yes"}).status_code == 403
    assert client.post(reverse("admin:footage_custodyentry_changelist"),
                       {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}).status_code in (200, 302)
    assert CustodyEntry.objects.get(pk=entry.pk).purpose == "ตรวจสอบ"
    assert custody.verify(world.request) is None


def _queries(client, world) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("footage:evidence_case", args=[world.request.pk])).status_code == 200
    return len(ctx.captured_queries)


def test_evidence_page_queries_do_not_grow_with_files_and_entries(client, world):
    client.force_login(world.investigator)
    _add_evidence(world, 1)
    few = _queries(client, world)
    _add_evidence(world, 6)
    page = client.get(reverse("footage:evidence_case", args=[world.request.pk]))
    assert page.content.decode().count("DVD ") >= 7
    assert _queries(client, world) == few
