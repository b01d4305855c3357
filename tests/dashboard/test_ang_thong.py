"""The dashboard reproduces Ang Thong's census (seed 002 L152): 55 agencies answered, 43 have
cameras, 860 cameras, 734 working, 126 broken or under repair; the CSV says the same."""

import csv
import io

from django.contrib.auth import get_user_model
from django.urls import reverse

from .conftest import figures, table_rows

SEED_FIGURES = {"answered": 55, "with_cameras": 43, "cameras": 860, "working": 734, "not_working": 126}


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def read_csv(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff"), "Excel needs the BOM to read Thai"
    return list(csv.reader(io.StringIO(body[1:])))


def test_secretariat_sees_the_seed_figures_on_the_dashboard(client, demo_data):
    login(client, "secretariat")
    response = client.get(reverse("dashboard:overview"))
    assert response.status_code == 200
    html = response.content.decode()
    assert figures(html) == SEED_FIGURES
    # the round the answers come from, with its deadline in the Buddhist era (seed 002 L150)
    assert "กำหนดส่งภายใน 30 ธันวาคม 2559" in html


def test_system_admin_sees_them_at_the_province_level(client, demo_data):
    login(client, "admin")
    html = client.get(reverse("dashboard:overview") + "?area=15").content.decode()
    assert figures(html) == SEED_FIGURES
    country = client.get(reverse("dashboard:overview")).content.decode()
    assert figures(country)["cameras"] > 860  # Udon Thani too
    assert "อ่างทอง" in table_rows(country, "areas")


def test_csv_download_has_the_same_figures(client, demo_data):
    login(client, "secretariat")
    response = client.get(reverse("dashboard:overview") + "?area=15&download=summary")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == ["รายการ", "จำนวน"]
    assert [int(r[1]) for r in rows[1:]] == list(SEED_FIGURES.values())
    assert rows[1][0] == "หน่วยงานที่ส่งแบบสำรวจ"


def test_status_view_counts_and_its_csv_match_the_table(client, demo_data):
    login(client, "secretariat")
    html = client.get(reverse("dashboard:status")).content.decode()
    table = table_rows(html, "status")
    counts = {label: int(cells[0].replace(",", "")) for label, cells in table.items()}
    assert counts["ใช้งานได้"] == 734 and sum(counts.values()) == 860
    assert "<svg" in html and "<rect" in html
    rows = read_csv(client.get(reverse("dashboard:status") + "?download=status"))
    assert {r[0]: int(r[1]) for r in rows[1:]} == counts
    districts = read_csv(client.get(reverse("dashboard:status") + "?download=areas"))
    assert sum(sum(int(v) for v in r[1:]) for r in districts[1:]) == 860
    assert {r[0] for r in districts[1:]} == set(table_rows(html, "areas"))


def test_network_view_prices_linking_the_unlinked_cameras(client, demo_data, settings):
    settings.SAFETYZONE_LINK_COST_BAHT = 20000
    login(client, "secretariat")
    rows = {r[0]: r[1:] for r in read_csv(client.get(reverse("dashboard:network") + "?download=links"))[1:]}
    assert set(rows) == {"ไม่เชื่อมต่อ", "เชื่อมต่อภายในเท่านั้น", "เชื่อมต่อศูนย์ควบคุม"}
    assert sum(int(count) for count, _cost in rows.values()) == 860
    for label in ("ไม่เชื่อมต่อ", "เชื่อมต่อภายในเท่านั้น"):
        count, cost = rows[label]
        assert int(count) > 0 and float(cost) == int(count) * 20000
    assert rows["เชื่อมต่อศูนย์ควบคุม"][1] == ""  # already linked: nothing to pay
    html = client.get(reverse("dashboard:network")).content.decode()
    assert "ศูนย์ควบคุมจราจร กรมทางหลวง" in table_rows(html, "centres")
    assert "20,000" in html


def test_proposals_and_problems_views_show_the_agencies_answers(client, demo_data):
    login(client, "secretariat")
    html = client.get(reverse("dashboard:proposals")).content.decode()
    reasons = table_rows(html, "reasons")
    assert reasons["จุดเสี่ยง"][0] == "2"  # two risk points proposed by the police
    problems = client.get(reverse("dashboard:problems")).content.decode()
    categories = table_rows(problems, "categories")
    assert categories["ไม่มีงบประมาณบำรุงรักษา"][0] == "3"
    assert "ต้องรอช่างมาเปิดให้" in problems


def test_footage_view_says_there_is_no_data_yet(client, demo_data):
    login(client, "secretariat")
    html = client.get(reverse("dashboard:footage")).content.decode()
    assert "ยังไม่มีข้อมูล" in html and "data-no-data" in html
    assert "<svg" not in html and "Download CSV" not in html and "ดาวน์โหลด CSV" not in html
    english = client.get(reverse("dashboard:footage"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No data yet" in english


def test_map_page_has_the_proposed_points_and_problems(client, demo_data):
    login(client, "secretariat")
    response = client.get(reverse("dashboard:map"))
    assert response.status_code == 200
    config = response.context["layer_config"]
    assert len(config["proposals"]) == 7
    placed = {p["organisation"] for p in config["problems"]}
    assert "ตำรวจภูธรจังหวัดอ่างทอง" in placed
    for p in config["problems"]:
        assert 14.4 < p["lat"] < 14.9 and 100.2 < p["lon"] < 100.6
    # the organisation without cameras is listed under the map
    assert "สำนักงานขนส่งจังหวัดอ่างทอง" in {p["organisation"] for p in response.context["layers"]["unplaced"]}
