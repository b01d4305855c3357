"""Export: every format, the gate and filters, the access log, and export → import changes nothing."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from openpyxl import load_workbook

from safetyzone.cameras.models import Camera
from safetyzone.census.importing import run_import
from safetyzone.core.models import AccessLog
from tests.factories import CameraFactory, SiteFactory, UserFactory


@pytest.fixture
def registry(town, neighbour):
    """Cameras of the town with every kind of value, and one of the neighbour."""
    site = SiteFactory(owner=town, name="ตลาดเทศบาล", address="ถ.เทศบาล 1", place_type="market", area_id="150101")
    other_site = SiteFactory(owner=town, name='วัด "ต้นสน", ซอย 2', place_type="temple", area_id="150102")
    cams = [
        CameraFactory(site=site, asset_code="ATM-001", point="เสาไฟหน้าร้าน", resolution="fhd", night_vision=True,
                      installed_on=date(2016, 12, 20), purchase_cost=Decimal("25000.00"), budget_source="local",
                      maintainer="บริษัท ก", maintenance_budget=Decimal("1200.50"), status_reason="",
                      contact_name="สมชาย ใจดี", contact_phone="081-234-5678", network_name="ศูนย์เทศบาล"),
        CameraFactory(site=site, asset_code="", status="broken", status_reason="สายขาด\nรออะไหล่",
                      night_vision=None, playback=None, fov_deg=None, bearing_deg=0, range_m=None, recorder="",
                      network_link="none", retention_days=None, sector="private", camera_type="ptz", signal="analog"),
        CameraFactory(site=other_site, asset_code="ATM-003", status="under_repair", lat=Decimal("14.600001"),
                      lon=Decimal("100.460001")),
    ]
    theirs = CameraFactory(site=SiteFactory(owner=neighbour, area_id="150201"), asset_code="CY-1")
    return cams, theirs


def download(client, **params):
    response = client.get(reverse("census:export"), params)
    assert response.status_code == 200, response.content[:500]
    return b"".join(response.streaming_content) if response.streaming else response.content


def snapshot():
    return {c.pk: {**model_to_dict(c), "site": (c.site.name, c.site.area_id, c.site.address, c.site.place_type)}
            for c in Camera.objects.select_related("site")}


@pytest.mark.parametrize("fmt,lang", [("csv", "th"), ("xlsx", "th"), ("csv", "en"), ("xlsx", "en")])
def test_export_then_import_changes_nothing(client, town_editor, town, registry, tmp_path, fmt, lang):
    client.force_login(town_editor)
    before, history = snapshot(), Camera.history.count()
    content = download(client, format=fmt, headers=lang, contacts="on", purpose="ตรวจสอบข้อมูลสำรวจ")
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(content)
    result = run_import(town_editor, town, path)
    assert result.error_rows == 0, result.problems
    assert (result.total, result.created, result.updated, result.unchanged) == (3, 0, 0, 3)
    assert snapshot() == before and Camera.history.count() == history


def test_csv_has_a_bom_thai_headers_and_the_ids(client, town_editor, registry):
    client.force_login(town_editor)
    text = download(client, format="csv", headers="th").decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert [r["รหัสกล้องในระบบ"] for r in rows] == [str(c.pk) for c in registry[0]]
    first = rows[0]
    assert first["รหัสครุภัณฑ์"] == "ATM-001" and first["สถานะ"] == "ใช้งานได้" and first["วันที่ติดตั้ง"] == "2016-12-20"
    assert first["จังหวัด"] == "อ่างทอง" and first["ตำบล/แขวง"] == "ตลาดหลวง" and first["ละติจูด"].startswith("14.")
    assert "ผู้ประสานงาน" not in first  # personal data only when asked for


def test_xlsx_has_real_dates_and_numbers(client, town_editor, registry, tmp_path):
    client.force_login(town_editor)
    book = load_workbook(io.BytesIO(download(client, format="xlsx", headers="en")))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]]))
    assert row["Camera ID"] == registry[0][0].pk and row["Status"] == "Working"
    assert row["Install date"].date() == date(2016, 12, 20) and isinstance(row["Latitude"], float)


def test_geojson_feature_collection(client, town_editor, registry):
    client.force_login(town_editor)
    data = json.loads(download(client, format="geojson"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 3
    feature = data["features"][0]
    assert feature["geometry"]["type"] == "Point" and feature["geometry"]["coordinates"][1] == pytest.approx(14.5896, abs=0.01)
    props = feature["properties"]
    assert props["camera_id"] == registry[0][0].pk and props["status"] == "working" and props["asset_code"] == "ATM-001"
    assert props["installed_on"] == "2016-12-20" and props["night_vision"] is True


def test_kml_for_google_earth(client, town_editor, registry):
    client.force_login(town_editor)
    root = ET.fromstring(download(client, format="kml"))
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    marks = root.findall(".//k:Placemark", ns)
    assert len(marks) == 3
    assert {s.get("id") for s in root.findall(".//k:Style", ns)} >= {"status-working", "status-broken"}
    assert marks[1].find("k:styleUrl", ns).text == "#status-broken"
    assert "สถานะ" in marks[0].find("k:description", ns).text and "ใช้งานได้" in marks[0].find("k:description", ns).text
    lon, lat, _ = marks[0].find(".//k:coordinates", ns).text.split(",")
    assert float(lat) == pytest.approx(float(registry[0][0].lat))


def test_export_follows_the_gate_and_the_list_filters(client, town_editor, registry):
    client.force_login(town_editor)
    rows = list(csv.DictReader(io.StringIO(download(client, format="csv").decode("utf-8-sig"))))
    assert "CY-1" not in {r["รหัสครุภัณฑ์"] for r in rows}
    rows = list(csv.DictReader(io.StringIO(download(client, format="csv", status="broken").decode("utf-8-sig"))))
    assert [r["สถานะ"] for r in rows] == ["ชำรุด"]
    rows = list(csv.DictReader(io.StringIO(
        download(client, format="csv", province="15", district="1501", subdistrict="150102").decode("utf-8-sig"))))
    assert [r["รหัสครุภัณฑ์"] for r in rows] == ["ATM-003"]


def test_contacts_are_personal_data_logged_once_per_export(client, town, registry):
    secretariat = UserFactory(organisation=town, role="secretariat")
    client.force_login(secretariat)
    page = client.get(reverse("census:export"), {"format": "csv", "contacts": "on"})
    assert page.status_code == 400 and AccessLog.objects.count() == 0  # a purpose is required
    text = download(client, format="csv", contacts="on", purpose="ตรวจนับกล้องประจำปี").decode("utf-8-sig")
    assert "สมชาย ใจดี" in text
    entry = AccessLog.objects.get()
    assert entry.action == "export_contacts" and entry.purpose == "ตรวจนับกล้องประจำปี"
    assert entry.user == secretariat and entry.object_type == "census.exportrecord"
    download(client, format="csv")
    assert AccessLog.objects.count() == 1


def test_export_page_shows_filters_and_count(client, town_editor, registry):
    client.force_login(town_editor)
    page = client.get(reverse("census:export"), {"status": "broken"}, HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert "จำนวนกล้องที่จะส่งออก: 1" in page and 'name="status" value="broken"' in page


def test_import_template_reads_as_an_empty_file(client, town_editor, town, tmp_path):
    client.force_login(town_editor)
    for fmt in ("csv", "xlsx"):
        response = client.get(reverse("census:import_template", args=[fmt]))
        path = tmp_path / f"t.{fmt}"
        path.write_bytes(b"".join(response.streaming_content) if response.streaming else response.content)
        with pytest.raises(Exception) as err:
            run_import(town_editor, town, path)
        assert "no data rows" in str(err.value)
