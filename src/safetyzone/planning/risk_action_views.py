"""What is done on a risk point's page: photos (served only through the access gate, never
from MEDIA_URL), measures and their outcome, closing and reopening the point."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import risk_photos, risk_selectors, risk_services
from .models import Mitigation, RiskStatus
from .risk_forms import CloseForm, FinishMitigationForm, MitigationForm, PhotoUploadForm
from .risk_views import detail_page, readable, writable


@login_required
@require_GET
def photo(request, pk: int):
    """A photo of a risk point, for those who may read the point."""
    found = risk_selectors.photo_for_user(request.user, pk)
    if found is None or not found.image:
        raise Http404(_("No photo with this number, or you may not see it."))
    ext = found.image.name.rsplit(".", 1)[-1].lower()
    try:
        handle = found.image.open("rb")
    except FileNotFoundError:
        raise Http404(_("This photo's file is missing from the server.")) from None
    response = FileResponse(handle, content_type=risk_photos.CONTENT_TYPES.get(ext, "application/octet-stream"))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def photos_add(request, pk: int):
    point = writable(request, pk)
    form = PhotoUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            risk_services.add_photos(request.user, point.pk, form.cleaned_data["photos"])
        except ValidationError as e:
            form.add_error("photos", e.message_dict.get("photos", e.messages))
        else:
            messages.success(request, _("Photos added: %(n)s.") % {"n": len(form.cleaned_data["photos"])})
            return redirect("planning:risk_detail", pk=point.pk)
    return detail_page(request, readable(request, pk), photo_form=form, status=400)


@login_required
@require_POST
def photo_delete(request, pk: int):
    found = risk_selectors.photo_for_user(request.user, pk)
    if found is None:
        raise Http404(_("No photo with this number, or you may not see it."))
    writable(request, found.risk_point_id)
    point_id = risk_services.delete_photo(request.user, pk)
    messages.success(request, _("Photo removed."))
    return redirect("planning:risk_detail", pk=point_id)


@login_required
@require_POST
def mitigation_add(request, pk: int):
    point = writable(request, pk)
    form = MitigationForm(request.POST, user=request.user, point=point, prefix="m", instance=Mitigation())
    if form.is_valid():
        try:
            form.save_mitigation()
        except ValidationError:
            pass
        else:
            messages.success(request, _("Measure recorded."))
            return redirect("planning:risk_detail", pk=point.pk)
    return detail_page(request, readable(request, pk), mitigation_form=form, status=400)


@login_required
@require_POST
def mitigation_finish(request, pk: int):
    mitigation = risk_selectors.mitigation_for_user(request.user, pk)
    if mitigation is None:
        raise Http404(_("No measure with this number, or you may not see it."))
    point = writable(request, mitigation.risk_point_id)
    form = FinishMitigationForm(request.POST)
    if form.is_valid():
        try:
            risk_services.finish_mitigation(request.user, pk, form.cleaned_data["status"],
                                            form.cleaned_data.get("done_on"))
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("Measure updated."))
    else:
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
    return redirect("planning:risk_detail", pk=point.pk)


@login_required
@require_http_methods(["GET", "POST"])
def close(request, pk: int):
    point = writable(request, pk)
    if point.status == RiskStatus.CLOSED:  # closing twice changes nothing (the services refuse it too)
        raise PermissionDenied(_("This risk point is already closed. Reopen it first if it needs work again."))
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            risk_services.close_point(request.user, point.pk, form.cleaned_data["closed_note"],
                                      without_measures=form.cleaned_data["without_measures"])
        except ValidationError as e:
            for name, errors in e.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("Risk point “%(name)s” closed.") % {"name": point.name})
            return redirect("planning:risk_detail", pk=point.pk)
    status = 400 if request.method == "POST" else 200
    done = any(m.status == "done" for m in point.mitigations.all())
    return render(request, "planning/risk/close.html", {"point": point, "form": form, "done": done}, status=status)


@login_required
@require_POST
def reopen(request, pk: int):
    point = writable(request, pk)
    risk_services.reopen_point(request.user, point.pk)
    messages.success(request, _("Risk point “%(name)s” reopened.") % {"name": point.name})
    return redirect("planning:risk_detail", pk=point.pk)
