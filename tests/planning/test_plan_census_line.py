"""The plan page's census line (the open round, how many planned cameras are proposed, a link to
the answer) is shown only to those who may read that census answer: a municipality reads the
station's plan (they plan together) but not the station's census answer."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.planning import world
from tests.planning.test_plan_proposals import finished, open_round  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_census_answer_of_the_plans_owner_is_shown_only_to_its_readers(finished, client):
    station, user, plan = finished
    answer = open_round(station).submissions.get(organisation=station)
    url = reverse("planning:plan", args=[plan.pk])
    assert "สำรวจกล้อง ๒๕๖๙" in client.get(url).content.decode()
    town = UserFactory(organisation=world.org("local_admin", area=world.MUEANG), role="editor")
    client.force_login(town)
    response = client.get(url)
    assert response.status_code == 200  # the municipality reads the plan
    assert "สำรวจกล้อง ๒๕๖๙" not in response.content.decode() and \
        reverse("census:submission", args=[answer.pk]) not in response.content.decode()
