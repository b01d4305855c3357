"""The camera tally: per area, the counts and sums the dashboard's wide levels need.

`CameraTally` holds one row per group of one area's cameras, so the country and province
views read ~100,000 summary rows instead of grouping 1,000,000 cameras (docs/adr/0006). Every registry writer calls `refresh(areas)` inside its own
transaction with the areas it changed (old and new); a refresh deletes those areas' rows and
inserts them again from one GROUP BY per kind over those areas' cameras (index
`camera_area_id`). `rebuild()` does the same for every area (`safetyzone rebuild_tally`).

Kinds of row (grouped by area, with the area's province and district; and the same grouped
by province, `rollup` rows, refreshed with them, which the country view reads: ~1,000 rows):
- CELL: status × network link: n, maintenance budget sum, purchase cost sum, cameras with a
  maintenance budget;
- MAINTAINER: cameras that do not work, per maintainer: n, maintenance budget sum;
- CENTRE: cameras linked to a centre, per network name: n.
"""

import zlib
from collections.abc import Iterable

from django.db import connection, models, transaction

from safetyzone.core.models import AdminArea

CELL, MAINTAINER, CENTRE = "c", "m", "n"
# Camera fields whose change can change the tally (an UPDATE touching none of them cannot)
FIELDS = frozenset({"status", "network_link", "network_name", "maintainer", "maintenance_budget",
                    "purchase_cost", "area", "area_id", "site", "site_id", "province", "province_id",
                    "district", "district_id"})  # the tally rows carry the area's province and district
TABLE = "cameras_cameratally"
COLUMNS = ("area_id", "province_id", "district_id", "kind", "status", "network_link", "name", "n", "maint",
           "cost", "with_maint")
CHUNK = 500  # areas per statement on SQLite (bound parameters are limited)
LOCK_SPACE = 0x7A11  # first key of the advisory locks that serialise refreshes of one area


class CameraTally(models.Model):
    """Counts and sums of one area's cameras, per group (kind, status, network link, name), for
    the dashboard's country and province views; every camera writer refreshes the areas it
    changes in its own transaction (`refresh` below). Nobody edits it."""

    area = models.ForeignKey(AdminArea, on_delete=models.PROTECT, related_name="+", db_index=False)
    province = models.ForeignKey(AdminArea, on_delete=models.PROTECT, related_name="+", db_index=False)
    district = models.ForeignKey(AdminArea, on_delete=models.PROTECT, related_name="+", db_index=False,
                                 null=True)
    kind = models.CharField(max_length=1)  # CELL, MAINTAINER or CENTRE
    status = models.CharField(max_length=15, blank=True)
    network_link = models.CharField(max_length=10, blank=True)
    name = models.CharField(max_length=200, blank=True)  # the maintainer or the centre's network name
    n = models.PositiveIntegerField()
    maint = models.DecimalField(max_digits=18, decimal_places=2, null=True)
    cost = models.DecimalField(max_digits=18, decimal_places=2, null=True)
    with_maint = models.PositiveIntegerField()
    # a province's total (area = province, district empty) of its area rows: the country reads these
    rollup = models.BooleanField(default=False, db_default=False)

    class Meta:
        indexes = [
            models.Index(fields=["area"], name="tally_area"),
            models.Index(fields=["province", "kind"], name="tally_province_kind"),
            models.Index(fields=["rollup", "kind"], name="tally_rollup_kind"),
        ]


def _grouped(where: str) -> str:
    """Every kind of row, grouped from the cameras matching `where` (one GROUP BY per kind;
    the condition appears three times)."""
    group = "area_id, province_id, district_id"
    return (
        f"SELECT {group}, '{CELL}' AS kind, status, network_link, '' AS name, COUNT(*) AS n, "
        f"SUM(maintenance_budget) AS maint, SUM(purchase_cost) AS cost, COUNT(maintenance_budget) AS with_maint "
        f"FROM cameras_camera WHERE {where} "
        f"GROUP BY {group}, status, network_link "
        f"UNION ALL SELECT {group}, '{MAINTAINER}', '', '', maintainer, COUNT(*), SUM(maintenance_budget), "
        f"NULL, 0 FROM cameras_camera WHERE {where} AND status <> 'working' GROUP BY {group}, maintainer "
        f"UNION ALL SELECT {group}, '{CENTRE}', '', '', network_name, COUNT(*), NULL, NULL, 0 "
        f"FROM cameras_camera WHERE {where} AND network_link = 'centre' GROUP BY {group}, network_name"
    )


def _rollup(source: str, where: str) -> str:
    """Province totals of the area rows in `source` (the table, or fresh rows) matching `where`."""
    return (f"SELECT province_id AS area_id, province_id, NULL AS district_id, kind, status, network_link, name, "
            f"SUM(n) AS n, SUM(maint) AS maint, SUM(cost) AS cost, SUM(with_maint) AS with_maint, "
            f"TRUE AS rollup FROM {source} WHERE {where} "
            f"GROUP BY province_id, kind, status, network_link, name")


def _selects(where: str) -> str:
    return f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) {_grouped(where)}"


def _rollups(where: str) -> str:
    return (f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}, rollup) "
            f"{_rollup(TABLE, f'NOT rollup AND {where}')}")


def refresh(areas: Iterable[str | None]) -> None:
    """Recompute the tally rows of `areas` (area codes) from their cameras, and the totals of
    their provinces, in the caller's transaction (opened here if there is none)."""
    codes = sorted({a for a in areas if a})
    if not codes:
        return
    provinces = sorted({c[:2] for c in codes})
    with transaction.atomic(), connection.cursor() as cur:
        if connection.vendor == "postgresql":
            _lock(cur, provinces)
            cur.execute(f"DELETE FROM {TABLE} WHERE area_id = ANY(%s) AND NOT rollup", [codes])
            cur.execute(_selects("area_id = ANY(%s)"), [codes] * 3)
            cur.execute(f"DELETE FROM {TABLE} WHERE province_id = ANY(%s) AND rollup", [provinces])
            cur.execute(_rollups("province_id = ANY(%s)"), [provinces])
            return
        for i in range(0, len(codes), CHUNK):
            part = codes[i:i + CHUNK]
            marks = f"area_id IN ({', '.join(['%s'] * len(part))})"
            cur.execute(f"DELETE FROM {TABLE} WHERE {marks} AND NOT rollup", part)
            cur.execute(_selects(marks), part * 3)
        marks = f"province_id IN ({', '.join(['%s'] * len(provinces))})"  # 77 provinces at most
        cur.execute(f"DELETE FROM {TABLE} WHERE {marks} AND rollup", provinces)
        cur.execute(_rollups(marks), provinces)


def _lock(cur, provinces: list[str]) -> None:
    """PostgreSQL: one transaction-scoped advisory lock per province, taken in code order, so
    two writers refreshing the same area or province one after the other never both insert its
    rows (under READ COMMITTED the second DELETE would not see the rows the first just
    inserted). Writes within one province commit their tally one after the other."""
    keys = sorted({int(c) if c.isdigit() else zlib.crc32(c.encode()) & 0x7FFFFFFF for c in provinces})
    cur.execute("SELECT pg_advisory_xact_lock(%s, k) FROM unnest(%s::int[]) AS k ORDER BY k",
                [LOCK_SPACE, keys])


def rebuild() -> int:
    """Recompute the whole tally from the cameras; returns the number of tally rows."""
    with transaction.atomic(), connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(f"LOCK TABLE {TABLE} IN EXCLUSIVE MODE")
        cur.execute(f"DELETE FROM {TABLE}")
        cur.execute(_selects("1 = 1"))
        cur.execute(_rollups("1 = 1"))
        cur.execute(f"SELECT COUNT(*) FROM {TABLE}")
        return cur.fetchone()[0]


def version() -> int:
    """Changes whenever any area is refreshed: every refresh inserts its rows again with new ids
    (the province totals included), so the latest id moves even for writes that leave no camera
    history (a queryset update, a site's cameras moved with it). For caches keyed on the registry."""
    return CameraTally.objects.order_by("-id").values_list("id", flat=True).first() or 0


def fresh_rows() -> list[tuple]:
    """What the tally should hold, grouped from the cameras now (sorted; for checks)."""
    columns = ", ".join(COLUMNS)
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(f"WITH fresh AS ({_grouped('1 = 1')}) SELECT {columns}, FALSE AS rollup FROM fresh "
                    f"UNION ALL {_rollup('fresh', '1 = 1')}")
        return sorted(cur.fetchall(), key=repr)


def stored_rows() -> list[tuple]:
    with connection.cursor() as cur:
        cur.execute(f"SELECT {', '.join(COLUMNS)}, rollup FROM {TABLE}")
        return sorted(cur.fetchall(), key=repr)
