"""Certification and provincial-plan pages. Thin: the work is in certify.py, plan.py and
plan_files.py. Who may see them: the province's secretariat and committee, and system admins
(access.can_certify_round); the round itself is fetched through the access gate.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from safetyzone.cameras.models import Status
from safetyzone.core import access

from . import certify, plan, plan_files
from .models import Certification, Round, RoundStatus

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LIST_LIMIT = 500  # rows shown per comparison table; the counts are always complete


class CertifyForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for certifying with open issues"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
    confirm = forms.BooleanField(label=gettext_lazy("I confirm the committee certifies these figures"))


def _round(user, pk: int) -> Round:
    province_id = Round.objects.filter(pk=pk).values_list("province_id", flat=True).first()
    if province_id is None:
        raise Http404(_("Not found, or not visible to your organisation."))
    round_ = access.scope(user, Round.objects.select_related("province")).filter(pk=pk).first()
    if round_ is None or not access.can_certify_round(user, province_id):
        raise PermissionDenied(_("Only the province's committee, its secretariat and system admins see this page."))
    return round_


def _certification(user, pk: int) -> Certification:
    cert = Certification.objects.select_related("round__province", "certified_by").filter(pk=pk).first()
    if cert is None:
        raise Http404(_("Not found, or not visible to your organisation."))
    _round(user, cert.round_id)
    return cert


def _round_url(round_: Round) -> str | None:
    """The round's own page, when the rounds pages are installed."""
    try:
        return reverse("census:round", args=[round_.pk])
    except NoReverseMatch:
        return None


def _history(round_: Round) -> list:
    """Every state change of the round, with its labels."""
    labels = dict(RoundStatus.choices)
    return [(t, labels.get(t.from_status, "–"), labels.get(t.to_status, t.to_status))
            for t in round_.transitions.filter(submission=None).select_related("by")]


@login_required
@require_http_methods(["GET", "POST"])
def certify_round(request, pk: int):
    round_ = _round(request.user, pk)
    issues = certify.open_issues(round_)
    form = CertifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cert = certify.certify(request.user, round_, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error("reason" if issues else None, " ".join(exc.messages))
        else:
            messages.success(request, _("The round is certified. The figures below are frozen."))
            return redirect("census:certification", cert.pk)
    context = {"round": round_, "issues": issues, "form": form, "round_url": _round_url(round_),
               "can_certify": round_.status == RoundStatus.CLOSED,
               "certifications": round_.certifications.select_related("certified_by"),
               "history": _history(round_)}
    return render(request, "census/certify/round.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def certification(request, pk: int):
    cert = _certification(request.user, pk)
    latest = cert.round.certifications.filter(superseded_at__isnull=True).exclude(pk=cert.pk).first()
    f = cert.figures
    return render(request, "census/certify/figures.html", {
        "cert": cert, "round": cert.round, "f": f, "latest": latest, "round_url": _round_url(cert.round),
        "organisations": list(f.get("organisations", {}).values()),
        "others": Certification.objects.filter(round__province_id=cert.round.province_id).exclude(pk=cert.pk),
    })


def _labelled(rows: list[dict]) -> list[dict]:
    """Rows with their status in words ("Broken → Working")."""
    labels = dict(Status.choices)
    for r in rows:
        words = [labels.get(r["status_before"], r["status_before"])] if r.get("status_before") else []
        r["status_text"] = " → ".join(str(w) for w in words + [labels.get(r["status"], r["status"])])
    return rows


@login_required
@require_GET
def compare(request):
    try:
        a, b = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
    except ValueError:  # nothing chosen yet: the certifications of the user's province
        rounds_ = access.scope(request.user, Round.objects.all())
        if not access.is_system_admin(request.user):
            rounds_ = rounds_.filter(province_id=getattr(request.user.organisation, "province_id", None))
        mine = [r.pk for r in rounds_ if access.can_certify_round(request.user, r.province_id)]
        choices = Certification.objects.filter(round__in=mine).select_related("round__province")
        return render(request, "census/certify/compare.html", {"choices": choices, "limit": LIST_LIMIT,
                                                                "hint": _("Choose two certifications to compare.")})
    cert_a, cert_b = _certification(request.user, a), _certification(request.user, b)
    choices = Certification.objects.filter(round__province_id=cert_a.round.province_id).select_related("round")
    context = {"a": cert_a, "b": cert_b, "choices": choices, "limit": LIST_LIMIT}
    try:
        context["diff"] = certify.compare(cert_a, cert_b)
    except ValidationError as exc:
        context["error"] = " ".join(exc.messages)
        return render(request, "census/certify/compare.html", context, status=400)
    diff = context["diff"]
    context["tables"] = [(key, label, _labelled(getattr(diff, key)[:LIST_LIMIT]), diff.counts[key]) for key, label in (
        ("added", _("Cameras added")), ("removed", _("Cameras removed")), ("repaired", _("Repaired")),
        ("broken_since", _("Broken since")), ("moved", _("Moved more than 20 m")))]
    return render(request, "census/certify/compare.html", context)


@login_required
@require_GET
def plan_page(request, pk: int):
    round_ = _round(request.user, pk)
    return render(request, "census/certify/plan.html", {"plan": plan.build(round_), "round": round_,
                                                         "round_url": _round_url(round_)})


@login_required
@require_GET
def plan_file(request, pk: int, fmt: str):
    round_ = _round(request.user, pk)
    with translation.override("th"):  # the committee's document is in Thai
        built = plan.build(round_)
        data = plan_files.plan_xlsx(built) if fmt == "xlsx" else plan_files.plan_pdf(built)
    name = f"cctv-plan-{round_.province_id}-{round_.pk}-{timezone.localdate():%Y%m%d}.{fmt}"
    response = HttpResponse(data, content_type=XLSX if fmt == "xlsx" else "application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
