"""Importing crime incidents from a police spreadsheet: every cell read the Thai way, the groups
from the file or from the offence rules, all or nothing by default, undo, and who may do it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from openpyxl import Workbook

from safetyzone.census.importing.messages import ImportFileError
from safetyzone.core.models import AdminArea
from safetyzone.planning.incident_services import import_incidents, undo_import
from safetyzone.planning.models import Incident, IncidentImport
from safetyzone.planning.models.incidents import ImportStatus
from tests.factories import UserFactory
from tests.planning import world

pytestmark = pytest.mark.django_db

HEADER = "เลขคดี,วันที่เกิดเหตุ,ฐานความผิด,กลุ่มคดี,สถานที่เกิดเหตุ,ละติจูด,ลองจิจูด\n"


@pytest.fixture
def station():
    return world.org("police_station", area=world.MUEANG)


@pytest.fixture
def officer(station):
    return UserFactory(organisation=station, role="editor")


def write(tmp_path, body, name="incidents.csv", header=HEADER):
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path


def run(user, path, area=world.MUEANG, **kw):
    return import_incidents(user, user.organisation, AdminArea.objects.get(code=area), path, path.name, **kw)


def local(incident):
    return timezone.localtime(incident.occurred_at)


def test_thai_digits_buddhist_era_dates_and_thai_month_names_are_read(tmp_path, officer):
    path = write(tmp_path, (
        "๑๒๓/๒๕๖๖,๑๕/๐๓/๒๕๖๖ ๑๔:๓๐,ลักทรัพย์,,ตลาดเทศบาล,๑๔.๕๙๓๕,๑๐๐.๔๕๕๐\n"
        "124/2566,15 มี.ค. 2566 เวลา 21.15 น.,ชิงทรัพย์,,หน้าวัด,14.5940,100.4560\n"
        "125/2566,3 ธันวาคม 2565,ทำร้ายร่างกาย,,ซอย 3,14°35'36\"N,100°27'18\"E\n"))
    record = run(officer, path)
    assert record.status == ImportStatus.DONE and record.rows == 3
    by_ref = {i.case_ref: i for i in Incident.objects.all()}
    assert set(by_ref) == {"123/2566", "124/2566", "125/2566"}  # Thai digits stored as 0-9
    first = local(by_ref["123/2566"])
    assert (first.year, first.month, first.day, first.hour, first.minute) == (2023, 3, 15, 14, 30)
    assert (local(by_ref["124/2566"]).hour, local(by_ref["124/2566"]).minute) == (21, 15)
    assert local(by_ref["125/2566"]).date() == dt.date(2022, 12, 3)
    assert by_ref["123/2566"].lat == Decimal("14.593500")
    assert by_ref["125/2566"].lat == Decimal("14.593333")  # 14°35'36"
    assert by_ref["123/2566"].area_id == world.MUEANG and by_ref["123/2566"].district_id == world.MUEANG


def test_groups_come_from_the_offence_rules_and_overlap(tmp_path, officer):
    path = write(tmp_path, (
        "1/2566,01/02/2566,ชิงทรัพย์,,,14.59,100.45\n"  # heinous (1) and property (3)
        "2/2566,01/02/2566,ลักทรัพย์,,,14.59,100.45\n"
        "3/2566,01/02/2566,ทำร้ายร่างกาย,1;3,,14.59,100.45\n"  # the file's groups win
        "4/2566,01/02/2566,ขับรถเร็ว,,,14.59,100.45\n"))  # no rule: imported, in no group, warned
    record = run(officer, path)
    groups = {i.case_ref: sorted(g.number for g in i.groups.all()) for i in Incident.objects.all()}
    assert groups == {"1/2566": [1, 3], "2/2566": [3], "3/2566": [1, 3], "4/2566": []}
    assert [(p[0], p[5]) for p in record.problems] == [(5, "warning")]
    assert "no offence rule" in record.problems[0][3] and "ไม่ตรงกับกฎ" in record.problems[0][4]


def test_one_bad_row_refuses_the_whole_file_and_names_every_problem(tmp_path, officer):
    future = timezone.localdate() + dt.timedelta(days=3)
    path = write(tmp_path, (
        "1/2566,01/02/2566,ลักทรัพย์,,,14.59,100.45\n"
        f"2/2566,{future.day}/{future.month}/{future.year + 543},ลักทรัพย์,,,14.59,100.45\n"
        "3/2566,01/02/2566,ลักทรัพย์,7,,14.59,100.45\n"
        "4/2566,01/02/2566,ลักทรัพย์,,,1.30,103.80\n"  # Singapore
        "5/2566,31/02/2566,ลักทรัพย์,,,14.59,100.45\n"
        "1/2566,02/02/2566,ลักทรัพย์,,,14.59,100.45\n"))
    record = run(officer, path)
    assert record.status == ImportStatus.REFUSED and record.rows == 0
    assert not Incident.objects.exists()
    where = {(p[0], p[1]) for p in record.problems if p[5] == "error"}
    assert where == {(3, "วันที่เกิดเหตุ"), (4, "กลุ่มคดี"), (5, "ละติจูด"), (6, "วันที่เกิดเหตุ"), (7, "เลขคดี")}
    text = {p[0]: (p[3], p[4]) for p in record.problems}
    assert "future" in text[3][0] and "อนาคต" in text[3][1]
    assert "Unknown crime group 7" in text[4][0] and "1, 2, 3, 4, 5" in text[4][0]
    assert "outside Thailand" in text[5][0]
    assert "row 2" in text[7][0]


def test_skip_bad_rows_writes_the_good_ones_and_counts_the_rest(tmp_path, officer):
    path = write(tmp_path, "1/2566,01/02/2566,ลักทรัพย์,,,14.59,100.45\n2/2566,not a date,ลักทรัพย์,,,14.59,100.45\n")
    record = run(officer, path, skip_bad_rows=True)
    assert (record.status, record.rows, record.skipped) == (ImportStatus.DONE, 1, 1)
    assert list(Incident.objects.values_list("case_ref", flat=True)) == ["1/2566"]


def test_the_same_case_is_not_imported_twice(tmp_path, officer):
    path = write(tmp_path, "1/2566,01/02/2566,ลักทรัพย์,,,14.59,100.45\n")
    run(officer, path)
    again = run(officer, path)
    assert again.status == ImportStatus.REFUSED and "already imported" in again.problems[0][3]
    assert Incident.objects.count() == 1


def test_undo_deletes_the_imports_incidents_and_keeps_the_record(tmp_path, officer):
    first = run(officer, write(tmp_path, "1/2566,01/02/2566,ชิงทรัพย์,,,14.59,100.45\n", "a.csv"))
    run(officer, write(tmp_path, "2/2566,01/02/2566,ลักทรัพย์,,,14.59,100.45\n", "b.csv"))
    assert undo_import(officer, first) == 1
    assert list(Incident.objects.values_list("case_ref", flat=True)) == ["2/2566"]
    assert not Incident.groups.through.objects.filter(incident__case_ref="1/2566").exists()
    first.refresh_from_db()
    assert first.status == ImportStatus.UNDONE and first.undone_by == officer and first.rows == 1
    with pytest.raises(PermissionDenied):
        undo_import(officer, first)  # once only


def test_only_the_owners_editors_import_and_undo(tmp_path, officer, station):
    path = write(tmp_path, "1/2566,01/02/2566,ลักทรัพย์,,,14.59,100.45\n")
    viewer = UserFactory(organisation=station, role="viewer")
    with pytest.raises(PermissionDenied):
        run(viewer, path)
    other = UserFactory(organisation=world.org("local_admin", area=world.MUEANG_SUB), role="editor")
    record = run(officer, path)
    with pytest.raises(PermissionDenied):
        undo_import(other, record)  # reads it (same area) but does not own it
    with pytest.raises(PermissionDenied):
        run(officer, path, area="4101")  # another province
    assert Incident.objects.count() == 1


def test_a_row_area_column_and_an_area_outside_the_import_are_checked(tmp_path, officer):
    header = "เลขคดี,วันที่,ข้อหา,ตำบล,ละติจูด,ลองจิจูด\n"
    path = write(tmp_path, "1/2566,01/02/2566,ลักทรัพย์,ตลาดหลวง,14.59,100.45\n", header=header)
    run(officer, path)
    assert Incident.objects.get().area_id == "150101"
    path = write(tmp_path, "2/2566,01/02/2566,ลักทรัพย์,ไชโย,14.59,100.45\n", header=header)
    record = run(officer, path, area="150101")
    assert record.status == ImportStatus.REFUSED and record.problems[0][1] == "ตำบล"


def test_an_xlsx_file_with_date_cells_and_a_time_column(tmp_path, officer):
    book = Workbook()
    sheet = book.active
    sheet.append(["รายงานคดีอาญา สภ.เมืองอ่างทอง"])
    sheet.append(["Case reference", "Date", "Time", "Offence", "Crime groups", "Latitude", "Longitude"])
    sheet.append(["9/2566", dt.datetime(2023, 5, 1), "22:10", "ปล้นทรัพย์", "1,3", 14.59, 100.45])
    path = tmp_path / "incidents.xlsx"
    book.save(path)
    record = run(officer, path)
    incident = Incident.objects.get()
    assert record.rows == 1 and (local(incident).hour, local(incident).minute) == (22, 10)
    assert sorted(g.number for g in incident.groups.all()) == [1, 3]


def test_wrong_file_type_and_missing_columns_are_refused_before_anything_is_written(tmp_path, officer):
    pdf = tmp_path / "incidents.pdf"
    pdf.write_bytes(b"%PDF-1.4 not a spreadsheet")
    with pytest.raises(ImportFileError, match="not a spreadsheet"):
        run(officer, pdf)
    with pytest.raises(ImportFileError) as info:
        run(officer, write(tmp_path, "1,2,3\n", header="เลขคดี,ละติจูด,ลองจิจูด\n"))
    assert "Date" in info.value.message_en and "Offence" in info.value.message_en
    assert not IncidentImport.objects.exists()


def test_a_large_file_is_written_in_bulk_not_a_query_per_row(tmp_path, officer, django_assert_max_num_queries):
    lines = [f"{n}/2566,{1 + n % 28}/{1 + n % 12}/2566 10:{n % 60:02d},"
             f"{'ชิงทรัพย์' if n % 3 else 'ลักทรัพย์'},,,{14.58 + n % 100 / 10000},{100.44 + n % 97 / 10000}"
             for n in range(3000)]
    path = write(tmp_path, "\n".join(lines) + "\n")
    # one executemany per table and 2,000 rows, plus the fixed reads (groups, rules, duplicates)
    with django_assert_max_num_queries(25):
        record = run(officer, path)
    assert record.rows == 3000 and Incident.objects.count() == 3000
    assert Incident.groups.through.objects.count() == 2000 * 2 + 1000
