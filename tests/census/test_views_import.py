"""The import pages as an officer uses them: upload, mapping, dry run, commit, report."""

import csv
import io

import pytest
from django.test import override_settings
from django.urls import reverse

from safetyzone.cameras.models import Camera
from safetyzone.census.models import ColumnMapping, ImportJob
from tests.census.helpers import camera_row, write_csv
from tests.census.sample_files import write_sample_xlsx
from tests.factories import UserFactory

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def upload(client, path, owner, **extra):
    with open(path, "rb") as f:
        return client.post(reverse("census:import"), {"file": f, "owner": owner.pk, **extra})


def check(client, job, **choices):
    data = {f"col_{i}": key for i, key in enumerate(job.mapping)}
    data.update(choices)
    return client.post(reverse("census:job_mapping", args=[job.pk]), data)


def test_whole_flow_with_the_agency_sample(client, town_editor, town, tmp_path):
    client.force_login(town_editor)
    path = tmp_path / "กล้อง อ่างทอง.xlsx"
    write_sample_xlsx(path, 25)
    response = upload(client, path, town)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("census:job_mapping", args=[job.pk])
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert "ละติจูด" in page and "ลำดับ" in page and "หน้าศาลากลางจังหวัด" in page
    assert job.header_row == 2 and job.mapping[0] == "" and job.mapping[6] == "lat"
    response = check(client, job)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "validated" and job.counts["created"] == 25 and Camera.objects.count() == 0
    page = client.get(reverse("census:job", args=[job.pk])).content.decode()
    assert 'data-count="created">25<' in page
    response = client.post(reverse("census:job_commit", args=[job.pk]), {})
    job.refresh_from_db()
    assert job.status == "done" and Camera.objects.filter(site__owner=town).count() == 25
    page = client.get(reverse("census:job", args=[job.pk])).content.decode()
    assert f"?organisation={town.pk}" in page


def test_dry_run_page_and_report_list_the_bad_rows(client, town_editor, town, tmp_path):
    client.force_login(town_editor)
    rows = [camera_row(i) for i in range(5)]
    rows[2]["สถานะ"] = "หาย"
    write_csv(tmp_path / "b.csv", rows)
    upload(client, tmp_path / "b.csv", town)
    job = ImportJob.objects.get()
    check(client, job)
    page = client.get(reverse("census:job", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert 'data-row="4"' in page and "หาย" in page and "ไม่ใช่ค่าที่ยอมรับ" in page and "Not an accepted" in page
    report = client.get(reverse("census:job_report", args=[job.pk, "csv"]))
    lines = list(csv.reader(io.StringIO(report.content.decode("utf-8-sig"))))
    assert lines[1][:3] == ["4", "สถานะ", "หาย"] and "Not an accepted value" in lines[1][4]
    assert client.get(reverse("census:job_report", args=[job.pk, "xlsx"])).status_code == 200
    client.post(reverse("census:job_commit", args=[job.pk]), {})
    assert Camera.objects.count() == 0
    job.refresh_from_db()
    assert job.status == "validated"
    client.post(reverse("census:job_commit", args=[job.pk]), {"skip_bad_rows": "on"})
    assert Camera.objects.count() == 4


@pytest.mark.parametrize("content,name,words", [
    (b"", "empty.csv", "ไฟล์ว่างเปล่า"),
    (b"%PDF-1.4 hello", "scan.pdf", "ไม่ใช่สเปรดชีต"),
    (b"\xd0\xcf\x11\xe0garbage", "old.xls", "อ่านสเปรดชีตไม่ได้"),
    ("ละติจูด,ลองจิจูด\n".encode(), "h.csv", "ไม่มีข้อมูลกล้อง"),
])
def test_bad_files_get_a_message_on_the_upload_page(client, town_editor, town, tmp_path, content, name, words):
    client.force_login(town_editor)
    (tmp_path / name).write_bytes(content)
    response = upload(client, tmp_path / name, town)
    assert response.status_code == 400 and words in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_file_over_the_limit_is_refused(client, town_editor, town, tmp_path):
    client.force_login(town_editor)
    write_csv(tmp_path / "big.csv", [camera_row(i) for i in range(100)])
    with override_settings(IMPORT_MAX_BYTES=2000):
        response = upload(client, tmp_path / "big.csv", town)
    assert response.status_code == 400 and "MB" in response.content.decode()


def test_saved_mapping_is_reapplied_to_the_next_file(client, town_editor, town, tmp_path):
    client.force_login(town_editor)
    rows = [{"ชื่อจุด": "ตลาด", "Y": "14.5811", "X": "100.4411", "แบบ": "โดม", "ระบบ": "IP", "สภาพ": "ปกติ"}]
    write_csv(tmp_path / "a.csv", rows)
    upload(client, tmp_path / "a.csv", town)
    job = ImportJob.objects.get()
    assert job.mapping[0] == "" and job.mapping[3] == ""
    check(client, job, col_0="site_name", col_3="camera_type", col_4="signal", save_as="แบบฟอร์มเทศบาล")
    saved = ColumnMapping.objects.get(organisation=town)
    assert saved.name == "แบบฟอร์มเทศบาล"
    write_csv(tmp_path / "b.csv", [{"สภาพ": "ชำรุด", "แบบ": "PTZ", "ระบบ": "IP", "Y": "14.5821", "X": "100.4421",
                                    "ชื่อจุด": "วัด"}])
    upload(client, tmp_path / "b.csv", town, saved_mapping=saved.pk)
    job2 = ImportJob.objects.latest("pk")
    assert job2.mapping == ["status", "camera_type", "signal", "lat", "lon", "site_name"]


def test_viewer_may_not_import_and_jobs_are_private(client, town, town_editor, tmp_path):
    viewer = UserFactory(organisation=town, role="viewer")
    client.force_login(viewer)
    assert client.get(reverse("census:import")).status_code == 403
    client.force_login(town_editor)
    write_csv(tmp_path / "a.csv", [camera_row(0)])
    upload(client, tmp_path / "a.csv", town)
    job = ImportJob.objects.get()
    other_editor = UserFactory(organisation=town, role="editor")
    client.force_login(other_editor)
    for name in ("census:job", "census:job_mapping", "census:job_progress"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404


def test_editor_cannot_choose_another_organisation(client, town_editor, neighbour, tmp_path):
    client.force_login(town_editor)
    write_csv(tmp_path / "a.csv", [camera_row(0)])
    response = upload(client, tmp_path / "a.csv", neighbour)
    assert response.status_code == 400 and ImportJob.objects.count() == 0


@override_settings(IMPORT_SYNC_MAX_BYTES=0, TASKS=IMMEDIATE)
def test_large_files_go_through_the_task_queue(client, town_editor, town, tmp_path):
    client.force_login(town_editor)
    write_csv(tmp_path / "a.csv", [camera_row(i) for i in range(30)])
    upload(client, tmp_path / "a.csv", town)
    job = ImportJob.objects.get()
    check(client, job)
    job.refresh_from_db()
    assert job.status == "validated" and job.processed_rows == 30
    progress = client.get(reverse("census:job_progress", args=[job.pk]))
    assert progress.status_code == 204 and progress["HX-Refresh"] == "true"
    client.post(reverse("census:job_commit", args=[job.pk]), {})
    assert Camera.objects.count() == 30
