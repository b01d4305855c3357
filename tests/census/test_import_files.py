"""Files as they arrive: encodings, delimiters, workbooks, and every kind of unusable file."""

import zipfile

import pytest
from django.test import override_settings
from openpyxl import Workbook

from safetyzone.cameras.models import Camera
from safetyzone.census.importing import ImportFileError, run_import
from tests.census.helpers import camera_row, write_csv, write_xlsx


def _fails(user, owner, path, *words):
    with pytest.raises(ImportFileError) as err:
        run_import(user, owner, path, filename=path.name)
    for w in words:
        assert w in err.value.message_en + " | " + err.value.message_th
    assert Camera.objects.count() == 0
    return err.value


@pytest.mark.parametrize("encoding,delimiter", [
    ("utf-8", ","), ("utf-8-sig", ","), ("cp874", ","), ("tis-620", ";"), ("utf-8", "\t"), ("utf-16", "\t"),
    ("utf-8", ";"),
])
def test_csv_encodings_and_delimiters(town_editor, town, tmp_path, encoding, delimiter):
    path = tmp_path / "c.csv"
    write_csv(path, [camera_row(i) for i in range(3)], encoding=encoding, delimiter=delimiter)
    result = run_import(town_editor, town, path)
    assert result.created == 3, result.problems
    assert Camera.objects.filter(site__name="ตลาดเทศบาล 0", status="working", camera_type="dome").count() == 3


def _sheet_with_title(path, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["สรุปข้อมูลกล้อง CCTV เทศบาลเมืองอ่างทอง"])
    sheet.append([])
    sheet.append(list(rows[0]))
    sheet.append(list(rows[0].values()))
    sheet.append([])
    sheet.append(list(rows[1].values()))
    book.save(path)


def test_title_rows_above_the_header_and_blank_rows_are_skipped(town_editor, town, tmp_path):
    rows = [camera_row(i) for i in range(2)]
    _sheet_with_title(tmp_path / "t.xlsx", rows)
    result = run_import(town_editor, town, tmp_path / "t.xlsx", dry_run=True)
    assert result.created == 2 and not result.problems
    rows[1]["สถานะ"] = "??"
    _sheet_with_title(tmp_path / "t.xlsx", rows)
    result = run_import(town_editor, town, tmp_path / "t.xlsx", dry_run=True)
    assert [p.row for p in result.problems] == [6]  # the spreadsheet's own row number


def test_first_sheet_without_a_header_is_passed_over(town_editor, town, tmp_path):
    path = tmp_path / "two.xlsx"
    book = Workbook()
    book.active.append(["คำชี้แจงการกรอกข้อมูล"])
    sheet = book.create_sheet("ข้อมูล")
    row = camera_row(0)
    sheet.append(list(row))
    sheet.append(list(row.values()))
    book.save(path)
    assert run_import(town_editor, town, path).created == 1


def test_pdf_or_image_is_not_a_spreadsheet(town_editor, town, tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    _fails(town_editor, town, tmp_path / "scan.pdf", "not a spreadsheet", "ไม่ใช่สเปรดชีต")
    (tmp_path / "photo.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _fails(town_editor, town, tmp_path / "photo.csv", "not a spreadsheet")


def test_word_document_renamed_xlsx_is_rejected(town_editor, town, tmp_path):
    path = tmp_path / "report.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    _fails(town_editor, town, path, "cannot be read", "อ่านสเปรดชีตไม่ได้")


def test_truncated_xlsx_is_corrupt(town_editor, town, tmp_path):
    good = tmp_path / "good.xlsx"
    write_xlsx(good, [camera_row(i) for i in range(20)])
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(good.read_bytes()[:1500])
    _fails(town_editor, town, bad, "damaged")


def test_text_named_xlsx(town_editor, town, tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("just some text")
    _fails(town_editor, town, path, "not one, or it is damaged")


def test_empty_and_blank_files(town_editor, town, tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    _fails(town_editor, town, tmp_path / "empty.csv", "The file is empty.", "ไฟล์ว่างเปล่า")
    (tmp_path / "blank.csv").write_text("\n , ,\n\n")
    _fails(town_editor, town, tmp_path / "blank.csv", "empty")
    path = tmp_path / "empty.xlsx"
    Workbook().save(path)
    _fails(town_editor, town, path, "empty")


def test_headers_only(town_editor, town, tmp_path):
    (tmp_path / "h.csv").write_text("ละติจูด,ลองจิจูด,สถานะ\n\n")
    _fails(town_editor, town, tmp_path / "h.csv", "no data rows", "ไม่มีข้อมูล")
    path = tmp_path / "h.xlsx"
    book = Workbook()
    book.active.append(["ละติจูด", "ลองจิจูด", "สถานะ"])
    book.save(path)
    _fails(town_editor, town, path, "no data rows")


def test_file_over_the_size_limit(town_editor, town, tmp_path):
    path = tmp_path / "big.csv"
    write_csv(path, [camera_row(i) for i in range(200)])
    with override_settings(IMPORT_MAX_BYTES=10_000):
        err = _fails(town_editor, town, path, "largest accepted", "เกินขนาดสูงสุด")
    assert "MB" in err.message_th


def test_no_recognisable_columns(town_editor, town, tmp_path):
    (tmp_path / "x.csv").write_text("foo,bar\n1,2\n")
    _fails(town_editor, town, tmp_path / "x.csv", "No column was recognised")


def test_two_columns_mapped_to_the_same_field(town_editor, town, tmp_path):
    write_csv(tmp_path / "m.csv", [camera_row(0)])
    with pytest.raises(ImportFileError) as err:
        run_import(town_editor, town, tmp_path / "m.csv", mapping=["asset_code", "site_name", "lat", "lat"])
    assert "both mapped" in err.value.message_en


def test_combined_coordinates_column_google_maps_style(town_editor, town, tmp_path):
    rows = [{"สถานที่ติดตั้ง": "ก", "พิกัด": "14.581000, 100.441000", "ประเภทกล้อง": "PTZ", "ระบบ": "IP",
             "สถานะ": "ปกติ"},
            {"สถานที่ติดตั้ง": "ข", "พิกัด": "14°34'52.0\"N 100°26'40.0\"E", "ประเภทกล้อง": "Dome", "ระบบ": "IP",
             "สถานะ": "ปกติ"}]
    write_csv(tmp_path / "g.csv", rows)
    result = run_import(town_editor, town, tmp_path / "g.csv", mapping={"ระบบ": "signal"})
    assert result.created == 2, result.problems
    assert sorted(str(c.lat) for c in Camera.objects.all()) == ["14.581000", "14.581111"]
