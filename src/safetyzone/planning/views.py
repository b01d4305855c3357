"""The planning hub: what the user may read in each part of capability 6, with the parts' links."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from . import coverage_urls, incident_urls, plan_urls, risk_urls, selectors, zone_urls


def _links(module) -> list[tuple[str, str]]:
    return [(reverse(f"planning:{name}"), label) for name, label in module.hub_links]


@login_required
def index(request):
    links = {"risk": _links(risk_urls), "incident": _links(incident_urls), "zone": _links(zone_urls),
             "plan": _links(coverage_urls) + _links(plan_urls)}
    return render(request, "planning/index.html", {"counts": selectors.hub_counts(request.user), "links": links})
