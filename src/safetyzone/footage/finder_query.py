"""The camera finder's one query, compiled once per access-gate filter and run with new bounds.

Building and compiling the box query through the ORM cost Django ~2 ms per search, more than
the database spends answering it, and a second query loading the hits with site and owner as
much again. The query's shape depends only on the database and on the user's access-gate
filter (access.read_q); the box bounds are the only values that change between searches. So
the queryset is built once per (database, gate filter) through the gate, with placeholder
bounds; Django compiles it; each search runs that SQL with a copy of its parameters in which
the bounds are put in place, converted by the model field exactly as a lookup converts them.

The rows carry, beside what the geometry needs, what a hit shows (HIT_CAMERA_FIELDS, the
site's name, the owner's names), so the hits need no second query; only the hits' rows go
through Django's converters and become model instances (their other fields deferred).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import DEFERRED, Q

from safetyzone.cameras.models import Camera, Site
from safetyzone.core import access
from safetyzone.core.models import Organisation


def _in_model_order(model, names: set[str]) -> tuple[str, ...]:
    return tuple(f.name for f in model._meta.concrete_fields if f.name in names)


# What a hit shows (footage/templates/footage/requests/find.html, request_views._map_config,
# Camera.__str__): any other field of a hit's camera, site or owner is deferred (a query each).
HIT_CAMERA_FIELDS = _in_model_order(Camera, {
    "id", "site", "asset_code", "point", "lat", "lon", "camera_type", "fov_deg", "bearing_deg", "range_m",
    "retention_days", "playback", "status", "contact_name", "contact_phone"})
COLUMNS = HIT_CAMERA_FIELDS + ("site__owner", "site__name", "site__owner__name", "site__owner__name_en")
GEOMETRY = tuple(COLUMNS.index(name) for name in ("id", "lat", "lon", "bearing_deg", "fov_deg", "range_m"))
_N = len(HIT_CAMERA_FIELDS)
_SITE, _OWNER, _SITE_NAME, _OWNER_NAME, _OWNER_NAME_EN = COLUMNS.index("site"), _N, _N + 1, _N + 2, _N + 3


def _layout(model, attnames) -> tuple[list, list[int], list[str]]:
    """(a row of DEFERRED for every concrete field of `model`, the positions of `attnames`, attnames)."""
    fields = [f.attname for f in model._meta.concrete_fields]
    return [DEFERRED] * len(fields), [fields.index(a) for a in attnames], list(attnames)


_CAMERA_LAYOUT = _layout(Camera, [Camera._meta.get_field(n).attname for n in HIT_CAMERA_FIELDS])
_SITE_LAYOUT = _layout(Site, ["id", "owner_id", "name"])
_OWNER_LAYOUT = _layout(Organisation, ["id", "name", "name_en"])
_SITE_CACHE = Camera._meta.get_field("site")  # sets camera.site without the descriptor's checks
_OWNER_CACHE = Site._meta.get_field("owner")


def _instance(model, alias: str, layout, values):
    """model.from_db with every field outside `values` deferred (its fast path: one value per field)."""
    row, positions, attnames = layout
    row = row.copy()
    for position, value in zip(positions, values):
        row[position] = value
    return model.from_db(alias, attnames, row)


# Placeholder bounds, far outside any latitude or longitude, so that none can be mistaken for
# a value of the gate's filter (organisation ids, area codes) or for the range threshold.
_PLACEHOLDERS = tuple(-1000.0 - k for k in range(8))
_BOUND_FIELDS = ("lat", "lat", "lon", "lon") * 2
_CACHE_SIZE = 256


def box_q(bounds, near_m: int) -> Q:
    """bounds = (near lat min, max, lon min, max, far lat min, max, lon min, max), degrees: the
    cameras in the near box, and those in the far box whose range exceeds near_m."""
    nlat0, nlat1, nlon0, nlon1, flat0, flat1, flon0, flon1 = bounds
    near = Q(lat__gte=nlat0, lat__lte=nlat1, lon__gte=nlon0, lon__lte=nlon1)
    far = Q(lat__gte=flat0, lat__lte=flat1, lon__gte=flon0, lon__lte=flon1, range_m__gt=near_m)
    return near | far


@dataclass(frozen=True)
class Compiled:
    sql: str
    params: tuple
    slots: tuple  # (position among params, the model field that converts the bound)
    converters: dict
    apply_converters: Callable


def _compile(alias: str, gate: Q | None, near_m: int) -> Compiled | None:
    """The box query through the gate, compiled with placeholder bounds; None when the gate
    lets nothing through."""
    queryset = Camera.objects.using(alias).filter(box_q(_PLACEHOLDERS, near_m)).order_by()
    queryset = (queryset if gate is None else queryset.filter(gate)).values_list(*COLUMNS)
    compiler = queryset.query.get_compiler(using=alias)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    connection = connections[alias]
    slots = []
    for placeholder, name in zip(_PLACEHOLDERS, _BOUND_FIELDS):
        field = Camera._meta.get_field(name)
        sent = field.get_db_prep_value(placeholder, connection, prepared=False)
        found = [i for i, p in enumerate(params) if type(p) is type(sent) and p == sent]
        if len(found) != 1:  # Django compiled something this module does not expect: never guess
            raise RuntimeError(f"camera finder query: bound placeholder found {len(found)} times")
        slots.append((found[0], field))
    selected = [column for column, _sql, _alias in compiler.select[:compiler.col_count]]
    return Compiled(sql, tuple(params), tuple(slots), compiler.get_converters(selected), compiler.apply_converters)


_compiled: OrderedDict = OrderedDict()
_lock = threading.Lock()


def compiled(alias: str, gate: Q | None, near_m: int) -> Compiled | None:
    """The compiled query for this database and gate filter, from a small LRU cache."""
    key = (alias, connections[alias].vendor, gate, near_m)
    with _lock:
        if key in _compiled:
            _compiled.move_to_end(key)
            return _compiled[key]
    value = _compile(alias, gate, near_m)
    with _lock:
        _compiled[key] = value
        while len(_compiled) > _CACHE_SIZE:
            _compiled.popitem(last=False)
    return value


@dataclass(frozen=True)
class Box:
    alias: str
    query: Compiled | None
    rows: list  # raw database rows, in COLUMNS order


def box_rows(user, bounds, near_m: int) -> Box:
    """The cameras in the box (see box_q) that `user` may read, as raw rows."""
    alias = router.db_for_read(Camera)
    query = compiled(alias, access.read_q(user, Camera), near_m)
    if query is None:
        return Box(alias, None, [])
    connection = connections[alias]
    params = list(query.params)
    for (position, field), value in zip(query.slots, bounds):
        params[position] = field.get_db_prep_value(value, connection, prepared=False)
    with connection.cursor() as cursor:
        cursor.execute(query.sql, params)
        return Box(alias, query, cursor.fetchall())


def cameras(box: Box, rows: list) -> list[Camera]:
    """Camera instances with site and owner loaded for some of box.rows (in their order);
    cameras of one site share its instance, as sites of one owner share the owner's."""
    if not rows:
        return []
    if box.query.converters:
        rows = box.query.apply_converters(map(list, rows), box.query.converters)
    sites, owners, out = {}, {}, []
    for row in rows:
        camera = _instance(Camera, box.alias, _CAMERA_LAYOUT, row[:_N])
        site = sites.get(row[_SITE])
        if site is None:
            site = sites[row[_SITE]] = _instance(Site, box.alias, _SITE_LAYOUT,
                                                 (row[_SITE], row[_OWNER], row[_SITE_NAME]))
            owner = owners.get(row[_OWNER])
            if owner is None:
                owner = owners[row[_OWNER]] = _instance(Organisation, box.alias, _OWNER_LAYOUT,
                                                        (row[_OWNER], row[_OWNER_NAME], row[_OWNER_NAME_EN]))
            _OWNER_CACHE.set_cached_value(site, owner)
        _SITE_CACHE.set_cached_value(camera, site)
        out.append(camera)
    return out
