"""Write an import plan: one `executemany` per table and batch, history rows included.

Why not `bulk_create_with_history`: on SQLite Django splits a bulk insert into statements of
999 parameters (~30 cameras each) and reads back the new ids, so the query count grows with
the file and 100,000 rows cost several times the raw insert. Here ids are reserved up front
(a sequence on PostgreSQL, the table's AUTOINCREMENT high-water mark on SQLite inside the
IMMEDIATE write transaction), and cameras, their history rows ("+" created / "~" changed,
with user, date and reason, exactly the columns simple_history writes) and sites go in
with one executemany per batch. The caller holds the transaction: nothing is half-written.
"""

import uuid

from django.db import NotSupportedError, connection
from django.utils import timezone

from safetyzone.cameras import tally
from safetyzone.cameras.models import Camera, Site, area_parts
from safetyzone.core.models import OrgKind

BATCH = 2000
PRIVATE_KINDS = {OrgKind.HOUSEHOLD, OrgKind.PRIVATE_BUSINESS}


def _qn(name: str) -> str:
    return connection.ops.quote_name(name)


def allocate_ids(model, n: int) -> list[int]:
    if n == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, n])
            return [r[0] for r in cur.fetchall()]
        if connection.vendor == "sqlite":
            cur.execute(f"SELECT MAX(id) FROM {_qn(table)}")
            top = cur.fetchone()[0] or 0
            cur.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            seq = cur.fetchone()
            start = max(top, seq[0] if seq else 0) + 1
            return list(range(start, start + n))
    raise NotSupportedError(f"bulk import does not support {connection.vendor}")


def _columns(model, names):
    """(column names, value adapters) for attnames of `model`.

    Values are already in the field's Python type and precision (see rowparse), and both
    drivers adapt str, int, bool, Decimal and date themselves (Django registers the SQLite
    adapters); only aware datetimes need Django's conversion (naive UTC text on SQLite).
    """
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    fields = [by_attname[n] for n in names]
    adapters = [_datetime_adapter() if f.get_internal_type() == "DateTimeField" else None for f in fields]
    return [f.column for f in fields], adapters


def _datetime_adapter():
    memo = {}

    def adapt(value):
        if value not in memo:
            memo[value] = connection.ops.adapt_datetimefield_value(value)
        return memo[value]
    return adapt


def _adapt_rows(adapters, rows):
    """Convert in place the few columns the driver cannot take as they are."""
    needed = [(i, a) for i, a in enumerate(adapters) if a is not None]
    if needed:
        for row in rows:
            for i, adapt in needed:
                if row[i] is not None:
                    row[i] = adapt(row[i])
    return rows


def _executemany(sql: str, rows: list) -> None:
    with connection.cursor() as cur:
        for i in range(0, len(rows), BATCH):
            cur.executemany(sql, rows[i:i + BATCH])


def _copy(table: str, columns: list[str], rows) -> None:
    """PostgreSQL: COPY the rows in (psycopg adapts Decimal, date, aware datetime, None)."""
    sql = f"COPY {_qn(table)} ({', '.join(_qn(c) for c in columns)}) FROM STDIN"
    with connection.cursor() as cur, cur.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def _insert(model, names, rows) -> None:
    if not rows:
        return
    columns, adapters = _columns(model, names)
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        _copy(table, columns, rows)
        return
    sql = (f"INSERT INTO {_qn(table)} ({', '.join(_qn(c) for c in columns)}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    _executemany(sql, _adapt_rows(adapters, rows))


def _update(model, names, rows, bump_version: bool = False) -> None:
    """UPDATE ... SET names... WHERE id; each row is values + [id].

    PostgreSQL: COPY into a temporary table, then one UPDATE ... FROM it (a row-by-row
    executemany would be one round trip per camera)."""
    if not rows:
        return
    columns, adapters = _columns(model, names)
    table = _qn(model._meta.db_table)
    version = f", {_qn('version')} = {table}.{_qn('version')} + 1" if bump_version else ""
    if connection.vendor == "postgresql":
        temp = f"import_update_{uuid.uuid4().hex[:12]}"
        listed = ", ".join(_qn(c) for c in columns)
        with connection.cursor() as cur:
            cur.execute(f"CREATE TEMPORARY TABLE {_qn(temp)} AS SELECT {listed}, id FROM {table} WITH NO DATA")
        _copy(temp, [*columns, "id"], rows)
        sets = ", ".join(f"{_qn(c)} = t.{_qn(c)}" for c in columns) + version
        with connection.cursor() as cur:
            cur.execute(f"UPDATE {table} SET {sets} FROM {_qn(temp)} t WHERE {table}.id = t.id")
            cur.execute(f"DROP TABLE {_qn(temp)}")
        return
    sets = ", ".join(f"{_qn(c)} = %s" for c in columns) + version
    sql = f"UPDATE {table} SET {sets} WHERE {_qn('id')} = %s"
    _executemany(sql, _adapt_rows(adapters + [None], rows))


def _history_of_new(ids: list[int], tracked: list[str], names: list[str], tail: list) -> None:
    """The "+" history rows of the cameras just inserted, copied by the database itself
    (INSERT ... SELECT, in id order): the same values as the camera rows, without sending
    every row a second time. SQLite's ids are one range reserved under the write lock;
    PostgreSQL's come from the sequence, so they are listed."""
    if not ids:
        return
    history = Camera.history.model
    columns, _ = _columns(history, names)
    tracked_columns, _ = _columns(Camera, tracked)
    table = _qn(Camera._meta.db_table)
    tail = [_datetime_adapter()(tail[0]), *tail[1:]]
    if connection.vendor == "postgresql":
        where, params = f"{table}.{_qn('id')} = ANY(%s)", [ids]
    else:
        where, params = f"{table}.{_qn('id')} BETWEEN %s AND %s", [ids[0], ids[-1]]
    sql = (f"INSERT INTO {_qn(history._meta.db_table)} ({', '.join(_qn(c) for c in columns)}) "
           f"SELECT {', '.join(f'{table}.{_qn(c)}' for c in tracked_columns)}, %s, %s, %s, %s "
           f"FROM {table} WHERE {where} ORDER BY {table}.{_qn('id')}")
    with connection.cursor() as cur:
        cur.execute(sql, tail + params)


def _defaults() -> dict:
    out = {}
    for f in Camera._meta.concrete_fields:
        if f.has_default():
            out[f.attname] = f.get_default()
        elif f.null:
            out[f.attname] = None
        elif f.get_internal_type() == "CharField":
            out[f.attname] = ""
    return out


def write_sites(planner) -> dict:
    """Create the new sites and update the changed ones; return site key → id."""
    site_ids = dict(planner.site_ids)
    keys = list(planner.new_sites)
    ids = allocate_ids(Site, len(keys))
    rows = []
    for pk, key in zip(ids, keys):
        owner_id, name, area = key
        spec = planner.new_sites[key]
        rows.append([pk, owner_id, name, spec["address"], spec["place_type"], area, *area_parts(area)])
        site_ids[key] = pk
    _insert(Site, ["id", "owner_id", "name", "address", "place_type", "area_id", "province_id", "district_id"], rows)
    updates = [[s["address"], s["place_type"], pk] for pk, s in planner.site_updates.items()]
    _update(Site, ["address", "place_type"], updates)
    return site_ids


def write(planner, rows, user, reason: str = "import") -> tuple[list[int], list[int]]:
    """Apply the plan's creates and updates; return (created ids, updated ids)."""
    now = timezone.now()
    site_ids = write_sites(planner)
    history = Camera.history.model
    tracked = [f.attname for f in history.tracked_fields]
    camera_names = [f.attname for f in Camera._meta.concrete_fields]
    defaults = _defaults()
    value_keys = planner.parser.value_keys
    history_tail = [now, reason[:100], None, user.pk if user and user.pk else None]
    history_names = tracked + ["history_date", "history_change_reason", "history_type", "history_user_id"]

    creates = [r for r in rows if r.action == "create"]
    new_ids = allocate_ids(Camera, len(creates))
    template = [defaults.get(n) for n in camera_names]
    at = {n: i for i, n in enumerate(camera_names)}
    for n, v in (("version", 1), ("created_at", now), ("updated_at", now)):
        template[at[n]] = v
    value_at = [at[k] for k in value_keys]
    fixed_at = [at[n] for n in ("id", "site_id", "asset_code", "lat", "lon", "area_id", "province_id",
                                "district_id")]
    sector_at = at["sector"]
    cam_rows = []
    for pk, r in zip(new_ids, creates):
        row = template.copy()
        for i, value in zip(value_at, r.values):
            if value is not None:
                row[i] = value
        area = r.site_key[2]
        for i, value in zip(fixed_at, (pk, site_ids[r.site_key], r.asset_code or "", r.lat, r.lon, area,
                                       *area_parts(area))):
            row[i] = value
        if not row[sector_at]:
            row[sector_at] = "private" if planner.orgs.get(r.owner_id, planner.owner).kind in PRIVATE_KINDS else "public"
        cam_rows.append(row)
    _insert(Camera, camera_names, cam_rows)
    _history_of_new(new_ids, tracked, history_names, [now, reason[:100], "+", history_tail[3]])

    updates = [r for r in rows if r.action == "update"]
    changed_fields, upd_rows, hist_rows = set(), [], []
    touched = {r.site_key[2] for r in creates}  # areas whose tally is refreshed once, at the end
    for r in updates:
        cam = r.camera
        site_id = site_ids[r.site_key]
        if site_id != cam.site_id or tally.FIELDS.intersection(r.changes):
            touched.add(cam.area_id)
        if site_id != cam.site_id:
            r.changes["site_id"] = site_id
            if r.site_key[2] != cam.area_id:  # the camera's copy of its site's area follows
                cam.area_id = r.site_key[2]
                cam.province_id, cam.district_id = area_parts(cam.area_id)
                changed_fields.update(("area_id", "province_id", "district_id"))
        for key, value in r.changes.items():
            setattr(cam, key, value)
        changed_fields.update(r.changes)
    fields = sorted(changed_fields)
    history_tail[2] = "~"
    for r in updates:
        cam = r.camera
        if not r.changes:
            continue  # only its site's address or place type changed
        cam.version += 1
        upd_rows.append([getattr(cam, f) for f in fields] + [now, cam.pk])
        hist_rows.append([getattr(cam, n) for n in tracked] + history_tail)
    if fields:
        _update(Camera, fields + ["updated_at"], upd_rows, bump_version=True)
    _insert(history, history_names, hist_rows)
    tally.refresh(touched | {r.camera.area_id for r in updates if tally.FIELDS.intersection(r.changes)})
    return new_ids, [r.camera.pk for r in updates]
