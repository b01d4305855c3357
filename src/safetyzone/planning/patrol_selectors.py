"""Reads of the patrol plan: points, schedule, and the weekly check-in report of a zone.

Rounds done in a shift: a round is done when every active patrol point has an accepted check-in
in the shift's hours; accepted check-ins at one point less than ROUND_GAP apart count as one
(a double scan is not a second round). Rounds done = the smallest number of rounds any point
received, capped at the planned rounds. A point with fewer rounds than planned is "missed" by
the difference. Shifts not yet over are shown as upcoming or in progress, not as missed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone

from safetyzone.core import access

from .models import PatrolCheckin, PatrolPoint, PatrolShift, SafetyZone

ROUND_GAP = timedelta(minutes=15)


def points(user, zone: SafetyZone, *, active_only: bool = False) -> list[PatrolPoint]:
    qs = access.scope(user, PatrolPoint.objects.filter(zone=zone))
    return list(qs.filter(active=True) if active_only else qs)


def shifts(user, zone: SafetyZone) -> list[PatrolShift]:
    return list(access.scope(user, PatrolShift.objects.filter(zone=zone)))


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass
class ShiftDay:
    day: date
    shift: PatrolShift
    starts: datetime
    ends: datetime
    planned: int
    done: int = 0
    state: str = "over"  # over | running | upcoming
    missed: list = field(default_factory=list)  # (point, rounds missing)


@dataclass
class WeekReport:
    zone: SafetyZone
    start: date
    rows: list[ShiftDay]
    points: list[PatrolPoint]
    refused: list[PatrolCheckin]
    accepted: int

    @property
    def planned(self) -> int:
        return sum(r.planned for r in self.rows if r.state == "over")

    @property
    def done(self) -> int:
        return sum(r.done for r in self.rows if r.state == "over")


def _rounds(times: list[datetime]) -> int:
    count, last = 0, None
    for t in sorted(times):
        if last is None or t - last >= ROUND_GAP:
            count, last = count + 1, t
    return count


def week_report(user, zone: SafetyZone, start: date, now: datetime | None = None) -> WeekReport:
    """The zone's planned and done rounds for the week starting on Monday `start` (3 queries)."""
    now = now or timezone.now()
    tz = timezone.get_current_timezone()
    start = week_start(start)
    active = points(user, zone, active_only=True)
    plan = shifts(user, zone)
    first = timezone.make_aware(datetime.combine(start, datetime.min.time()), tz)
    last = first + timedelta(days=8)  # a Sunday night shift ends on Monday
    checkins = list(access.scope(user, PatrolCheckin.objects.filter(
        point__zone=zone, checked_at__gte=first, checked_at__lt=last)).select_related("point", "officer")
        .order_by("checked_at", "id"))
    rows = []
    for offset in range(7):
        day = start + timedelta(days=offset)
        for shift in plan:
            if day.weekday() not in shift.weekdays:
                continue
            begins = timezone.make_aware(datetime.combine(day, shift.starts), tz)
            ends = timezone.make_aware(datetime.combine(day, shift.ends), tz)
            if ends <= begins:
                ends += timedelta(days=1)
            row = ShiftDay(day, shift, begins, ends, shift.rounds)
            row.state = "upcoming" if now < begins else "running" if now < ends else "over"
            got = {p.pk: _rounds([c.checked_at for c in checkins if c.accepted and c.point_id == p.pk
                                  and begins <= c.checked_at < ends]) for p in active}
            row.done = min([min(got.values())] + [shift.rounds]) if got else 0
            if row.state == "over":
                row.missed = [(p, shift.rounds - got[p.pk]) for p in active if got[p.pk] < shift.rounds]
            rows.append(row)
    week_end = first + timedelta(days=7)
    refused = [c for c in checkins if not c.accepted and c.checked_at < week_end]
    accepted = sum(1 for c in checkins if c.accepted and c.checked_at < week_end)
    return WeekReport(zone, start, rows, active, refused, accepted)


def recent_checkins(user, zone: SafetyZone, limit: int = 50) -> list[PatrolCheckin]:
    return list(access.scope(user, PatrolCheckin.objects.filter(point__zone=zone))
                .select_related("point", "officer").order_by("-checked_at", "-id")[:limit])
