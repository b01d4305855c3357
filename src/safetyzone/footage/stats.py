"""Footage statistics (issue 4 item 4; seed 004 L1905-L1921, seed 002 L136): how often each
installation point and camera is asked for, how fast owners deliver, how much is answered
before the recorder overwrites it, and how much delivered footage was usable as evidence
(Udon Thani's KPI: at least 90 %).

One read path: `items_for(user)` (the statistics gate) gives the requested cameras whose
requests the user may count; `Tally` folds them, per item, into the figures of any grouping
(month, incident type, site, camera, child area) in three queries. Every figure is a count or a
duration; no case reference, description or citizen's data leaves this module.

An item is "answered before overwrite" when its first preserved/delivered event came no
later than its overwrite moment; items whose overwrite moment is unknown, or still ahead
and not yet answered, are left out of that share (undecided). Turnaround is request sent →
first "delivered" event of the item.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from safetyzone.core import access

from .models import FootageRequest, ItemEvent, ItemStatus, RequestItem

ANSWERED = (ItemStatus.PRESERVED, ItemStatus.DELIVERED)
PROVINCE_ROLES = access.PROVINCE_READ_ROLES


def usable_target() -> float:
    """The share of delivered footage that should be usable (SAFETYZONE_USABLE_TARGET_PCT, 90)."""
    return float(getattr(settings, "SAFETYZONE_USABLE_TARGET_PCT", 90))


def items_for(user) -> QuerySet:
    """The statistics gate: the requested cameras whose requests `user` may count.

    Provincial secretariat and committee: every request of their province, as counts only (the
    pages built on this never show case details; the access gate gives them no request rows).
    Everyone else: the requested cameras the access gate lets them read (a station's
    investigators and head: the station's requests; a camera owner: the requests to it;
    a system admin: all).
    """
    org = getattr(user, "organisation", None) if user and user.is_authenticated else None
    if org is not None and user.role in PROVINCE_ROLES and not access.is_system_admin(user):
        return RequestItem.objects.filter(request__province_id=org.province_id)
    return access.scope(user, RequestItem.objects.all())


def public_items(province_code: str | None = None) -> QuerySet:
    """Every requested camera (for the public page, which shows district counts only)."""
    qs = RequestItem.objects.exclude(request__status="cancelled")
    return qs.filter(request__province_id=province_code) if province_code else qs


def percentile(values: list[float], p: float) -> float | None:
    """The p-th percentile (0-100) with linear interpolation; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def share(part: int, whole: int) -> float | None:
    return part * 100 / whole if whole else None


@dataclass
class Figures:
    """The counts of one group of requested cameras."""

    requests: set = field(default_factory=set)
    items: int = 0
    delivered: int = 0
    no_footage: int = 0
    judged: int = 0
    usable: int = 0
    in_time: int = 0
    decided: int = 0  # items whose before/after-overwrite outcome is known
    hours: list = field(default_factory=list)  # turnaround of each delivered item

    @property
    def request_count(self) -> int:
        return len(self.requests)

    @property
    def share_usable(self) -> float | None:
        return share(self.usable, self.judged)

    @property
    def share_in_time(self) -> float | None:
        return share(self.in_time, self.decided)

    @property
    def median_h(self) -> float | None:
        return percentile(self.hours, 50)

    @property
    def p90_h(self) -> float | None:
        return percentile(self.hours, 90)

    @property
    def target_met(self) -> bool | None:
        return None if self.share_usable is None else self.share_usable >= usable_target()

    def add(self, row: dict, hours: float | None, in_time: bool | None) -> None:
        self.requests.add(row["request_id"])
        self.items += 1
        if row["status"] == ItemStatus.DELIVERED:
            self.delivered += 1
            if row["usable"] is not None:
                self.judged += 1
                self.usable += bool(row["usable"])
        elif row["status"] == ItemStatus.NO_FOOTAGE:
            self.no_footage += 1
        if hours is not None:
            self.hours.append(hours)
        if in_time is not None:
            self.decided += 1
            self.in_time += in_time


def month_of(moment: datetime) -> date:
    local = timezone.localtime(moment)
    return date(local.year, local.month, 1)


class Tally:
    """Figures per group key. `key` names an item field ("camera_id", "camera__site_id",
    "camera__district_id", ...), "request__incident_type", or "month" (the month the request
    was sent, local time); with no key, only the total is kept.

    Three plain queries, each row converted once: the requests (when sent, incident type), each
    item's first "delivered" and first preserved/delivered moments (from its history), and the
    items themselves; the figures are folded in Python (a GROUP BY per item joined with its
    history, or SQL date arithmetic, costs more, on SQLite several times more)."""

    REQUEST_KEYS = {"month", "request__incident_type"}

    def __init__(self, items: QuerySet, *keys: str, now: datetime | None = None):
        self.now = now or timezone.now()
        self.total = Figures()
        self.groups: dict[str, dict] = {k: {} for k in keys}
        items = items.order_by()
        sent = {pk: (created, month_of(created), kind) for pk, created, kind in FootageRequest.objects.filter(
            pk__in=items.values("request_id")).values_list("pk", "created_at", "incident_type")}
        moments = {r["item_id"]: (r["delivered"], r["answered"]) for r in ItemEvent.objects.filter(
            item__in=items.values("pk"), to_status__in=ANSWERED).order_by().values("item_id").annotate(
            delivered=Min("at", filter=Q(to_status=ItemStatus.DELIVERED)), answered=Min("at"))}
        fields = {"pk", "request_id", "status", "usable", "overwrite_at"} | (set(keys) - self.REQUEST_KEYS)
        for row in items.values(*fields):
            created, month, kind = sent[row["request_id"]]
            delivered, answered = moments.get(row["pk"], (None, None))
            hours = (delivered - created).total_seconds() / 3600 if delivered else None
            overwrite, in_time = row["overwrite_at"], None
            if overwrite is not None:
                if answered is not None:
                    in_time = answered <= overwrite
                elif overwrite <= self.now:
                    in_time = False
            self.total.add(row, hours, in_time)
            for k in keys:
                value = month if k == "month" else kind if k == "request__incident_type" else row[k]
                group = self.groups[k].get(value)
                if group is None:
                    group = self.groups[k][value] = Figures()
                group.add(row, hours, in_time)

    def by(self, key: str) -> dict:
        return self.groups[key]
