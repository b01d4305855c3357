"""The planning hub: what the user may read in each part of capability 6, with the parts' links."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from safetyzone.core import access

from . import coverage_urls, incident_urls, plan_urls, risk_urls, selectors, zone_urls


def _links(module, user) -> list[tuple[str, str]]:
    """The part's hub links; those marked "write" only for users who may create records."""
    writer = access.is_system_admin(user) or (user.organisation_id and user.role in access.WRITE_ROLES)
    return [(reverse(f"planning:{name}"), label) for name, label, *mark in module.hub_links
            if writer or mark != ["write"]]


@login_required
def index(request):
    u = request.user
    links = {"risk": _links(risk_urls, u), "incident": _links(incident_urls, u), "zone": _links(zone_urls, u),
             "plan": _links(coverage_urls, u) + _links(plan_urls, u)}
    return render(request, "planning/index.html", {"counts": selectors.hub_counts(request.user), "links": links})
