"""Decide what each parsed row means against the database: new camera, update, unchanged, bad.

Everything the database must answer is fetched in a few set-based queries (writable
organisations, the cameras named by ID or asset code, the owners' sites and points,
district medians), all through the access gate. For a commit the planner runs inside the
import's transaction, so the gate and the "unchanged" comparison see the rows as written.
"""

from django.utils import translation
from django.utils.translation import gettext_noop

from safetyzone.cameras.models import Camera, Site
from safetyzone.cameras.validation import check_location, district_medians
from safetyzone.core import access
from safetyzone.core.models import AdminArea, Organisation
from safetyzone.thai.coords import fix_lat_lon, in_thailand
from safetyzone.thai.text import normalize_header

from ..columns import BY_KEY
from .areas import AreaError, area_index
from .messages import WARNING, Problem, bilingual
from .points import PointIndex
from .rowparse import Row, RowParser, to_decimal6

CHUNK = 2000
REQUIRED_NEW = ("camera_type", "signal", "status")
KEEP_WHEN_BLANK = {"sector", "camera_type", "signal", "status", "network_link"}
TEXT_KINDS = {"text", "choice"}


def chunks(items: list, size: int = CHUNK):
    for i in range(0, len(items), size):
        yield items[i:i + size]


class Planner:
    def __init__(self, user, owner: Organisation, parser: RowParser, problems: list[Problem], lock: bool):
        self.user, self.owner, self.parser, self.problems, self.lock = user, owner, parser, problems, lock
        self.header = {}
        for index, key in enumerate(parser.keys):
            if key:
                self.header.setdefault(key, parser.headers[index] or f"#{index + 1}")
        self.pos = {k: i for i, k in enumerate(parser.value_keys)}
        self.orgs: dict[int, Organisation] = {owner.pk: owner}
        self._org_names: dict[str, list[int]] | None = None
        self._area_memo: dict = {}

    # --- problems ------------------------------------------------------------------
    def problem(self, r: Row, key: str, shown, msgid: str, /, level="error", **params) -> None:
        en, th = bilingual(msgid, **params)
        column = self.header.get(key, "") if key else ""
        self.problems.append(Problem(r.number, column, "" if shown is None else str(shown), en, th, level))
        if level != WARNING:
            r.bad = True

    # --- owners --------------------------------------------------------------------
    def _writable(self) -> dict[int, Organisation]:
        if self._org_names is None:
            self.orgs = {o.pk: o for o in access.writable_organisations(self.user, Organisation.objects.all())}
            self._org_names = {}
            for o in self.orgs.values():
                for name in {o.name, o.name_en, str(o.pk)} - {""}:
                    self._org_names.setdefault(normalize_header(name), []).append(o.pk)
        return self.orgs

    def owner_of(self, row: Row) -> int | None:
        if not row.owner:
            return None
        self._writable()
        found = self._org_names.get(normalize_header(row.owner), [])
        if len(found) > 1 and self.owner.pk in found:
            found = [self.owner.pk]
        if len(found) == 1:
            return found[0]
        if found:
            self.problem(row, "owner", row.owner, gettext_noop(
                "Several organisations you may write are named like this; write the organisation's number."))
        else:
            self.problem(row, "owner", row.owner, gettext_noop(
                "Unknown organisation, or one you may not import cameras for."))
        return None

    # --- areas ---------------------------------------------------------------------
    def area_of(self, row: Row, owner: Organisation) -> str | None:
        if row.area_code:
            return row.area_code
        names = (row.province, row.district, row.subdistrict)
        if not any(names):
            return None
        memo_key = (*names, owner.province_id)
        if memo_key not in self._area_memo:
            try:
                self._area_memo[memo_key] = (area_index().resolve(*names, default_province=owner.province_id), None)
            except AreaError as exc:
                self._area_memo[memo_key] = (None, exc)
        code, exc = self._area_memo[memo_key]
        if exc is not None:
            key = next(k for k, v in zip(("subdistrict", "district", "province"), names[::-1]) if v)
            key = "province" if "province" in exc.msgid else key
            self.problem(row, key, exc.params.get("value"), exc.msgid, **exc.params)
        return code

    # --- existing cameras ------------------------------------------------------------
    def _cameras(self):
        qs = access.scope(self.user, Camera.objects.select_related("site"), write=True)
        return qs.select_for_update(of=("self",)) if self.lock else qs

    def match(self, rows: list[Row]) -> None:
        """Find the cameras rows name by ID, or by asset code within the row's owner."""
        wanted: dict[int, set] = {}
        for r in rows:
            if r.asset_code and not r.camera_id and not r.bad:
                wanted.setdefault(r.owner_id or self.owner.pk, set()).add(r.asset_code)
        code_ids: dict[tuple, list[int]] = {}
        writable = access.scope(self.user, Camera.objects.all(), write=True)
        for owner_id, codes in wanted.items():  # one cheap query per owner, not one per code
            pairs = writable.filter(site__owner_id=owner_id).exclude(asset_code="").values_list("asset_code", "id")
            for code, pk in pairs.iterator(chunk_size=5000):
                if code in codes:
                    code_ids.setdefault((owner_id, code), []).append(pk)
        ids = {r.camera_id for r in rows if r.camera_id and not r.bad}
        ids.update(pks[0] for pks in code_ids.values() if len(pks) == 1)
        by_id = {}
        for chunk in chunks(sorted(ids)):
            by_id.update({c.pk: c for c in self._cameras().filter(pk__in=chunk)})
        by_code = {key: [by_id[pk] for pk in pks if pk in by_id] for key, pks in code_ids.items()}
        by_code.update({key: pks for key, pks in code_ids.items() if len(pks) > 1})
        for r in rows:
            if r.bad:
                continue
            if r.camera_id:
                r.camera = by_id.get(r.camera_id)
                if r.camera is None:
                    self.problem(r, "camera_id", r.camera_id, gettext_noop(
                        "There is no camera with this ID that you may change. Leave the ID empty "
                        "to register a new camera."))
            elif r.asset_code:
                found = by_code.get((r.owner_id or self.owner.pk, r.asset_code), [])
                if len(found) > 1:
                    self.problem(r, "asset_code", r.asset_code, gettext_noop(
                        "Several cameras of this organisation have this asset code; add the camera "
                        "ID column to say which one."))
                elif found:
                    r.camera = found[0]

    # --- per-row decisions -----------------------------------------------------------
    def decide(self, r: Row, seen_ids: dict, seen_codes: dict) -> None:
        cam = r.camera
        if r.owner_id is None:
            r.owner_id = cam.site.owner_id if cam else self.owner.pk
        owner = self.orgs.get(r.owner_id) or (cam.site.owner if cam else self.owner)
        if r.camera_id:
            if r.camera_id in seen_ids:
                self.problem(r, "camera_id", r.camera_id, gettext_noop(
                    "The same camera ID is already on row %(row)s."), row=seen_ids[r.camera_id])
            seen_ids.setdefault(r.camera_id, r.number)
        if r.asset_code:
            code_key = (r.owner_id, r.asset_code)
            if code_key in seen_codes:
                self.problem(r, "asset_code", r.asset_code, gettext_noop(
                    "The same asset code of the same owner is already on row %(row)s."),
                    row=seen_codes[code_key])
            seen_codes.setdefault(code_key, r.number)
        area = self.area_of(r, owner)
        if r.latlon:
            r.lat, r.lon = r.latlon
        if (r.lat is None) != (r.lon is None):
            key = "lon" if r.lon is None else "lat"
            self.problem(r, key, "", gettext_noop("Give both the latitude and the longitude."))
        elif r.lat is not None:
            lat, lon, swapped = fix_lat_lon(r.lat, r.lon)
            if swapped:
                self.problem(r, "lat" if "lat" in self.header else "latlon", f"{r.lat}, {r.lon}", gettext_noop(
                    "Latitude and longitude were swapped; they were exchanged."), level=WARNING)
            if not in_thailand(lat, lon):
                self.problem(r, "lat" if "lat" in self.header else "latlon", f"{r.lat}, {r.lon}", gettext_noop(
                    "The coordinates %(lat)s, %(lon)s are outside Thailand."), lat=r.lat, lon=r.lon)
            r.lat, r.lon = to_decimal6(lat), to_decimal6(lon)
        if cam is None:
            self._check_new(r)
            r.area = area or owner.area_id
            r.site_key = (r.owner_id, r.site_name or "", r.area)
            r.action = "create"
        else:
            site = cam.site
            r.area = area or site.area_id
            r.site_key = (r.owner_id, r.site_name or site.name, r.area)
            r.changes = self._changes(r, cam)
            moved = r.site_key != (site.owner_id, site.name, site.area_id)
            r.action = "update" if r.changes or moved else "unchanged"
        if r.bad:
            r.action = "skip"

    def _check_new(self, r: Row) -> None:
        if not r.site_name:
            self.problem(r, "site_name", "", gettext_noop("The installation site is required for a new camera."))
        if r.lat is None:
            self.problem(r, "lat", "", gettext_noop("The coordinates are required for a new camera."))
        for key in REQUIRED_NEW:
            if key not in self.pos or r.values[self.pos[key]] is None:
                col = BY_KEY[key]
                self.problem(r, key, "", gettext_noop("%(field)s is required for a new camera."),
                             field=(col.en, col.th))

    def _changes(self, r: Row, cam: Camera) -> dict:
        changes = {}
        for key, i in self.pos.items():
            new = r.values[i]
            if new is None:
                if key in KEEP_WHEN_BLANK:
                    continue
                new = "" if BY_KEY[key].kind in TEXT_KINDS else None
            if getattr(cam, key) != new:
                changes[key] = new
        if "asset_code" in self.header and (r.asset_code or "") != cam.asset_code:
            changes["asset_code"] = r.asset_code or ""
        if r.lat is not None and (r.lat != cam.lat or r.lon != cam.lon):
            changes["lat"], changes["lon"] = r.lat, r.lon
        return changes

    # --- the whole file --------------------------------------------------------------
    def plan(self, rows: list[Row]) -> None:
        if "owner" in self.header:
            for r in rows:
                if r.owner and not r.bad:
                    r.owner_id = self.owner_of(r)
        self.match(rows)
        seen_ids, seen_codes = {}, {}
        for r in rows:
            if not r.bad:
                self.decide(r, seen_ids, seen_codes)
            else:
                r.action = "skip"
        self.check_points(rows)
        self.check_locations(rows)
        self.resolve_sites(rows)

    def resolve_sites(self, rows: list[Row]) -> None:
        """Which existing site each row goes to, which sites are new, which change."""
        live = [r for r in rows if r.action in ("create", "update", "unchanged")]
        known: dict[tuple, Site] = {}
        for r in live:
            if r.camera is not None:
                s = r.camera.site
                known[(s.owner_id, s.name, s.area_id)] = s
        wanted: dict[int, set] = {}
        for r in live:
            if r.site_key not in known:
                wanted.setdefault(r.site_key[0], set()).add(r.site_key[1])
        sites = access.scope(self.user, Site.objects.all(), write=True)
        for owner_id, names in wanted.items():
            for chunk in chunks(sorted(names)):
                for s in sites.filter(owner_id=owner_id, name__in=chunk):
                    known.setdefault((s.owner_id, s.name, s.area_id), s)
        self.site_ids = {key: s.pk for key, s in known.items()}
        self.new_sites, self.site_updates = {}, {}
        for r in live:
            site = known.get(r.site_key)
            if site is None:
                spec = self.new_sites.setdefault(r.site_key, {"address": "", "place_type": "other"})
                spec["address"] = spec["address"] or r.address or ""
                if r.place_type and spec["place_type"] == "other":
                    spec["place_type"] = r.place_type
                continue
            current = self.site_updates.get(site.pk, {"address": site.address, "place_type": site.place_type})
            new = {"address": r.address or current["address"], "place_type": r.place_type or current["place_type"]}
            if site.pk not in self.site_updates and new != current:
                self.site_updates[site.pk] = new
                if r.action == "unchanged":
                    r.action = "update"

    def check_points(self, rows: list[Row]) -> None:
        live = [r for r in rows if r.action in ("create", "update")]
        owners = {r.owner_id for r in live}
        if not owners:
            return
        existing = access.scope(self.user, Camera.objects.all(), write=True).filter(site__owner_id__in=owners)
        index = PointIndex()
        for pk, owner_id, lat, lon in existing.values_list("id", "site__owner_id", "lat", "lon").iterator(chunk_size=5000):
            index.add(owner_id, float(lat), float(lon), ("db", pk))
        in_file = PointIndex()
        for r in live:
            if r.lat is None and r.camera is not None:
                lat, lon = float(r.camera.lat), float(r.camera.lon)
            else:
                lat, lon = float(r.lat), float(r.lon)
            own = r.camera.pk if r.camera else None
            near = [t for t in index.near(r.owner_id, lat, lon) if t[1] != own]
            if r.action == "update" and "lat" not in r.changes:
                near = []  # an unchanged point was accepted before
            if near:
                self.problem(r, "lat" if "lat" in self.header else "latlon", f"{lat}, {lon}", gettext_noop(
                    "Camera %(id)s of the same owner is already registered within 5 m of this point. "
                    "To update it, put its camera ID or asset code on this row."),
                    level=WARNING if r.camera else "error", id=near[0][1])
            stays = r.action == "update" and "lat" not in r.changes
            earlier = [t for t in in_file.near(r.owner_id, lat, lon) if not (stays and t[2])]
            if earlier:
                both_existing = r.camera is not None and earlier[0][1] is not None
                self.problem(r, "lat" if "lat" in self.header else "latlon", f"{lat}, {lon}", gettext_noop(
                    "Row %(row)s has a camera of the same owner within 5 m of this point."),
                    level=WARNING if both_existing else "error", row=earlier[0][0])
            in_file.add(r.owner_id, lat, lon, (r.number, own, stays))
            if r.bad:
                r.action = "skip"

    def check_locations(self, rows: list[Row]) -> None:
        moved = [r for r in rows if r.action == "create" or (r.action == "update" and
                 ("lat" in r.changes or r.area != r.camera.site.area_id))]
        if not moved:
            return
        codes = {r.area for r in moved}
        areas = AdminArea.objects.in_bulk(list(codes))
        medians = district_medians({c[:4] for c in codes if len(c) >= 4})
        for r in moved:
            lat = float(r.lat if r.lat is not None else r.camera.lat)
            lon = float(r.lon if r.lon is not None else r.camera.lon)
            if not check_location(lat, lon, areas.get(r.area), medians):
                continue
            issues = {}
            for lang in ("en", "th"):
                with translation.override(lang):
                    issues[lang] = check_location(lat, lon, areas.get(r.area), medians)
            for en, th in zip(issues["en"], issues["th"]):
                self.problems.append(Problem(r.number, self.header.get("lat", self.header.get("latlon", "")),
                                             f"{lat}, {lon}", en.message, th.message,
                                             "error" if en.blocking else WARNING))
                if en.blocking:
                    r.bad, r.action = True, "skip"

