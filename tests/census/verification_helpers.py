"""Fixtures and helpers of the field-verification tests: an Ang Thong secretariat, an inspector,
agencies with cameras, tiny generated photos and a GPS fix taken just now near a camera."""

import io
import time

import pytest
from django.utils import translation
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory


def png(name="photo.png") -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 30)).save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def pdf_named_jpg() -> SimpleUploadedFile:
    return SimpleUploadedFile("camera.jpg", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n",
                              content_type="image/jpeg")


def fix_near(camera, **overrides) -> dict:
    """The hidden GPS fields as the page's script fills them, a few metres from the camera."""
    data = {"lat": f"{float(camera.lat) + 0.00002:.6f}", "lon": f"{float(camera.lon):.6f}", "accuracy": "8",
            "fix_ms": str(int(time.time() * 1000))}
    data.update(overrides)
    return data


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def thai_first():
    """Thai, as for a user in Thailand, and whatever language a request switched to is put back
    afterwards (a request in English leaves English active in the thread)."""
    with translation.override("th"):
        yield


@pytest.fixture
def province_office(db):
    return OrganisationFactory(name="สำนักงานจังหวัดอ่างทอง", kind="provincial_office", area_id="1501")


@pytest.fixture
def secretariat(province_office):
    return UserFactory(organisation=province_office, role="secretariat")


@pytest.fixture
def inspector(province_office):
    return UserFactory(organisation=province_office, role="committee", first_name="สมชาย", last_name="ตรวจดี")


@pytest.fixture
def town(db):
    return OrganisationFactory(name="เทศบาลเมืองอ่างทอง", kind="local_admin", area_id="150101")


@pytest.fixture
def camera(town):
    return CameraFactory(site=SiteFactory(owner=town, name="สี่แยกศาลากลาง"), asset_code="AT-001", status="working")


@pytest.fixture
def udon_secretariat(db):
    office = OrganisationFactory(name="สำนักงานจังหวัดอุดรธานี", kind="provincial_office", area_id="4101")
    return UserFactory(organisation=office, role="secretariat")
