"""What a census round says right now: its figures, and its cameras as snapshot rows.

`round_figures(round_)` reads the live registry once (one query over the cameras of the
organisations that answered) and returns a JSON-ready dict. Certification stores that dict
frozen in Certification.figures and the rows in CertifiedCamera; the provincial plan reads
the frozen dict of a certified round, or calls round_figures for a round not certified yet,
so both always use the same numbers.

Figures (all counts are integers, money is a string of a Decimal so JSON keeps it exact):
    province {code, name_th, name_en}, round {title, opens_on, deadline}
    agencies {invited, answered, with_cameras, with_none, not_answered}
    cameras  {total, working, not_working, broken, under_repair, centre, local, none}
    districts [{code, name_th, name_en, total, working, ...}]
    organisations {id: {name, total, working, ..., repair_declared, repair_unbudgeted,
                        maintenance_budget, with_maintenance_budget, repair_sources,
                        link_sources, sources, maintainers}}
    proposals [...], problems [...]   (Part 2 and Part 3 of the answering organisations)
    unit_costs {repair, link}          (the settings when the figures were taken)
"""

from collections import Counter
from decimal import Decimal

from django.conf import settings

from safetyzone.cameras.models import Camera, NetworkLink, Status
from safetyzone.core.models import AdminArea

from .models import ProblemReport, Proposal, Round, Submission, SubmissionStatus

ANSWERED = (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED)
NEEDS_REPAIR = (Status.NOT_WORKING, Status.BROKEN, Status.UNDER_REPAIR)
STATUS_KEYS = [s.value for s in Status]
LINK_KEYS = {NetworkLink.CENTRE: "centre", NetworkLink.LOCAL: "local", NetworkLink.NONE: "none"}
MAX_MAINTAINERS = 5
SNAPSHOT_FIELDS = ("id", "site__owner_id", "asset_code", "area_id", "district_id", "lat", "lon", "sector",
                   "status", "network_link", "retention_days", "playback", "maintenance_budget",
                   "budget_source", "maintainer")


def unit_costs() -> dict:
    """Estimated costs per camera (baht), from settings SAFETYZONE_REPAIR_COST_BAHT (default
    8000: repairing a camera that declares no maintenance budget) and SAFETYZONE_LINK_COST_BAHT
    (default 15000: linking one camera to a centre)."""
    return {"repair": int(getattr(settings, "SAFETYZONE_REPAIR_COST_BAHT", 8000)),
            "link": int(getattr(settings, "SAFETYZONE_LINK_COST_BAHT", 15000))}


def answered_submissions(round_: Round):
    return Submission.objects.filter(round=round_, status__in=ANSWERED)


def answering_camera_rows(round_: Round):
    """Tuples (SNAPSHOT_FIELDS) of every camera of the organisations that answered the round."""
    orgs = answered_submissions(round_).filter(has_cameras=True).values("organisation_id")
    return Camera.objects.filter(site__owner_id__in=orgs).order_by("id").values_list(*SNAPSHOT_FIELDS)


def _empty_counts() -> dict:
    return {"total": 0, **{k: 0 for k in STATUS_KEYS}, "centre": 0, "local": 0, "none": 0}


def _count(counts: dict, status: str, link: str) -> None:
    counts["total"] += 1
    counts[status] = counts.get(status, 0) + 1
    key = LINK_KEYS.get(link, "none")
    counts[key] += 1


def _org_entry(name: str) -> dict:
    return {"name": name, **_empty_counts(), "repair_declared": Decimal(0), "repair_unbudgeted": 0,
            "maintenance_budget": Decimal(0), "with_maintenance_budget": 0, "repair_sources": Counter(),
            "link_sources": Counter(), "sources": Counter(), "maintainers": []}


def _add_camera(entry: dict, row: dict) -> None:
    _count(entry, row["status"], row["network_link"])
    budget, source = row["maintenance_budget"], row["budget_source"] or ""
    entry["sources"][source] += 1
    if budget:
        entry["maintenance_budget"] += budget
        entry["with_maintenance_budget"] += 1
    if row["status"] in NEEDS_REPAIR:
        entry["repair_sources"][source] += 1
        if budget:
            entry["repair_declared"] += budget
        else:
            entry["repair_unbudgeted"] += 1
    if row["network_link"] != NetworkLink.CENTRE:
        entry["link_sources"][source] += 1
    maintainer = (row["maintainer"] or "").strip()
    if maintainer and maintainer not in entry["maintainers"] and len(entry["maintainers"]) < MAX_MAINTAINERS:
        entry["maintainers"].append(maintainer)


def _jsonable(entry: dict) -> dict:
    out = dict(entry)
    for key in ("repair_declared", "maintenance_budget"):
        out[key] = str(out[key])
    for key in ("repair_sources", "link_sources", "sources"):
        out[key] = dict(out[key].most_common())
    return out


def round_figures(round_: Round, camera_rows=None, *, on_row=None) -> dict:
    """The round's figures from the live registry. `on_row(dict)` sees every camera row, so
    certification builds its snapshot rows in the same pass."""
    subs = list(Submission.objects.filter(round=round_).select_related("organisation"))
    answered = [s for s in subs if s.status in ANSWERED]
    orgs = {s.organisation_id: _org_entry(s.organisation.name) for s in answered if s.has_cameras}
    cameras, districts = _empty_counts(), {}
    if camera_rows is None:  # the cameras of exactly the organisations read above (an agency may submit meanwhile)
        camera_rows = Camera.objects.filter(site__owner_id__in=list(orgs)).order_by("id").values_list(*SNAPSHOT_FIELDS)
    for values in camera_rows:
        row = dict(zip(SNAPSHOT_FIELDS, values))
        _count(cameras, row["status"], row["network_link"])
        _count(districts.setdefault(row["district_id"] or row["area_id"], _empty_counts()),
               row["status"], row["network_link"])
        _add_camera(orgs[row["site__owner_id"]], row)
        if on_row:
            on_row(row)
    names = AdminArea.objects.in_bulk(list(districts) + [round_.province_id])
    province = names[round_.province_id]
    return {
        "province": {"code": province.code, "name_th": province.name_th, "name_en": province.name_en},
        "round": {"id": round_.pk, "title": round_.title, "opens_on": round_.opens_on.isoformat(),
                  "deadline": round_.deadline.isoformat()},
        "agencies": {
            "invited": len(subs), "answered": len(answered),
            "with_cameras": sum(1 for s in answered if s.has_cameras),
            "with_none": sum(1 for s in answered if s.has_cameras is False),
            "not_answered": len(subs) - len(answered),
        },
        "cameras": cameras,
        "districts": [{"code": code, "name_th": names[code].name_th if code in names else code,
                       "name_en": names[code].name_en if code in names else code, **counts}
                      for code, counts in sorted(districts.items())],
        "organisations": {str(pk): _jsonable(e) for pk, e in sorted(orgs.items(), key=lambda i: i[1]["name"])},
        "proposals": _proposals(round_),
        "problems": _problems(round_),
        "unit_costs": unit_costs(),
    }


def _proposals(round_: Round) -> list[dict]:
    rows = Proposal.objects.filter(submission__round=round_, submission__status__in=ANSWERED).select_related(
        "submission__organisation", "area")
    return [{"organisation": p.submission.organisation.name, "name": p.name, "area": p.area.name_th,
             "priority": p.priority, "reason": p.reason, "reason_detail": p.reason_detail,
             "camera_count": p.camera_count, "camera_type": p.camera_type,
             "budget": str(p.estimated_budget), "budget_source": p.budget_source} for p in rows]


def _problems(round_: Round) -> list[dict]:
    rows = ProblemReport.objects.filter(submission__round=round_, submission__status__in=ANSWERED).select_related(
        "submission__organisation")
    return [{"organisation": p.submission.organisation.name, "category": p.category,
             "description": p.description, "suggestion": p.suggestion} for p in rows]
