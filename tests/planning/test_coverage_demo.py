"""The road files of the demo and the coverage of Udon Thani's centre by its ~1,500 cameras."""

import pytest
from django.urls import reverse

from safetyzone.core.models import AdminArea, User
from safetyzone.planning import demo_roads
from safetyzone.planning.coverage_report import coverage_report
from safetyzone.planning.models import RoadFile
from tests.demo_fixtures import loaded  # noqa: F401

pytestmark = pytest.mark.django_db


def test_demo_road_files(loaded):  # noqa: F811
    files = {f.name: f for f in RoadFile.objects.filter(name__in=demo_roads.NAMES).select_related("organisation")}
    assert len(files) == 3
    udon, angthong = demo_roads.udon_road_file(), demo_roads.angthong_road_file()
    assert udon.organisation.name == "สถานีตำรวจภูธรเมืองอุดรธานี" and udon.format == "generated"
    assert angthong.organisation.name == "สถานีตำรวจภูธรเมืองอ่างทอง"
    assert 4000 < udon.segment_count < 6000
    assert set(udon.segments.values_list("road_class", flat=True).distinct()) == {"main", "local", "lane"}
    loaded_file = files[demo_roads.UDON_GEOJSON[0]]
    assert loaded_file.format == "geojson" and loaded_file.segment_count > 20  # through the real loader


def test_udon_centre_coverage_by_the_citys_cameras(loaded, client):  # noqa: F811
    officer = User.objects.get(username="prevention_udon")
    road_file = demo_roads.udon_road_file()
    report = coverage_report(officer, road_file, area=AdminArea.objects.get(code="4101"))
    assert report.cameras > 1000  # the municipality's working cameras, read through the station's area
    assert 0.05 < report.share < 0.95 and report.points > 20_000
    assert report.blind and report.blind[0]["weight"] >= report.blind[-1]["weight"]
    assert "cells" in report.map  # too many points to draw one by one
    client.force_login(officer)
    page = client.get(reverse("planning:coverage"), {"road_file": road_file.pk, "area": "4101"})
    assert page.status_code == 200 and page.context["report"].share == pytest.approx(report.share)


def test_demo_reset_rebuilds_the_same_files(loaded):  # noqa: F811
    before = sorted(RoadFile.objects.filter(name__in=demo_roads.NAMES).values_list("name", "segment_count", "length_m"))
    demo_roads.load(reset=True)
    after = sorted(RoadFile.objects.filter(name__in=demo_roads.NAMES).values_list("name", "segment_count", "length_m"))
    assert before == after
