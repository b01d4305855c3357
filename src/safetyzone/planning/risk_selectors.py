"""Reads of risk points: every queryset through the access gate (core.access.scope).

The filter (RiskFilter) is shared by the web list, the map, the XLSX export and the API.
"""

import django_filters
from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safetyzone.cameras.models import Camera
from safetyzone.cameras.validation import haversine_km
from safetyzone.core import access
from safetyzone.core.models import AdminArea, AreaLevel

from .models import (
    Mitigation, MitigationStatus, RiskCategory, RiskPhoto, RiskPoint, RiskSource, RiskStatus, Severity, SpaceClass,
)

# "Done" alone is "inspected" in the census catalogue, which Django reads first
MEASURE_STATUS = {MitigationStatus.PLANNED: pgettext_lazy("measure", "Planned"),
                  MitigationStatus.DONE: pgettext_lazy("measure", "Done"),
                  MitigationStatus.CANCELLED: pgettext_lazy("measure", "Cancelled")}
MAX_MAP_POINTS = 3000  # a station records tens to hundreds; beyond this the map asks to filter
NEAR_CAMERA_KM = 0.5  # cameras offered for a "camera installed" measure lie this close to the point
MAX_NEAR_CAMERAS = 50


def _area_code(queryset, name, value):
    """Rows inside an area: a province (2 digits), district (4) or subdistrict (6) code."""
    code = (value or "").strip()
    field = {2: "province_id", 4: "district_id", 6: "area_id"}.get(len(code))
    if field is None or not code.isascii() or not code.isdigit():
        return queryset.none()
    return queryset.filter(**{field: code})


class RiskFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=RiskStatus.choices, label=_("status"))
    category = django_filters.MultipleChoiceFilter(choices=RiskCategory.choices,
                                                   label=pgettext_lazy("risk point", "category"))
    space_class = django_filters.MultipleChoiceFilter(choices=SpaceClass.choices, label=_("space class"))
    severity = django_filters.MultipleChoiceFilter(choices=Severity.choices, label=_("severity"))
    source = django_filters.MultipleChoiceFilter(choices=RiskSource.choices, label=_("source"))
    area = django_filters.CharFilter(method=_area_code, label=_("area code"),
                                     help_text=_("Province (2 digits), district (4) or subdistrict (6) code"))
    q = django_filters.CharFilter(method="search", label=_("search"),
                                  help_text=_("Part of the place name, description or meeting reference"))

    class Meta:
        model = RiskPoint
        fields = ["status", "category", "space_class", "severity", "source", "area", "q"]

    def search(self, queryset, name, value):
        value = value.strip()[:100]
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(description__icontains=value)
                               | Q(meeting_ref__icontains=value))


def visible(user) -> QuerySet:
    return access.scope(user, RiskPoint.objects.all())


def risk_filter(user, params, *, ignore: tuple = ()) -> RiskFilter:
    data = params.copy()
    for key in ignore:
        data.pop(key, None)
    return RiskFilter(data, queryset=visible(user))


def filtered(flt: RiskFilter) -> QuerySet:
    """The filtered points; invalid filter values are left out rather than failing the page."""
    flt.is_valid()
    for name in list(flt.form.errors):
        flt.form.cleaned_data.pop(name, None)
    return flt.filter_queryset(flt.queryset)


def list_rows(queryset: QuerySet) -> QuerySet:
    """Rows of the list and the export: area names, owner and measure counts in one query."""
    return queryset.select_related("organisation", "area", "district").annotate(
        done_count=Count("mitigations", filter=Q(mitigations__status=MitigationStatus.DONE), distinct=True),
        planned_count=Count("mitigations", filter=Q(mitigations__status=MitigationStatus.PLANNED), distinct=True),
    ).order_by("status", "-severity", "name", "id")


def category_counts(queryset: QuerySet) -> list[dict]:
    """Each category with its number of points (open and closed), in the seed's order."""
    rows = queryset.order_by().values("category", "status").annotate(n=Count("id"))
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["category"], {})[row["status"]] = row["n"]
    out = []
    for value, label in RiskCategory.choices:
        c = counts.get(value, {})
        out.append({"value": value, "label": label, "open": c.get(RiskStatus.OPEN, 0),
                    "closed": c.get(RiskStatus.CLOSED, 0), "total": sum(c.values())})
    return out


def map_points(queryset: QuerySet) -> dict:
    rows = list(queryset.order_by("-severity", "id").values(
        "id", "name", "lat", "lon", "category", "severity", "status")[:MAX_MAP_POINTS + 1])
    labels = dict(RiskCategory.choices)
    points = [{"id": r["id"], "name": r["name"], "lat": float(r["lat"]), "lon": float(r["lon"]),
               "category": str(labels.get(r["category"], r["category"])), "severity": r["severity"],
               "closed": r["status"] == RiskStatus.CLOSED} for r in rows[:MAX_MAP_POINTS]]
    return {"points": points, "truncated": len(rows) > MAX_MAP_POINTS}


def extent(queryset: QuerySet) -> list[list[float]] | None:
    agg = queryset.order_by().aggregate(s=Min("lat"), n=Max("lat"), w=Min("lon"), e=Max("lon"))
    if agg["s"] is None:
        return None
    return [[float(agg["s"]), float(agg["w"])], [float(agg["n"]), float(agg["e"])]]


def mitigations_for(user) -> QuerySet:
    """A point's measures, each with `camera_readable`: whether `user` may read its camera (the
    reader of a risk point may not read the camera a measure links, e.g. a municipality and the
    station's cameras); show the camera only when it is."""
    readable = access.scope(user, Camera.objects.filter(pk=OuterRef("camera_id")))
    return Mitigation.objects.select_related("camera__site", "created_by").annotate(
        camera_readable=Exists(readable)).order_by("id")


def point_for_page(user, pk: int) -> RiskPoint | None:
    mitigations = mitigations_for(user)
    return visible(user).select_related("organisation", "area", "district", "province", "created_by").prefetch_related(
        Prefetch("mitigations", queryset=mitigations), "photos").filter(pk=pk).first()


def history(point: RiskPoint) -> list[dict]:
    """Who changed the point and its measures, newest first (simple_history records)."""
    rows = []
    for h in point.history.select_related("history_user").order_by("-history_date", "-history_id")[:50]:
        what = {"+": _("Recorded"), "~": _("Changed"), "-": _("Deleted")}[h.history_type]
        what = f"{what} · {h.get_status_display()}" + (f" · {h.closed_note}" if h.closed_note else "")
        rows.append({"at": h.history_date, "user": h.history_user, "what": what})
    model = Mitigation.history.model
    for h in model.objects.filter(risk_point_id=point.pk).select_related("history_user").order_by(
            "-history_date", "-history_id")[:100]:
        what = f"{h.get_kind_display()}: {MEASURE_STATUS.get(h.status, h.status)}"
        rows.append({"at": h.history_date, "user": h.history_user,
                     "what": what, "done_on": h.done_on})
    return sorted(rows, key=lambda r: r["at"], reverse=True)


def photo_for_user(user, pk: int) -> RiskPhoto | None:
    return access.scope(user, RiskPhoto.objects.select_related("risk_point")).filter(pk=pk).first()


def mitigation_for_user(user, pk: int) -> Mitigation | None:
    return access.scope(user, Mitigation.objects.all()).filter(pk=pk).first()


def cameras_near(user, lat: float, lon: float) -> list[Camera]:
    """Registry cameras the user may read within NEAR_CAMERA_KM of a point, nearest first."""
    d = NEAR_CAMERA_KM / 111.0 * 1.2
    box = access.scope(user, Camera.objects.filter(lat__range=(lat - d, lat + d), lon__range=(lon - d, lon + d)))
    cams = list(box.select_related("site").order_by("id")[:500])
    near = [(haversine_km(lat, lon, float(c.lat), float(c.lon)), c.pk, c) for c in cams]
    return [c for dist, _pk, c in sorted(near, key=lambda t: t[:2]) if dist <= NEAR_CAMERA_KM][:MAX_NEAR_CAMERAS]


def area_choices(province_code: str) -> list:
    """Districts and subdistricts of a province as grouped select options (district first)."""
    rows = list(AdminArea.objects.filter(code__startswith=province_code).exclude(level=AreaLevel.PROVINCE)
                .order_by("code"))
    groups: dict[str, list] = {}
    names = {}
    for a in rows:
        if a.level == AreaLevel.DISTRICT:
            names[a.code] = a.name
            groups.setdefault(a.code, []).insert(0, (a.code, a.name))
        else:
            groups.setdefault(a.code[:4], []).append((a.code, f"{a.name} ({names.get(a.code[:4], a.code[:4])})"))
    return [(names.get(code, code), options) for code, options in groups.items()]


def province_extent(province_code: str) -> tuple[float, float, float, float] | None:
    """(south, west, north, east) of the registered cameras of a province, or None (too few)."""
    agg = Camera.objects.filter(province_id=province_code).order_by().aggregate(
        s=Min("lat"), n=Max("lat"), w=Min("lon"), e=Max("lon"), c=Count("id"))
    if not agg["c"] or agg["c"] < 5:
        return None
    return float(agg["s"]), float(agg["w"]), float(agg["n"]), float(agg["e"])
