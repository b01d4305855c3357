"""The investigator's pages: find cameras on the map, send a request, follow it, judge usability."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safetyzone.cameras.models import Camera
from safetyzone.cameras.selectors import extent
from safetyzone.cameras.views import tile_settings
from safetyzone.core import access, accesslog

from . import selectors, services
from .finder import find_cameras
from .forms import RequestForm, SearchForm


def _error_text(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


def _log_contacts(request, result, data) -> None:
    """Showing the results shows camera contact people: one access-log entry per search."""
    shown = [h.camera for h in result.available + result.gone if h.camera.contact_name or h.camera.contact_phone]
    if shown:
        ids = sorted(c.pk for c in shown)
        accesslog.record(request.user, "read_contact", shown[0], request=request,
                         purpose=(f"footage search, case {data.get('case_ref', '')}: {len(ids)} cameras with contacts, "
                                  f"ids {ids[0]}-{ids[-1]}"))


def _map_config(request, hits=()) -> dict:
    cams = access.scope(request.user, Camera.objects.all())
    return {"tiles": tile_settings(), "extent": extent(cams),
            "hits": [{"id": h.camera.pk, "lat": float(h.camera.lat), "lon": float(h.camera.lon),
                      "label": str(h.camera.point or h.camera.site.name)} for h in hits]}


@login_required
def find(request):
    """Mark the incident, search, pick cameras, send: one page."""
    if not access.can_request_footage(request.user):
        raise PermissionDenied(_("Only police investigators search for cameras and request footage."))
    action = request.POST.get("action")
    search = SearchForm(request.POST or None, user=request.user)
    send = RequestForm(request.POST, user=request.user) if action == "send" else None
    result, status = None, 200
    if request.method == "POST" and search.is_valid():
        data = search.cleaned_data
        result = find_cameras(request.user, lat=data["lat"], lon=data["lon"], radius_m=data["radius_m"],
                              starts_at=data["starts_at"], ends_at=data["ends_at"])
        if send is None:
            services.record_search(request.user, data, results=len(result.available) + len(result.gone))
        elif send.is_valid():
            hits = {h.camera.pk: h for h in result.available}
            try:
                req = services.create_request(request.user, send.cleaned_data, send.cleaned_data["cameras"], hits=hits)
            except ValidationError as exc:
                messages.error(request, _error_text(exc))
                status = 400
            else:
                messages.success(request, _("The request was sent to the owners of %(n)s cameras.")
                                 % {"n": req.items.count()})
                return redirect("footage:request", pk=req.pk)
        else:
            status = 400  # the results stay on the page with the send form's errors
        _log_contacts(request, result, data)
    elif request.method == "POST":
        status = 400
    # the search fields show their errors in the search form; the send form keeps what was typed
    send_form = send or RequestForm(initial=search.cleaned_data if result else None, user=request.user)
    chosen = {int(pk) for pk in request.POST.getlist("cameras") if pk.isdigit()} if send else set()
    context = {"form": search, "send_form": send_form, "result": result, "chosen": chosen,
               "map_config": _map_config(request, result.available if result else ())}
    return render(request, "footage/requests/find.html", context, status=status)


@login_required
def request_list(request):
    rows = selectors.visible_requests(request.user)
    return render(request, "footage/requests/list.html", {"rows": rows[:200],
                                                            "can_request": access.can_request_footage(request.user)})


def _visible(request, pk: int):
    req = selectors.request_or_none(request.user, pk)
    if req is None:
        raise Http404(_("Not found, or not visible to your organisation."))
    return req


@login_required
def request_detail(request, pk: int):
    req = _visible(request, pk)
    can_manage = access.scope(request.user, type(req).objects.filter(pk=pk), write=True).exists()
    items = selectors.request_items(request.user, req)
    _log_owner_phones(request, req, items)
    context = {"req": req, "items": items, "can_manage": can_manage}
    return render(request, "footage/requests/detail.html", context)


def _log_owner_phones(request, req, items) -> None:
    """The page shows each owner's phone (a household's is a person's): one access-log entry per view."""
    owners = sorted({i.owner for i in items if i.owner.contact_phone and i.owner_id != request.user.organisation_id},
                    key=lambda o: o.pk)
    if owners:
        accesslog.record(request.user, "read_contact", owners[0], request=request,
                         purpose=f"footage request {req.case_ref or req.pk}: {len(owners)} owners' phones, "
                                 f"ids {', '.join(str(o.pk) for o in owners)}"[:200])


@login_required
@require_POST
def request_end(request, pk: int, how: str):
    req = _visible(request, pk)
    try:
        if how == "close":
            services.close_request(request.user, req)
        else:
            services.cancel_request(request.user, req, request.POST.get("reason", ""))
    except PermissionDenied:
        raise
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return redirect("footage:request", pk=pk)


@login_required
@require_POST
def judge(request, pk: int, item_pk: int):
    req = _visible(request, pk)
    item = req.items.filter(pk=item_pk).first()
    if item is None:
        raise Http404(_("Not found, or not visible to your organisation."))
    usable = {"yes": True, "no": False}.get(request.POST.get("usable"))
    try:
        services.judge_usable(request.user, item, usable, request.POST.get("note", ""))
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Recorded."))
    return redirect("footage:request", pk=pk)
