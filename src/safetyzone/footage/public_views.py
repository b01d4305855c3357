"""The public page (no login): aggregate counts of footage requests only, never a case, an
owner, a camera or a place finer than a district."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from safetyzone.core.models import AdminArea, AreaLevel
from safetyzone.dashboard.tables import Column, Row, csv_response

from . import stats, stats_tables
from .models import FootageRequest
from .stats_views import table_context


def by_district(tally: stats.Tally) -> stats_tables.StatsTable:
    groups = tally.by("camera__district_id")
    names = {a.code: a.name for a in AdminArea.objects.filter(code__in=[k for k in groups if k])}
    cols = [Column(_("Requests")), Column(_("Cameras asked")), Column(_("Usable as evidence (%)"), "pct"),
            Column(_("Answered before overwrite (%)"), "pct")]
    rows = sorted(((names.get(k) or _("Not in a district"), f) for k, f in groups.items()),
                  key=lambda lf: (-lf[1].request_count, lf[0]))
    return stats_tables.StatsTable(
        "districts", _("By district"), cols,
        [Row(label, [f.request_count, f.items, f.share_usable, f.share_in_time]) for label, f in rows],
        first_column=_("District"))


def public_month_table(tally: stats.Tally) -> stats_tables.StatsTable:
    cols = [Column(_("Requests")), Column(_("Cameras asked")), Column(_("Usable as evidence (%)"), "pct"),
            Column(_("Answered before overwrite (%)"), "pct")]
    return stats_tables.StatsTable(
        "months", _("Requests per month"), cols,
        [Row(stats_tables.month_label(m), [f.request_count, f.items, f.share_usable, f.share_in_time])
         for m, f in sorted(tally.by("month").items())], first_column=_("Month"))


@require_GET
def public_page(request):
    provinces = AdminArea.objects.filter(
        level=AreaLevel.PROVINCE,
        code__in=FootageRequest.objects.exclude(status="cancelled").values("province_id")).order_by("code")
    code = request.GET.get("province", "")
    province = next((p for p in provinces if p.code == code), None)
    if code and province is None:
        raise Http404
    tally = stats.Tally(stats.public_items(province.code if province else None), "month", "camera__district_id")
    tables = [public_month_table(tally), by_district(tally)]
    key = request.GET.get("download")
    prefix = f"province={province.code}&" if province else ""
    if key:
        table = next((t for t in tables if t.key == key), None)
        if table is None:
            raise Http404
        return csv_response(table, f"safetyzone-footage-public-{key}")
    figures = [f for f in stats_tables.summary_figures(tally.total) if f["key"] in ("requests", "usable", "in_time")]
    context = {"figures": figures, "provinces": provinces, "province": province, "tables": [
        dict(item, xlsx="") for item in table_context(tables, prefix)]}
    return render(request, "footage/public/page.html", context)
