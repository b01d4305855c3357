"""The incident import pages: upload, the report of a refused file, its problems as a file, undo,
the list (its query count), and who sees which button."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from safetyzone.planning.models import Incident, IncidentImport
from tests.factories import UserFactory
from tests.planning import world

pytestmark = pytest.mark.django_db

GOOD = ("เลขคดี,วันที่เกิดเหตุ,ฐานความผิด,ละติจูด,ลองจิจูด\n"
        "1/2566,01/02/2566 10:00,ลักทรัพย์,14.59,100.45\n2/2566,02/02/2566,ชิงทรัพย์,14.59,100.45\n")
BAD = GOOD + "3/2566,30/02/2566,ลักทรัพย์,14.59,100.45\n"


@pytest.fixture
def station():
    return world.org("police_station", area=world.MUEANG)


@pytest.fixture
def officer(station):
    return UserFactory(organisation=station, role="editor")


def upload(client, text, **extra):
    data = {"file": SimpleUploadedFile("คดี.csv", text.encode("utf-8"), "text/csv"), "area": world.MUEANG} | extra
    return client.post(reverse("planning:incident_import_new"), data)


def test_an_editor_imports_a_file_and_undoes_it(client, officer):
    client.force_login(officer)
    form = client.get(reverse("planning:incident_import_new"))
    assert form.status_code == 200 and "ฐานความผิด" in form.content.decode()
    response = upload(client, GOOD)
    record = IncidentImport.objects.get()
    assert response.status_code == 302 and response.url == reverse("planning:incident_import", args=[record.pk])
    page = client.get(response.url).content.decode()
    assert "นำเข้าแล้ว" in page and "ยกเลิกการนำเข้านี้" in page
    assert Incident.objects.count() == 2
    client.post(reverse("planning:incident_import_undo", args=[record.pk]))
    assert not Incident.objects.exists()
    page = client.get(reverse("planning:incident_import", args=[record.pk])).content.decode()
    assert "ยกเลิกการนำเข้าแล้ว" in page and "ยกเลิกการนำเข้านี้" not in page


def test_a_refused_file_shows_its_problems_and_downloads_them(client, officer):
    client.force_login(officer)
    response = upload(client, BAD)
    record = IncidentImport.objects.get()
    assert record.status == "refused" and not Incident.objects.exists()
    page = client.get(response.url).content.decode()
    assert "ไม่ได้นำเข้าข้อมูลใด" in page and "ไม่มีวันที่นี้ในปฏิทิน" in page
    report = client.get(reverse("planning:incident_import_problems", args=[record.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(report.content.decode("utf-8-sig"))))
    assert rows[1][:3] == ["4", "วันที่เกิดเหตุ", "30/02/2566"]
    upload(client, BAD, skip_bad_rows="on")
    assert Incident.objects.count() == 2


def test_a_wrong_file_is_refused_on_the_form(client, officer):
    client.force_login(officer)
    data = {"file": SimpleUploadedFile("photo.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50), "area": world.MUEANG}
    response = client.post(reverse("planning:incident_import_new"), data)
    assert response.status_code == 200 and "error-file" in response.content.decode()
    assert not IncidentImport.objects.exists()


def test_viewers_cannot_import_and_others_cannot_see_or_undo(client, officer, station):
    client.force_login(officer)
    upload(client, GOOD)
    record = IncidentImport.objects.get()
    viewer = UserFactory(organisation=station, role="viewer")
    client.force_login(viewer)
    assert client.get(reverse("planning:incident_import_new")).status_code == 403
    page = client.get(reverse("planning:incident_import", args=[record.pk])).content.decode()
    assert "ยกเลิกการนำเข้านี้" not in page
    assert client.post(reverse("planning:incident_import_undo", args=[record.pk])).status_code == 403
    shop = UserFactory(organisation=world.org("private_business"), role="editor")
    client.force_login(shop)
    assert client.get(reverse("planning:incident_import", args=[record.pk])).status_code == 404
    assert client.post(reverse("planning:incident_import_undo", args=[record.pk])).status_code == 404
    assert Incident.objects.count() == 2


def test_the_import_list_costs_the_same_queries_however_many_imports(client, officer, django_assert_max_num_queries):
    client.force_login(officer)
    upload(client, GOOD)
    with django_assert_max_num_queries(10):
        client.get(reverse("planning:incident_imports"))
    for n in range(5):
        upload(client, GOOD.replace("/2566", f"/{2560 + n}"))
    with django_assert_max_num_queries(10):
        response = client.get(reverse("planning:incident_imports"))
    assert response.content.decode().count("คดี.csv") == 6


def test_the_hub_links_to_the_incident_pages(client, officer):
    client.force_login(officer)
    page = client.get(reverse("planning:index")).content.decode()
    for name in ("hotspots", "crime_trend", "incident_imports"):
        assert reverse(f"planning:{name}") in page
