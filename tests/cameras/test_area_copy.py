"""Cameras carry a copy of their site's area (for fast scoping and area filters): every write
path keeps it equal to the site's, so a police station or a province never misses a camera."""

from django.db.models import F, Q

from safetyzone.cameras import services
from safetyzone.cameras.models import Camera
from safetyzone.census.importing import run_import
from safetyzone.core import access
from safetyzone.core.demo import loader
from tests.census.helpers import camera_row, write_csv
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory


def out_of_step() -> list:
    """Cameras whose copy differs from their site's area, province or district."""
    differs = (~Q(area_id=F("site__area_id")) | ~Q(province_id=F("site__province_id"))
               | ~Q(district_id=F("site__district_id")))
    return list(Camera.objects.filter(differs).values_list("pk", "area_id", "site__area_id"))


def police_reader(district: str):
    station = OrganisationFactory(kind="police_station", area_id=district)
    return UserFactory(organisation=station, role="investigator")


def visible(user) -> set[int]:
    return set(access.scope(user, Camera.objects.all()).values_list("pk", flat=True))


def test_new_camera_and_moving_it_to_a_site_in_another_district(db):
    agency = OrganisationFactory(kind="local_admin", area_id="150101")
    editor = UserFactory(organisation=agency, role="editor")
    camera = CameraFactory(site=SiteFactory(owner=agency, area_id="150101"))
    assert (camera.area_id, camera.province_id, camera.district_id) == ("150101", "15", "1501")
    chaiyo_police, mueang_police = police_reader("1502"), police_reader("1501")
    assert camera.pk in visible(mueang_police) and camera.pk not in visible(chaiyo_police)

    camera.site = SiteFactory(owner=agency, area_id="150201")
    services.update_camera(editor, camera, camera.version)
    assert out_of_step() == []
    assert camera.pk in visible(chaiyo_police) and camera.pk not in visible(mueang_police)


def test_correcting_a_sites_area_moves_its_cameras(db):
    site = SiteFactory(area_id="150101")
    CameraFactory.create_batch(3, site=site)
    site.area_id = "410101"  # the site was filed under the wrong province
    site.save()
    assert out_of_step() == []
    assert Camera.objects.filter(province_id="41").count() == 3


def test_bulk_created_cameras_take_their_sites_area(db):
    site = SiteFactory(area_id="150301")
    Camera.objects.bulk_create([
        Camera(site_id=site.pk, lat="14.6", lon="100.4", sector="public", camera_type="dome", signal="ip",
               status="working") for _ in range(4)])
    assert out_of_step() == [] and Camera.objects.filter(district_id="1503").count() == 4


def test_import_create_and_an_update_that_moves_a_camera(db, tmp_path):
    agency = OrganisationFactory(kind="local_admin", area_id="150101")
    editor = UserFactory(organisation=agency, role="editor")
    rows = [camera_row(i) for i in range(5)]
    write_csv(tmp_path / "a.csv", rows)
    assert run_import(editor, agency, tmp_path / "a.csv").created == 5
    rows[0].update({"รหัสพื้นที่": "150201", "สถานที่ติดตั้ง": "ตลาดไชโย"})
    write_csv(tmp_path / "b.csv", rows)
    result = run_import(editor, agency, tmp_path / "b.csv")
    assert result.updated == 1, result.problems[:3]
    assert out_of_step() == []
    assert Camera.objects.get(asset_code="AT-0000").district_id == "1502"


def test_demo_data(db):
    loader.load()
    assert Camera.objects.count() > 2000 and out_of_step() == []
