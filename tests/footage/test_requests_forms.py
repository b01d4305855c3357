"""The search form's bounds (issue 4's misuse guards) and the find page that records searches."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safetyzone.core.models import AdminArea
from safetyzone.footage.forms import RequestForm, SearchForm
from safetyzone.footage.models import Search
from tests.footage.request_world import fworld  # noqa: F401 - fixture

FMT = "%Y-%m-%dT%H:%M"


def _post(**overrides) -> dict:
    now = timezone.localtime()
    data = {"lat": "14.590000", "lon": "100.456000", "radius_m": "200",
            "starts_at": (now - timedelta(hours=5)).strftime(FMT), "ends_at": (now - timedelta(hours=4)).strftime(FMT),
            "case_ref": "คดีอาญา 77/2569", "purpose": "สืบสวนคดีชิงทรัพย์"}
    data.update(overrides)
    return data


def _errors(fworld, user="investigator_p", **overrides) -> dict:  # noqa: F811
    form = SearchForm(_post(**overrides), user=fworld.users[user])
    form.is_valid()
    return form.errors


def test_a_sensible_search_is_valid(fworld):  # noqa: F811
    assert _errors(fworld) == {}


def test_a_three_day_window_is_refused_with_a_clear_message(fworld):  # noqa: F811
    now = timezone.localtime()
    errors = _errors(fworld, starts_at=(now - timedelta(days=4)).strftime(FMT),
                     ends_at=(now - timedelta(days=1)).strftime(FMT))
    assert errors["ends_at"] == ["ช่วงเวลาต้องไม่เกิน 24 ชั่วโมง (ท่านระบุ 72 ชั่วโมง) โปรดขอช่วงเวลาที่สั้นลงรอบเวลาเกิดเหตุ"]


def test_a_five_km_circle_is_refused(fworld):  # noqa: F811
    assert _errors(fworld, radius_m="5000")["radius_m"] == [
        "รัศมีต้องไม่เกิน 500 ม. (ท่านระบุ 5,000 ม.) โปรดค้นหาพื้นที่ที่เล็กลงรอบจุดเกิดเหตุ"]
    assert "radius_m" not in _errors(fworld, radius_m="500")


def test_a_window_in_the_future_or_backwards_is_refused(fworld):  # noqa: F811
    now = timezone.localtime()
    errors = _errors(fworld, starts_at=(now + timedelta(hours=1)).strftime(FMT),
                     ends_at=(now + timedelta(hours=2)).strftime(FMT))
    assert errors["starts_at"] == ["เวลาเริ่มต้นอยู่ในอนาคต"] and "อนาคต" in errors["ends_at"][0]
    errors = _errors(fworld, ends_at=(now - timedelta(hours=2)).strftime(FMT))
    assert "ends_at" not in errors
    errors = _errors(fworld, starts_at=(now - timedelta(hours=2)).strftime(FMT),
                     ends_at=(now - timedelta(hours=3)).strftime(FMT))
    assert errors["ends_at"] == ["เวลาสิ้นสุดต้องอยู่หลังเวลาเริ่มต้น"]


def test_purpose_always_and_a_case_reference_for_police_users(fworld):  # noqa: F811
    assert _errors(fworld, purpose="   ")["purpose"]
    assert _errors(fworld, case_ref="")["case_ref"] == ["คำขอของตำรวจต้องระบุเลขคดี"]
    assert "case_ref" not in _errors(fworld, user="editor_a", case_ref="")  # an owner's staff is not police


def test_without_a_boundary_a_point_far_outside_the_provinces_cameras_is_refused(fworld):  # noqa: F811
    errors = _errors(fworld, lat="17.410000", lon="102.790000")  # Udon Thani
    assert errors["lat"] == ["จุดเกิดเหตุอยู่นอกจังหวัดอ่างทอง (ยังไม่มีขอบเขตจังหวัดในระบบ "
                             "จึงตรวจกับพื้นที่ที่กล้องที่ขึ้นทะเบียนของจังหวัดครอบคลุม)"]
    assert "lat" not in _errors(fworld, lat="14.660000", lon="100.340000")  # near b1, in the province


def test_with_a_boundary_the_point_must_be_inside_it(fworld):  # noqa: F811
    square = {"type": "Polygon", "coordinates": [[[100.40, 14.55], [100.50, 14.55], [100.50, 14.62],
                                                  [100.40, 14.62], [100.40, 14.55]]]}
    AdminArea.objects.filter(code="15").update(boundary=square)
    assert "lat" not in _errors(fworld)
    # inside the cameras' extent but outside the loaded boundary: the boundary decides
    assert _errors(fworld, lat="14.650000", lon="100.350000")["lat"] == ["จุดเกิดเหตุอยู่นอกขอบเขตจังหวัดอ่างทอง"]


def test_the_request_form_needs_cameras_and_an_incident_type(fworld):  # noqa: F811
    form = RequestForm(_post(cameras=["x"]), user=fworld.users["investigator_p"])
    assert not form.is_valid()
    assert form.errors["cameras"] == ["“x” ไม่ใช่หมายเลขกล้อง"] and "incident_type" in form.errors


def test_each_search_on_the_find_page_is_recorded_with_its_purpose(fworld, client):  # noqa: F811
    client.force_login(fworld.users["investigator_p"])
    response = client.post(reverse("footage:find"), {**_post(), "action": "search"})
    assert response.status_code == 200
    search = Search.objects.get()
    assert (search.user, search.organisation, search.purpose, search.case_ref, search.radius_m) == (
        fworld.users["investigator_p"], fworld.orgs.p, "สืบสวนคดีชิงทรัพย์", "คดีอาญา 77/2569", 200)
    assert search.results >= 3  # a1, a2 and h1 are around the point
    page = response.content.decode()
    assert all(f'value="{getattr(fworld.cams, c).pk}"' in page for c in ("a1", "a2", "h1"))


@pytest.mark.parametrize("field,value", [("radius_m", "5000"), ("purpose", "")])
def test_a_refused_search_is_not_run_and_says_why(fworld, client, field, value):  # noqa: F811
    client.force_login(fworld.users["investigator_p"])
    response = client.post(reverse("footage:find"), {**_post(**{field: value}), "action": "search"})
    assert response.status_code == 400 and Search.objects.count() == 0
    assert f'id="error-{field}"' in response.content.decode()
