"""The incident demo: four fiscal years around Udon Thani with hot spots and a ~8 % drop, a few
hundred in Ang Thong, one import per station, rebuilt the same by a reset."""

import pytest
from django.urls import reverse
from django.utils import timezone

from safetyzone.geo.trend import fiscal_year_be
from safetyzone.planning import demo_incidents
from safetyzone.planning.models import Incident, IncidentImport
from safetyzone.planning.trend_selectors import trend_table
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers():
    udon = OrganisationFactory(kind="police_station", name="สถานีตำรวจภูธรเมืองอุดรธานี", area_id="4101")
    angthong = OrganisationFactory(kind="police_station", name="สถานีตำรวจภูธรเมืองอ่างทอง", area_id="1501")
    return (UserFactory(username="prevention_udon", organisation=udon, role="editor"),
            UserFactory(username="prevention_angthong", organisation=angthong, role="editor"))


def test_the_demo_as_the_brief_describes(officers, client):
    demo_incidents.load()
    udon, angthong = officers
    imports = {i.organisation_id: i for i in IncidentImport.objects.all()}
    assert set(imports) == {udon.organisation_id, angthong.organisation_id}
    assert imports[udon.organisation_id].rows == Incident.objects.filter(province_id="41").count() == 2038
    assert 250 <= Incident.objects.filter(province_id="15").count() <= 350
    assert imports[udon.organisation_id].created_by == udon
    last = fiscal_year_be(timezone.localdate()) - 1
    table = trend_table(udon, "41", last, "target")
    total = table.total
    assert -0.12 < total.trend.change < -0.04  # the latest year is ~8 % lower (target groups)
    client.force_login(udon)
    response = client.get(reverse("planning:hotspots"), {"area": "4101", "date_from": "", "date_to": ""})
    result = response.context["result"]
    assert result.total == 2038 and result.counts["hot_99"] >= 4  # the four planted hot spots
    demo_incidents.load()  # loaded: nothing changes
    assert Incident.objects.count() == imports[udon.organisation_id].rows + imports[angthong.organisation_id].rows
    before = list(Incident.objects.order_by("occurred_at", "case_ref").values_list("case_ref", "lat", "lon")[:50])
    demo_incidents.load(reset=True)
    after = list(Incident.objects.order_by("occurred_at", "case_ref").values_list("case_ref", "lat", "lon")[:50])
    assert before == after and IncidentImport.objects.count() == 2
