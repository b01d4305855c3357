"""The owner delivers footage: the delivery page, the resumable upload API driven by
static/footage/upload.js, and recording a hand-over on a medium. Thin: uploads.py and
evidence_store.py do the work."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import upload_finish, uploads
from .evidence_forms import MediumForm, UploadStartForm
from .evidence_store import Refused, record_medium, writable_item


def _refused(exc: ValidationError) -> JsonResponse:
    body = {"error": " ".join(exc.messages)}
    if getattr(exc, "offset", None) is not None:
        body["offset"] = exc.offset
    return JsonResponse(body, status=getattr(exc, "status", 400))


def _state(upload) -> dict:
    return {"id": str(upload.pk), "size": upload.size, "offset": upload.received, "chunk_size": upload.chunk_size,
            "url": reverse("footage:upload_session", args=[upload.pk]),
            "complete_url": reverse("footage:upload_complete", args=[upload.pk])}


def refused_page(request, exc: Refused, status: int | None = None, next_url: str | None = None):
    """The page that says why a step was refused (with the refusal's HTTP status unless given);
    `next_url` is where to go on (the evidence page, to ask for a new link)."""
    return render(request, "footage/evidence/refused.html", {"message": " ".join(exc.messages),
                                                               "next_url": next_url}, status=status or exc.status)


def _item_or_refusal(user, pk):
    with transaction.atomic():
        return writable_item(user, pk)


@login_required
@require_http_methods(["GET"])
def deliver(request, pk: int):
    try:
        item = _item_or_refusal(request.user, pk)
    except Refused as exc:
        return refused_page(request, exc, status=exc.status if exc.status != 409 else 400)
    return render(request, "footage/evidence/deliver.html", {
        "item": item, "form": UploadStartForm(camera=item.camera), "medium_form": MediumForm(camera=item.camera, prefix="medium"),
        "delivered": item.evidence.order_by("received_at")})


@login_required
@require_POST
def upload_start(request, pk: int):
    try:
        item = _item_or_refusal(request.user, pk)
    except Refused as exc:
        return _refused(exc)
    form = UploadStartForm(request.POST, camera=item.camera)
    if not form.is_valid():
        return JsonResponse({"error": _("Please correct the marked fields."),
                             "fields": {k: [str(m) for m in v] for k, v in form.errors.items()}}, status=400)
    try:
        upload = uploads.start(request.user, pk, filename=form.cleaned_data["filename"],
                               size=form.cleaned_data["size"], sha256=form.cleaned_data["sha256"], clip=form.clip())
    except ValidationError as exc:
        return _refused(exc)
    return JsonResponse(_state(upload), status=201)


@login_required
@require_http_methods(["GET", "HEAD", "PUT", "DELETE"])
def upload(request, upload_id):
    """GET/HEAD: how much arrived (Upload-Offset); PUT: one chunk; DELETE: give up."""
    try:
        if request.method == "PUT":
            found = uploads.receive_chunk(request.user, upload_id, content_range=request.headers.get("Content-Range"),
                                          digest_header=request.headers.get("Content-Digest"), stream=request)
        else:
            found = uploads.get(request.user, upload_id)
            if request.method == "DELETE":
                uploads.discard(found)
                return JsonResponse({"cancelled": True})
    except ValidationError as exc:
        return _refused(exc)
    response = JsonResponse(_state(found))
    response["Upload-Offset"] = str(found.received)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def upload_complete(request, upload_id):
    try:
        evidence = upload_finish.complete(request.user, upload_id, client_chain=request.POST.get("chain", ""),
                                    http_request=request)
    except ValidationError as exc:
        return _refused(exc)
    messages.success(request, _("Received “%(name)s” (%(size)s bytes, SHA-256 %(sha)s). Thank you.") % {
        "name": evidence.original_name, "size": f"{evidence.size:,}", "sha": evidence.sha256})
    return JsonResponse({"evidence": evidence.pk, "sha256": evidence.sha256, "size": evidence.size,
                         "next": reverse("footage:upload", args=[evidence.item_id])})


@login_required
@require_POST
def medium(request, pk: int):
    try:
        item = _item_or_refusal(request.user, pk)
    except Refused as exc:
        return refused_page(request, exc, status=exc.status if exc.status != 409 else 400)
    form = MediumForm(request.POST, camera=item.camera, prefix="medium")
    if form.is_valid():
        try:
            record_medium(request.user, pk, medium=form.cleaned_data["medium"], clip=form.clip(), http_request=request)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Recorded: footage handed over on “%(medium)s”.")
                             % {"medium": form.cleaned_data["medium"]})
            return redirect("footage:upload", pk=pk)
    return render(request, "footage/evidence/deliver.html", {
        "item": item, "form": UploadStartForm(camera=item.camera), "medium_form": form,
        "delivered": item.evidence.order_by("received_at")}, status=400)
