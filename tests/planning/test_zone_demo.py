"""The Safety Zone demo: Udon's three candidate zones, the network's choices, tasks, a patrol week."""

import pytest
from django.urls import reverse

from safetyzone.planning import demo_zones, patrol_selectors
from safetyzone.planning.models import PatrolCheckin, PatrolPoint, SafetyZone, ZoneTask
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers():
    udon = OrganisationFactory(kind="police_station", name="สถานีตำรวจภูธรเมืองอุดรธานี", area_id="4101")
    angthong = OrganisationFactory(kind="police_station", name="สถานีตำรวจภูธรเมืองอ่างทอง", area_id="1501")
    return (UserFactory(username="prevention_udon", organisation=udon, role="editor"),
            UserFactory(username="police_udon", organisation=udon, role="investigator"),
            UserFactory(username="prevention_angthong", organisation=angthong, role="editor"))


def test_demo_zones_as_the_brief_describes(officers):
    demo_zones.load()
    udon = {z.name: z for z in SafetyZone.objects.filter(province_id="41")}
    by_status = {z.status: z for z in udon.values()}
    assert len(udon) == 3 and set(by_status) == {"selected", "not_selected", "candidate"}
    assert 1.1 < float(by_status["selected"].area_km2) < 1.3 and not by_status["selected"].oversize
    assert 2.4 < float(by_status["not_selected"].area_km2) < 2.8 and by_status["not_selected"].oversize
    assert by_status["selected"].meeting_ref and by_status["selected"].decided_by == officers[0]
    assert SafetyZone.objects.filter(province_id="15", status="selected").count() == 1
    statuses = set(ZoneTask.objects.filter(zone=by_status["selected"]).values_list("status", flat=True))
    assert statuses == {"done", "in_progress", "planned"}
    assert PatrolPoint.objects.filter(zone=by_status["selected"]).count() == 5
    refused = PatrolCheckin.objects.filter(accepted=False).count()
    assert 1 <= refused <= 15 and PatrolCheckin.objects.filter(accepted=True).count() > 50
    report = patrol_selectors.week_report(officers[0], by_status["selected"],
                                          PatrolCheckin.objects.order_by("checked_at").first().checked_at.date())
    assert report.planned > 0 and 0 < report.done <= report.planned


def test_every_demo_page_opens_for_the_udon_officer(officers, client):
    demo_zones.load()
    client.force_login(officers[0])
    urls = [reverse("planning:zones"), reverse("planning:zones_print"), reverse("planning:zones_xlsx")]
    for zone in SafetyZone.objects.filter(province_id="41"):
        urls += [reverse(name, args=[zone.pk]) for name in
                 ("planning:zone", "planning:zone_edit", "planning:patrol", "planning:patrol_qr",
                  "planning:patrol_report", "planning:patrol_report_xlsx")]
    for point in PatrolPoint.objects.filter(zone__province_id="41"):
        urls += [reverse("planning:patrol_point", args=[point.pk]), reverse("planning:checkin", args=[point.token])]
    assert {url: client.get(url).status_code for url in urls} == {url: 200 for url in urls}


def test_demo_loads_once_and_resets_to_the_same_data(officers):
    demo_zones.load()
    first = sorted(PatrolCheckin.objects.values_list("point__name", "checked_at", "reason", "accepted"))
    demo_zones.load()
    assert SafetyZone.objects.count() == 4
    demo_zones.load(reset=True)
    assert SafetyZone.objects.count() == 4
    assert sorted(PatrolCheckin.objects.values_list("point__name", "checked_at", "reason", "accepted")) == first
