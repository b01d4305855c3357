"""The hotspot page opens on 29 February too: its default period is the last 12 months, and the
same day a year earlier does not exist."""

from datetime import date
from unittest import mock

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.planning import world

pytestmark = pytest.mark.django_db


def test_the_hotspot_page_opens_on_a_leap_day_with_the_last_12_months(client):
    client.force_login(UserFactory(organisation=world.org("police_station", area=world.MUEANG), role="viewer"))
    with mock.patch("django.utils.timezone.localdate", return_value=date(2028, 2, 29)):
        response = client.get(reverse("planning:hotspots"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.cleaned_data["date_from"] == date(2027, 2, 28) and form.cleaned_data["date_to"] == date(2028, 2, 29)
