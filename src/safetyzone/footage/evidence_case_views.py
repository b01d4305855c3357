"""The case's evidence for those who may see the case: files with their digests, clock offset
and UTC times, the custody log and whether its chain holds, short-lived links, copies given
out, and the custody report PDF. Every access asks why and is written to the custody log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import custody
from .evidence_access import (
    DOWNLOAD,
    VIEW,
    case_evidence,
    custody_log,
    link_max_age,
    make_link,
    open_link,
    record_page_view,
    record_share,
    visible_evidence,
    visible_request,
)
from .evidence_forms import PurposeForm, ShareForm
from .evidence_store import Refused
from .evidence_views import refused_page


def _page(request, pk, *, link=None, forms=None, status=200, log_view=False):
    case = case_evidence(request.user, pk)
    if log_view:  # before the log is read: the page shows its own view
        record_page_view(request.user, case, http_request=request)
    forms = forms or {}
    return render(request, "footage/evidence/case.html", {
        "case": case, "log": custody_log(case), "chain": custody.state(case), "link": link,
        "link_minutes": link_max_age() // 60, "purpose_form": forms.get("purpose") or PurposeForm(),
        "share_form": forms.get("share") or ShareForm(), "report_form": forms.get("report") or PurposeForm(),
        "failed_for": forms.get("evidence")}, status=status)


@login_required
@require_GET
def case(request, pk: int):
    """Opening the page is a view of every file's details (one custody entry). The answers to
    the page's own forms show it again after a step that is logged itself, or refused."""
    return _page(request, pk, log_view=True)


@login_required
@require_POST
def link(request, pk: int):
    evidence = visible_evidence(request.user, pk)
    form = PurposeForm(request.POST)
    mode = VIEW if request.POST.get("mode") == VIEW else DOWNLOAD
    if form.is_valid():
        try:
            token = make_link(request.user, pk, purpose=form.cleaned_data["purpose"], mode=mode, http_request=request)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            return _page(request, evidence.item.request_id, link={
                "evidence": evidence, "mode": mode, "url": reverse("footage:evidence_get", args=[token])})
    return _page(request, evidence.item.request_id, forms={"purpose": form, "evidence": evidence.pk}, status=400)


@login_required
@require_GET
def get(request, token: str):
    try:
        opened = open_link(request.user, token, http_request=request)
    except Refused as exc:
        case_id = getattr(exc, "case_id", None)
        return refused_page(request, exc, next_url=reverse("footage:evidence_case", args=[case_id]) if case_id else None)
    evidence = opened.evidence
    response = FileResponse(opened.handle, as_attachment=opened.mode == DOWNLOAD,
                            filename=evidence.original_name or f"evidence-{evidence.pk}",
                            content_type=evidence.content_type or "application/octet-stream")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Digest"] = f"sha-256={evidence.sha256}"
    return response


@login_required
@require_POST
def share(request, pk: int):
    evidence = visible_evidence(request.user, pk)
    form = ShareForm(request.POST)
    if form.is_valid():
        record_share(request.user, pk, recipient=form.cleaned_data["recipient"],
                     purpose=form.cleaned_data["purpose"], http_request=request)
        messages.success(request, _("Recorded in the custody log: a copy of “%(file)s” given to %(who)s.")
                         % {"file": evidence, "who": form.cleaned_data["recipient"]})
        return redirect("footage:evidence_case", pk=evidence.item.request_id)
    return _page(request, evidence.item.request_id, forms={"share": form, "evidence": evidence.pk}, status=400)


@login_required
@require_POST
def report(request, pk: int):
    from .evidence_report import custody_report_pdf

    case = visible_request(request.user, pk)
    form = PurposeForm(request.POST)
    if not form.is_valid():
        return _page(request, pk, forms={"report": form}, status=400)
    data = custody_report_pdf(request.user, case, purpose=form.cleaned_data["purpose"], http_request=request)
    response = HttpResponse(data, content_type="application/pdf")
    name = f"custody-{case.case_ref or case.pk}".replace("/", "-")
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.pdf")
    response["Cache-Control"] = "private, no-store"
    return response
