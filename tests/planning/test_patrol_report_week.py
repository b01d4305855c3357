"""The weekly patrol report's ?week= is typed or edited by users: a date the calendar cannot
hold a week after (9999-12-31) or nonsense opens the current week instead of a server error."""

import pytest
from django.urls import reverse
from django.utils import timezone

from safetyzone.planning import patrol_selectors
from tests.factories import UserFactory
from tests.planning import world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("week", ["9999-12-31", "0001-01-01", "2026-13-01", "x"])
def test_an_impossible_week_opens_the_current_week(client, week):
    station = world.org("police_station", area=world.MUEANG)
    client.force_login(UserFactory(organisation=station, role="viewer"))
    zone = world.zone(station)
    this_week = patrol_selectors.week_start(timezone.localdate())
    response = client.get(reverse("planning:patrol_report", args=[zone.pk]), {"week": week})
    assert response.status_code == 200 and response.context["week"].start == this_week
    assert client.get(reverse("planning:patrol_report_xlsx", args=[zone.pk]), {"week": week}).status_code == 200
