"""Importing rows as agencies write them: values, updates, dry run, all-or-nothing, skipping."""

from datetime import date
from decimal import Decimal

from safetyzone.cameras.models import Camera, Site
from safetyzone.census.importing import run_import
from tests.census.helpers import by_row, camera_row, write_csv, write_xlsx
from tests.census.sample_files import write_sample_xlsx


def history_rows() -> int:
    return Camera.history.count()


def test_agency_sample_xlsx_with_thai_headers_digits_be_dates_and_dms(town_editor, town, tmp_path):
    path = tmp_path / "อ่างทอง.xlsx"
    write_sample_xlsx(path, 30)
    result = run_import(town_editor, town, path)
    assert result.committed and result.created == 30 and result.error_rows == 0, result.problems[:3]
    first = Camera.objects.select_related("site").get(asset_code="อท-00001")
    assert first.site.owner == town and first.site.area_id == "150101" and first.site.district_id == "1501"
    assert first.site.name == "หน้าศาลากลางจังหวัด"
    assert first.installed_on == date(2016, 12, 20)  # "๒๐ ธ.ค. ๒๕๕๙"
    assert abs(first.lat - Decimal("14.5805")) < Decimal("0.00001")  # 14°34'49.80"N
    assert abs(first.lon - Decimal("100.4405")) < Decimal("0.00001")
    assert (first.camera_type, first.signal, first.resolution, first.status) == ("bullet", "ip", "fhd", "working")
    assert (first.fov_deg, first.range_m, first.retention_days, first.playback) == (90, 30, 7, True)
    assert first.purchase_cost == Decimal("25000.00") and first.budget_source == "local"
    assert first.contact_phone == "081-234-5678"
    second = Camera.objects.get(asset_code="อท-00002")
    assert abs(second.lon - first.lon) > Decimal("0.0001")  # decimal with Thai digits on the odd rows
    statuses = set(Camera.objects.values_list("status", flat=True))
    assert statuses == {"working", "broken", "under_repair", "not_working"}
    assert history_rows() == 30
    entry = first.history.get()
    assert entry.history_type == "+" and entry.history_user == town_editor


def test_importing_the_same_file_again_changes_nothing(town_editor, town, tmp_path):
    path = tmp_path / "s.xlsx"
    write_sample_xlsx(path, 20)
    run_import(town_editor, town, path)
    versions = dict(Camera.objects.values_list("id", "version"))
    again = run_import(town_editor, town, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 20)
    assert Camera.objects.count() == 20 and Site.objects.count() == 8
    assert history_rows() == 20
    assert dict(Camera.objects.values_list("id", "version")) == versions


def test_asset_code_updates_and_blank_optional_cell_clears(town_editor, town, tmp_path):
    rows = [camera_row(i, **{"หมายเหตุ": "เดิม"}) for i in range(3)]
    write_csv(tmp_path / "a.csv", rows)
    run_import(town_editor, town, tmp_path / "a.csv")
    rows[1].update({"สถานะ": "ชำรุด", "หมายเหตุ": "สายไฟขาด"})
    rows[2]["หมายเหตุ"] = ""
    write_csv(tmp_path / "b.csv", rows)
    result = run_import(town_editor, town, tmp_path / "b.csv")
    assert (result.created, result.updated, result.unchanged) == (0, 2, 1)
    cam = Camera.objects.get(asset_code="AT-0001")
    assert (cam.status, cam.status_reason, cam.version) == ("broken", "สายไฟขาด", 2)
    assert Camera.objects.get(asset_code="AT-0002").status_reason == ""
    latest = cam.history.first()
    assert latest.history_type == "~" and latest.history_user == town_editor and latest.status == "broken"
    assert history_rows() == 5


def test_camera_id_updates_even_the_asset_code(town_editor, town, tmp_path):
    write_csv(tmp_path / "a.csv", [camera_row(1)])
    run_import(town_editor, town, tmp_path / "a.csv")
    cam = Camera.objects.get()
    row = camera_row(1, **{"รหัสครุภัณฑ์": "NEW-1", "Camera ID": str(cam.pk), "สถานะ": "ใช้งานไม่ได้"})
    write_xlsx(tmp_path / "b.xlsx", [row])
    result = run_import(town_editor, town, tmp_path / "b.xlsx")
    assert result.updated == 1 and Camera.objects.count() == 1
    cam.refresh_from_db()
    assert (cam.asset_code, cam.status) == ("NEW-1", "not_working")


def test_update_with_only_some_columns_keeps_the_rest(town_editor, town, tmp_path):
    write_csv(tmp_path / "a.csv", [camera_row(i) for i in range(2)])
    run_import(town_editor, town, tmp_path / "a.csv")
    write_csv(tmp_path / "b.csv", [{"รหัสครุภัณฑ์": "AT-0000", "สถานะ": "อยู่ระหว่างซ่อมแซม"}])
    result = run_import(town_editor, town, tmp_path / "b.csv")
    assert result.updated == 1 and result.error_rows == 0
    cam = Camera.objects.get(asset_code="AT-0000")
    assert cam.status == "under_repair" and cam.camera_type == "dome" and cam.installed_on == date(2016, 12, 20)


def test_dry_run_lists_every_bad_row_with_row_column_value_and_reason(town_editor, town, tmp_path):
    rows = [camera_row(i) for i in range(6)]
    rows[1]["วันที่ติดตั้ง"] = "31/02/2560"
    rows[2]["สถานะ"] = "พังแล้ว"
    rows[3]["ละติจูด"], rows[3]["ลองจิจูด"] = "35.68", "139.69"  # Tokyo
    rows[4]["ลองจิจูด"] = "ร้อยองศา"
    write_csv(tmp_path / "bad.csv", rows)
    result = run_import(town_editor, town, tmp_path / "bad.csv", dry_run=True)
    problems = by_row(result.problems)
    assert sorted(problems) == [3, 4, 5, 6]  # the header is row 1
    column, en, th, level = problems[3][0]
    assert column == "วันที่ติดตั้ง" and level == "error"
    assert en and th and en != th  # the date helper's own wording, in both languages
    assert problems[4][0][0] == "สถานะ" and "Not an accepted value" in problems[4][0][1]
    assert "ใช้งานได้" in problems[4][0][2]
    assert problems[5][0][0] == "ละติจูด" and "outside Thailand" in problems[5][0][1]
    assert "นอกประเทศไทย" in problems[5][0][2]
    assert problems[6][0][0] == "ลองจิจูด"
    bad = [p for p in result.problems if p.row == 4][0]
    assert bad.value == "พังแล้ว"
    assert (result.created, result.error_rows) == (2, 4) and Camera.objects.count() == 0


def test_one_bad_row_in_fifty_writes_nothing(town_editor, town, tmp_path):
    rows = [camera_row(i) for i in range(50)]
    rows[37]["ระบบสัญญาณ"] = "ดาวเทียม"
    write_xlsx(tmp_path / "f.xlsx", rows)
    result = run_import(town_editor, town, tmp_path / "f.xlsx")
    assert not result.committed and result.error_rows == 1
    assert Camera.objects.count() == 0 and Site.objects.count() == 0 and history_rows() == 0
    assert [p.row for p in result.problems] == [39]


def test_skip_bad_rows_writes_the_good_ones_and_lists_the_skipped(town_editor, town, tmp_path):
    rows = [camera_row(i) for i in range(50)]
    rows[10]["ระบบสัญญาณ"] = "ดาวเทียม"
    rows[20]["สถานที่ติดตั้ง"] = ""
    write_csv(tmp_path / "f.csv", rows)
    result = run_import(town_editor, town, tmp_path / "f.csv", skip_bad_rows=True)
    assert result.committed and (result.created, result.skipped) == (48, 2)
    assert Camera.objects.count() == 48
    assert {p.row for p in result.problems} == {12, 22}
    assert not Camera.objects.filter(asset_code__in=["AT-0010", "AT-0020"]).exists()


def test_swapped_coordinates_are_fixed_with_a_warning(town_editor, town, tmp_path):
    write_csv(tmp_path / "s.csv", [camera_row(1, **{"ละติจูด": "100.4412", "ลองจิจูด": "14.5810"})])
    result = run_import(town_editor, town, tmp_path / "s.csv")
    assert result.created == 1 and result.warnings == 1
    assert result.problems[0].level == "warning" and "swapped" in result.problems[0].message_en
    cam = Camera.objects.get()
    assert (cam.lat, cam.lon) == (Decimal("14.581000"), Decimal("100.441200"))


def test_area_from_thai_and_english_names_with_prefixes(town_editor, town, tmp_path):
    rows = [
        {"สถานที่ติดตั้ง": "ก", "จังหวัด": "จ.อ่างทอง", "อำเภอ": "อ.เมือง", "ตำบล": "ต.ตลาดหลวง"},
        {"สถานที่ติดตั้ง": "ข", "จังหวัด": "จังหวัดอ่างทอง", "อำเภอ": "อำเภอไชโย", "ตำบล": ""},
        {"สถานที่ติดตั้ง": "ค", "จังหวัด": "Ang Thong", "อำเภอ": "Mueang Ang Thong", "ตำบล": "Talat Luang"},
        {"สถานที่ติดตั้ง": "ง", "จังหวัด": "", "อำเภอ": "", "ตำบล": "ตำบลตลาดหลวง"},
        {"สถานที่ติดตั้ง": "จ", "จังหวัด": "อ่างทอง", "อำเภอ": "", "ตำบล": "ในเมือง"},
    ]
    for i, r in enumerate(rows):
        r.update({k: v for k, v in camera_row(i).items() if k not in ("รหัสพื้นที่", "สถานที่ติดตั้ง")})
    write_csv(tmp_path / "n.csv", rows)
    result = run_import(town_editor, town, tmp_path / "n.csv", dry_run=True)
    problems = by_row(result.problems)
    assert sorted(problems) == [6]  # there is no ในเมือง in Ang Thong
    assert problems[6][0][0] == "ตำบล" and "ไม่พบชื่อตำบล" in problems[6][0][2]
    result = run_import(town_editor, town, tmp_path / "n.csv", skip_bad_rows=True)
    areas = dict(Site.objects.values_list("name", "area_id"))
    assert areas == {"ก": "150101", "ข": "1502", "ค": "150101", "ง": "150101"}
