"""The comparison's 'each extra 100,000 baht adds ...' is a marginal figure only when both plans
cover the same streets (road file, zone, area); plans of different places get a note instead of
a number a planner would take as the value of more money."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.planning import plan_world as pw
from tests.planning import world

pytestmark = pytest.mark.django_db
DONE = {"status": "done", "total_weight": 100.0, "covered_before": 10.0}


@pytest.fixture
def block(client):
    station, user = pw.station_and_editor()
    client.force_login(user)
    return station, user, pw.block_road_file(station)


def _compare(client, a, b):
    r = client.get(reverse("planning:plan_compare"), {"a": a.pk, "b": b.pk}, HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 200
    return r.content.decode()


def test_plans_of_different_streets_get_no_marginal_figure(block, client):
    station, user, rf = block
    a = pw.make_plan(user, rf, name="ทั้งย่าน", covered_after=40.0, cost_total=Decimal("100000"), **DONE)
    b = pw.make_plan(user, rf, name="ในเขต", zone=world.zone(station, polygon=pw.BLOCK), covered_after=70.0,
                     cost_total=Decimal("200000"), **DONE)
    text = _compare(client, a, b)
    assert 'id="marginal"' not in text and 'id="not-comparable"' in text
    same = pw.make_plan(user, rf, name="ทั้งย่าน 2", covered_after=70.0, cost_total=Decimal("200000"), **DONE)
    text = _compare(client, a, same)
    assert 'id="marginal"' in text and "adds 30.00 percentage points" in text
