"""A finished plan becomes proposed installation points of the open census round (Part 2): one
per pole, priority by year, cost as the estimated budget; doing it twice adds nothing; without
an open round the user is told so."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safetyzone.census import rounds
from safetyzone.census.models import Proposal, Submission
from safetyzone.planning import plan_services
from tests.factories import OrganisationFactory, UserFactory
from tests.planning import plan_world as pw

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(client):
    station, user = pw.station_and_editor()
    plan = pw.make_plan(user, pw.block_road_file(station), phases=[100000, 50000])
    plan_services.run_plan(plan.pk, 40, "th")
    plan.refresh_from_db()
    client.force_login(user)
    return station, user, plan


def open_round(*orgs):
    office = OrganisationFactory(name="สำนักงานจังหวัดอ่างทอง", kind="provincial_office", area_id="15")
    secretariat = UserFactory(organisation=office, role="secretariat")
    today = timezone.localdate()
    r = rounds.create_round(secretariat, province_id="15", title="สำรวจกล้อง ๒๕๖๙", opens_on=today,
                            deadline=today + timedelta(days=20), organisations=list(orgs))
    rounds.move_round(secretariat, r, "open")
    return r


def test_the_plan_becomes_proposals_once(finished, client):
    station, user, plan = finished
    r = open_round(station)
    url = reverse("planning:plan_propose", args=[plan.pk])
    response = client.post(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    cams = list(plan.cameras.all())
    proposals = list(Proposal.objects.all())
    assert len(proposals) == len({(c.lat, c.lon) for c in cams}) and all(c.proposal_id for c in cams)
    assert sum(p.estimated_budget for p in proposals) == plan.cost_total
    assert sum(p.camera_count for p in proposals) == len(cams)
    first = {c.proposal_id for c in cams if c.phase == 1}
    assert {p.priority for p in proposals if p.pk in first} == {"urgent"}
    assert all(p.reason == "risk_point" and plan.name in p.reason_detail for p in proposals)
    sub = Submission.objects.get(round=r, organisation=station)
    assert sub.status == "in_progress" and {p.submission_id for p in proposals} == {sub.pk}
    again = client.post(url, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert Proposal.objects.count() == len(proposals)
    assert "already in a proposal" in again.content.decode()


def test_without_an_open_round_the_user_is_told_so(finished, client):
    station, user, plan = finished
    response = client.post(reverse("planning:plan_propose", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert "There is no open census round for" in response.content.decode()
    assert not Proposal.objects.exists() and not plan.cameras.filter(proposal__isnull=False).exists()


def test_a_viewer_cannot_propose(finished, client):
    station, user, plan = finished
    open_round(station)
    client.force_login(UserFactory(organisation=station, role="viewer"))
    assert client.post(reverse("planning:plan_propose", args=[plan.pk])).status_code == 403
    assert not Proposal.objects.exists()
