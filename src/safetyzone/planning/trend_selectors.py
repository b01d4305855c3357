"""Each area's incidents in a Thai fiscal year against its 3 previous fiscal years (seed 003).

One query counts the incidents per area and year (conditional counts), through the access gate.
A fiscal year that is not over is compared with the same part (1 October to the same day) of
the earlier years, not with a fraction of their whole count: crime is seasonal. The test and
the target are geo/trend.py's `compare`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from safetyzone.core.models import AdminArea
from safetyzone.geo.trend import BE_OFFSET, DEFAULT_TARGET, Trend, compare, fiscal_year_be

from .hotspot_selectors import incidents

PREVIOUS = 3  # seed 003 L56: the average of the 3 previous fiscal years


def fiscal_start(year_be: int) -> date:
    return date(year_be - BE_OFFSET - 1, 10, 1)


def _years_back(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass
class TrendRow:
    code: str
    name: str
    previous: tuple[int, ...]  # oldest first
    current: int
    trend: Trend

    @property
    def change_pct(self) -> float | None:
        return None if self.trend.change is None else self.trend.change * 100


@dataclass
class TrendTable:
    fiscal_year: int
    years: list[int]  # the previous fiscal years, oldest first
    partial: bool  # the fiscal year is not over: every year is counted up to the same day
    last_day: date  # the last day counted in the fiscal year
    rows: list[TrendRow]
    total: TrendRow | None
    target: float = DEFAULT_TARGET


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(0)), timezone.get_current_timezone())


def trend_table(user, area: str, fiscal_year: int, group: str, today: date | None = None) -> TrendTable | None:
    """Rows per district (of a province) or per subdistrict (of a district); None when the fiscal
    year has not started."""
    today = today or timezone.localdate()
    if fiscal_year > fiscal_year_be(today):
        return None
    start = fiscal_start(fiscal_year)
    end = fiscal_start(fiscal_year + 1)
    partial = today < end - timedelta(days=1)
    if partial:
        end = today + timedelta(days=1)
    years = list(range(fiscal_year - PREVIOUS, fiscal_year))
    windows = [(_years_back(start, fiscal_year - y), _years_back(end, fiscal_year - y)) for y in years]
    windows.append((start, end))
    field = "district_id" if len(area) == 2 else "area_id"
    counts = {f"y{i}": Count("pk", filter=Q(occurred_at__gte=_aware(s), occurred_at__lt=_aware(e)))
              for i, (s, e) in enumerate(windows)}
    qs = incidents(user, area, group).filter(occurred_at__gte=_aware(windows[0][0]), occurred_at__lt=_aware(end))
    found = list(qs.order_by().values(field).annotate(**counts).order_by(field))
    names = dict((a.code, a.name) for a in AdminArea.objects.filter(code__in=[r[field] for r in found if r[field]]))
    rows = []
    for r in found:
        code = r[field] or ""
        values = [r[f"y{i}"] for i in range(len(windows))]
        rows.append(_row(code, names.get(code, ""), values))
    total = _row(area, "", [sum(r.previous[i] for r in rows) for i in range(PREVIOUS)]
                 + [sum(r.current for r in rows)]) if rows else None
    return TrendTable(fiscal_year, years, partial, end - timedelta(days=1), rows, total)


def _row(code: str, name: str, values: list[int]) -> TrendRow:
    previous, current = tuple(values[:-1]), values[-1]
    return TrendRow(code, name, previous, current, compare(current, previous))
