"""The secretariat acknowledges field-verification flags ("registered as working, found broken")
with a note: who and when are kept, acknowledged flags leave the default list and come back
with the filter, and bad or foreign requests change nothing."""

import pytest
from django.urls import reverse

from safetyzone.census import verification
from safetyzone.census.models import Visit
from tests.census.verification_helpers import *  # noqa: F403  (fixtures)
from tests.census.verification_helpers import fix_near, png
from tests.factories import CameraFactory, SiteFactory

FLAGS = reverse("census:verify_flags")


def _visit(inspector, inspection, result):
    fix = fix_near(inspection.camera)
    return verification.record_visit(inspector, inspection.pk, result=result, lat=fix["lat"], lon=fix["lon"],
                                     accuracy=fix["accuracy"], fix_ms=fix["fix_ms"], photo=png(),
                                     new_lat=None, new_lon=None, note="")


@pytest.fixture
def two_flags(secretariat, inspector, camera, town):
    other = CameraFactory(site=SiteFactory(owner=town, name="หน้าตลาดสด"), asset_code="AT-002", status="working")
    first, second = verification.assign(secretariat, [camera.pk, other.pk], inspector)
    broken, missing = _visit(inspector, first, "found_not_working"), _visit(inspector, second, "not_found")
    assert broken.flagged and missing.flagged
    return broken, missing


def _rows(response):
    return [v.pk for v in response.context["page"]]


def test_secretariat_acknowledges_a_flag_and_it_leaves_the_default_list(client, secretariat, two_flags):
    secretariat.first_name, secretariat.last_name = "มาลี", "รักงาน"
    secretariat.save()
    broken, missing = two_flags
    client.force_login(secretariat)
    assert sorted(_rows(client.get(FLAGS))) == sorted([broken.pk, missing.pk])
    url = reverse("census:verify_flag_acknowledge", args=[broken.pk])
    response = client.post(url, {"note": "แจ้งเทศบาลให้ซ่อมแล้ว ตามหนังสือที่ อท 0017/123"}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "รับทราบแล้ว รายการนี้ย้ายไปอยู่ในกลุ่มที่รับทราบแล้ว" in html
    assert _rows(response) == [missing.pk]  # hidden by default...
    assert "ซ่อนรายการที่รับทราบแล้ว 1 รายการ" in html
    broken.refresh_from_db()
    assert broken.acknowledged_by == secretariat and broken.acknowledged_at is not None
    assert broken.acknowledgement == "แจ้งเทศบาลให้ซ่อมแล้ว ตามหนังสือที่ อท 0017/123"
    assert broken.flagged  # the flag itself stays on the visit
    shown = client.get(FLAGS, {"show": "acknowledged"})  # ...and shown with the filter, with who, when and why
    assert _rows(shown) == [broken.pk]
    html = shown.content.decode()
    assert "รับทราบโดย มาลี รักงาน" in html and "แจ้งเทศบาลให้ซ่อมแล้ว" in html
    assert str(broken.acknowledged_at.year + 543) in html
    assert sorted(_rows(client.get(FLAGS, {"show": "all"}))) == sorted([broken.pk, missing.pk])


def test_an_acknowledgement_needs_a_note_and_is_taken_once(client, secretariat, two_flags):
    broken, _missing = two_flags
    client.force_login(secretariat)
    url = reverse("census:verify_flag_acknowledge", args=[broken.pk])
    empty = client.post(url, {"note": "   "})
    assert empty.status_code == 400
    assert "กรุณาระบุว่าดำเนินการอย่างไร" in empty.content.decode()
    long_note = "ซ่อม" * 300
    too_long = client.post(url, {"note": long_note})
    assert too_long.status_code == 400 and "ใส่ได้ไม่เกิน 1000 ตัวอักษร" in too_long.content.decode()
    assert long_note in too_long.content.decode()  # what was typed is kept
    broken.refresh_from_db()
    assert broken.acknowledged_at is None
    assert client.post(url, {"note": "ส่งช่างไปแล้ว"}).status_code == 302
    again = client.post(url, {"note": "ซ้ำ"})
    assert again.status_code == 400 and "รับทราบแล้วโดย" in again.content.decode()
    broken.refresh_from_db()
    assert broken.acknowledgement == "ส่งช่างไปแล้ว"


def test_only_the_provinces_secretariat_acknowledges(client, inspector, udon_secretariat, two_flags):
    broken, _missing = two_flags
    url = reverse("census:verify_flag_acknowledge", args=[broken.pk])
    client.force_login(udon_secretariat)  # another province: its cameras are not theirs to read
    assert client.post(url, {"note": "รับทราบ"}).status_code == 403
    assert _rows(client.get(FLAGS)) == []
    client.force_login(inspector)  # the inspector records visits but does not close flags
    assert client.post(url, {"note": "รับทราบ"}).status_code == 403
    assert client.post(reverse("census:verify_flag_acknowledge", args=[999999]), {"note": "x"}).status_code == 403
    assert not Visit.objects.filter(acknowledged_at__isnull=False).exists()
