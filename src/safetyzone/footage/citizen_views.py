"""Citizens' asks: the public form and private status link (no account), and the police
station's review queue. Viewing a citizen's details writes the access log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from safetyzone.cameras.views import tile_settings
from safetyzone.core import access, accesslog
from safetyzone.core.models import OrgKind, Role

from . import citizen_services as svc
from .citizen_forms import ApproveForm, CitizenAskForm, RejectForm
from .custody import client_ip
from .models import CitizenRequest, CitizenStatus


def _private(response):
    """A citizen's status page: never cached, never indexed, its link never sent on as a referrer."""
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
def ask(request):
    form = CitizenAskForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                made = svc.submit(form.cleaned_data, ip=client_ip(request))
            except svc.RateLimited as exc:
                form.add_error(None, exc.messages[0])
                status = 429
            else:
                return redirect("footage:citizen_status", token=made.token)
    return render(request, "footage/citizen/new.html", {"form": form, "map_config": {"tiles": tile_settings()}},
                  status=status)


@require_GET
def ask_status(request, token):
    made = CitizenRequest.objects.filter(token=token).select_related("reviewed_by__organisation").first()
    if made is None:
        raise Http404
    return _private(render(request, "footage/citizen/status.html", {
        "ask": made, "progress": svc.progress(made),
        "station": made.reviewed_by.organisation if made.reviewed_by_id else None}))


def _reviewer(user) -> bool:
    org = getattr(user, "organisation", None)
    return access.is_system_admin(user) or bool(
        org and org.kind == OrgKind.POLICE_STATION and user.role in (Role.INVESTIGATOR, Role.ORG_ADMIN))


@login_required
@require_GET
def queue(request):
    if not _reviewer(request.user):
        raise PermissionDenied
    asks = svc.reviewable(request.user).select_related("province")
    return render(request, "footage/citizen/queue.html", {
        "pending": asks.filter(status=CitizenStatus.PENDING).order_by("created_at")[:200],
        "reviewed": asks.exclude(status=CitizenStatus.PENDING).order_by("-reviewed_at")[:50]})


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk: int):
    if not _reviewer(request.user):
        raise PermissionDenied
    made = svc.reviewable(request.user).select_related("province", "request").filter(pk=pk).first()
    if made is None:
        raise Http404
    approve_form = ApproveForm(initial={"case_ref": made.police_report_no, "radius_m": 100,
                                        "purpose": _("Citizen's ask #%(id)s") % {"id": made.pk}})
    reject_form, status = RejectForm(), 200
    if request.method == "POST":
        action = request.POST.get("action")
        form = ApproveForm(request.POST) if action == "approve" else RejectForm(request.POST)
        if form.is_valid():
            try:
                if action == "approve":
                    svc.approve(request.user, made.pk, id_checked=request.POST.get("id_checked") == "on",
                                **form.cleaned_data)
                    messages.success(request, _("Approved: the footage request was sent to the camera owners."))
                else:
                    svc.reject(request.user, made.pk, form.cleaned_data["note"])
                    messages.success(request, _("Rejected; the citizen sees your note."))
                return redirect("footage:citizen_review", pk=made.pk)
            except ValidationError as exc:
                form.add_error(None, " ".join(exc.messages))
        status = 400
        if action == "approve":
            approve_form = form
        else:
            reject_form = form
    accesslog.record(request.user, "view_citizen_ask", made, purpose=_("review of a citizen's ask"), request=request)
    return render(request, "footage/citizen/review.html", {
        "ask": made, "approve_form": approve_form, "reject_form": reject_form,
        "can_approve": access.can_request_footage(request.user)}, status=status)
