"""A small world of footage requests for the statistics tests: two police stations and a
secretariat in Ang Thong, a station in Udon Thani, an owner with two installation points."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from safetyzone.footage.models import FootageRequest, ItemEvent, RequestItem
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory

BKK = ZoneInfo("Asia/Bangkok")
T0 = datetime(2026, 1, 10, 9, 0, tzinfo=BKK)  # a request sent in January 2026 (ม.ค. 2569)


@dataclass
class Outcome:
    """What happened to one camera of a request (hours after the request was sent)."""

    status: str = "sent"
    answered_h: float | None = None  # first preserved/delivered event
    delivered_h: float | None = None
    overwrite_h: float | None = 72
    usable: bool | None = None


def make_request(user, cameras_outcomes, *, at=T0, incident="theft", case_ref="อ่างทอง 123/2569",
                 province="15"):
    req = FootageRequest.objects.create(
        case_ref=case_ref, incident_type=incident, description="ชิงทรัพย์หน้าร้านทองนายสมชาย",
        lat=Decimal("14.589612"), lon=Decimal("100.455123"), radius_m=100, starts_at=at - timedelta(hours=3),
        ends_at=at - timedelta(hours=2), purpose="สืบสวนคดี", requested_by=user, organisation=user.organisation,
        province_id=province, created_at=at)
    for camera, o in cameras_outcomes:
        item = RequestItem.objects.create(
            request=req, camera=camera, camera_label=str(camera.site), owner=camera.site.owner,
            overwrite_at=at + timedelta(hours=o.overwrite_h) if o.overwrite_h is not None else None,
            status=o.status, usable=o.usable)
        ItemEvent.objects.create(item=item, to_status="sent", by=user, at=at)
        if o.answered_h is not None:
            ItemEvent.objects.create(item=item, from_status="sent", to_status="preserved", by=user,
                                     at=at + timedelta(hours=o.answered_h))
        if o.delivered_h is not None:
            ItemEvent.objects.create(item=item, from_status="preserved", to_status="delivered", by=user,
                                     at=at + timedelta(hours=o.delivered_h))
    return req


@pytest.fixture
def world(db):
    station = OrganisationFactory(name="สถานีตำรวจภูธรเมืองอ่างทอง", name_en="Mueang Ang Thong Police Station",
                                  kind="police_station", area_id="1501")
    other_station = OrganisationFactory(name="สถานีตำรวจภูธรไชโย", kind="police_station", area_id="1502")
    udon_station = OrganisationFactory(name="สถานีตำรวจภูธรเมืองอุดรธานี", kind="police_station", area_id="4101")
    office = OrganisationFactory(name="สำนักงานจังหวัดอ่างทอง", kind="provincial_office", area_id="15")
    udon_office = OrganisationFactory(name="สำนักงานจังหวัดอุดรธานี", kind="provincial_office", area_id="41")
    owner = OrganisationFactory(name="ร้านทองนายสมชาย", name_en="Somchai Gold Shop", kind="private_business",
                                area_id="150101")
    udon_owner = OrganisationFactory(name="ร้านค้าอุดร", kind="private_business", area_id="410101")
    market = SiteFactory(owner=owner, name="ตลาดเทศบาล", area_id="150101")
    temple = SiteFactory(owner=owner, name="วัดต้นสน", area_id="150102")
    udon_site = SiteFactory(owner=udon_owner, name="ตลาดอุดร", area_id="410101")
    cams = {
        "market1": CameraFactory(site=market, point="ประตูทิศเหนือ"),
        "market2": CameraFactory(site=market, point="ลานจอดรถ"),
        "temple": CameraFactory(site=temple, point="หน้าวัด"),
        "udon": CameraFactory(site=udon_site, lat=Decimal("17.41"), lon=Decimal("102.79")),
    }
    users = {
        "investigator": UserFactory(username="inv", organisation=station, role="investigator",
                                    first_name="สมศักดิ์", last_name="ใจดี"),
        "other_investigator": UserFactory(organisation=other_station, role="investigator"),
        "udon_investigator": UserFactory(organisation=udon_station, role="investigator"),
        "secretariat": UserFactory(organisation=office, role="secretariat"),
        "udon_secretariat": UserFactory(organisation=udon_office, role="secretariat"),
        "owner_editor": UserFactory(organisation=owner, role="editor"),
        "admin": UserFactory(username="sysadmin", organisation=None, role="system_admin"),
    }
    return {"station": station, "other_station": other_station, "owner": owner, "market": market,
            "temple": temple, "cams": cams, **users}
