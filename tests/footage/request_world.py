"""A small Ang Thong world for footage-request tests (import the fixtures you need).

Police station P (Mueang Ang Thong district 1501) with an investigator, a second investigator,
its head (org admin), an editor and a viewer; police station Q (Wiset Chai Chan district 1502)
with an investigator; camera owners A (municipality: a1, a2, a-viewer/editor/org admin) and H
(household: h1, editor) in P's district; owner B (b1, editor) in Q's district; the provincial
secretariat S; a system admin. Request `r_p` is P's (cameras a1, a2, h1), `r_q` is Q's (b1).
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from safetyzone.footage import services
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory


def request_data(**overrides) -> dict:
    """Cleaned RequestForm data for an incident two hours ago in Ang Thong town."""
    now = timezone.now()
    data = {"lat": 14.5900, "lon": 100.4560, "radius_m": 200, "starts_at": now - timedelta(hours=3),
            "ends_at": now - timedelta(hours=2), "case_ref": "คดีอาญา 123/2569", "purpose": "สืบสวนคดีลักทรัพย์",
            "incident_type": "theft", "description": "รถจักรยานยนต์หายหน้าตลาด"}
    data.update(overrides)
    return data


def build_world():
    orgs = SimpleNamespace(
        p=OrganisationFactory(name="สภ.เมืองอ่างทอง", kind="police_station", area_id="1501"),
        q=OrganisationFactory(name="สภ.วิเศษชัยชาญ", kind="police_station", area_id="1502"),
        a=OrganisationFactory(name="เทศบาลเมืองอ่างทอง", kind="local_admin", area_id="150101",
                              contact_email="cctv@angthong.example", line_to="U" + "a" * 32),
        h=OrganisationFactory(name="บ้านนายสมชาย", kind="household", area_id="150101",
                              contact_email="somchai@example.com"),
        b=OrganisationFactory(name="อบต.ไผ่วง", kind="local_admin", area_id="150201", contact_email="b@example.com"),
        s=OrganisationFactory(name="สำนักงานจังหวัดอ่างทอง", kind="provincial_office", area_id="15"),
    )
    cams = SimpleNamespace(
        a1=CameraFactory(site=SiteFactory(owner=orgs.a), lat="14.590100", lon="100.456100", retention_days=7),
        a2=CameraFactory(site=SiteFactory(owner=orgs.a), lat="14.590300", lon="100.455800", retention_days=1),
        h1=CameraFactory(site=SiteFactory(owner=orgs.h), lat="14.589800", lon="100.456200", sector="private",
                         retention_days=None),
        b1=CameraFactory(site=SiteFactory(owner=orgs.b), lat="14.650000", lon="100.350000", retention_days=30),
    )
    users = {
        "investigator_p": UserFactory(organisation=orgs.p, role="investigator"),
        "investigator_p2": UserFactory(organisation=orgs.p, role="investigator"),
        "head_p": UserFactory(organisation=orgs.p, role="org_admin"),
        "editor_p": UserFactory(organisation=orgs.p, role="editor"),
        "viewer_p": UserFactory(organisation=orgs.p, role="viewer"),
        "investigator_q": UserFactory(organisation=orgs.q, role="investigator"),
        "viewer_a": UserFactory(organisation=orgs.a, role="viewer"),
        "editor_a": UserFactory(organisation=orgs.a, role="editor"),
        "org_admin_a": UserFactory(organisation=orgs.a, role="org_admin"),
        "editor_h": UserFactory(organisation=orgs.h, role="editor"),
        "editor_b": UserFactory(organisation=orgs.b, role="editor"),
        "secretariat": UserFactory(organisation=orgs.s, role="secretariat"),
        "sysadmin": UserFactory(organisation=None, role="system_admin"),
    }
    r_p = services.create_request(users["investigator_p"], request_data(), [cams.a1.pk, cams.a2.pk, cams.h1.pk])
    r_q = services.create_request(users["investigator_q"], request_data(lat=14.65, lon=100.35, case_ref="คดี 9/2569"),
                                  [cams.b1.pk])
    items = {f"{c}": r.items.get(camera=getattr(cams, c)) for r, cs in ((r_p, ("a1", "a2", "h1")), (r_q, ("b1",)))
             for c in cs}
    return SimpleNamespace(orgs=orgs, cams=cams, users=users, r_p=r_p, r_q=r_q, items=SimpleNamespace(**items))


@pytest.fixture
def fworld(db):
    return build_world()
