"""Whose access a plan is computed with: the user who asked for the run (the author for a new
plan, the colleague who presses "compute again"), checked again when the worker starts; never
an author who has since moved to another organisation or left."""

import pytest
from django.urls import reverse

from safetyzone.core.models import AdminArea
from safetyzone.planning import plan_services
from safetyzone.planning.models import PlacementPlan
from tests.factories import UserFactory
from tests.planning import plan_world as pw
from tests.planning import world

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def block(settings):
    settings.TASKS = IMMEDIATE
    station, author = pw.station_and_editor()
    return station, author, UserFactory(organisation=station, role="editor"), pw.block_road_file(station)


def _create(user, rf, capture):
    with capture(execute=True):
        plan = plan_services.create_plan(user, organisation=user.organisation, area=AdminArea.objects.get(code=world.MUEANG),
                                         **pw.plan_fields(rf))
    plan.refresh_from_db()
    return plan


def test_computing_again_uses_the_colleague_who_asks_not_an_author_who_moved_away(
        block, client, django_capture_on_commit_callbacks):
    station, author, colleague, rf = block
    plan = _create(author, rf, django_capture_on_commit_callbacks)
    assert plan.status == "done", plan.error_message
    first = (plan.covered_after, plan.cameras.count())
    # the author moves to a station in Udon Thani: their access no longer reaches Ang Thong's streets
    author.organisation = world.org("police_station", area="4101")
    author.save()
    client.force_login(colleague)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("planning:plan_rerun", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == "done", plan.error_message
    assert (plan.covered_after, plan.cameras.count()) == first


def test_a_run_whose_requester_has_left_is_refused_with_a_message(block, django_capture_on_commit_callbacks):
    station, author, colleague, rf = block
    plan = pw.make_plan(author, rf)  # queued
    author.is_active = False
    author.save()
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.enqueue(plan, user=author)
    plan.refresh_from_db()
    assert plan.status == "failed" and plan.cameras.count() == 0 and plan.error_message
