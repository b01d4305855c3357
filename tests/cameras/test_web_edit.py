"""Create, edit and delete through the web form: services, validation and edit conflicts."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from safetyzone.cameras.models import Camera, Site
from tests.cameras.test_web_camera_page import edit_data
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory


@pytest.fixture
def org(db):
    return OrganisationFactory(name="เทศบาลเมืองอ่างทอง", kind="local_admin", area_id="150101")


@pytest.fixture
def editor(org, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return UserFactory(organisation=org, role="editor", first_name="สมศรี")


NEW = {
    "site": "", "owner": "", "site_name": "แยกตลาดหลวง", "site_address": "ถ.เทศบาล 1",
    "site_place_type": "intersection", "site_province": "15", "site_district": "1501",
    "site_subdistrict": "150101", "asset_code": "ATM-100", "lat": "14.5896", "lon": "100.4550",
    "sector": "public", "camera_type": "dome", "signal": "ip", "resolution": "fhd",
    "night_vision": "true", "fov_deg": "90", "bearing_deg": "180", "range_m": "40",
    "network_link": "centre", "network_name": "ศูนย์ควบคุมเทศบาล", "recorder": "nvr",
    "retention_days": "30", "playback": "true", "status": "working", "installed_on": "๒๐ ธ.ค. ๒๕๕๙",
    "purchase_cost": "25,000".replace(",", ""), "budget_source": "local",
}


def create(client, **changes):
    data = {**NEW, **changes}
    return client.post(reverse("cameras:create"), {k: v for k, v in data.items() if v is not None})


def test_create_with_a_new_site(client, org, editor):
    client.force_login(editor)
    response = create(client, owner=org.pk)
    assert response.status_code == 302
    camera = Camera.objects.get(asset_code="ATM-100")
    assert response["Location"] == reverse("cameras:detail", args=[camera.pk])
    assert (camera.site.name, camera.site.owner, camera.site.area_id) == ("แยกตลาดหลวง", org, "150101")
    assert camera.installed_on == date(2016, 12, 20)  # Thai digits, Buddhist era
    assert camera.lat == Decimal("14.589600") and camera.night_vision is True
    assert camera.history.get().history_user == editor


def test_create_on_an_existing_site_and_dms_coordinates(client, org, editor):
    site = SiteFactory(owner=org)
    client.force_login(editor)
    response = create(client, site=site.pk, site_name="", lat="14°35'22.6\"N", lon="100°27'18\"E")
    assert response.status_code == 302
    camera = Camera.objects.get(asset_code="ATM-100")
    assert camera.site == site and Site.objects.count() == 1
    assert abs(float(camera.lat) - 14.589611) < 1e-5


def test_owner_and_site_choices_are_limited_to_writable_organisations(client, org, editor):
    other = OrganisationFactory(kind="local_admin", area_id="150201")
    other_site = SiteFactory(owner=other)
    client.force_login(editor)
    form_page = client.get(reverse("cameras:create")).content.decode()
    assert other.name not in form_page and other_site.name not in form_page
    assert create(client, owner=other.pk).status_code == 400
    assert create(client, site=other_site.pk).status_code == 400
    assert not Camera.objects.exists()


@pytest.mark.parametrize("changes, field_error", [
    ({"lat": "1.2", "lon": "100.5"}, "อยู่นอกประเทศไทย"),
    ({"lat": "100.455", "lon": "14.5896"}, "ละติจูดและลองจิจูดอาจสลับกัน"),
    ({"lat": "abc"}, "ไม่ใช่ค่าพิกัด"),
    ({"fov_deg": "400"}, "มุมกว้างของภาพ (องศา) ต้องอยู่ระหว่าง 1 ถึง 360"),
    ({"bearing_deg": "360"}, "ทิศทางที่หันกล้อง (องศา) ต้องอยู่ระหว่าง 0 ถึง 359"),
    ({"range_m": "0"}, "ระยะมองเห็น (เมตร) ต้องอยู่ระหว่าง 1 ถึง 2000"),
    ({"retention_days": "9999"}, "เก็บภาพย้อนหลัง (วัน) ต้องอยู่ระหว่าง 1 ถึง 3650"),
    ({"purchase_cost": "-5"}, "ราคาจัดซื้อ (บาท) ต้องไม่ติดลบ"),
    ({"installed_on": "31/02/2559"}, "ไม่มีวันที่นี้ในปฏิทิน"),
    ({"site_subdistrict": ""}, "เลือกจังหวัด อำเภอ และตำบลของสถานที่ติดตั้งใหม่"),
    ({"site_name": ""}, "ระบุชื่อสถานที่ติดตั้งใหม่"),
])
def test_validation_errors_are_shown_and_nothing_is_saved(client, org, editor, changes, field_error):
    client.force_login(editor)
    response = create(client, owner=org.pk, **changes)
    assert response.status_code == 400
    assert field_error in response.content.decode()
    assert not Camera.objects.exists() and not Site.objects.exists()


@pytest.mark.parametrize("changes", [
    {"lat": "1e400"}, {"lon": "NaN"}, {"fov_deg": "abc"}, {"installed_on": "๓๒/๑๓/๒๕๕๙"},
    {"purchase_cost": "1e20"}, {"site": "abc"}, {"site_subdistrict": "999999"}, {"owner": "9" * 20},
    {"sector": "martian"}, {"asset_code": "x" * 500}, {"night_vision": "perhaps"},
])
def test_garbage_input_is_a_form_error_never_a_crash(client, org, editor, changes):
    client.force_login(editor)
    assert create(client, **{"owner": org.pk, **changes}).status_code in (302, 400)
    assert Camera.objects.count() <= 1


def test_english_error_messages(client, org, editor):
    client.force_login(editor)
    response = client.post(reverse("cameras:create"), {**NEW, "owner": org.pk, "lat": "1.2", "fov_deg": "0"},
                           HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 400
    assert "The coordinates 1.2, 100.455 are outside Thailand." in html
    assert "Field-of-view angle (°) must be between 1 and 360." in html


def test_implausible_point_must_be_confirmed(client, org, editor):
    """Five cameras of the district around Ang Thong town; a new one 60 km away is a warning."""
    site = SiteFactory(owner=org)
    CameraFactory.create_batch(5, site=site)
    client.force_login(editor)
    far = {"owner": org.pk, "lat": "14.10", "lon": "100.45"}
    response = create(client, **far)
    assert response.status_code == 400
    html = response.content.decode()
    assert "กม. กรุณาตรวจสอบพิกัดหรือพื้นที่" in html and 'name="confirm_location"' in html
    assert not Camera.objects.filter(asset_code="ATM-100").exists()
    assert create(client, confirm_location="on", **far).status_code == 302
    assert Camera.objects.filter(asset_code="ATM-100").exists()


def test_duplicate_asset_code_is_a_form_error(client, org, editor):
    CameraFactory(site=SiteFactory(owner=org), asset_code="ATM-100")
    client.force_login(editor)
    response = create(client, owner=org.pk)
    assert response.status_code == 400
    assert "หน่วยงานนี้มีกล้องรหัสครุภัณฑ์ ATM-100 อยู่แล้ว" in response.content.decode()


def test_edit_conflict_second_save_sees_the_first_and_overwrites_nothing(client, org, editor):
    camera = CameraFactory(site=SiteFactory(owner=org), asset_code="ATM-7", retention_days=30)
    first = UserFactory(organisation=org, role="editor", first_name="ผู้แก้ไขคนแรก")
    opened = edit_data(camera)  # both people opened the same version
    assert opened["version"] == 1

    client.force_login(first)
    first_save = {**opened, "status": "under_repair", "status_reason": "รอเปลี่ยนเลนส์"}
    assert client.post(reverse("cameras:edit", args=[camera.pk]), first_save).status_code == 302

    client.force_login(editor)
    second = {**opened, "status": "broken", "retention_days": "7"}
    response = client.post(reverse("cameras:edit", args=[camera.pk]), second)
    assert response.status_code == 409
    html = response.content.decode()
    assert "มีผู้อื่นบันทึกข้อมูลกล้องนี้หลังจากที่คุณเปิดแบบฟอร์ม" in html
    assert "ผู้แก้ไขคนแรก" in html  # who
    assert "อยู่ระหว่างซ่อม" in html and "รอเปลี่ยนเลนส์" in html  # their values
    camera.refresh_from_db()
    assert (camera.status, camera.status_reason, camera.retention_days, camera.version) == (
        "under_repair", "รอเปลี่ยนเลนส์", 30, 2)
    # the form offered again carries the new version, their reason and this user's own edits
    assert 'name="version" value="2"' in html
    assert 'value="รอเปลี่ยนเลนส์"' in html and 'name="retention_days" value="7"' in html


def test_conflict_message_in_english(client, org, editor):
    camera = CameraFactory(site=SiteFactory(owner=org))
    opened = edit_data(camera)
    client.force_login(editor)
    client.post(reverse("cameras:edit", args=[camera.pk]), {**opened, "status": "broken"})
    response = client.post(reverse("cameras:edit", args=[camera.pk]), {**opened, "range_m": "60"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 409
    assert "Someone else saved this camera after you opened it" in response.content.decode()


def test_edit_without_a_version_is_refused(client, org, editor):
    camera = CameraFactory(site=SiteFactory(owner=org))
    client.force_login(editor)
    data = edit_data(camera, status="broken")
    del data["version"]
    assert client.post(reverse("cameras:edit", args=[camera.pk]), data).status_code == 400
    camera.refresh_from_db()
    assert camera.status == "working"


def test_delete_with_confirmation(client, org, editor):
    camera = CameraFactory(site=SiteFactory(owner=org), asset_code="ATM-9")
    client.force_login(editor)
    confirm = client.get(reverse("cameras:delete", args=[camera.pk]))
    assert "ATM-9" in confirm.content.decode() and Camera.objects.filter(pk=camera.pk).exists()
    response = client.post(reverse("cameras:delete", args=[camera.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("cameras:list")
    assert not Camera.objects.filter(pk=camera.pk).exists()
    assert camera.history.latest().history_user == editor  # the deletion is in the history


def test_viewer_sees_no_edit_buttons_and_cannot_post(client, org):
    camera = CameraFactory(site=SiteFactory(owner=org))
    viewer = UserFactory(organisation=org, role="viewer")
    client.force_login(viewer)
    html = client.get(reverse("cameras:detail", args=[camera.pk])).content.decode()
    assert reverse("cameras:edit", args=[camera.pk]) not in html
    assert reverse("cameras:delete", args=[camera.pk]) not in html
    assert client.post(reverse("cameras:edit", args=[camera.pk]), edit_data(camera, status="broken")).status_code == 403
    assert client.post(reverse("cameras:create"), {**NEW, "owner": org.pk}).status_code == 403
    camera.refresh_from_db()
    assert camera.status == "working" and Camera.objects.count() == 1
