"""Zone services: a drawn zone is validated, measured and counted; decisions need a meeting."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from safetyzone.core.models import AdminArea
from safetyzone.planning import zone_selectors, zone_services as services
from safetyzone.planning.models import Incident, SafetyZone, ZoneStatus
from tests.factories import UserFactory
from tests.planning import world

pytestmark = pytest.mark.django_db

BIG = [[14.580, 100.440], [14.580, 100.456], [14.596, 100.456], [14.596, 100.440]]  # ~1.72 x 1.78 km
BOWTIE = [[14.589, 100.450], [14.598, 100.460], [14.598, 100.450], [14.589, 100.460]]


@pytest.fixture
def station():
    return world.org("police_station", area=world.MUEANG)


@pytest.fixture
def editor(station):
    return UserFactory(organisation=station, role="editor")


def incident(owner, lat, lon, days_ago):
    return Incident.objects.create(organisation=owner, area_id=world.MUEANG_SUB, offence="ลักทรัพย์",
                                   occurred_at=timezone.now() - timedelta(days=days_ago),
                                   lat=Decimal(lat), lon=Decimal(lon))


def save(user, polygon, **kw):
    data = {"name": kw.pop("name", "ชุมชนตลาด"), "area": AdminArea.objects.get(code=world.MUEANG_SUB),
            "shape": services.parse_polygon(polygon)} | kw
    return services.save_zone(user, data)


def test_area_centroid_and_counts_of_what_lies_inside(station, editor):
    world.risk_point(station, lat="14.5935", lon="100.4550")  # inside
    world.risk_point(station, lat="14.5700", lon="100.4550")  # outside
    incident(station, "14.5900", "100.4520", days_ago=30)  # inside, recent
    incident(station, "14.5900", "100.4520", days_ago=400)  # inside, older than 12 months
    incident(station, "14.6100", "100.4520", days_ago=10)  # outside
    zone = save(editor, world.SQUARE)
    assert Decimal("1.05") < zone.area_km2 < Decimal("1.12")  # 1.077 km x 0.995 km
    assert abs(zone.centroid_lat - Decimal("14.5935")) < Decimal("0.0002")
    assert (zone.risk_points_inside, zone.incidents_inside) == (1, 1)
    assert not zone.oversize and zone.organisation == station and zone.province_id == "15"


def test_counts_only_records_the_user_may_read(station, editor):
    shop = world.org("private_business")
    far = world.org("police_station", area="1504")
    world.risk_point(far, area=world.OTHER_DISTRICT_SUB)  # inside the square, but another district's
    world.risk_point(shop)  # inside, located in the station's district: shared
    zone = save(editor, world.SQUARE)
    assert zone.risk_points_inside == 1


def test_oversize_zone_is_saved_and_flagged(editor):
    zone = save(editor, BIG)
    assert zone.area_km2 > 2 and zone.oversize


@pytest.mark.parametrize("polygon, words", [
    (BOWTIE, "crosses itself"),
    ([[14.589, 100.450], [14.590, 100.451]], "at least 3"),
    ([[14.589, 100.450], [14.590, 100.451], [14.589, 100.450]], "at least 3"),
    ([[1.0, 100.45], [1.1, 100.45], [1.1, 100.46]], "outside Thailand"),
    ([[14.58, 100.45], [14.59, 100.45], [14.60, 100.45]], "one line"),
    ("[[14.5, 100.4], ", "could not be read"),
    ("", "Draw the zone"),
])
def test_bad_drawings_are_refused_with_the_reason(polygon, words):
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.parse_polygon(polygon)
    assert words in " ".join(exc.value.messages)


def test_editing_the_shape_recomputes_and_keeps_history(station, editor):
    zone = save(editor, world.SQUARE)
    world.risk_point(station, lat="14.5850", lon="100.4450")  # inside BIG only
    data = {"name": zone.name, "shape": services.parse_polygon(BIG)}
    zone = services.save_zone(editor, data, zone)
    assert zone.oversize and zone.risk_points_inside == 1
    assert zone.history.count() == 2
    assert zone.history.earliest().area_km2 < 2


def test_another_organisation_cannot_change_the_zone(station, editor):
    zone = save(editor, world.SQUARE)
    other = UserFactory(organisation=world.org("local_admin"), role="editor")  # reads it, may not write
    with pytest.raises(PermissionDenied):
        services.save_zone(other, {"name": "x", "shape": services.parse_polygon(BIG)}, zone)
    zone.refresh_from_db()
    assert zone.name == "ชุมชนตลาด" and not zone.oversize


def test_a_decision_needs_the_meeting_date_and_history_keeps_each(station, editor):
    zone = save(editor, world.SQUARE)
    with pytest.raises(ValidationError) as exc:
        services.record_decision(editor, zone, status=ZoneStatus.SELECTED, meeting_date=None)
    assert "meeting_date" in exc.value.message_dict
    assert SafetyZone.objects.get(pk=zone.pk).status == ZoneStatus.CANDIDATE
    services.record_decision(editor, zone, status=ZoneStatus.SELECTED, meeting_date=date(2026, 3, 2),
                             meeting_ref="คปอ. 1/2569", note="มติเอกฉันท์")
    services.record_decision(editor, zone, status=ZoneStatus.NOT_SELECTED, meeting_date=date(2026, 4, 6),
                             meeting_ref="คปอ. 2/2569")
    zone.refresh_from_db()
    assert (zone.status, zone.meeting_ref, zone.decided_by) == (ZoneStatus.NOT_SELECTED, "คปอ. 2/2569", editor)
    decisions = zone_selectors.decisions(zone)
    assert [(d.status, d.meeting_ref) for d in decisions] == [("not_selected", "คปอ. 2/2569"),
                                                              ("selected", "คปอ. 1/2569")]
    assert {d.history_user for d in decisions} == {editor}  # who recorded each, also outside a request


def test_a_future_meeting_date_is_refused(editor):
    zone = save(editor, world.SQUARE)
    with pytest.raises(ValidationError):
        services.record_decision(editor, zone, status=ZoneStatus.SELECTED,
                                 meeting_date=timezone.localdate() + timedelta(days=3))


def test_task_done_gets_todays_date_and_overdue_is_flagged(editor):
    zone = save(editor, world.SQUARE)
    today = timezone.localdate()
    late = services.save_task(editor, zone, {"kind": "lighting", "responsible": "เทศบาลเมือง", "status": "planned",
                                             "due_on": today - timedelta(days=5)})
    done = services.save_task(editor, zone, {"kind": "trimming", "status": "done", "due_on": today - timedelta(days=5)})
    assert done.done_on == today
    flags = {t.pk: t.overdue for t in zone_selectors.tasks(editor, zone)}
    assert flags == {late.pk: True, done.pk: False}
