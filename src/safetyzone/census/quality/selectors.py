"""Load a province for the quality checks in a few queries and keep what the user may see.

The checks compare cameras with each other (district medians, an agency's spread, another
agency's camera 5 m away), so they run over every camera of the province: an agency's score
must not depend on who looks at it. What comes back is cut down by the access gate: findings
about cameras and agencies `access.scope` lets the user read, and cross-agency pairs whose two
cameras the user may read. An agency learns that another agency registered a camera at the same
point, never which one.

Queries: cameras of the province (one, with the site joined), the ids the user may read, the
organisations the user may read, loaded area boundaries, the two latest rounds, the previous
round's submissions and the secretariat's duplicate decisions: 7, whatever the number of cameras.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from safetyzone.cameras.models import Camera
from safetyzone.core import access
from safetyzone.core.models import AdminArea, Organisation

from ..models import DuplicateDecision, DuplicateDecisionEntry, Round, Submission
from .checks import CameraRow, Finding, Score, run_checks, scores

ROW_FIELDS = ("id", "site__owner_id", "lat", "lon", "area_id", "district_id", "status", "status_reason",
              "recorder", "retention_days", "network_link", "playback")
EXTRA_FIELDS = ("asset_code", "site__name", "point", "camera_type", "installed_on")


@dataclass
class Report:
    province: str
    cameras: dict[int, CameraRow] = field(default_factory=dict)  # the ones the user may read
    organisations: dict[int, Organisation] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    pairs: list[tuple[int, int, float]] = field(default_factory=list)
    scores: dict[int, Score] = field(default_factory=dict)
    decisions: dict[tuple[int, int], str] = field(default_factory=dict)

    def for_org(self, org_id: int) -> list[Finding]:
        return [f for f in self.findings if f.owner_id == org_id]

    def table(self, sort: str = "score") -> list[tuple[Organisation, Score]]:
        """(organisation, score) of every organisation shown, sorted by a column name
        (score, name, cameras, errors, warnings; a leading '-' reverses)."""
        keys = {"score": lambda r: (r[1].score, r[0].name), "name": lambda r: r[0].name,
                "cameras": lambda r: (r[1].cameras, r[0].name), "errors": lambda r: (r[1].with_errors, r[0].name),
                "warnings": lambda r: (r[1].with_warnings + r[1].agency_warnings, r[0].name)}
        rows = [(org, self.scores.get(pk) or Score(pk)) for pk, org in self.organisations.items()]
        key = keys.get(sort.lstrip("-"), keys["score"])
        return sorted(rows, key=key, reverse=sort.startswith("-"))


def _rows(province: str) -> list[CameraRow]:
    rows = []
    for values in Camera.objects.filter(province_id=province).order_by().values_list(*ROW_FIELDS, *EXTRA_FIELDS):
        (pk, owner, lat, lon, area, district, status, reason, recorder, retention, link, playback,
         *extra) = values
        rows.append(CameraRow(pk, owner, None if lat is None else float(lat), None if lon is None else float(lon),
                              area, district, status, reason, recorder, retention, link, playback,
                              dict(zip(EXTRA_FIELDS, extra))))
    return rows


class _Boundary:
    def __init__(self, geojson: dict):
        from shapely.geometry import shape
        from shapely.prepared import prep

        self._shape = prep(shape(geojson))

    def covers(self, lon: float, lat: float) -> bool:
        from shapely.geometry import Point

        return self._shape.covers(Point(lon, lat))


def _boundaries(province: str) -> dict:
    areas = AdminArea.objects.filter(code__startswith=province, boundary__isnull=False)
    return {code: _Boundary(geojson) for code, geojson in areas.values_list("code", "boundary")}


def previous_counts(province: str) -> dict[int, int]:
    """Camera counts each agency submitted in the round before the province's latest one."""
    rounds = list(Round.objects.filter(province_id=province).order_by("-opens_on", "-id").values_list("id", flat=True)[:2])
    if len(rounds) < 2:
        return {}
    return dict(Submission.objects.filter(round_id=rounds[1], camera_count__isnull=False)
                .values_list("organisation_id", "camera_count"))


def province_findings(province: str) -> tuple[list[CameraRow], list[Finding], list[tuple[int, int, float]], dict]:
    """Every row, finding, cross-agency pair and pair decision of `province`, unfiltered: for callers that act
    for the whole province after their own permission check (e.g. certification counting open
    errors per agency with `checks.scores`)."""
    rows = _rows(province)
    decided = decisions(province)
    findings, pairs = run_checks(rows, boundaries=_boundaries(province), previous_counts=previous_counts(province),
                                 decisions=decided)
    return rows, findings, pairs, decided


def decisions(province: str) -> dict[tuple[int, int], str]:
    """The secretariat's verdicts on cross-agency pairs of the province."""
    found = DuplicateDecision.objects.filter(camera_a__province_id=province)
    return {(a, b): v for a, b, v in found.values_list("camera_a_id", "camera_b_id", "verdict")}


def province_report(user, province: str) -> Report:
    """The checks over `province`, reduced to what `user` may read."""
    rows, findings, pairs, decided = province_findings(province)
    visible = set(access.scope(user, Camera.objects.filter(province_id=province)).values_list("id", flat=True))
    owners = {r.owner_id for r in rows}
    orgs = access.scope(user, Organisation.objects.filter(Q(province_id=province) | Q(pk__in=owners)))
    report = Report(province, organisations={o.pk: o for o in orgs.order_by("name")})
    report.cameras = {r.id: r for r in rows if r.id in visible}
    report.findings = [f for f in findings if (f.camera_id in visible if f.camera_id else f.owner_id in report.organisations)]
    report.pairs = [p for p in pairs if p[0] in visible and p[1] in visible]
    report.decisions = {p[:2]: decided[p[:2]] for p in report.pairs if p[:2] in decided}
    all_scores = scores(rows, findings, owners=report.organisations)
    report.scores = {pk: s for pk, s in all_scores.items() if pk in report.organisations}
    return report


def pair_history(pairs: list[tuple[int, int]]) -> dict[tuple[int, int], list[DuplicateDecisionEntry]]:
    """Every decision taken on each of `pairs` (the caller shows only pairs the user may read),
    newest first, in one query."""
    wanted = set(pairs)
    if not wanted:
        return {}
    found = DuplicateDecisionEntry.objects.filter(
        camera_a_ref__in={a for a, _b in wanted}, camera_b_ref__in={b for _a, b in wanted}).select_related("decided_by")
    history: dict[tuple[int, int], list[DuplicateDecisionEntry]] = {}
    for entry in found:  # newest first (the model's ordering)
        key = (entry.camera_a_ref, entry.camera_b_ref)
        if key in wanted:
            history.setdefault(key, []).append(entry)
    return history
