"""A small Ang Thong world for the risk point tests: the Mueang police station, the town
municipality in the same area, a station in another district, cameras of the town (so the
province's extent is known), and photos as bytes."""

import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import CameraFactory, SiteFactory, UserFactory
from tests.planning import world


def png(name="photo.png", size=(8, 6), colour=(200, 30, 30)) -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def not_an_image(name="minutes.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 not a picture", content_type="image/jpeg")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def rw(db):
    station = world.org("police_station", area=world.MUEANG, name="สภ.เมืองอ่างทอง")
    town = world.org("local_admin", area=world.MUEANG_SUB, name="เทศบาลเมืองอ่างทอง")
    far = world.org("police_station", area="1504", name="สภ.วิเศษชัยชาญ")
    site = SiteFactory(owner=town)
    cams = [CameraFactory(site=site, lat=Decimal("14.5930") + Decimal(i) / 5000, lon=Decimal("100.4540"))
            for i in range(6)]
    users = SimpleNamespace(
        station_editor=UserFactory(organisation=station, role="editor"),
        station_viewer=UserFactory(organisation=station, role="viewer"),
        town_editor=UserFactory(organisation=town, role="editor"),
        far_editor=UserFactory(organisation=far, role="editor"),
        sysadmin=UserFactory(organisation=None, role="system_admin"),
    )
    return SimpleNamespace(station=station, town=town, far=far, cams=cams, users=users)


def point_data(**kw) -> dict:
    """POST data of the risk point form."""
    return {"name": "ซอยเปลี่ยวหลังตลาดสด", "lat": "14.5935", "lon": "100.4550", "area": world.MUEANG_SUB,
            "category": "lonely_road", "space_class": "public", "severity": "3", "times_of_day": ["evening", "night"],
            "source": "network_meeting", "meeting_ref": "ประชุม คปอ. 5/2569", "description": "ไม่มีไฟส่องสว่าง"} | kw
