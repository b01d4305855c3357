"""The provincial plan assembled from a round, and its XLSX and PDF files."""

import io
import re
import zlib
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from safetyzone.census import certify, plan, plan_files, rounds
from safetyzone.census.models import ProblemReport, Proposal, RoundStatus, Submission
from tests.census.certify_fixtures import *  # noqa: F403 (fixtures)
from tests.census.certify_fixtures import accept, answer


def _proposal(sub, name, priority, cameras, budget, source="provincial"):
    return Proposal.objects.create(submission=sub, name=name, lat=Decimal("14.59"), lon=Decimal("100.45"),
                                   area_id="150101", priority=priority, reason="risk_point", camera_count=cameras,
                                   camera_type="bullet", estimated_budget=Decimal(budget), budget_source=source)


@pytest.fixture
def planned_round(open_round, secretariat, town, temple, school):
    town_sub = Submission.objects.get(round=open_round, organisation=town)
    _proposal(town_sub, "สี่แยกศาลากลาง", "normal", 2, "60000")
    _proposal(town_sub, "ตลาดเทศบาล", "urgent", 4, "120000", "own")
    temple_sub = Submission.objects.get(round=open_round, organisation=temple)
    _proposal(temple_sub, "ท่าน้ำวัด", "high", 1, "35000")
    ProblemReport.objects.create(submission=temple_sub, category="no_maintenance_budget",
                                 description="ไม่มีงบซ่อมบำรุงกล้อง")
    ProblemReport.objects.create(submission=town_sub, category="short_retention",
                                 description="บันทึกภาพได้เพียง 7 วัน", suggestion="เพิ่มฮาร์ดดิสก์")
    for org, has in ((town, True), (temple, True), (school, False)):
        accept(secretariat, answer(open_round, org, has))
    rounds.move_round(secretariat, open_round, RoundStatus.CLOSED)
    return open_round


def _rows(table):
    """{first cell: row}, the totals row under "รวม"."""
    return {r[0]: r for r in table.rows + ([table.total] if table.total else [])}


def test_plan_figures_on_a_crafted_province(planned_round, settings):
    settings.SAFETYZONE_REPAIR_COST_BAHT = 8000
    settings.SAFETYZONE_LINK_COST_BAHT = 15000
    with translation.override("th"):
        p = plan.build(planned_round)
    assert p.province == "อ่างทอง" and p.certification is None
    assert "3 หน่วยงาน" in p.sections[0].text and "7 ตัว" in p.sections[0].text

    # repairs: the town's broken camera declares 5,000 baht, its dead one uses the default 8,000
    repairs = _rows(p.sections[1].tables[0])
    assert list(repairs) == ["เทศบาลเมืองอ่างทอง", "รวม"]
    town = repairs["เทศบาลเมืองอ่างทอง"]
    assert town[2:7] == [1, 1, 0, 2, Decimal("13000")]
    assert "งบประมาณของหน่วยงาน" in town[7] and "งบประมาณจังหวัด" in town[7]
    assert p.totals["repair_cameras"] == 2 and p.totals["repair_cost"] == Decimal("13000")

    # additions by priority: urgent first
    by_priority, items = p.sections[2].tables
    assert [r[1:] for r in by_priority.rows] == [[1, 4, Decimal("120000")], [1, 1, Decimal("35000")],
                                                 [1, 2, Decimal("60000")]]
    assert [r[1].split(" (")[0] for r in items.rows] == ["ตลาดเทศบาล", "ท่าน้ำวัด", "สี่แยกศาลากลาง"]
    assert p.totals["addition_cameras"] == 7 and p.totals["addition_cost"] == Decimal("215000")

    # links: town 1 unlinked, temple 2 local-only cameras, 15,000 each
    links = _rows(p.sections[3].tables[0])
    assert links["เทศบาลเมืองอ่างทอง"][3:5] == [1, Decimal("15000")]
    assert links["วัดไชโยวรวิหาร"][1:5] == [2, 0, 2, Decimal("30000")]
    assert p.totals["link_cameras"] == 3 and p.totals["link_cost"] == Decimal("45000")

    # maintenance: the temple has cameras and no maintenance budget (the seed's main problem)
    upkeep = _rows(p.sections[4].tables[0])
    assert upkeep["เทศบาลเมืองอ่างทอง"][3] == Decimal("11000") and upkeep["วัดไชโยวรวิหาร"][2:4] == [0, 0]
    assert "วัดไชโยวรวิหาร" in p.sections[4].text and "เทศบาลเมืองอ่างทอง" not in p.sections[4].text

    problems = _rows(p.sections[5].tables[0])
    assert problems["ไม่มีงบประมาณบำรุงรักษา"][1] == 1 and problems["รวม"][1] == 2


def test_a_certified_round_plans_from_its_frozen_figures(planned_round, committee, cameras, settings):
    certify.certify(committee, planned_round)
    settings.SAFETYZONE_REPAIR_COST_BAHT = 1  # a later change of the setting does not alter the plan
    dead = cameras["town_dead"][0]
    dead.status = "working"
    dead.save()
    p = plan.build(planned_round)
    assert p.certification is not None
    assert p.totals["repair_cameras"] == 2 and p.totals["repair_cost"] == Decimal("13000")


def test_xlsx_has_thai_headers_and_numbers(planned_round):
    with translation.override("th"):
        data = plan_files.plan_xlsx(plan.build(planned_round))
    book = load_workbook(io.BytesIO(data))
    assert len(book.sheetnames) == 6
    repairs = book[book.sheetnames[1]]
    values = [[c.value for c in row] for row in repairs.iter_rows()]
    assert "อ่างทอง" in values[0][0] and re.search(r"25[6-9]\d", values[0][0])  # Buddhist-era year
    header = next(r for r in values if r[0] == "หน่วยงานที่รับผิดชอบ")
    assert "ค่าใช้จ่ายโดยประมาณ (บาท)" in header
    town = next(r for r in values if r[0] == "เทศบาลเมืองอ่างทอง")
    assert town[5] == 2 and town[6] == 13000
    links = [[c.value for c in row] for row in book[book.sheetnames[3]].iter_rows()]
    assert next(r for r in links if r[0] == "รวม")[4] == 45000


def _pdf_text_streams(data: bytes) -> bytes:
    out = []
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out.append(zlib.decompress(m.group(1)))
        except zlib.error:
            out.append(m.group(1))
    return b"\n".join(out)


def test_pdf_is_thai_a4_with_the_sarabun_font(planned_round):
    with translation.override("th"):
        data = plan_files.plan_pdf(plan.build(planned_round))
    assert data.startswith(b"%PDF")
    assert b"/BaseFont /" in data and b"Sarabun" in data and b"/FontFile2" in data
    assert re.search(rb"/MediaBox \[0 0 595\.\d+ 841\.\d+\]", data)  # A4 portrait
    # the embedded font's ToUnicode map carries the Thai letters of the province's name
    streams = _pdf_text_streams(data)
    for letter in "อ่างทอง":
        assert f"<{ord(letter):04X}>".encode() in streams, letter
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") >= 1
