"""An inspector records what was found; the registry follows with history in the inspector's
name, every visit is kept, and bad input (no GPS, not a photo) writes nothing."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from safetyzone.cameras.models import Camera
from safetyzone.cameras.services import ConflictError, update_camera
from safetyzone.census import verification
from safetyzone.census.models import Inspection, Visit
from tests.census.verification_helpers import *  # noqa: F403  (fixtures)
from tests.census.verification_helpers import fix_near, pdf_named_jpg, png
from tests.factories import UserFactory


@pytest.fixture
def inspection(secretariat, inspector, camera):
    return verification.assign(secretariat, [camera.pk], inspector)[0]


def record(inspector, inspection, result, photo=None, **extra):
    camera = inspection.camera
    data = {"lat": None, "lon": None, "accuracy": None, "fix_ms": None, **fix_near(camera)}
    data.update(extra)
    return verification.record_visit(
        inspector, inspection.pk, result=result, lat=data["lat"], lon=data["lon"], accuracy=data["accuracy"],
        fix_ms=data["fix_ms"], photo=photo if photo is not None else png(),
        new_lat=data.get("new_lat"), new_lon=data.get("new_lon"), note=data.get("note", ""))


def test_found_not_working_updates_the_registry_with_history_and_flags_it(inspector, inspection, camera):
    visit = record(inspector, inspection, "found_not_working", note="จอดำ")
    camera.refresh_from_db()
    assert camera.status == "not_working"
    assert "Field verification" in camera.status_reason
    assert "ตรวจสอบภาคสนาม" in camera.status_reason
    latest = camera.history.first()
    assert latest.history_user == inspector
    assert latest.status == "not_working"
    assert "Field verification" in latest.history_change_reason
    assert visit.flagged and "not working" in visit.flag_reason
    assert visit.registry_status == "working"
    assert visit.distance_m < 10
    assert visit.note == "จอดำ"
    assert visit.photo.name.endswith(".png")
    inspection.refresh_from_db()
    assert inspection.status == "done"


def test_not_found_marks_the_camera_not_working_and_flags_it(inspector, inspection, camera):
    visit = record(inspector, inspection, "not_found")
    camera.refresh_from_db()
    assert camera.status == "not_working"
    assert "not found" in camera.status_reason
    assert visit.flagged
    assert camera.history.first().history_user == inspector


def test_a_broken_camera_found_working_is_set_working_without_a_flag(inspector, inspection, camera):
    Camera.objects.filter(pk=camera.pk).update(status="broken")
    visit = record(inspector, inspection, "found_working")
    camera.refresh_from_db()
    assert camera.status == "working"
    assert not visit.flagged
    assert camera.history.first().history_user == inspector


def test_working_camera_found_working_changes_nothing_in_the_registry(inspector, inspection, camera):
    before = camera.history.count()
    visit = record(inspector, inspection, "found_working")
    assert camera.history.count() == before
    assert not visit.flagged


def test_moved_takes_the_phone_position_by_default_or_the_typed_one(inspector, inspection, camera):
    fix = fix_near(camera, lat="14.600000", lon="100.460000")
    record(inspector, inspection, "moved", **fix)
    camera.refresh_from_db()
    assert (camera.lat, camera.lon) == (Decimal("14.600000"), Decimal("100.460000"))
    assert camera.history.first().history_user == inspector
    visit = record(inspector, inspection, "moved", new_lat="14.601234", new_lon="100.461234")
    camera.refresh_from_db()
    assert (camera.lat, camera.lon) == (Decimal("14.601234"), Decimal("100.461234"))
    assert (visit.new_lat, visit.new_lon) == (camera.lat, camera.lon)


def test_every_visit_is_kept_and_an_editor_with_the_old_version_gets_a_conflict(inspector, inspection, camera,
                                                                                 town):
    version = camera.version
    editor = UserFactory(organisation=town, role="editor")
    stale = Camera.objects.get(pk=camera.pk)  # the owner's editor opened the edit form before the visits
    record(inspector, inspection, "found_not_working")
    record(inspector, inspection, "found_working")
    assert list(Visit.objects.filter(camera=camera).values_list("result", flat=True)) == [
        "found_working", "found_not_working"]
    camera.refresh_from_db()
    assert camera.status == "working"
    assert camera.version == version + 2
    stale.point = "ชื่อจุดใหม่"
    with pytest.raises(ConflictError):
        update_camera(editor, stale, version)


def test_without_gps_nothing_is_written(inspector, inspection, camera):
    before = camera.history.count()
    with pytest.raises(ValidationError) as exc:
        record(inspector, inspection, "found_not_working", lat="", lon="", accuracy="", fix_ms="")
    assert "ไม่ได้รับตำแหน่ง GPS" in exc.value.message_dict["gps"][0]  # Thai by default
    assert not Visit.objects.exists()
    camera.refresh_from_db()
    assert camera.status == "working" and camera.history.count() == before
    assert Inspection.objects.get().status == "pending"


@pytest.mark.parametrize("overrides, words", [
    ({"lat": "51.5", "lon": "-0.12"}, "outside Thailand"),
    ({"accuracy": "5000"}, "imprecise"),
    ({"lat": "abc"}, "not readable"),
    ({"fix_ms": "1000"}, "too old"),
    ({"fix_ms": "1e20"}, "not readable"),  # a timestamp no calendar holds
])
def test_implausible_gps_is_refused(inspector, inspection, camera, overrides, words):
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        record(inspector, inspection, "found_working", **overrides)
    assert words in exc.value.message_dict["gps"][0]
    assert not Visit.objects.exists()


def test_a_pdf_renamed_jpg_is_refused(inspector, inspection, camera):
    with pytest.raises(ValidationError) as exc:
        record(inspector, inspection, "found_not_working", photo=pdf_named_jpg())
    assert "ไฟล์ “camera.jpg” ไม่ใช่รูปภาพ" in exc.value.message_dict["photo"][0]
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        record(inspector, inspection, "found_not_working", photo=pdf_named_jpg())
    assert "The file “camera.jpg” is not a photo" in exc.value.message_dict["photo"][0]
    assert not Visit.objects.exists()
    camera.refresh_from_db()
    assert camera.status == "working"


def test_someone_else_cannot_record_on_an_assignment(inspection, town):
    stranger = UserFactory(organisation=town, role="editor")
    with pytest.raises(PermissionDenied):
        record(stranger, inspection, "found_not_working")
    assert not Visit.objects.exists()


def test_a_failed_registry_update_leaves_no_visit_and_no_photo(inspector, inspection, camera, settings, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(verification, "_update_registry", broken)
    with pytest.raises(RuntimeError):
        record(inspector, inspection, "found_not_working")
    assert not Visit.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]


def test_a_fix_far_from_the_registered_position_is_flagged(inspector, inspection, camera):
    far = f"{float(camera.lat) + 0.01:.6f}"  # about 1.1 km north
    with translation.override("en"):
        visit = record(inspector, inspection, "found_working", lat=far)
    assert 1000 < visit.distance_m < 1200
    assert visit.flagged and "far from the registered position" in visit.flag_reason


def test_the_assignment_lapses_when_the_camera_leaves_the_assigners_province(inspector, inspection, camera):
    """The inspector acts under the secretariat's authority (ADR 0005), only within its scope."""
    site = camera.site
    site.area_id = "410101"  # the site was corrected to Udon Thani
    site.save()
    with pytest.raises(PermissionDenied):
        record(inspector, inspection, "found_not_working")
    camera.refresh_from_db()
    assert camera.status == "working" and not Visit.objects.exists()
