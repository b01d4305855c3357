"""The access gate on planning records (ADR 0002, planning): who reads and who writes.

A police station and a municipality share what lies in their area with each other (the
crime-prevention network works across agencies); a private business reads only its own; the
province's secretariat reads the whole province; child rows follow their parent.
"""

import pytest

from safetyzone.core import access
from safetyzone.planning.models import Mitigation, PatrolPoint, RiskPoint, SafetyZone
from tests.factories import UserFactory
from tests.planning import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    station = world.org("police_station", area=world.MUEANG)
    town = world.org("local_admin", area=world.MUEANG_SUB)
    shop = world.org("private_business")
    far_station = world.org("police_station", area="1504")
    province = world.org("provincial_office", area="15")
    points = {
        "station": world.risk_point(station),
        "town": world.risk_point(town),
        "shop": world.risk_point(shop),
        "far": world.risk_point(far_station, area=world.OTHER_DISTRICT_SUB),
    }
    Mitigation.objects.create(risk_point=points["town"], kind="light")
    z = world.zone(station)
    PatrolPoint.objects.create(zone=z, name="หน้าวัด", lat=z.centroid_lat, lon=z.centroid_lon)
    users = {
        "station_editor": UserFactory(organisation=station, role="editor"),
        "station_viewer": UserFactory(organisation=station, role="viewer"),
        "town_editor": UserFactory(organisation=town, role="editor"),
        "shop_editor": UserFactory(organisation=shop, role="editor"),
        "far_investigator": UserFactory(organisation=far_station, role="investigator"),
        "secretariat": UserFactory(organisation=province, role="secretariat"),
        "sysadmin": UserFactory(organisation=None, role="system_admin"),
    }
    return points, users


READ = {
    "station_editor": {"station", "town", "shop"},  # all three lie in the station's district
    "station_viewer": {"station", "town", "shop"},
    "town_editor": {"station", "town", "shop"},  # all lie in the municipality's subdistrict
    "shop_editor": {"shop"},
    "far_investigator": {"far"},
    "secretariat": {"station", "town", "shop", "far"},
    "sysadmin": {"station", "town", "shop", "far"},
}
WRITE = {
    "station_editor": {"station"}, "station_viewer": set(), "town_editor": {"town"}, "shop_editor": {"shop"},
    "far_investigator": set(), "secretariat": set(), "sysadmin": {"station", "town", "shop", "far"},
}


@pytest.mark.parametrize("who", sorted(READ))
def test_risk_points_read_and_write(w, who):
    points, users = w
    name = {p.pk: k for k, p in points.items()}
    read = {name[p.pk] for p in access.scope(users[who], RiskPoint.objects.all())}
    write = {name[p.pk] for p in access.scope(users[who], RiskPoint.objects.all(), write=True)}
    assert (read, write) == (READ[who], WRITE[who])


def test_children_follow_their_parent(w):
    _points, users = w
    assert access.scope(users["station_editor"], Mitigation.objects.all()).count() == 1
    assert access.scope(users["shop_editor"], Mitigation.objects.all()).count() == 0
    assert access.scope(users["town_editor"], Mitigation.objects.all(), write=True).count() == 1
    assert access.scope(users["station_editor"], Mitigation.objects.all(), write=True).count() == 0
    assert access.scope(users["far_investigator"], PatrolPoint.objects.all()).count() == 0
    assert access.scope(users["town_editor"], SafetyZone.objects.all()).count() == 1


def test_check_in_is_for_the_zone_owners_people(w):
    _points, users = w
    point = PatrolPoint.objects.get()
    assert access.can_check_in(users["station_viewer"], point)
    assert not access.can_check_in(users["town_editor"], point)
    assert not access.can_check_in(users["far_investigator"], point)


def test_hub_shows_the_users_counts(w, client):
    _points, users = w
    client.force_login(users["shop_editor"])
    page = client.get("/planning/").content.decode()
    assert "1 open, 0 closed" in page or "ยังไม่ปิด 1 จุด ปิดแล้ว 0 จุด" in page


def test_hub_offers_creating_records_only_to_those_who_may(w, client):
    """The secretariat and a viewer read the hub's parts but are not sent to forms that refuse them."""
    _points, users = w
    for who, sees in (("station_editor", True), ("secretariat", False), ("station_viewer", False)):
        client.force_login(users[who])
        page = client.get("/planning/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert 'href="/planning/risk/"' in page
        for form in ("/planning/risk/new/", "/planning/zones/new/", "/planning/plans/new/"):
            assert (f'href="{form}"' in page) is sees, (who, form)
