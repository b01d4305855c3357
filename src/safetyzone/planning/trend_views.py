"""The yearly trend page: each area's count against its 3-year average, the target and the test."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import trend_selectors
from .incident_exports import download
from .incident_forms import TrendForm


def verdict_labels() -> dict[str, str]:
    return {"lower": _("Significantly lower"), "not_lower": _("Not significantly lower"),
            "too_few": _("Too few incidents to tell"), "no_incidents": _("No incidents")}


def _compute(request):
    form = TrendForm(request.GET, user=request.user)
    if not form.is_valid():
        return form, None
    d = form.cleaned_data
    return form, trend_selectors.trend_table(request.user, d["area"], d["fiscal_year"], d["group"])


def _name(row, table, area_label: str) -> str:
    if row is table.total:
        return _("Total")
    if row.name:
        return row.name
    return _("%(area)s, no finer area given") % {"area": area_label} if row.code else _("No district given")


@login_required
def trend(request):
    form, table = _compute(request)
    area_label = dict(form.fields["area"].choices).get(form.data.get("area"), "").strip()
    if table is not None:
        for row in [*table.rows, *([table.total] if table.total else [])]:
            row.label = _name(row, table, area_label)
    return render(request, "planning/incidents/trend.html", {
        "form": form, "table": table, "verdicts": verdict_labels(), "query": request.GET.urlencode(),
        "target_pct": round(trend_selectors.DEFAULT_TARGET * 100)})


@login_required
def trend_download(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    form, table = _compute(request)
    if table is None:
        raise Http404
    area_label = dict(form.fields["area"].choices).get(form.data.get("area"), "").strip()
    verdicts = verdict_labels()
    headers = [_("Area code"), _("Area")] + [_("FY %(year)s") % {"year": y} for y in table.years] + [
        _("3-year average"), _("FY %(year)s") % {"year": table.fiscal_year}, _("Change (%)"),
        _("Target: at most"), _("Target met"), _("p-value (lower than the average)"), _("Rate ratio, 95% interval"),
        _("Verdict")]
    rows = []
    for row in [*table.rows, *([table.total] if table.total else [])]:
        t = row.trend
        met = "" if t.target_met is None else (_("yes") if t.target_met else _("no"))
        high = "∞" if t.ratio_ci[1] == float("inf") else f"{t.ratio_ci[1]:.2f}"
        rows.append([row.code, _name(row, table, area_label), *row.previous, round(t.baseline, 2), row.current,
                     None if row.change_pct is None else round(row.change_pct, 1), round(t.target_count, 2), met,
                     round(t.p_lower, 4), f"{t.ratio_ci[0]:.2f}-{high}", verdicts[t.verdict]])
    return download(fmt, f"crime-trend-{table.fiscal_year}", _("Trend"), headers, rows)
