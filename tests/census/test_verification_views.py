"""The pages: the secretariat assigns and sees flags, the inspector records on the visit page,
bad input comes back with a clear message and what was typed; photos only through the gate."""

import pytest
from django.urls import reverse

from safetyzone.census import verification
from safetyzone.census.models import Inspection, Visit
from safetyzone.core.models import AccessLog
from tests.census.verification_helpers import *  # noqa: F403  (fixtures)
from tests.census.verification_helpers import fix_near, pdf_named_jpg, png
from tests.factories import CameraFactory, SiteFactory, UserFactory


@pytest.fixture
def inspection(secretariat, inspector, camera):
    return verification.assign(secretariat, [camera.pk], inspector)[0]


def visit_url(inspection):
    return reverse("census:verify_visit", args=[inspection.pk])


def post_visit(client, inspection, photo, **fields):
    data = {**fix_near(inspection.camera), "result": "found_not_working", "note": "เสาเอียง สายขาด", **fields}
    if photo is not None:
        data["photo"] = photo
    return client.post(visit_url(inspection), data)


def test_secretariat_assigns_a_sample_from_the_page(client, secretariat, inspector, town):
    for _ in range(20):
        CameraFactory(site=SiteFactory(owner=town))
    client.force_login(secretariat)
    assert client.get(reverse("census:verify_assign")).status_code == 200
    response = client.post(reverse("census:verify_assign"), {
        "inspector": inspector.pk, "organisations": [town.pk], "percent": "10", "seed": "42"}, follow=True)
    assert response.status_code == 200
    assert Inspection.objects.filter(inspector=inspector).count() == 2
    assert "มอบหมายกล้อง 2 ตัว" in response.content.decode()


def test_the_inspector_records_a_visit_and_the_secretariat_sees_the_flag(client, inspector, inspection, secretariat):
    client.force_login(inspector)
    page = client.get(reverse("census:verify_mine")).content.decode()
    assert visit_url(inspection) in page
    form = client.get(visit_url(inspection)).content.decode()
    assert 'capture="environment"' in form and 'accept="image/*"' in form
    response = post_visit(client, inspection, png())
    assert response.status_code == 302
    visit = Visit.objects.get()
    client.force_login(secretariat)
    flags = client.get(reverse("census:verify_flags")).content.decode()
    assert inspection.camera.site.name in flags
    assert reverse("census:verify_photo", args=[visit.pk]) in flags
    progress = client.get(reverse("census:verify_assignments")).content.decode()
    assert inspection.camera.site.name in progress


def test_without_gps_the_page_says_so_and_keeps_what_was_typed(client, inspector, inspection):
    client.force_login(inspector)
    response = post_visit(client, inspection, png(), lat="", lon="", accuracy="", fix_ms="")
    page = response.content.decode()
    assert response.status_code == 400
    assert "ไม่ได้รับตำแหน่ง GPS" in page
    assert "เสาเอียง สายขาด" in page  # the note comes back
    assert 'value="found_not_working" checked' in page  # and the chosen result
    assert not Visit.objects.exists()


def test_a_pdf_renamed_jpg_is_refused_with_a_message(client, inspector, inspection):
    client.force_login(inspector)
    response = post_visit(client, inspection, pdf_named_jpg())
    page = response.content.decode()
    assert response.status_code == 400
    assert "ไม่ใช่รูปภาพ" in page and "เสาเอียง สายขาด" in page
    inspection.camera.refresh_from_db()
    assert inspection.camera.status == "working" and not Visit.objects.exists()


@pytest.mark.parametrize("who", ["other_agency_user", "other_inspector", "secretariat"])
def test_nobody_else_opens_or_posts_to_an_assignment(client, inspection, town, province_office, secretariat, who):
    other = {
        "other_agency_user": lambda: UserFactory(organisation=town, role="editor"),
        "other_inspector": lambda: UserFactory(organisation=province_office, role="committee"),
        "secretariat": lambda: secretariat,
    }[who]()
    client.force_login(other)
    assert client.get(visit_url(inspection)).status_code == 404
    assert post_visit(client, inspection, png()).status_code == 404
    assert not Visit.objects.exists()


@pytest.mark.parametrize("name", ["verify_assign", "verify_assignments", "verify_flags"])
def test_only_the_secretariat_opens_the_secretariat_pages(client, inspector, town, name):
    client.force_login(UserFactory(organisation=town, role="org_admin"))
    assert client.get(reverse(f"census:{name}")).status_code == 403
    client.force_login(inspector)
    assert client.get(reverse(f"census:{name}")).status_code == 403


def test_secretariat_of_another_province_cannot_assign_here(client, udon_secretariat, camera, inspector):
    inspector_udon = UserFactory(organisation=udon_secretariat.organisation, role="committee")
    client.force_login(udon_secretariat)
    response = client.post(reverse("census:verify_assign"), {
        "inspector": inspector_udon.pk, "cameras": f"{camera.pk}\nAT-001", "percent": "10", "seed": "1"})
    assert response.status_code == 400
    assert "AT-001" in response.content.decode()
    assert not Inspection.objects.exists()
    # and Ang Thong's inspectors are not offered to Udon Thani
    offered = client.get(reverse("census:verify_assign")).context["form"].fields["inspector"].queryset
    assert set(offered) == {udon_secretariat, inspector_udon}


def test_photos_are_served_through_the_gate_and_logged(client, inspector, inspection, town, udon_secretariat):
    client.force_login(inspector)
    post_visit(client, inspection, png())
    visit = Visit.objects.get()
    url = reverse("census:verify_photo", args=[visit.pk])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    log = AccessLog.objects.get()
    assert (log.username, log.object_id, log.action) == (inspector.username, str(visit.pk), "view_verification_photo")
    owner = UserFactory(organisation=town, role="viewer")  # the camera's owner may see it
    client.force_login(owner)
    assert client.get(url).status_code == 200
    client.force_login(udon_secretariat)
    assert client.get(url).status_code == 404
    assert AccessLog.objects.count() == 2


def test_a_wrong_new_position_comes_back_with_what_was_typed(client, inspector, inspection):
    client.force_login(inspector)
    response = post_visit(client, inspection, png(), result="moved", new_lat="51.5", new_lon="-0.1")
    page = response.content.decode()
    assert response.status_code == 400
    assert "ตำแหน่งใหม่ต้องเป็นละติจูดและลองจิจูดในประเทศไทย" in page
    assert 'value="51.5"' in page and 'value="moved" checked' in page
    assert not Visit.objects.exists()


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_secretariat_lists_take_the_same_queries_for_many_rows(client, secretariat, inspector, town):
    def add(n):
        cams = [CameraFactory(site=SiteFactory(owner=town)).pk for _ in range(n)]
        for inspection in verification.assign(secretariat, cams, inspector):
            verification.record_visit(inspector, inspection.pk, result="not_found", photo=png(),
                                      **fix_near(inspection.camera))

    client.force_login(secretariat)
    add(2)
    few = [_queries(client, reverse(f"census:{name}")) for name in ("verify_assignments", "verify_flags")]
    add(8)
    assert [_queries(client, reverse(f"census:{name}")) for name in ("verify_assignments", "verify_flags")] == few
    client.force_login(inspector)
    mine_few = _queries(client, reverse("census:verify_mine"))
    add(3)
    assert _queries(client, reverse("census:verify_mine")) == mine_few


def test_the_visit_page_is_thai_first_and_english_on_request(client, inspector, inspection):
    client.force_login(inspector)
    thai = client.get(visit_url(inspection), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert "บันทึกผล" in thai and "พบกล้อง ใช้งานไม่ได้" in thai and "Save the result" not in thai
    client.cookies["django_language"] = "en"
    english = client.get(visit_url(inspection)).content.decode()
    assert "Save the result" in english and "Found, not working" in english
