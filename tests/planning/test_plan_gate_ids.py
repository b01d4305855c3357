"""Changing ids in a plan's form or address: another district's road file, pole set or zone
cannot be planned with, another district's plan cannot be compared, read, exported, computed
again or proposed (a station in Wiset Chai Chan reads nothing of Mueang Ang Thong's)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from safetyzone.planning.models import PlacementPlan, Pole, PoleSet
from tests.factories import UserFactory
from tests.planning import plan_world as pw
from tests.planning import world
from tests.planning.test_plan_views import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(client):
    station, editor = pw.station_and_editor()
    rf = pw.block_road_file(station)
    far = world.org("police_station", area="1504")
    stranger = UserFactory(organisation=far, role="editor")
    client.force_login(stranger)
    return station, editor, rf, stranger


def test_another_districts_road_file_pole_set_or_zone_cannot_be_planned_with(two, client):
    station, editor, rf, stranger = two
    zone = world.zone(station)
    poles = PoleSet.objects.create(organisation=station, area_id=world.MUEANG, name="เสา")
    Pole.objects.create(pole_set=poles, ref="1", lat=Decimal("14.59"), lon=Decimal("100.45"))
    own_rf = world.road_file(stranger.organisation, pw.STREETS, area=world.OTHER_DISTRICT_SUB)
    for change in ({"road_file": rf.pk}, {"road_file": own_rf.pk, "pole_set": poles.pk},
                   {"road_file": own_rf.pk, "zone": zone.pk}):
        response = client.post(reverse("planning:plan_new"), form_data(own_rf, area="1504", **change))
        field = next(iter(set(change) - {"road_file"}), "road_file")
        assert response.status_code == 400 and field in response.context["form"].errors, change
    assert not PlacementPlan.objects.exists()


def test_another_districts_plan_is_not_found_by_its_number(two, client):
    station, editor, rf, stranger = two
    plan = pw.make_plan(editor, rf, status="done", total_weight=10, covered_before=0, covered_after=5)
    for name, method in (("plan", "get"), ("plan_status", "get"), ("plan_xlsx", "get"), ("plan_pdf", "get"),
                         ("plan_rerun", "post"), ("plan_propose", "post")):
        assert getattr(client, method)(reverse(f"planning:{name}", args=[plan.pk])).status_code == 404, name
    response = client.get(reverse("planning:plan_compare"), {"a": plan.pk, "b": plan.pk})
    assert response.status_code == 400
    plan.refresh_from_db()
    assert plan.status == "done"
