"""XLSX export of the risk list: Thai headers, Buddhist-era dates, the list's filters and the gate."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from safetyzone.planning import risk_services
from safetyzone.planning.models import Mitigation
from tests.planning import world
from tests.planning.risk_fixtures import rw  # noqa: F401

pytestmark = pytest.mark.django_db


def rows(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_export_has_thai_headers_buddhist_dates_and_only_readable_points(rw, client):
    user = rw.users.station_editor
    shut = world.risk_point(rw.station, name="=HYPERLINK(\"x\")", category="karaoke")
    risk_services.add_mitigation(user, shut.pk, Mitigation(kind="other", status="done", done_on=date(2026, 10, 1)))
    risk_services.close_point(user, shut.pk, "ร้านปิดกิจการแล้ว")
    world.risk_point(rw.town, name="ซอยวัดใหม่", times_of_day=["night"])
    world.risk_point(rw.far, area=world.OTHER_DISTRICT_SUB, name="จุดของสถานีอื่น")
    client.force_login(user)
    table = rows(client.get(reverse("planning:risk_export")))
    head, body = table[0], table[1:]
    assert head[:3] == ["เลขที่", "สถานที่", "ประเภทจุดเสี่ยง"] and "เหตุผลที่ปิด" in head
    names = {r[1] for r in body}
    assert names == {"=HYPERLINK(\"x\")", "ซอยวัดใหม่"}  # the formula stays text; the far station's is not there
    closed = next(r for r in body if r[1].startswith("="))
    closed_at = closed[head.index("ปิดเมื่อ")]
    assert closed_at.endswith(str(date.today().year + 543))  # Buddhist era
    assert closed[head.index("มาตรการที่ดำเนินการแล้ว")] == 1
    open_one = next(r for r in body if r[1] == "ซอยวัดใหม่")
    assert open_one[head.index("ช่วงเวลา")] == "กลางคืน (00-06)" or "00-06" in open_one[head.index("ช่วงเวลา")]


def test_export_follows_the_filters(rw, client):
    world.risk_point(rw.station, name="ซอย 1", severity=1)
    world.risk_point(rw.station, name="ซอย 2", severity=4)
    client.force_login(rw.users.station_viewer)
    table = rows(client.get(reverse("planning:risk_export"), {"severity": "4"}))
    assert [r[1] for r in table[1:]] == ["ซอย 2"]
