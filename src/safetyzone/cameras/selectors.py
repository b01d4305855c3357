"""Reads for the web UI: the filtered camera list, status counts, map clusters, history.

Every queryset here starts from `core.access.scope`, so a view cannot show a row the user
may not read. The map is clustered in SQL (a grid GROUP BY), so it scales to a million
cameras: the browser never receives more than MAX_POINTS markers.
"""

import hashlib
import math
from dataclasses import dataclass, field

from django.core.cache import cache

from django.db.models import Avg, Count, FloatField, Max, Min, Q, QuerySet
from django.db.models.functions import Cast, Floor

from safetyzone.core import access
from safetyzone.core.models import AdminArea, AreaLevel, Role

from . import tally
from .filters import CameraFilter
from .models import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN, Camera, Site, Status

AREA_KEYS = (("province", 2), ("district", 4), ("subdistrict", 6))
THAILAND_BBOX = (LON_MIN, LAT_MIN, LON_MAX, LAT_MAX)  # west, south, east, north
MAX_POINTS = 800  # above this many cameras in view the map shows clusters
POINTS_ZOOM = 17  # from this zoom on the map always shows single cameras
CELLS_PER_TILE = 4  # grid cells across one 256-px map tile: clusters ~64 px apart
CONTACT_ROLES = {Role.SECRETARIAT, Role.INVESTIGATOR}
CLUSTER_CACHE_SECONDS = 300
CACHE_MIN_TOTAL = 10_000  # smaller answers are quick to compute again


# --- filters ---------------------------------------------------------------------------

def area_from_params(params) -> str:
    """The most specific area code of the cascading province/district/subdistrict selects.

    A child that does not lie inside its chosen parent is ignored; the API-style `area`
    parameter is used when no select is set.
    """
    chosen = ""
    for key, length in AREA_KEYS:
        code = (params.get(key) or "").strip()
        if not (len(code) == length and code.isdigit() and code.startswith(chosen)):
            break
        chosen = code
    return chosen or (params.get("area") or "").strip()


def camera_filter(user, params, *, ignore: tuple[str, ...] = ()) -> CameraFilter:
    """The shared CameraFilter over the cameras `user` may read, fed from a GET query."""
    data = params.copy()
    for key in ignore:
        data.pop(key, None)
    data["area"] = area_from_params(params)
    base = access.scope(user, Camera.objects.all())
    return CameraFilter(data, queryset=base, user=user)


def list_queryset(camera_filter_: CameraFilter) -> QuerySet:
    """The filtered cameras with everything a list row shows, in a constant number of queries."""
    return camera_filter_.qs.select_related(
        "site", "site__owner", "site__area", "site__district"
    ).order_by("-id")


def status_counts(queryset: QuerySet) -> dict[str, int]:
    """Cameras per status (every status present, zero when none), in one query."""
    counts = {value: 0 for value in Status.values}
    for row in queryset.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


def area_options(province: str = "", district: str = "") -> dict[str, QuerySet]:
    """Provinces, the districts of `province` and the subdistricts of `district`."""
    options = {"province": AdminArea.objects.filter(level=AreaLevel.PROVINCE)}
    options["district"] = AdminArea.objects.filter(level=AreaLevel.DISTRICT, parent_id=province) \
        if province else AdminArea.objects.none()
    options["subdistrict"] = AdminArea.objects.filter(level=AreaLevel.SUBDISTRICT, parent_id=district) \
        if district else AdminArea.objects.none()
    return options


# --- camera page ------------------------------------------------------------------------

def camera_for_page(user, pk: int) -> Camera | None:
    """One camera the user may read, with its site, owner and areas; None otherwise."""
    qs = access.scope(user, Camera.objects.all()).select_related(
        "site", "site__owner", "site__area", "site__district", "site__province"
    )
    return qs.filter(pk=pk).first()


def may_see_contacts(user, camera: Camera) -> bool:
    """Contact person and phone are personal data: the owner's own people, the provincial
    secretariat, police investigators and system admins see them (as in the API)."""
    if access.is_system_admin(user) or user.organisation_id == camera.site.owner_id:
        return True
    return user.role in CONTACT_ROLES


def contact_read_is_logged(user, camera: Camera) -> bool:
    """Shown to someone outside the owning organisation: the read goes to the access log."""
    has_data = bool(camera.contact_name or camera.contact_phone)
    return has_data and user.organisation_id != camera.site.owner_id


@dataclass
class HistoryEntry:
    record: object  # a HistoricalCamera row
    kind: str  # "+" created, "~" changed, "-" deleted
    changes: list = field(default_factory=list)  # (field name, old value, new value)


def camera_history(camera: Camera, limit: int = 100) -> list[HistoryEntry]:
    """Who changed what and when, newest first (two queries however long the history)."""
    records = list(
        camera.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries = []
    for newer, older in zip(records, records[1:] + [None]):
        if len(entries) == limit:
            break
        entry = HistoryEntry(newer, newer.history_type)
        if older is not None and newer.history_type != "-":
            delta = newer.diff_against(older)
            entry.changes = [(c.field, c.old, c.new) for c in delta.changes]
        entries.append(entry)
    return entries


def sites_by_id(ids) -> dict[int, Site]:
    return Site.objects.in_bulk([i for i in ids if i])


# --- map ----------------------------------------------------------------------------------

def parse_bbox(value: str | None) -> tuple[float, float, float, float]:
    """west,south,east,north from the query; Thailand when missing or malformed."""
    try:
        w, s, e, n = (float(x) for x in (value or "").split(","))
    except ValueError:
        return THAILAND_BBOX
    if not all(abs(v) < 1000 for v in (w, s, e, n)) or w >= e or s >= n:
        return THAILAND_BBOX
    return max(w, -180.0), max(s, -90.0), min(e, 180.0), min(n, 90.0)


def parse_zoom(value: str | None) -> int:
    try:
        return min(max(int(float(value)), 0), 22)
    except (TypeError, ValueError, OverflowError):
        return 6


def in_bbox(queryset: QuerySet, bbox) -> QuerySet:
    w, s, e, n = bbox
    return queryset.filter(lat__gte=s, lat__lte=n, lon__gte=w, lon__lte=e)


def cell_degrees(zoom: int) -> float:
    """Grid cell size in degrees for a zoom level (a tile spans 360 / 2**zoom degrees)."""
    return 360.0 / (2**zoom) / CELLS_PER_TILE


def map_clusters(queryset: QuerySet, bbox, zoom: int) -> list[dict]:
    """Cameras in the bbox grouped into grid cells: count, mean point and count by status."""
    cell = cell_degrees(zoom)
    lat, lon = Cast("lat", FloatField()), Cast("lon", FloatField())
    # Counting `status` (never null) rather than the id lets PostgreSQL answer from the
    # (lat, lon, status) index alone.
    by_status = {f"s_{value}": Count("status", filter=Q(status=value)) for value in Status.values}
    rows = (
        in_bbox(queryset, bbox).order_by()
        .annotate(gy=Floor(lat / cell), gx=Floor(lon / cell))
        .values("gy", "gx")
        .annotate(n=Count("status"), mlat=Avg(lat), mlon=Avg(lon), **by_status)
    )
    return [
        {
            "lat": round(row["mlat"], 6), "lon": round(row["mlon"], 6), "count": row["n"],
            "by_status": {value: row[f"s_{value}"] for value in Status.values if row[f"s_{value}"]},
        }
        for row in rows
    ]


def map_points(queryset: QuerySet, bbox, limit: int = MAX_POINTS) -> list[dict]:
    rows = in_bbox(queryset, bbox).order_by("id").values(
        "id", "lat", "lon", "status", "asset_code", "site__name"
    )[:limit]
    return [
        {
            "id": r["id"], "lat": float(r["lat"]), "lon": float(r["lon"]), "status": r["status"],
            "label": " · ".join(x for x in (r["asset_code"] or f"#{r['id']}", r["site__name"]) if x),
        }
        for r in rows
    ]


def snap_bbox(bbox, zoom: int) -> tuple[float, float, float, float]:
    """The bbox grown to whole grid cells: no cluster is cut by the edge of the view, and
    small pans give the same bbox (so the same cached answer)."""
    cell = cell_degrees(zoom)
    w, s, e, n = bbox
    return (max(math.floor(w / cell) * cell, -180.0), max(math.floor(s / cell) * cell, -90.0),
            min(math.ceil(e / cell) * cell, 180.0), min(math.ceil(n / cell) * cell, 90.0))


def map_data(queryset: QuerySet, bbox, zoom: int, *, cache_key: str | None = None) -> dict:
    """What the map draws for one view: clusters, or single cameras when few or zoomed in.

    Clusters of a wide view cost one pass over the cameras in it (a second or so for a
    million on PostgreSQL), so big answers (CACHE_MIN_TOTAL cameras or more) are cached
    under `cache_key` (the user's scope and filters) plus the registry's latest change, so a
    saved edit shows at once; single cameras are never cached.
    """
    bbox = snap_bbox(bbox, zoom)
    key = None
    if cache_key:
        raw = repr((cache_key, registry_version(), zoom, bbox)).encode()
        key = "map-clusters:" + hashlib.sha256(raw).hexdigest()
    if key and (cached := cache.get(key)):
        return cached
    clusters = map_clusters(queryset, bbox, zoom)
    total = sum(c["count"] for c in clusters)
    if total <= MAX_POINTS or zoom >= POINTS_ZOOM:
        points = map_points(queryset, bbox)
        return {"mode": "points", "total": total, "points": points, "truncated": total > len(points)}
    data = {"mode": "clusters", "total": total, "clusters": clusters}
    if key and total >= CACHE_MIN_TOTAL:
        cache.set(key, data, CLUSTER_CACHE_SECONDS)
    return data


def registry_version() -> tuple[int, int, int]:
    """Changes whenever a camera is added, saved or deleted, and whenever the tally is refreshed:
    a site moving its cameras and queryset updates of the tallied fields leave no camera history
    (three index look-ups). Kept in the database, so every server process sees the same."""
    last_camera = Camera.objects.order_by("-id").values_list("id", flat=True).first() or 0
    last_change = Camera.history.order_by("-history_id").values_list("history_id", flat=True).first() or 0
    return last_camera, last_change, tally.version()


def scope_key(user, params) -> str:
    """Identifies what a user sees through the gate with these filters (for caching)."""
    filters = sorted((k, v) for k in params for v in params.getlist(k) if k not in ("bbox", "zoom"))
    raw = repr((user.pk, user.role, user.organisation_id, user.is_superuser, filters))
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def extent(queryset: QuerySet) -> list[list[float]] | None:
    """[[south, west], [north, east]] of the cameras, for the map's first view."""
    agg = queryset.order_by().aggregate(s=Min("lat"), n=Max("lat"), w=Min("lon"), e=Max("lon"))
    if agg["s"] is None:
        return None
    return [[float(agg["s"]), float(agg["w"])], [float(agg["n"]), float(agg["e"])]]
