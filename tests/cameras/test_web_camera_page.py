"""The camera page: grouped fields, history of changes, personal data and the access log."""

import re

import pytest
from django.urls import reverse

from safetyzone.core.models import AccessLog
from tests.cameras.web_world import build_world
from tests.factories import UserFactory


@pytest.fixture
def world(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_world()


def page(client, camera):
    response = client.get(reverse("cameras:detail", args=[camera.pk]))
    assert response.status_code == 200
    return response.content.decode()


def edit_data(camera, **changes):
    """What the edit form posts for `camera` unchanged, with `changes` applied."""
    from safetyzone.cameras.forms import CameraForm

    form = CameraForm(instance=camera, user=UserFactory.build(role="system_admin"))
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is not None:
            data[name] = value
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_page_shows_fields_grouped_with_thai_labels(client, world):
    client.force_login(world.users["editor"])
    html = page(client, world.cams["agency1"])
    for text in ("สถานที่ติดตั้ง", "คุณสมบัติของกล้อง", "เครือข่าย", "การบันทึกภาพ", "สถานะ",
                 "งบประมาณและการบำรุงรักษา", "ผู้ประสานงาน", "ATM-001", "กล้องแบบกระบอก (Bullet)",
                 "เชื่อมต่อศูนย์ควบคุม", "ตลาดหลวง"):
        assert text in html
    assert 'id="camera-map-config"' in html and '"bearing": 45' in html  # the field-of-view sector


def test_history_shows_who_changed_what_from_and_to(client, world):
    editor = world.users["editor"]
    editor.first_name, editor.last_name = "สมศรี", "ทดสอบ"
    editor.save()
    camera = world.cams["agency1"]
    client.force_login(editor)
    response = client.post(reverse("cameras:edit", args=[camera.pk]),
                           edit_data(camera, status="broken", status_reason="เลนส์แตก", retention_days=15))
    assert response.status_code == 302, response.content.decode()[:3000]
    html = page(client, camera)
    history = html[html.index('id="history"'):]
    assert "สมศรี ทดสอบ" in history
    assert "ใช้งานได้" in history and "ชำรุด" in history  # status: working -> broken
    assert "เลนส์แตก" in history
    assert "เก็บภาพย้อนหลัง (วัน)" in history and ">30<" in history and ">15<" in history
    assert re.search(r"\d{1,2} [ก-๙.]+ 25\d\d \d\d:\d\d", history)  # when, in the Buddhist era
    assert "แก้ไขข้อมูล" in history


def test_investigator_opening_a_private_camera_is_logged_and_owner_is_not(client, world):
    camera = world.cams["house"]
    client.force_login(world.users["household"])
    assert "081-234-5678" in page(client, camera)
    assert not AccessLog.objects.exists()

    investigator = world.users["investigator"]
    client.force_login(investigator)
    assert "081-234-5678" in page(client, camera)
    entry = AccessLog.objects.get()
    assert (entry.user, entry.action, entry.object_type, entry.object_id, entry.purpose) == (
        investigator, "view_contact", "cameras.camera", str(camera.pk), "camera page")


def test_contacts_hidden_from_committee_and_nothing_logged(client, world):
    client.force_login(world.users["committee"])
    html = page(client, world.cams["house"])
    assert "081-234-5678" not in html and "สมชาย ใจดี" not in html
    assert not AccessLog.objects.exists()


def test_contact_changes_in_history_are_masked_for_those_who_may_not_see_contacts(client, world):
    camera = world.cams["house"]
    client.force_login(world.users["household"])
    client.post(reverse("cameras:edit", args=[camera.pk]), edit_data(camera, contact_phone="089-999-9999"))
    assert "089-999-9999" in page(client, camera)
    client.force_login(world.users["committee"])
    html = page(client, camera)
    assert "089-999-9999" not in html and "081-234-5678" not in html
    assert "ซ่อนไว้: ข้อมูลส่วนบุคคล" in html
