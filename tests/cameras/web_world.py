"""A small province for the web-view tests: every role, and cameras inside and outside
each role's reach (Ang Thong = 15, Mueang Ang Thong district = 1501, Udon Thani = 41)."""

from dataclasses import dataclass, field
from decimal import Decimal

from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory


@dataclass
class World:
    orgs: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    cams: dict = field(default_factory=dict)

    def ids(self, *names):
        return {self.cams[n].pk for n in names}


def build_world() -> World:
    w = World()
    w.orgs = {
        "agency": OrganisationFactory(name="เทศบาลเมืองอ่างทอง", kind="local_admin", area_id="150101"),
        "other": OrganisationFactory(name="อบต.ไชโย", kind="local_admin", area_id="150201"),
        "house": OrganisationFactory(name="บ้านนายสมชาย", kind="household", area_id="150101"),
        "police": OrganisationFactory(name="สภ.เมืองอ่างทอง", kind="police_station", area_id="1501"),
        "office": OrganisationFactory(name="สำนักงานจังหวัดอ่างทอง", kind="provincial_office", area_id="15"),
        "udon": OrganisationFactory(name="เทศบาลนครอุดรธานี", kind="local_admin", area_id="410101"),
    }
    o = w.orgs
    w.users = {
        "viewer": UserFactory(organisation=o["agency"], role="viewer"),
        "editor": UserFactory(organisation=o["agency"], role="editor"),
        "org_admin": UserFactory(organisation=o["agency"], role="org_admin"),
        "household": UserFactory(organisation=o["house"], role="editor"),
        "investigator": UserFactory(organisation=o["police"], role="investigator"),
        "secretariat": UserFactory(organisation=o["office"], role="secretariat"),
        "committee": UserFactory(organisation=o["office"], role="committee"),
        "system_admin": UserFactory(organisation=None, role="system_admin"),
    }
    w.cams = {
        "agency1": CameraFactory(site=SiteFactory(owner=o["agency"]), asset_code="ATM-001"),
        "agency2": CameraFactory(site=SiteFactory(owner=o["agency"]), asset_code="ATM-002", status="broken"),
        "other": CameraFactory(site=SiteFactory(owner=o["other"]), asset_code="CY-001",
                               lat=Decimal("14.700000"), lon=Decimal("100.520000")),
        "house": CameraFactory(site=SiteFactory(owner=o["house"]), sector="private", asset_code="H-1",
                               contact_name="สมชาย ใจดี", contact_phone="081-234-5678"),
        "udon": CameraFactory(site=SiteFactory(owner=o["udon"]), asset_code="UD-001",
                              lat=Decimal("17.410000"), lon=Decimal("102.790000")),
    }
    return w


# The cameras each role reads (the access gate's rules, seen through the web pages).
READS = {
    "viewer": {"agency1", "agency2"},
    "editor": {"agency1", "agency2"},
    "org_admin": {"agency1", "agency2"},
    "household": {"house"},
    "investigator": {"agency1", "agency2", "house"},
    "secretariat": {"agency1", "agency2", "other", "house"},
    "committee": {"agency1", "agency2", "other", "house"},
    "system_admin": {"agency1", "agency2", "other", "house", "udon"},
}
