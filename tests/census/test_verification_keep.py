"""Deleting a camera never deletes its field-verification visits: the delete page and the admin
refuse with a clear message while visits exist; an assignment nobody visited yet goes with it."""

import pytest
from django.urls import reverse

from safetyzone.cameras.models import Camera
from safetyzone.census import verification
from safetyzone.census.models import Inspection, Visit
from tests.census.verification_helpers import *  # noqa: F403  (fixtures)
from tests.census.verification_helpers import fix_near, png
from tests.factories import CameraFactory, SiteFactory, UserFactory


@pytest.fixture
def visited(secretariat, inspector, camera):
    inspection = verification.assign(secretariat, [camera.pk], inspector)[0]
    fix = fix_near(camera)
    verification.record_visit(inspector, inspection.pk, result="found_not_working", lat=fix["lat"], lon=fix["lon"],
                              accuracy=fix["accuracy"], fix_ms=fix["fix_ms"], photo=png(), new_lat=None,
                              new_lon=None, note="จอดำ")
    return camera


def test_the_agency_cannot_delete_a_visited_camera_and_is_told_why(client, town, visited):
    client.force_login(UserFactory(organisation=town, role="editor"))
    response = client.post(reverse("cameras:delete", args=[visited.pk]), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("cameras:detail", args=[visited.pk])
    html = response.content.decode()
    assert f"ลบกล้อง {visited} ไม่ได้" in html and "การลงพื้นที่ตรวจสอบ 1 รายการ" in html
    assert Camera.objects.filter(pk=visited.pk).exists()
    assert Visit.objects.filter(camera=visited, note="จอดำ").count() == 1 and Inspection.objects.count() == 1


def test_the_admin_refuses_too_and_keeps_the_visit(client, visited):
    root = UserFactory(username="root", role="system_admin", is_staff=True, is_superuser=True, organisation=None)
    client.force_login(root)
    url = reverse("admin:cameras_camera_delete", args=[visited.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200 and "Cannot delete camera" in html and "Field visit" in html
    assert client.post(url, {"post": "yes"}).status_code == 200  # the refusal again, not a 500
    changelist = reverse("admin:cameras_camera_changelist")
    bulk = client.post(changelist, {"action": "delete_selected", "_selected_action": [visited.pk], "post": "yes"})
    assert bulk.status_code == 200
    assert Camera.objects.filter(pk=visited.pk).exists() and Visit.objects.count() == 1


def test_a_camera_assigned_but_not_visited_yet_can_be_deleted(client, secretariat, inspector, town):
    camera = CameraFactory(site=SiteFactory(owner=town), asset_code="AT-009")
    verification.assign(secretariat, [camera.pk], inspector)
    client.force_login(UserFactory(organisation=town, role="editor"))
    response = client.post(reverse("cameras:delete", args=[camera.pk]))
    assert response.status_code == 302 and response.url == reverse("cameras:list")
    assert not Camera.objects.filter(pk=camera.pk).exists() and not Inspection.objects.exists()


def _twin_of(camera, owner_name="ตำรวจภูธรเมืองอ่างทอง"):
    """Another agency's record of the same pole, 2 m away."""
    from decimal import Decimal

    from tests.factories import OrganisationFactory

    other = OrganisationFactory(name=owner_name, kind="police_station", area_id="1501")
    return CameraFactory(site=SiteFactory(owner=other, name="สี่แยกศาลากลาง (ตำรวจ)"), status="working",
                         lat=camera.lat + Decimal("0.000018"), lon=camera.lon)


def test_a_record_judged_a_duplicate_can_be_deleted_and_its_visits_go_to_the_record_that_stays(
        client, secretariat, town, visited):
    from safetyzone.census.quality import services as quality

    twin = _twin_of(visited)
    quality.decide_pair(secretariat, visited.pk, twin.pk, "same", note="กล้องตัวเดียวกัน ลงทะเบียนซ้ำ")
    client.force_login(UserFactory(organisation=town, role="editor"))
    response = client.post(reverse("cameras:delete", args=[visited.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("cameras:list")
    assert not Camera.objects.filter(pk=visited.pk).exists()
    moved = Visit.objects.get(note="จอดำ")
    assert moved.camera_id == twin.pk and moved.inspection.camera_id == twin.pk


def test_keep_both_moves_nothing_and_the_visited_record_stays(client, secretariat, town, visited):
    from safetyzone.census.quality import services as quality

    twin = _twin_of(visited)
    quality.decide_pair(secretariat, visited.pk, twin.pk, "same")
    quality.decide_pair(secretariat, visited.pk, twin.pk, "distinct", note="ตรวจแล้ว เป็นกล้องสองตัว")
    client.force_login(UserFactory(organisation=town, role="editor"))
    client.post(reverse("cameras:delete", args=[visited.pk]))
    assert Camera.objects.filter(pk=visited.pk).exists()
    assert Visit.objects.get(note="จอดำ").camera_id == visited.pk
