"""Misuse guards (issue 4 item 6): every camera search and footage request is kept with its
purpose; here the station head sees how many each user of the station made in the last 24
hours and 7 days, and a user is flagged when a count is above a fixed limit or above
`factor` × the station's median per user (and at least `floor`, so a quiet station does not
flag someone for three searches). Limits are settings:

    SAFETYZONE_MISUSE_LIMITS = {("searches", "day"): 30, ("searches", "week"): 100,
                                ("requests", "day"): 10, ("requests", "week"): 30}
    SAFETYZONE_MISUSE_MEDIAN_FACTOR = 3     SAFETYZONE_MISUSE_MEDIAN_FLOOR = 5

A flag is a row the head acknowledges with a note; the same user, kind and period is not
flagged again while a flag for it is open or was raised within that period.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from statistics import median

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from safetyzone.core import access
from safetyzone.core.models import OrgKind, Role, User

from .models import FootageRequest, MisuseFlag, Search, VolumeKind, VolumeWindow

DEFAULT_LIMITS = {("searches", "day"): 30, ("searches", "week"): 100,
                  ("requests", "day"): 10, ("requests", "week"): 30}
PERIODS = {VolumeWindow.DAY: timedelta(hours=24), VolumeWindow.WEEK: timedelta(days=7)}
COLUMNS = [(k, w) for k in VolumeKind.values for w in VolumeWindow.values]


def limits() -> dict:
    return {**DEFAULT_LIMITS, **getattr(settings, "SAFETYZONE_MISUSE_LIMITS", {})}


def median_factor() -> float:
    return float(getattr(settings, "SAFETYZONE_MISUSE_MEDIAN_FACTOR", 3))


def median_floor() -> int:
    return int(getattr(settings, "SAFETYZONE_MISUSE_MEDIAN_FLOOR", 5))


def head_station(user):
    """The police station whose head `user` is (its organisation admin), or None."""
    org = getattr(user, "organisation", None)
    if org is not None and org.kind == OrgKind.POLICE_STATION and user.role == Role.ORG_ADMIN:
        return org
    return None


@dataclass
class Volume:
    user: User
    counts: dict = field(default_factory=dict)  # (kind, window) -> count
    reasons: dict = field(default_factory=dict)  # (kind, window) -> why it is unusual

    def cells(self) -> list[dict]:
        return [{"count": self.counts[c], "unusual": c in self.reasons} for c in COLUMNS]


def volumes(head, *, now: datetime | None = None) -> tuple[list[Volume], dict]:
    """Each station user's counts per (kind, window), the station's medians, and which counts
    are unusual. Searches and requests come through the access gate (the head reads the
    station's)."""
    now = now or timezone.now()
    station = head_station(head)
    if station is None:
        raise PermissionDenied
    members = list(User.objects.filter(organisation=station, is_active=True).order_by("username"))
    since = {w: now - p for w, p in PERIODS.items()}
    sources = {VolumeKind.SEARCHES: (access.scope(head, Search.objects.filter(organisation=station)), "at", "user_id"),
               VolumeKind.REQUESTS: (access.scope(head, FootageRequest.objects.filter(organisation=station)),
                                     "created_at", "requested_by_id")}
    found: dict = {}
    for kind, (qs, at, who) in sources.items():
        rows = (qs.filter(**{f"{at}__gt": since[VolumeWindow.WEEK], f"{at}__lte": now}).order_by().values(who)
                .annotate(week=Count("pk"), day=Count("pk", filter=Q(**{f"{at}__gt": since[VolumeWindow.DAY]}))))
        for r in rows:
            found[(r[who], kind, VolumeWindow.WEEK)] = r["week"]
            found[(r[who], kind, VolumeWindow.DAY)] = r["day"]
    result = [Volume(m, {c: found.get((m.pk, *c), 0) for c in COLUMNS}) for m in members]
    medians = {c: median([v.counts[c] for v in result]) if result else 0 for c in COLUMNS}
    fixed, factor, floor = limits(), median_factor(), median_floor()
    for v in result:
        for c in COLUMNS:
            n = v.counts[c]
            if n > fixed[c]:
                v.reasons[c] = _("above the limit of %(limit)s") % {"limit": fixed[c]}
            elif n >= floor and n > factor * medians[c]:
                v.reasons[c] = _("more than %(factor)s× the station's median of %(median)s") % {
                    "factor": f"{factor:g}", "median": f"{medians[c]:g}"}
    return result, medians


def refresh_flags(head, *, now: datetime | None = None) -> list[MisuseFlag]:
    """Raise a flag for each unusual count that has none open or recent; return the new ones."""
    now = now or timezone.now()
    result, _medians = volumes(head, now=now)
    station = head_station(head)
    new = []
    with transaction.atomic():
        for v in result:
            for (kind, window), reason in v.reasons.items():
                recent = MisuseFlag.objects.filter(station=station, user=v.user, kind=kind, window=window).filter(
                    Q(acknowledged_at__isnull=True) | Q(raised_at__gt=now - PERIODS[window]))
                open_flag = recent.filter(acknowledged_at__isnull=True).first()
                if open_flag and v.counts[(kind, window)] > open_flag.count:
                    open_flag.count, open_flag.reason = v.counts[(kind, window)], reason[:300]
                    open_flag.save(update_fields=["count", "reason"])
                if not recent.exists():
                    new.append(MisuseFlag.objects.create(station=station, user=v.user, kind=kind, window=window,
                                                         count=v.counts[(kind, window)], reason=reason[:300],
                                                         raised_at=now))
    return new


def station_flags(head):
    station = head_station(head)
    if station is None:
        raise PermissionDenied
    return MisuseFlag.objects.filter(station=station).select_related("user", "acknowledged_by")


def acknowledge(head, flag_id: int, note: str) -> MisuseFlag:
    """The head acknowledges a flag with a note (why the volume is or is not a concern)."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Please write a note: what you found out about these volumes.")})
    if len(note) > 300:
        raise ValidationError({"note": _("The note may be at most 300 characters.")})
    with transaction.atomic():
        station = head_station(head)
        if station is None:
            raise PermissionDenied
        flag = MisuseFlag.objects.select_for_update().filter(station=station, pk=flag_id).first()
        if flag is None:
            raise PermissionDenied
        if flag.acknowledged_at is None:
            flag.acknowledged_by, flag.acknowledged_at, flag.note = head, timezone.now(), note
            flag.save(update_fields=["acknowledged_by", "acknowledged_at", "note"])
    return flag


def recent_activity(head, user_id: int, *, now: datetime | None = None, limit: int = 100) -> dict:
    """The last 7 days of one station user's searches and requests, with their purposes."""
    now = now or timezone.now()
    station = head_station(head)
    if station is None:
        raise PermissionDenied
    since = now - PERIODS[VolumeWindow.WEEK]
    searches = access.scope(head, Search.objects.filter(organisation=station, user_id=user_id, at__gt=since))
    requests = access.scope(head, FootageRequest.objects.filter(organisation=station, requested_by_id=user_id,
                                                                created_at__gt=since))
    return {"searches": list(searches.order_by("-at")[:limit]),
            "requests": list(requests.order_by("-created_at")[:limit])}
