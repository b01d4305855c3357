"""A small world for the evidence tests: a police station with an investigator and its head,
a camera owner with an editor and a viewer, another owner, and one open request for a camera."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from safetyzone.footage.models import FootageRequest, RequestItem

from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory


@dataclass
class World:
    station: object
    investigator: object
    head: object
    owner: object
    editor: object
    viewer: object
    other_owner: object
    other_editor: object
    other_investigator: object
    request: FootageRequest
    item: RequestItem


def make_world(incident_type: str = "theft", tag: str = "") -> World:
    station = OrganisationFactory(name="สภ.เมืองอ่างทอง" + tag, kind="police_station", area_id="1501")
    other_station = OrganisationFactory(name="สภ.วิเศษชัยชาญ" + tag, kind="police_station", area_id="1505")
    owner = OrganisationFactory(name="ร้านทองเยาวราช" + tag, kind="private_business", area_id="150101")
    other_owner = OrganisationFactory(name="ร้านข้างเคียง" + tag, kind="private_business", area_id="150101")
    camera = CameraFactory(site=SiteFactory(owner=owner))
    now = timezone.now()
    investigator = UserFactory(username="inv" + tag, organisation=station, role="investigator")
    request = FootageRequest.objects.create(
        case_ref="123/2569", incident_type=incident_type, lat=camera.lat, lon=camera.lon, radius_m=100,
        starts_at=now - timedelta(hours=5), ends_at=now - timedelta(hours=4), purpose="คดีลักทรัพย์",
        requested_by=investigator, organisation=station, province_id="15")
    item = RequestItem.objects.create(request=request, camera=camera, camera_label="หน้าร้าน", owner=owner,
                                      overwrite_at=now + timedelta(days=20))
    return World(
        station=station, investigator=investigator,
        head=UserFactory(username="head" + tag, organisation=station, role="org_admin"),
        owner=owner, editor=UserFactory(username="owner_ed" + tag, organisation=owner, role="editor"),
        viewer=UserFactory(username="owner_view" + tag, organisation=owner, role="viewer"),
        other_owner=other_owner, other_editor=UserFactory(username="other_ed" + tag, organisation=other_owner, role="editor"),
        other_investigator=UserFactory(username="other_inv" + tag, organisation=other_station, role="investigator"),
        request=request, item=item)
