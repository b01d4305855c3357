"""Field verification pages: the secretariat assigns and follows up; the inspector visits.

Thin: who may do what and every write live in census/verification.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safetyzone.core import accesslog

from . import verification, verification_flags
from .models import Inspection, InspectionStatus, VisitResult
from .verification_forms import AssignForm
from .verification_photos import CONTENT_TYPES

PER_PAGE = 100


@login_required
@require_http_methods(["GET", "POST"])
def assign(request):
    verification.require_assigner(request.user)
    form = AssignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            ids = form.camera_ids()
            made = verification.assign(request.user, ids, form.cleaned_data["inspector"],
                                       due_on=form.cleaned_data["due_on"], census_round=form.cleaned_data["round"])
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("%(n)s cameras assigned to %(who)s (seed %(seed)s).") % {
                "n": len(made), "who": form.cleaned_data["inspector"], "seed": form.cleaned_data["seed"]})
            return redirect("census:verify_assignments")
    return render(request, "census/verification/assign.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_GET
def assignments(request):
    verification.require_assigner(request.user)
    inspections = verification.visible_inspections(request.user)
    by_inspector = (inspections.values("inspector__username", "inspector__first_name", "inspector__last_name")
                    .annotate(total=Count("id"), done=Count("id", filter=Q(status=InspectionStatus.DONE)))
                    .order_by("inspector__username"))
    rows = (inspections.select_related("camera__site__owner", "inspector")
            .annotate(visit_count=Count("visits")).order_by("-assigned_at", "-id"))
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "census/verification/assignments.html", {
        "by_inspector": by_inspector, "page": page,
        "by_organisation": verification.verification_by_organisation(inspections)})


def _flags_page(request, *, errors=None, typed=None, status=200):
    show = request.GET.get("show") if request.GET.get("show") in verification_flags.SHOWS else verification_flags.OPEN
    visits = verification_flags.flagged_visits(request.user, show)
    page = Paginator(visits, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    for visit in page.object_list:  # a refused acknowledgement shows its message and keeps the typed note
        visit.ack_errors, visit.typed_note = (errors or {}).get(visit.pk, []), (typed or {}).get(visit.pk, "")
    for pk in set(errors or {}) - {visit.pk for visit in page.object_list}:  # e.g. acknowledged meanwhile
        for text in errors[pk]:
            messages.error(request, text)
    hidden = 0 if show != verification_flags.OPEN else \
        verification_flags.flagged_visits(request.user, verification_flags.ACKNOWLEDGED).count()
    return render(request, "census/verification/flags.html", {
        "page": page, "show": show, "hidden": hidden, "note_max": verification_flags.NOTE_MAX}, status=status)


@login_required
@require_GET
def flags(request):
    return _flags_page(request)


@login_required
@require_POST
def acknowledge_flag(request, pk: int):
    note = request.POST.get("note", "")
    try:
        verification_flags.acknowledge(request.user, pk, note)
    except ValidationError as exc:
        return _flags_page(request, errors={pk: exc.messages}, typed={pk: note}, status=400)
    messages.success(request, _("Flag acknowledged; it is now among the acknowledged flags."))
    return redirect("census:verify_flags")


@login_required
@require_GET
def my_assignments(request):
    inspections = (Inspection.objects.filter(inspector=request.user)
                   .select_related("camera__site__owner").annotate(visit_count=Count("visits")))
    return render(request, "census/verification/mine.html", {"inspections": inspections})


@login_required
@require_http_methods(["GET", "POST"])
def visit(request, pk: int):
    # An assignment is the inspector's own: anyone else gets "not found", not a hint it exists.
    inspection = get_object_or_404(Inspection.objects.select_related("camera__site__owner"),
                                   pk=pk, inspector=request.user)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        post = request.POST
        try:
            verification.record_visit(
                request.user, inspection.pk, result=post.get("result", ""), lat=post.get("lat"),
                lon=post.get("lon"), accuracy=post.get("accuracy"), fix_ms=post.get("fix_ms"),
                photo=request.FILES.get("photo"), new_lat=post.get("new_lat"), new_lon=post.get("new_lon"),
                note=post.get("note", ""))
        except ValidationError as exc:
            errors = exc.message_dict
        else:
            messages.success(request, _("Saved: %(camera)s.") % {"camera": inspection.camera})
            return redirect("census:verify_mine")
    previous = inspection.visits.select_related("inspector")
    return render(request, "census/verification/visit.html", {
        "inspection": inspection, "camera": inspection.camera, "previous": previous, "errors": errors,
        "data": request.POST, "results": VisitResult.choices}, status=400 if errors else 200)


@login_required
@require_GET
def photo(request, pk: int):
    """A visit photo may show people: only through the gate, and every view is logged."""
    visit = verification.visible_visits(request.user).filter(pk=pk).first()
    if visit is None or not visit.photo:
        raise Http404(_("No photo with this number, or it is not yours to see."))
    accesslog.record(request.user, "view_verification_photo", visit, purpose="field verification photo",
                     request=request)
    ext = visit.photo.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(visit.photo.open("rb"), content_type=CONTENT_TYPES.get(ext, "application/octet-stream"))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
