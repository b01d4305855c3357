"""The risk point demo: 25 points in Udon Thani, 12 in Ang Thong, measures and closed points,
seen by the right people; loading again changes nothing, a reset rebuilds it."""

import pytest
from django.urls import reverse

from safetyzone.core import access
from safetyzone.core.models import User
from safetyzone.planning import demo_risk
from safetyzone.planning.models import Mitigation, RiskCategory, RiskPoint
from tests.demo_fixtures import loaded  # noqa: F401

pytestmark = pytest.mark.django_db


def demo_points():
    return RiskPoint.objects.filter(name__in=demo_risk.NAMES)


def test_demo_points_are_spread_and_scoped(loaded, client):
    points = demo_points()
    assert points.filter(province_id="41").count() == 25 and points.filter(province_id="15").count() == 12
    assert set(points.values_list("category", flat=True)) == set(RiskCategory.values)
    assert set(points.values_list("space_class", flat=True)) == {"primary", "secondary", "public"}
    assert set(points.values_list("severity", flat=True)) == {1, 2, 3, 4}
    assert points.filter(status="closed").count() == 4
    assert Mitigation.objects.filter(risk_point__in=points, status="done", camera__isnull=False).count() == 1
    udon, angthong = User.objects.get(username="prevention_udon"), User.objects.get(username="prevention_angthong")
    assert access.scope(udon, points).count() == 25  # its own and the municipality's, in the station's area
    assert access.scope(angthong, points).count() == 12
    client.force_login(udon)
    page = client.get(reverse("planning:risk_list"))
    assert page.status_code == 200 and page.context["page"].paginator.count >= 25


def test_loading_again_does_nothing_and_reset_rebuilds(loaded):
    assert demo_risk.load() == 0
    first = sorted(demo_points().values_list("name", "lat", "lon"))
    assert demo_risk.load(reset=True) == 37
    assert sorted(demo_points().values_list("name", "lat", "lon")) == first
