"""Duplicates, the access gate and bounded queries of the importer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safetyzone.cameras.models import Camera
from safetyzone.census.importing import ImportFileError, run_import
from tests.census.helpers import by_row, camera_row, write_csv
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory


def test_same_point_twice_in_the_file_is_an_error(town_editor, town, tmp_path):
    rows = [camera_row(0), camera_row(1), camera_row(2, **{"ละติจูด": "14.581020", "ลองจิจูด": "100.441010"})]
    write_csv(tmp_path / "d.csv", rows)
    result = run_import(town_editor, town, tmp_path / "d.csv", dry_run=True)
    problems = by_row(result.problems)
    assert list(problems) == [4]
    column, en, th, level = problems[4][0]
    assert column == "ละติจูด" and "Row 2" in en and "แถวที่ 2" in th and level == "error"


def test_same_point_as_a_registered_camera_is_an_error_unless_the_row_names_it(town_editor, town, tmp_path):
    existing = CameraFactory(site=SiteFactory(owner=town), asset_code="OLD-1", lat="14.581000", lon="100.441000")
    write_csv(tmp_path / "a.csv", [camera_row(0, **{"รหัสครุภัณฑ์": "NEW-9"})])
    result = run_import(town_editor, town, tmp_path / "a.csv")
    assert not result.committed and result.error_rows == 1
    assert f"Camera {existing.pk} " in result.problems[0].message_en
    write_csv(tmp_path / "b.csv", [camera_row(0, **{"รหัสครุภัณฑ์": "OLD-1"})])
    result = run_import(town_editor, town, tmp_path / "b.csv")
    assert result.committed and result.updated == 1 and Camera.objects.count() == 1


def test_another_owners_camera_at_the_same_point_is_not_a_duplicate(town_editor, town, neighbour, tmp_path):
    CameraFactory(site=SiteFactory(owner=neighbour), lat="14.581000", lon="100.441000")
    write_csv(tmp_path / "a.csv", [camera_row(0)])
    assert run_import(town_editor, town, tmp_path / "a.csv").created == 1


def test_duplicate_ids_and_asset_codes_inside_the_file(town_editor, town, tmp_path):
    cam = CameraFactory(site=SiteFactory(owner=town), asset_code="X-1")
    rows = [camera_row(0, **{"Camera ID": str(cam.pk), "รหัสครุภัณฑ์": "X-1"}),
            camera_row(1, **{"Camera ID": str(cam.pk), "รหัสครุภัณฑ์": "X-2"}),
            camera_row(2, **{"Camera ID": "", "รหัสครุภัณฑ์": "Y-1"}),
            camera_row(3, **{"Camera ID": "", "รหัสครุภัณฑ์": "Y-1"})]
    write_csv(tmp_path / "d.csv", rows)
    problems = by_row(run_import(town_editor, town, tmp_path / "d.csv", dry_run=True).problems)
    assert sorted(problems) == [3, 5]
    assert problems[3][0][0] == "Camera ID" and "row 2" in problems[3][0][1]
    assert problems[5][0][0] == "รหัสครุภัณฑ์" and "แถวที่ 4" in problems[5][0][2]


def test_editor_cannot_import_for_another_organisation(town_editor, neighbour, tmp_path):
    write_csv(tmp_path / "a.csv", [camera_row(0)])
    with pytest.raises(ImportFileError) as err:
        run_import(town_editor, neighbour, tmp_path / "a.csv")
    assert "may not import" in err.value.message_en and "ไม่มีสิทธิ์" in err.value.message_th
    assert Camera.objects.count() == 0


@pytest.mark.parametrize("role", ["viewer", "secretariat", "committee", "investigator"])
def test_roles_that_may_not_write_cannot_import(role, town, tmp_path):
    user = UserFactory(organisation=town, role=role)
    write_csv(tmp_path / "a.csv", [camera_row(0)])
    with pytest.raises(ImportFileError):
        run_import(user, town, tmp_path / "a.csv")


def test_editor_cannot_update_another_organisations_camera_by_id(town_editor, town, neighbour, tmp_path):
    theirs = CameraFactory(site=SiteFactory(owner=neighbour), status="working", asset_code="CY-1")
    write_csv(tmp_path / "a.csv", [camera_row(0, **{"Camera ID": str(theirs.pk), "สถานะ": "ชำรุด"})])
    result = run_import(town_editor, town, tmp_path / "a.csv", skip_bad_rows=True)
    assert result.error_rows == 1 and result.problems[0].column == "Camera ID"
    theirs.refresh_from_db()
    assert theirs.status == "working" and theirs.site.owner == neighbour and theirs.history.count() == 1


def test_owner_column_only_names_writable_organisations(town_editor, town, neighbour, tmp_path):
    rows = [camera_row(0, **{"หน่วยงานเจ้าของ": "เทศบาลเมืองอ่างทอง"}),
            camera_row(1, **{"หน่วยงานเจ้าของ": "อบต.ไชโย"})]
    write_csv(tmp_path / "a.csv", rows)
    result = run_import(town_editor, town, tmp_path / "a.csv", dry_run=True)
    assert list(by_row(result.problems)) == [3] and result.problems[0].column == "หน่วยงานเจ้าของ"


def test_system_admin_imports_for_several_organisations(town, neighbour, tmp_path):
    admin = UserFactory(organisation=None, role="system_admin")
    rows = [camera_row(0, **{"หน่วยงานเจ้าของ": "Ang Thong Town"}),
            camera_row(1, **{"หน่วยงานเจ้าของ": "อบต.ไชโย", "รหัสพื้นที่": "150201"})]
    write_csv(tmp_path / "a.csv", rows)
    result = run_import(admin, town, tmp_path / "a.csv")
    assert result.created == 2, result.problems
    owners = dict(Camera.objects.values_list("asset_code", "site__owner__name"))
    assert owners == {"AT-0000": "เทศบาลเมืองอ่างทอง", "AT-0001": "อบต.ไชโย"}


def _import_queries(user, owner, path, n: int) -> int:
    write_csv(path, [camera_row(i, **{"สถานที่ติดตั้ง": f"จุด {i}"}) for i in range(n)])
    with CaptureQueriesContext(connection) as ctx:
        result = run_import(user, owner, path)
    assert result.created == n
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_the_rows(town_editor, town, tmp_path):
    _import_queries(town_editor, town, tmp_path / "warm.csv", 1)  # per-process caches (area names)
    first = OrganisationFactory(kind="local_admin", area_id="150101")
    small = _import_queries(UserFactory(organisation=first, role="editor"), first, tmp_path / "s.csv", 100)
    other = OrganisationFactory(kind="local_admin", area_id="150101")
    big = _import_queries(UserFactory(organisation=other, role="editor"), other, tmp_path / "b.csv", 500)
    assert big == small and big < 40
    ids = list(Camera.objects.filter(site__owner=other).values_list("id", flat=True))
    write_csv(tmp_path / "u.csv", [{"Camera ID": pk, "สถานะ": "ชำรุด"} for pk in ids])
    with CaptureQueriesContext(connection) as ctx:
        result = run_import(UserFactory(organisation=other, role="editor"), other, tmp_path / "u.csv")
    assert result.updated == 500 and len(ctx.captured_queries) < 40
