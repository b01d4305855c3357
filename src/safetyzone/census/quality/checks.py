"""Data-quality checks of a province's cameras before certification: pure code, no Django.

Input is plain rows (`CameraRow`, one per camera, the whole province at once) plus a few
reference tables; output is `Finding`s (camera or agency, check code, severity, parameters
for the message). Wording in Thai and English lives in `messages.py`, loading in `selectors.py`.

Checks (code, severity):
- coord_missing (error): no latitude or longitude;
- coord_placeholder (error): both coordinates whole degrees (14.000000, 100.000000);
- coord_rounded (warning): both coordinates multiples of 0.01° (precise to about 1 km only);
- coord_stacked (warning): STACK_MIN or more cameras of one agency on the identical point;
- outside_area: the ADR-0003 method: outside the area's loaded boundary (error), else more than
  PEER_DISTANCE_KM from the median of the district's cameras when it has MIN_PEERS (warning);
- far_from_agency (warning): robust outlier among the agency's own cameras: distance to the
  agency's median point above max(median distance + MAD_K × 1.4826 × MAD, FAR_MIN_KM), for
  agencies with at least AGENCY_MIN_SAMPLE cameras;
- status_no_reason (warning): not working / broken without a reason;
- fields_missing (error): recorder or network link left empty;
- retention_missing (error) / retention_short (warning, under MIN_RETENTION_DAYS) /
  no_recording (warning, recorder "none");
- unusable_working (warning): working, not linked and no (or unknown) playback;
- duplicate_other_agency (warning): a camera of another agency within DUPLICATE_M metres
  (found with a grid hash of DUPLICATE_M cells: each point looks at 9 cells, not at all others);
  none once the secretariat decided "two cameras", duplicate_confirmed (error) once it decided
  "the same camera" (models/quality.py);
- count_jump (warning, agency): camera count differs from the previous round's submitted count
  by more than JUMP_SHARE and more than JUMP_MIN cameras.

Score per agency (0-100), with n its cameras, e those with at least one error, w those with
warnings only, and a its agency-level warnings (count_jump):
    score = 100 × (n − e − WARNING_WEIGHT × w) / n − AGENCY_WARNING_POINTS × a, clamped to 0..100
(an agency without cameras starts from 100). Example: 10 cameras, 1 with an error, 2 with
warnings only, one count jump: 100 × (10 − 1 − 1) / 10 − 5 = 75.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

ERROR, WARNING = "error", "warning"
PEER_DISTANCE_KM, MIN_PEERS = 40.0, 5  # cameras/validation.py, ADR 0003
AGENCY_MIN_SAMPLE, MAD_K, FAR_MIN_KM = 8, 6.0, 10.0
STACK_MIN = 5
MIN_RETENTION_DAYS = 7
DUPLICATE_M = 5.0
JUMP_SHARE, JUMP_MIN = 0.30, 5
WARNING_WEIGHT, AGENCY_WARNING_POINTS = 0.5, 5.0
EARTH_KM = 6371.0
M_PER_DEG_LAT = 110_574.0
M_PER_DEG_LON_EQ = 111_320.0


@dataclass(slots=True)
class CameraRow:
    id: int
    owner_id: int
    lat: float | None
    lon: float | None
    area_id: str = ""
    district_id: str | None = None
    status: str = "working"
    status_reason: str = ""
    recorder: str = "nvr"
    retention_days: int | None = 30
    network_link: str = "centre"
    playback: bool | None = True
    extra: dict = field(default_factory=dict)  # display fields, untouched by the checks


@dataclass(slots=True, frozen=True)
class Finding:
    code: str
    severity: str
    owner_id: int
    camera_id: int | None = None
    params: tuple = ()  # (name, value) pairs for the message

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


@dataclass(slots=True)
class Score:
    owner_id: int
    cameras: int = 0
    with_errors: int = 0
    with_warnings: int = 0  # cameras with warnings and no error
    agency_warnings: int = 0
    score: float = 100.0


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km; works on floats and numpy arrays alike."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0)))


def _micro(value: float) -> int:
    return round(value * 1_000_000)


def field_checks(row: CameraRow) -> list[Finding]:
    """Checks of one camera's own fields (coordinates' shape, status, recording, link)."""
    out = []
    add = lambda code, sev, **p: out.append(Finding(code, sev, row.owner_id, row.id, tuple(p.items())))  # noqa: E731
    if row.lat is None or row.lon is None:
        add("coord_missing", ERROR)
    else:
        mlat, mlon = _micro(row.lat), _micro(row.lon)
        if mlat % 1_000_000 == 0 and mlon % 1_000_000 == 0:
            add("coord_placeholder", ERROR, lat=f"{row.lat:.6f}", lon=f"{row.lon:.6f}")
        elif mlat % 10_000 == 0 and mlon % 10_000 == 0:
            add("coord_rounded", WARNING, lat=f"{row.lat:.6f}", lon=f"{row.lon:.6f}")
    if row.status in ("not_working", "broken") and not row.status_reason.strip():
        add("status_no_reason", WARNING)
    missing = [name for name, value in (("recorder", row.recorder), ("network_link", row.network_link)) if not value]
    if missing:
        add("fields_missing", ERROR, fields=tuple(missing))
    if row.recorder == "none":
        add("no_recording", WARNING)
    elif row.retention_days is None:
        add("retention_missing", ERROR)
    elif row.retention_days < MIN_RETENTION_DAYS:
        add("retention_short", WARNING, days=row.retention_days, minimum=MIN_RETENTION_DAYS)
    if row.status == "working" and row.network_link == "none" and row.playback is not True:
        add("unusable_working", WARNING)
    return out


def stacked(rows: list[CameraRow]) -> list[Finding]:
    """STACK_MIN or more cameras of one agency on exactly the same point."""
    groups: dict[tuple, list[CameraRow]] = defaultdict(list)
    for r in rows:
        if r.lat is not None and r.lon is not None:
            groups[(r.owner_id, _micro(r.lat), _micro(r.lon))].append(r)
    return [Finding("coord_stacked", WARNING, r.owner_id, r.id, (("count", len(g)),))
            for g in groups.values() if len(g) >= STACK_MIN for r in g]


def _located(rows: list[CameraRow]):
    located = [r for r in rows if r.lat is not None and r.lon is not None]
    lat = np.fromiter((r.lat for r in located), float, len(located))
    lon = np.fromiter((r.lon for r in located), float, len(located))
    return located, lat, lon


def _groups(keys: list) -> dict:
    index: dict = defaultdict(list)
    for i, key in enumerate(keys):
        index[key].append(i)
    return {k: np.asarray(v) for k, v in index.items()}


def outside_area(rows: list[CameraRow], boundaries: dict | None = None) -> list[Finding]:
    """ADR 0003: the area's boundary when loaded (`boundaries`: area code -> object with a
    `covers(lon, lat)` method), otherwise the distance to the district's median camera."""
    boundaries = boundaries or {}
    out = []
    located, lat, lon = _located(rows)
    for i, r in enumerate(located):
        shape = boundaries.get(r.area_id)
        if shape is not None and not shape.covers(r.lon, r.lat):
            out.append(Finding("outside_area", ERROR, r.owner_id, r.id, (("area", r.area_id),)))
    checked = {r.id for r in located if r.area_id in boundaries}
    for district, idx in _groups([r.district_id for r in located]).items():
        if district is None or len(idx) < MIN_PEERS:
            continue
        mlat, mlon = np.median(lat[idx]), np.median(lon[idx])
        dist = haversine_km(lat[idx], lon[idx], mlat, mlon)
        for k in np.nonzero(dist > PEER_DISTANCE_KM)[0]:
            r = located[idx[k]]
            if r.id not in checked:
                out.append(Finding("outside_area", WARNING, r.owner_id, r.id,
                                   (("km", round(float(dist[k]))), ("district", district))))
    return out


def far_from_agency(rows: list[CameraRow]) -> list[Finding]:
    """Cameras far from their agency's median point, by a MAD-based threshold."""
    out = []
    located, lat, lon = _located(rows)
    for owner, idx in _groups([r.owner_id for r in located]).items():
        if len(idx) < AGENCY_MIN_SAMPLE:
            continue
        dist = haversine_km(lat[idx], lon[idx], np.median(lat[idx]), np.median(lon[idx]))
        med = float(np.median(dist))
        mad = float(np.median(np.abs(dist - med)))
        limit = max(med + MAD_K * 1.4826 * mad, FAR_MIN_KM)
        for k in np.nonzero(dist > limit)[0]:
            r = located[idx[k]]
            out.append(Finding("far_from_agency", WARNING, owner, r.id,
                               (("km", round(float(dist[k]), 1)), ("limit", round(limit, 1)))))
    return out


def cross_agency_pairs(rows: list[CameraRow], radius_m: float = DUPLICATE_M) -> list[tuple[int, int, float]]:
    """(camera id, camera id, metres) of cameras of different agencies within `radius_m`.

    Points go into a grid of `radius_m` cells (local metres around the rows' mean latitude);
    each point is compared with the points in its own and the 8 neighbouring cells only.
    """
    located, lat, lon = _located(rows)
    if not located:
        return []
    lon_scale = M_PER_DEG_LON_EQ * math.cos(math.radians(float(lat.mean())))
    y, x = lat * M_PER_DEG_LAT, lon * lon_scale
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    cx, cy = np.floor(x / radius_m).astype(np.int64), np.floor(y / radius_m).astype(np.int64)
    for i in range(len(located)):
        cells[(int(cx[i]), int(cy[i]))].append(i)
    pairs = []
    for (gx, gy), members in cells.items():
        near = [j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in cells.get((gx + dx, gy + dy), ())]
        for i in members:
            a = located[i]
            for j in near:
                if j <= i or located[j].owner_id == a.owner_id:
                    continue
                d = math.hypot(x[i] - x[j], y[i] - y[j])
                if d <= radius_m:
                    pairs.append((a.id, located[j].id, round(d, 1)))
    pairs.sort()
    return pairs


def duplicate_findings(rows: list[CameraRow], pairs, decisions: dict | None = None) -> list[Finding]:
    """Both cameras of each pair: a warning, nothing once the secretariat decided "distinct"
    (two cameras), an error once it decided "same" (one camera counted twice)."""
    owner = {r.id: r.owner_id for r in rows}
    decisions = decisions or {}
    out = []
    for a, b, metres in pairs:
        verdict = decisions.get((a, b))
        if verdict == "distinct":
            continue
        code, severity = ("duplicate_confirmed", ERROR) if verdict == "same" else ("duplicate_other_agency", WARNING)
        out.append(Finding(code, severity, owner[a], a, (("metres", metres), ("other", b))))
        out.append(Finding(code, severity, owner[b], b, (("metres", metres), ("other", a))))
    return out


def count_jumps(current: dict[int, int], previous: dict[int, int]) -> list[Finding]:
    """Agencies whose camera count moved by > JUMP_SHARE and > JUMP_MIN since the previous round."""
    out = []
    for owner, before in previous.items():
        now = current.get(owner, 0)
        change = now - before
        if abs(change) > JUMP_MIN and abs(change) > JUMP_SHARE * before:
            share = f"{change / before:+.0%}" if before else "+∞"
            out.append(Finding("count_jump", WARNING, owner, None,
                               (("before", before), ("now", now), ("change", share))))
    return out


def run_checks(rows: list[CameraRow], *, boundaries=None, previous_counts=None, decisions=None):
    """Every check over the province: (findings, cross-agency pairs); `decisions` maps a pair
    (lower id, higher id) to the secretariat's verdict ("distinct" or "same")."""
    findings = [f for r in rows for f in field_checks(r)]
    findings += stacked(rows) + outside_area(rows, boundaries) + far_from_agency(rows)
    pairs = cross_agency_pairs(rows)
    findings += duplicate_findings(rows, pairs, decisions)
    if previous_counts:
        current: dict[int, int] = defaultdict(int)
        for r in rows:
            current[r.owner_id] += 1
        findings += count_jumps(current, previous_counts)
    return findings, pairs


def scores(rows: list[CameraRow], findings: list[Finding], owners=()) -> dict[int, Score]:
    """The score of every agency that owns a row or is named in `owners` (formula above)."""
    out = {o: Score(o) for o in owners}
    for r in rows:
        out.setdefault(r.owner_id, Score(r.owner_id)).cameras += 1
    worst: dict[int, str] = {}
    for f in findings:
        score = out.setdefault(f.owner_id, Score(f.owner_id))
        if f.camera_id is None:
            score.agency_warnings += 1
        elif worst.get(f.camera_id) != ERROR:
            worst[f.camera_id] = f.severity
    owner_of = {r.id: r.owner_id for r in rows}
    for camera_id, severity in worst.items():
        score = out[owner_of[camera_id]]
        if severity == ERROR:
            score.with_errors += 1
        else:
            score.with_warnings += 1
    for s in out.values():
        base = 100.0 * (s.cameras - s.with_errors - WARNING_WEIGHT * s.with_warnings) / s.cameras if s.cameras else 100.0
        s.score = round(min(100.0, max(0.0, base - AGENCY_WARNING_POINTS * s.agency_warnings)), 1)
    return out
