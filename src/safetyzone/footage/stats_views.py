"""The footage statistics page (counts, shares and turnaround; tables with CSV and XLSX)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from safetyzone.core import access
from safetyzone.core.models import OrgKind
from safetyzone.dashboard.tables import csv_response

from . import stats, stats_tables


def table_context(tables, query_prefix: str = "") -> list[dict]:
    """What the _tables.html partial needs for each table (with its download links)."""
    return [{"table": t, "svg": t.svg(), "rows": t.html_rows(),
             "csv": f"?{query_prefix}download={t.key}&format=csv",
             "xlsx": f"?{query_prefix}download={t.key}&format=xlsx"} for t in tables]


def download(tables, key: str, fmt: str, filename: str):
    chosen = tables if key == "all" else [t for t in tables if t.key == key]
    if not chosen:
        raise Http404
    if fmt == "xlsx":
        return stats_tables.xlsx_response(chosen, f"{filename}-{key}")
    if key == "all":
        raise Http404
    return csv_response(chosen[0], f"{filename}-{key}")


def _scope_text(user) -> str:
    org = getattr(user, "organisation", None)
    if access.is_system_admin(user):
        return _("Every footage request in the system.")
    if org and user.role in stats.PROVINCE_ROLES:
        return _("Every footage request in your province, as counts only.")
    if org and org.kind == OrgKind.POLICE_STATION:
        return _("The footage requests your station sent.")
    return _("The footage requests sent to your organisation about its cameras.")


@login_required
@require_GET
def statistics(request):
    tally = stats.Tally(stats.items_for(request.user), "month", "request__incident_type", "camera__site_id",
                        "camera_id")
    tables = [stats_tables.by_month(tally), stats_tables.by_incident(tally), stats_tables.per_site(tally),
              stats_tables.per_camera(tally)]
    key = request.GET.get("download")
    if key:
        return download(tables, key, request.GET.get("format", "csv"), "safetyzone-footage-statistics")
    return render(request, "footage/stats/page.html", {
        "figures": stats_tables.summary_figures(tally.total), "tables": table_context(tables),
        "scope_text": _scope_text(request.user)})
