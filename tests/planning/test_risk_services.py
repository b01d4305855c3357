"""Risk point services: where a point may be, closing and reopening, measures, the gate."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from safetyzone.planning import risk_services
from safetyzone.planning.models import Mitigation, RiskPoint
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory
from tests.planning import world
from tests.planning.risk_fixtures import media, rw  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def new_point(owner=None, **kw):
    fields = {"name": "อาคารร้างริมคลอง", "lat": Decimal("14.5940"), "lon": Decimal("100.4560"),
              "area_id": world.MUEANG_SUB, "category": "abandoned_building", "space_class": "secondary",
              "severity": 4, "times_of_day": ["night", "evening", "night"], "source": "police"} | kw
    return RiskPoint(organisation=owner, **fields)


def test_a_point_is_recorded_for_the_users_organisation_with_history(rw):
    point = risk_services.create_point(rw.users.station_editor, new_point())
    assert point.organisation == rw.station and point.created_by == rw.users.station_editor
    assert (point.province_id, point.district_id, point.status) == ("15", "1501", "open")
    assert point.times_of_day == ["evening", "night"]  # in the day's order, once each
    assert point.history.get().history_user == rw.users.station_editor


def test_outside_thailand_is_refused_on_the_latitude_and_nothing_is_saved(rw):
    with pytest.raises(ValidationError) as refused:
        risk_services.create_point(rw.users.station_editor, new_point(lat=Decimal("1.3521"), lon=Decimal("103.8198")))
    assert "outside Thailand" in refused.value.message_dict["lat"][0]
    assert not RiskPoint.objects.exists()


def test_a_point_in_another_province_is_refused_naming_the_province(rw):
    udon = (Decimal("17.415000"), Decimal("102.787000"))  # inside Thailand, far from Ang Thong's cameras
    with pytest.raises(ValidationError) as refused:
        risk_services.create_point(rw.users.station_editor, new_point(lat=udon[0], lon=udon[1]))
    assert "lies outside Ang Thong, the province of" in refused.value.message_dict["lat"][0]
    assert not RiskPoint.objects.exists()


def test_an_area_of_another_province_is_refused(rw):
    with pytest.raises(ValidationError) as refused:
        risk_services.create_point(rw.users.station_editor, new_point(area_id="410101"))
    assert "area" in refused.value.message_dict


def test_a_viewer_and_another_station_may_not_write(rw):
    with pytest.raises(PermissionDenied):
        risk_services.create_point(rw.users.station_viewer, new_point())
    point = risk_services.create_point(rw.users.station_editor, new_point())
    point.name = "แก้โดยคนอื่น"
    for user in (rw.users.far_editor, rw.users.town_editor):
        with pytest.raises(PermissionDenied):
            risk_services.update_point(user, point)
        with pytest.raises(PermissionDenied):
            risk_services.close_point(user, point.pk, "ไม่มีแล้ว", without_measures=True)
    point.refresh_from_db()
    assert point.name == "อาคารร้างริมคลอง" and point.status == "open"


def test_closing_needs_a_done_measure_or_an_explicit_reason(rw):
    user = rw.users.station_editor
    point = risk_services.create_point(user, new_point())
    with pytest.raises(ValidationError) as refused:
        risk_services.close_point(user, point.pk, "แก้ไขแล้ว")
    assert "without_measures" in refused.value.message_dict
    risk_services.add_mitigation(user, point.pk, Mitigation(kind="light", detail="ไฟ LED 4 ต้น"))
    with pytest.raises(ValidationError):  # planned is not done
        risk_services.close_point(user, point.pk, "แก้ไขแล้ว")
    with pytest.raises(ValidationError) as no_reason:
        risk_services.close_point(user, point.pk, "  ", without_measures=True)
    assert "closed_note" in no_reason.value.message_dict
    point = risk_services.close_point(user, point.pk, "รื้ออาคารแล้ว", without_measures=True)
    assert point.status == "closed" and point.closed_at and point.closed_note == "รื้ออาคารแล้ว"


def test_closing_twice_is_refused_and_changes_nothing(rw):
    user = rw.users.station_editor
    point = risk_services.create_point(user, new_point())
    risk_services.add_mitigation(user, point.pk, Mitigation(kind="trees", status="done", done_on=date.today()))
    first = risk_services.close_point(user, point.pk, "ตัดต้นไม้แล้ว")
    with pytest.raises(PermissionDenied):
        risk_services.close_point(user, point.pk, "ปิดอีกครั้ง", without_measures=True)
    point.refresh_from_db()
    assert (point.closed_at, point.closed_note) == (first.closed_at, "ตัดต้นไม้แล้ว")
    assert point.history.count() == 2  # recorded, closed


def test_reopen_clears_the_closing_and_keeps_it_in_history(rw):
    user = rw.users.station_editor
    point = risk_services.create_point(user, new_point())
    risk_services.close_point(user, point.pk, "ย้ายไปแล้ว", without_measures=True)
    point = risk_services.reopen_point(user, point.pk)
    assert (point.status, point.closed_at, point.closed_note) == ("open", None, "")
    assert [h.status for h in point.history.order_by("history_id")] == ["open", "closed", "open"]
    with pytest.raises(PermissionDenied):
        risk_services.reopen_point(user, point.pk)


def test_a_measure_goes_from_planned_to_done_with_a_date_or_cancelled(rw):
    user = rw.users.station_editor
    point = risk_services.create_point(user, new_point())
    light = risk_services.add_mitigation(user, point.pk, Mitigation(kind="light", responsible="เทศบาล"))
    with pytest.raises(ValidationError) as no_date:
        risk_services.finish_mitigation(user, light.pk, "done")
    assert "done_on" in no_date.value.message_dict
    with pytest.raises(ValidationError):
        risk_services.finish_mitigation(user, light.pk, "done", timezone.localdate() + timedelta(days=3))
    light = risk_services.finish_mitigation(user, light.pk, "done", date(2026, 11, 1))
    assert (light.status, light.done_on) == ("done", date(2026, 11, 1))
    with pytest.raises(ValidationError):  # done stays done
        risk_services.finish_mitigation(user, light.pk, "cancelled")
    patrol = risk_services.add_mitigation(user, point.pk, Mitigation(kind="patrol_point"))
    assert risk_services.finish_mitigation(user, patrol.pk, "cancelled").status == "cancelled"
    assert [h.status for h in light.history.order_by("history_id")] == ["planned", "done"]


def test_a_measure_links_only_a_camera_the_user_may_read(rw):
    user = rw.users.station_editor
    point = risk_services.create_point(user, new_point())
    readable = rw.cams[0]  # the town's camera lies in the station's area
    elsewhere = CameraFactory(site=SiteFactory(owner=OrganisationFactory(area_id="410101")))
    m = risk_services.add_mitigation(user, point.pk, Mitigation(kind="camera", camera_id=readable.pk,
                                                                status="done", done_on=date(2026, 10, 5)))
    assert m.camera == readable
    with pytest.raises(ValidationError) as refused:
        risk_services.add_mitigation(user, point.pk, Mitigation(kind="camera", camera_id=elsewhere.pk))
    assert "camera" in refused.value.message_dict
    with pytest.raises(ValidationError):  # a camera only on a "camera installed" measure
        risk_services.add_mitigation(user, point.pk, Mitigation(kind="light", camera_id=readable.pk))


def test_a_closed_point_takes_no_new_measures(rw):
    user = rw.users.station_editor
    point = risk_services.create_point(user, new_point())
    planned = risk_services.add_mitigation(user, point.pk, Mitigation(kind="other", detail="ประสานเจ้าของ"))
    risk_services.close_point(user, point.pk, "ไม่มีความเสี่ยงแล้ว", without_measures=True)
    with pytest.raises(ValidationError):
        risk_services.add_mitigation(user, point.pk, Mitigation(kind="light"))
    with pytest.raises(ValidationError):
        risk_services.finish_mitigation(user, planned.pk, "cancelled")
    assert point.mitigations.count() == 1
