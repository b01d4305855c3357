"""Each area's fiscal-year count against its 3-year average: the numbers of a known data set, the
part of a year still running, the target groups, the export, and the gate."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from safetyzone.geo.trend import fiscal_year_be
from safetyzone.planning.trend_selectors import trend_table
from tests.factories import UserFactory
from tests.planning import world
from tests.planning.incident_world import incidents

pytestmark = pytest.mark.django_db
TALAT_LUANG, BAN_HAE = "150101", "150102"


def at(y, m, d):
    return timezone.make_aware(dt.datetime(y, m, d, 12))


def plant(owner, area, counts_by_fy, month=1, groups=(3,)):
    """`counts_by_fy`: {fiscal year BE: n}; incidents in January (mid fiscal year) unless `month`."""
    for fy, n in counts_by_fy.items():
        year = fy - 543 if month < 10 else fy - 544
        incidents(owner, [(14.59, 100.45, at(year, month, 1 + i % 28)) for i in range(n)], area=area, groups=groups)


@pytest.fixture
def station():
    return world.org("police_station", area=world.MUEANG)


def test_known_counts_give_the_table_numbers(station):
    plant(station, TALAT_LUANG, {2566: 40, 2567: 36, 2568: 44, 2569: 20})  # mean 40, 50 % fewer
    plant(station, BAN_HAE, {2566: 2, 2567: 1, 2568: 0, 2569: 1})
    plant(station, BAN_HAE, {2569: 5}, groups=(5,))  # a state crime: not in the target groups
    user = UserFactory(organisation=station, role="viewer")
    table = trend_table(user, world.MUEANG, 2569, "target", today=dt.date(2026, 11, 22))
    assert table.years == [2566, 2567, 2568] and not table.partial
    rows = {r.code: r for r in table.rows}
    busy, quiet = rows[TALAT_LUANG], rows[BAN_HAE]
    assert (busy.previous, busy.current, busy.trend.baseline) == ((40, 36, 44), 20, 40.0)
    assert busy.change_pct == pytest.approx(-50.0) and busy.trend.target_count == pytest.approx(38.0)
    assert busy.trend.target_met and busy.trend.verdict == "lower" and busy.trend.p_lower < 0.01
    assert (quiet.previous, quiet.current) == ((2, 1, 0), 1)
    assert quiet.trend.verdict == "too_few"  # 4 incidents in 4 years can show nothing
    assert (table.total.previous, table.total.current) == ((42, 37, 44), 21)
    group_5 = trend_table(user, world.MUEANG, 2569, "5", today=dt.date(2026, 11, 22))
    assert [(r.code, r.previous, r.current) for r in group_5.rows] == [(BAN_HAE, (0, 0, 0), 5)]


def test_the_fiscal_year_runs_from_october_and_a_running_year_counts_the_same_months(station):
    # FY 2569 = 1 Oct 2025 - 30 Sep 2026: November counts, May falls after the day we are on
    plant(station, TALAT_LUANG, {2566: 10, 2567: 10, 2568: 10, 2569: 6}, month=11)
    plant(station, TALAT_LUANG, {2566: 9, 2567: 9, 2568: 9}, month=5)
    user = UserFactory(organisation=station, role="viewer")
    table = trend_table(user, world.MUEANG, 2569, "target", today=dt.date(2026, 3, 31))
    assert table.partial and table.last_day == dt.date(2026, 3, 31)
    assert (table.rows[0].previous, table.rows[0].current) == ((10, 10, 10), 6)
    whole = trend_table(user, world.MUEANG, 2568, "target", today=dt.date(2026, 3, 31))
    assert not whole.partial and whole.rows[0].current == 19  # November and May of FY 2568
    assert trend_table(user, world.MUEANG, 2571, "target", today=dt.date(2026, 3, 31)) is None


def test_the_province_lists_districts_and_the_page_exports_xlsx(client, station, django_assert_max_num_queries):
    fy = fiscal_year_be(timezone.localdate()) - 1  # the last fiscal year that is over
    plant(station, TALAT_LUANG, {fy - 3: 30, fy - 2: 30, fy - 1: 30, fy: 25})
    plant(station, "150401", {fy - 3: 5, fy: 4})
    secretariat = UserFactory(organisation=world.org("provincial_office", area="15"), role="secretariat")
    client.force_login(secretariat)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("planning:crime_trend"), {"area": "15", "fiscal_year": fy, "group": "target"})
    table = response.context["table"]
    assert [(r.code, r.current) for r in table.rows] == [("1501", 25), ("1504", 4)]
    page = response.content.decode()
    assert "เมืองอ่างทอง" in page and "วิเศษชัยชาญ" in page  # the districts by name
    xlsx = client.get(reverse("planning:crime_trend_download", args=["xlsx"]),
                      {"area": "15", "fiscal_year": fy, "group": "target"})
    rows = list(load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active.values)
    assert rows[1][0] == "1501" and rows[1][2:7] == (30, 30, 30, 30, 25)
    assert rows[-1][2:7] == (35, 30, 30, 31.67, 29)  # the total row
    shop = UserFactory(organisation=world.org("private_business"), role="editor")
    client.force_login(shop)
    response = client.get(reverse("planning:crime_trend"), {"area": "1501", "fiscal_year": fy, "group": "target"})
    assert response.context["table"].rows == []
