"""The station head's page of unusual search and request volumes (misuse guards)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from safetyzone.core import accesslog
from safetyzone.core.models import User

from . import misuse
from .models import VolumeKind, VolumeWindow


def _station(request):
    station = misuse.head_station(request.user)
    if station is None:
        raise PermissionDenied
    return station


@login_required
@require_GET
def volumes(request):
    station = _station(request)
    misuse.refresh_flags(request.user)
    rows, medians = misuse.volumes(request.user)
    flags = misuse.station_flags(request.user)
    kinds, windows = dict(VolumeKind.choices), dict(VolumeWindow.choices)
    columns = [{"label": f"{kinds[k]} · {windows[w]}", "median": medians[(k, w)],
                "limit": misuse.limits()[(k, w)]} for k, w in misuse.COLUMNS]
    return render(request, "footage/misuse/page.html", {
        "station": station, "rows": rows, "columns": columns, "factor": f"{misuse.median_factor():g}",
        "floor": misuse.median_floor(),
        "open_flags": flags.filter(acknowledged_at__isnull=True),
        "done_flags": flags.filter(acknowledged_at__isnull=False)[:50]})


@login_required
@require_POST
def acknowledge(request, pk: int):
    _station(request)
    try:
        misuse.acknowledge(request.user, pk, request.POST.get("note", ""))
    except ValidationError as e:
        for text in e.message_dict.get("note", []):
            messages.error(request, _("Note: %(error)s") % {"error": text})
    else:
        messages.success(request, _("Flag acknowledged."))
    return redirect("footage:misuse")


@login_required
@require_GET
def activity(request, user_pk: int):
    station = _station(request)
    person = User.objects.filter(pk=user_pk, organisation=station).first()
    if person is None:
        raise Http404
    accesslog.record(request.user, "view_search_activity", person, purpose=_("misuse review"), request=request)
    return render(request, "footage/misuse/activity.html", {
        "station": station, "person": person, **misuse.recent_activity(request.user, person.pk)})
