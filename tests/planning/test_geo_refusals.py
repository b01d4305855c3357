"""A road file with a broken street (a stored position that is not a number) is refused on the
coverage page and in a plan with a message naming that street, not as "a weight was refused"."""

import pytest
from django.urls import reverse
from django.utils import translation

from safetyzone.geo.errors import GeoInputError
from safetyzone.planning import geo_refusals, plan_services
from safetyzone.planning.models import RoadSegment
from tests.planning import plan_world as pw

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken():
    """The block's road file whose fourth street (ซอย 2) lost a coordinate of its second end."""
    station, user = pw.station_and_editor()
    rf = pw.block_road_file(station)
    soi2 = RoadSegment.objects.filter(road_file=rf).order_by("id")[3]
    assert soi2.name == "ซอย 2"
    soi2.coords = [soi2.coords[0], [None, soi2.coords[1][1]]]
    soi2.save()
    return user, rf, soi2


def test_the_coverage_page_names_the_broken_street(client, broken):
    user, rf, soi2 = broken
    client.force_login(user)
    response = client.get(reverse("planning:coverage"), {"road_file": rf.pk}, HTTP_ACCEPT_LANGUAGE="en")
    text = response.content.decode()
    assert "Street 4 of the road file (ซอย 2)" in text and "has a broken line" in text
    assert f"{soi2.coords[0][0]:.5f}" in text  # where it is: its first good position
    assert "weight was refused" not in text
    thai = client.get(reverse("planning:coverage"), {"road_file": rf.pk}, HTTP_ACCEPT_LANGUAGE="th")
    assert "ถนนลำดับที่ 4 ของไฟล์ถนน (ซอย 2)" in thai.content.decode()


def test_a_plan_on_the_broken_road_file_fails_naming_the_street(broken):
    user, rf, _ = broken
    plan = pw.make_plan(user, rf)
    plan_services.run_plan(plan.pk, 40, "en")
    plan.refresh_from_db()
    assert plan.status == "failed" and plan.error_code == "geometry_invalid"
    assert "Street 4 of the road file (ซอย 2)" in plan.error_message
    assert "setting was refused" not in plan.error_message


@translation.override("en")
def test_each_refusal_has_its_own_message():
    say = geo_refusals.message
    assert "Safety Zone's outline" in say(GeoInputError("self_intersection", lat=14.5, lon=100.4))
    assert "do not match" in say(GeoInputError("shape_mismatch", expected=10, got=[9]))
    assert "spacing_m = -5" in say(GeoInputError("parameter_invalid", name="spacing_m", value=-5.0))
    assert "outside Thailand" in say(GeoInputError("outside_thailand", count=1, lat=40.0, lon=2.0))
    with pytest.raises(GeoInputError) as refused:
        geo_refusals.segment_array([[14.59, 100.45], [14.59, "abc"]], 7, "")
    assert "Street 7 of the road file (no name) near 14.59000, 100.45000" in say(refused.value)
