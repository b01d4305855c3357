"""The dashboard map's extra layers: proposed points (Part 2) and problems (Part 3).

Proposals have their own coordinates. A problem belongs to an organisation, so it is drawn
at the mean point of that organisation's cameras (one GROUP BY over the organisations with
problems); problems of organisations without cameras are only listed under the map.
"""

from django.db.models import Avg, FloatField
from django.db.models.functions import Cast

from safetyzone.cameras.models import Camera
from safetyzone.census.models import ProblemCategory, ProposalReason
from safetyzone.core import access

from . import selectors
from .drill import Drill

MAX_PROPOSALS = 2000
MAX_PROBLEMS = 2000


def layers(drill: Drill) -> dict:
    rounds = selectors.latest_rounds()
    reasons = dict(ProposalReason.choices)
    proposals = [
        {"lat": float(p["lat"]), "lon": float(p["lon"]), "name": p["name"], "reason": str(reasons.get(p["reason"], "")),
         "cameras": p["camera_count"], "budget": float(p["estimated_budget"]),
         "organisation": p["submission__organisation__name"]}
        for p in selectors.proposals(drill, rounds).order_by("id").values(
            "lat", "lon", "name", "reason", "camera_count", "estimated_budget", "submission__organisation__name",
        )[:MAX_PROPOSALS]
    ]
    categories = dict(ProblemCategory.choices)
    reports = list(selectors.problems(drill, rounds).order_by("submission__organisation__name", "id").values(
        "id", "category", "description", "submission__organisation_id", "submission__organisation__name",
    )[:MAX_PROBLEMS])
    org_ids = {r["submission__organisation_id"] for r in reports}
    # the mean point of each organisation's cameras, over the cameras the user may read
    centres = {
        row["site__owner_id"]: (row["lat"], row["lon"])
        for row in access.scope(drill.user, Camera.objects.filter(site__owner_id__in=org_ids)).order_by()
        .values("site__owner_id").annotate(lat=Avg(Cast("lat", FloatField())), lon=Avg(Cast("lon", FloatField())))
    }
    points, unplaced = {}, []
    for r in reports:
        item = {"category": str(categories.get(r["category"], r["category"])), "text": r["description"],
                "organisation": r["submission__organisation__name"]}
        where = centres.get(r["submission__organisation_id"])
        if where is None:
            unplaced.append(item)
            continue
        point = points.setdefault(r["submission__organisation_id"], {
            "lat": round(where[0], 6), "lon": round(where[1], 6), "organisation": item["organisation"],
            "items": []})
        point["items"].append({"category": item["category"], "text": item["text"]})
    return {"proposals": proposals, "problem_points": list(points.values()), "unplaced": unplaced,
            "proposal_count": len(proposals), "problem_count": len(reports)}
