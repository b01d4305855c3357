"""The access gate decides which cameras each kind of user sees and changes."""

import pytest

from safetyzone.cameras.models import Camera
from safetyzone.core import access

from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory


@pytest.fixture
def world(db):
    muni = OrganisationFactory(kind="local_admin", area_id="150101")
    other = OrganisationFactory(kind="government_agency", area_id="150201")
    udon = OrganisationFactory(kind="local_admin", area_id="410101")
    house = OrganisationFactory(kind="household", area_id="150101")
    police = OrganisationFactory(kind="police_station", area_id="1501")
    office = OrganisationFactory(kind="provincial_office", area_id="15")
    cams = {
        "muni": CameraFactory(site=SiteFactory(owner=muni)),
        "other": CameraFactory(site=SiteFactory(owner=other)),
        "udon": CameraFactory(site=SiteFactory(owner=udon), lat=17.41, lon=102.79),
        "house": CameraFactory(site=SiteFactory(owner=house), sector="private"),
    }
    return dict(muni=muni, other=other, udon=udon, house=house, police=police, office=office, cams=cams)


def visible(user):
    return set(access.scope(user, Camera.objects.all()).values_list("pk", flat=True))


def test_agency_sees_only_its_own(world):
    user = UserFactory(organisation=world["muni"], role="editor")
    assert visible(user) == {world["cams"]["muni"].pk}


def test_household_sees_only_its_own(world):
    user = UserFactory(organisation=world["house"], role="editor")
    assert visible(user) == {world["cams"]["house"].pk}


def test_police_reads_its_district_including_private(world):
    user = UserFactory(organisation=world["police"], role="investigator")
    assert visible(user) == {world["cams"]["muni"].pk, world["cams"]["house"].pk}


def test_secretariat_reads_whole_province_only(world):
    user = UserFactory(organisation=world["office"], role="secretariat")
    c = world["cams"]
    assert visible(user) == {c["muni"].pk, c["other"].pk, c["house"].pk}


def test_viewer_cannot_write_and_editor_writes_own_only(world):
    viewer = UserFactory(organisation=world["muni"], role="viewer")
    editor = UserFactory(organisation=world["muni"], role="editor")
    assert not access.scope(viewer, Camera.objects.all(), write=True).exists()
    assert set(access.scope(editor, Camera.objects.all(), write=True).values_list("pk", flat=True)) == {
        world["cams"]["muni"].pk
    }
