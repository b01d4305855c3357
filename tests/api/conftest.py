"""A small province for API tests: agencies, a household, a police station, the provincial
office and one agency in another province, with a user of every role and an API client each."""

from types import SimpleNamespace

import pytest

from tests.api.helpers import client_for
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory


@pytest.fixture
def world(db):
    orgs = SimpleNamespace(
        a=OrganisationFactory(name="เทศบาลเมืองอ่างทอง", kind="local_admin", area_id="150101"),
        b=OrganisationFactory(name="แขวงทางหลวงอ่างทอง", kind="government_agency", area_id="150201"),
        h=OrganisationFactory(name="บ้านนายสมชาย", kind="household", area_id="150101"),
        p=OrganisationFactory(name="สภ.เมืองอ่างทอง", kind="police_station", area_id="1501"),
        o=OrganisationFactory(name="สำนักงานจังหวัดอ่างทอง", kind="provincial_office", area_id="15"),
        u=OrganisationFactory(name="เทศบาลนครอุดรธานี", kind="local_admin", area_id="410101"),
    )
    sites = SimpleNamespace(**{k: SiteFactory(owner=getattr(orgs, k)) for k in "abhpu"})
    cams = SimpleNamespace(
        a1=CameraFactory(site=sites.a, contact_name="นายสมศักดิ์ ใจดี", contact_phone="081-234-5678"),
        a2=CameraFactory(site=sites.a, status="broken", network_link="none"),
        b1=CameraFactory(site=sites.b, contact_name="นางสาวมาลี", lat="14.700000", lon="100.400000"),
        h1=CameraFactory(site=sites.h, sector="private", contact_phone="089-000-0000"),
        p1=CameraFactory(site=sites.p, status="under_repair"),
        u1=CameraFactory(site=sites.u, lat="17.410000", lon="102.790000", network_link="local"),
    )
    users = {
        "viewer_a": UserFactory(organisation=orgs.a, role="viewer"),
        "editor_a": UserFactory(organisation=orgs.a, role="editor"),
        "org_admin_a": UserFactory(organisation=orgs.a, role="org_admin"),
        "household": UserFactory(organisation=orgs.h, role="editor"),
        "investigator": UserFactory(organisation=orgs.p, role="investigator"),
        "secretariat": UserFactory(organisation=orgs.o, role="secretariat"),
        "committee": UserFactory(organisation=orgs.o, role="committee"),
        "sysadmin": UserFactory(organisation=None, role="system_admin"),
    }
    return SimpleNamespace(orgs=orgs, sites=sites, cams=cams, users=users)


@pytest.fixture
def api(world):
    """api(role, language="en") -> an authenticated APIClient."""
    return lambda role, language="en": client_for(world, role, language)
