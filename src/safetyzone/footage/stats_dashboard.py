"""The census dashboard's fourth view (seed 002 L136: footage-request counts per installation
point, to judge where more cameras are needed), built from the footage statistics and
drillable like the other views: country → province → district → subdistrict → organisation."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from safetyzone.core import access
from safetyzone.dashboard.drill import CAMERA_AREA, CAMERA_CHILD, Drill
from safetyzone.dashboard.tables import Column, Row

from . import stats, stats_tables


def items(drill: Drill) -> QuerySet:
    """The requested cameras the user may count, on the cameras this level shows.

    The level is matched on the camera's own area columns. For a system admin, and for a
    province's secretariat and committee (who read every camera of their province: the camera
    gate is that province), the gate is those columns too; for anyone else the items are
    also kept to `drill.cameras()` (the camera gate as a subquery, slower but exact)."""
    user = drill.user
    qs = stats.items_for(user)
    if drill.area:
        qs = qs.filter(**{f"camera__{CAMERA_AREA[len(drill.code)]}": drill.code})
    if drill.organisation:
        qs = qs.filter(camera__site__owner_id=drill.organisation.pk)
    if access.is_system_admin(user):
        return qs
    if user.role in stats.PROVINCE_ROLES:
        own = user.organisation.province_id
        if drill.area:  # (one condition on the camera's province only: SQLite plans a second one badly)
            return qs if drill.code[:2] == own else qs.none()
        return qs.filter(camera__province_id=own)
    return qs.filter(camera__in=drill.cameras())


def build(drill: Drill, child_rows, child_header) -> dict:
    child = CAMERA_CHILD[drill.level]
    child_key = f"camera__{child}" if child else None
    keys = ["camera__site_id"] + ([child_key] if child_key else [])
    tally = stats.Tally(items(drill), *keys)
    total = tally.total
    if not total.items:
        return {"tables": [], "no_data": True}
    figures = [
        {"key": "requests", "label": _("Footage requests"), "value": total.request_count},
        {"key": "items", "label": _("Cameras asked"), "value": total.items},
        {"key": "delivered", "label": _("Footage delivered"), "value": total.delivered},
    ]
    shares = stats_tables.StatsTable(
        "outcomes", _("How requests were answered"), stats_tables.outcome_columns(),
        [Row(_("All requests at this level"), stats_tables.outcome_values(total))], first_column=_("Figure"),
        note=_("Usable as evidence: target at least %(target)s%% (Udon Thani's indicator).")
        % {"target": f"{stats.usable_target():g}"})
    tables = [stats_tables.per_site(tally), shares]
    if child_key:
        cols = [Column(_("Requests")), Column(_("Cameras asked")), Column(_("Delivered")),
                Column(_("Usable as evidence (%)"), "pct")]
        groups = tally.by(child_key)
        rows = child_rows(drill, groups, lambda f: [f.request_count, f.items, f.delivered, f.share_usable])
        tables.append(stats_tables.StatsTable("areas", _("By %(level)s") % {"level": child_header(drill)}, cols,
                                              rows, first_column=child_header(drill)))
    return {"figures": figures, "tables": tables}
