"""Data-quality pages: the province table of agency scores, one agency's findings, cross-agency
duplicate pairs side by side, and the findings as CSV/XLSX. Thin: the work is in census.quality;
what each user sees is decided by the access gate inside quality.selectors."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from safetyzone.core import access
from safetyzone.core.models import AdminArea, AreaLevel, Organisation

from .models import DuplicateVerdict

from .quality import messages, services
from .quality.export import findings_csv, findings_xlsx
from .quality.selectors import pair_history, province_report

PER_PAGE = 200
SORTS = ["score", "-score", "name", "-name", "cameras", "-cameras", "errors", "-errors", "warnings", "-warnings"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _province_wide(user) -> bool:
    return access.is_system_admin(user) or user.role in access.PROVINCE_READ_ROLES


def _province(request) -> AdminArea | None:
    """The province asked for (?province=15), else the user's own; None when neither."""
    code = request.GET.get("province") or getattr(request.user.organisation, "province_id", None)
    return AdminArea.objects.filter(code=code, level=AreaLevel.PROVINCE).first() if code else None


def _visible_org(user, pk) -> Organisation:
    org = access.scope(user, Organisation.objects.all()).filter(pk=pk).first()
    if org is None:
        raise Http404
    return org


@login_required
@require_GET
def overview(request):
    if not _province_wide(request.user):
        if request.user.organisation_id:
            return redirect("census:quality_org", request.user.organisation_id)
        raise Http404
    province = _province(request)
    if province is None:
        provinces = AdminArea.objects.filter(level=AreaLevel.PROVINCE)
        return render(request, "census/quality/choose.html", {"provinces": provinces})
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "score"
    report = province_report(request.user, province.code)
    return render(request, "census/quality/province.html", {
        "province": province, "report": report, "table": report.table(sort), "sort": sort,
        "summary": messages.code_counts(report.findings), "pairs": len(report.pairs)})


@login_required
@require_GET
def org_findings(request, pk: int):
    org = _visible_org(request.user, pk)
    report = province_report(request.user, org.province_id)
    findings = report.for_org(org.pk)
    code = request.GET.get("code")
    shown = [f for f in findings if f.code == code] if code in messages.TEXTS else findings
    page = Paginator(messages.items(report, shown), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "census/quality/org.html", {
        "org": org, "score": report.scores.get(org.pk), "summary": messages.code_counts(findings),
        "page": page, "code": code if code in messages.TEXTS else "",
        "province_wide": _province_wide(request.user)})


@login_required
@require_GET
def duplicates(request):
    province = _province(request)
    if province is None:
        raise Http404
    report = province_report(request.user, province.code)
    pairs = sorted(report.pairs, key=lambda p: p[:2] in report.decisions)  # undecided first
    page = Paginator(pairs, PER_PAGE // 4).get_page(request.GET.get("page"))
    history = pair_history([(a, b) for a, b, _m in page.object_list])
    page.object_list = [(report.cameras[a], report.cameras[b], metres,
                         messages.pair_fields(report, report.cameras[a], report.cameras[b]),
                         report.decisions.get((a, b), ""), history.get((a, b), []))
                        for a, b, metres in page.object_list]
    return render(request, "census/quality/duplicates.html", {
        "province": province, "page": page, "may_decide": services.may_decide(request.user),
        "verdicts": DuplicateVerdict.choices})


@login_required
@require_POST
def decide(request):
    try:
        services.decide_pair(request.user, request.POST.get("a", "0"), request.POST.get("b", "0"),
                             request.POST.get("verdict", ""), request.POST.get("note", ""))
    except ValidationError as refused:
        for text in refused.messages:
            flash.error(request, text)
    return redirect(request.POST.get("next") if url_has_allowed_host_and_scheme(
        request.POST.get("next"), allowed_hosts={request.get_host()}) else "census:quality_duplicates")


@login_required
@require_GET
def export(request, fmt: str):
    org = _visible_org(request.user, request.GET["org"]) if request.GET.get("org", "").isdigit() else None
    province = AdminArea.objects.get(code=org.province_id) if org else _province(request)
    if province is None:
        raise Http404
    report = province_report(request.user, province.code)
    findings = report.for_org(org.pk) if org else report.findings
    findings = sorted(findings, key=messages.order)  # errors first
    table = [(o, s) for o, s in report.table("score") if org is None or o.pk == org.pk]
    name = f"quality-{org.pk if org else province.code}"
    if fmt == "csv":
        response = HttpResponse(findings_csv(report, findings), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    return FileResponse(findings_xlsx(report, findings, table), as_attachment=True,
                        filename=f"{name}.xlsx", content_type=XLSX)
