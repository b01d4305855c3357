"""The five dashboard views of seed 002 L128-L140 (and an overview) as tables.

Each builder takes a Drill and returns {"tables": [...], "figures": [...]}; the view renders
every table as an SVG bar chart, an HTML table and a CSV download.
"""

from django.utils.translation import gettext as _

from safetyzone.cameras.models import NetworkLink, Status
from safetyzone.census.models import BudgetPlan, ProblemCategory, ProposalReason, Round
from safetyzone.core import access
from safetyzone.core.models import AdminArea, Organisation

from . import selectors
from .drill import CHILD_CODE_LENGTH, Drill
from .tables import Column, Row, Table

STATUS_COLOURS = {"working": "#1e7a3c", "not_working": "#b3261e", "broken": "#7a1a14", "under_repair": "#c27c0e"}
LINK_COLOURS = {"centre": "#0b5394", "local": "#6a4c93", "none": "#8a94a0"}
NOT_WORKING = [s for s in Status.values if s != "working"]


def child_header(drill: Drill) -> str:
    return {"country": _("Province"), "province": _("District"), "district": _("Subdistrict"),
            "subdistrict": _("Organisation")}.get(drill.level, "")


def child_labels(drill: Drill, keys) -> dict:
    """Names of the child rows' keys (area codes or organisation ids), in one query."""
    keys = [k for k in keys if k not in (None, "all")]
    if drill.level == "subdistrict":
        return {pk: str(o) for pk, o in Organisation.objects.in_bulk(keys).items()}
    wanted = CHILD_CODE_LENGTH.get(drill.level)
    names = {code: a.name for code, a in AdminArea.objects.in_bulk([k for k in keys if len(k) == wanted]).items()}
    for k in keys:
        names.setdefault(k, _("Whole-area organisations"))
    return names


def child_rows(drill: Drill, data: dict, values) -> list[Row]:
    """Rows of the child areas (in code order: the provincial town's district first) or
    organisations (by name), each linking one level down; rows that cannot be placed last."""
    labels = child_labels(drill, data)
    keyed = []
    for key, item in data.items():
        if key == "all":
            continue
        linkable = key is not None and (drill.level == "subdistrict"
                                        or len(str(key)) == CHILD_CODE_LENGTH.get(drill.level))
        label = labels.get(key) if key is not None else _("Not in a district")
        row = Row(label, values(item), drill.child_query(key) if linkable else "")
        keyed.append(((not linkable, label if drill.level == "subdistrict" else str(key)), row))
    return [row for _order, row in sorted(keyed, key=lambda kr: kr[0])]


def overview(drill: Drill) -> dict:
    cams = selectors.camera_figures(drill)
    rounds = selectors.latest_rounds()
    answers = selectors.answer_counts(drill, rounds)
    total, working = cams.total(), cams.total(status="working")
    figures = [
        {"key": "answered", "label": _("Agencies that answered the census"), "value": answers["all"]["answered"]},
        {"key": "with_cameras", "label": _("Agencies with cameras"), "value": answers["all"]["with_cameras"]},
        {"key": "cameras", "label": _("Cameras"), "value": total},
        {"key": "working", "label": _("Working"), "value": working},
        {"key": "not_working", "label": _("Broken, not working or under repair"), "value": total - working},
    ]
    summary = Table("summary", _("Census figures"), [Column(_("Number"))],
                    [Row(f["label"], [f["value"]]) for f in figures], first_column=_("Figure"))
    tables = [summary]
    if drill.level != "organisation":
        by_child = cams.by("child", "status")
        merged: dict = {}
        for (child, status), v in by_child.items():
            merged.setdefault(child, {"answered": 0, "with_cameras": 0, "n": 0, "working": 0})
            merged[child]["n"] += v["n"]
            merged[child]["working"] += v["n"] if status == "working" else 0
        for child, a in answers.items():
            if child != "all":
                merged.setdefault(child, {"n": 0, "working": 0}).update(a)
        cols = [Column(_("Cameras")), Column(_("Working"), colour=STATUS_COLOURS["working"]),
                Column(_("Broken, not working or under repair"), colour=STATUS_COLOURS["broken"]),
                Column(_("Agencies that answered the census")), Column(_("Agencies with cameras"))]
        rows = child_rows(drill, merged, lambda m: [m["n"], m["working"], m["n"] - m["working"],
                                                    m.get("answered", 0), m.get("with_cameras", 0)])
        tables.append(Table("areas", _("By %(level)s") % {"level": child_header(drill)}, cols, rows,
                            chart=[1, 2], first_column=child_header(drill)))
    # which census round the answers come from (each province's latest), with its deadline
    shown = (access.scope(drill.user, Round.objects.filter(pk__in=rounds, province_id=drill.code[:2]))
             if drill.code else Round.objects.none())
    return {"figures": figures, "tables": tables, "rounds": list(shown)}


def status(drill: Drill) -> dict:
    cams = selectors.camera_figures(drill)
    total = cams.total() or 1
    by_status = cams.by("status", values=("n", "maint", "cost", "with_maint"))
    cols = [Column(_("Cameras")), Column(_("Share"), "pct"), Column(_("With a yearly maintenance budget")),
            Column(_("Yearly maintenance budget (baht)"), "money"), Column(_("Purchase cost (baht)"), "money")]
    rows = [Row(str(label), [by_status[v]["n"], by_status[v]["n"] * 100 / total, by_status[v]["with_maint"],
                             by_status[v]["maint"], by_status[v]["cost"]])
            for v, label in Status.choices]
    status_table = Table("status", _("Cameras by status"), cols, rows, first_column=_("Status"))
    repair_cols = [Column(_("Cameras not working")), Column(_("Yearly maintenance budget (baht)"), "money")]
    repair = Table("repairers", _("Who repairs the cameras that do not work"), repair_cols,
                   [Row(m["maintainer"] or (_("Others") if m["maintainer"] is None else _("Not stated")),
                        [m["n"], m["maint"]]) for m in cams.maintainers],
                   first_column=_("Maintained by"),
                   note=_("Repair budget: the yearly maintenance budget and purchase cost where the "
                          "owner gave them; cameras without a figure are not counted in the sums."))
    tables = [status_table, repair]
    if drill.level != "organisation":
        cols = [Column(str(label), colour=STATUS_COLOURS[v]) for v, label in Status.choices]
        data = {}
        for (child, st), v in cams.by("child", "status").items():
            data.setdefault(child, {s: 0 for s in Status.values})[st] = v["n"]
        rows = child_rows(drill, data, lambda d: [d[s] for s in Status.values])
        tables.append(Table("areas", _("By %(level)s") % {"level": child_header(drill)}, cols, rows,
                            chart=list(range(len(cols))), first_column=child_header(drill)))
    return {"tables": tables}


def network(drill: Drill) -> dict:
    cams = selectors.camera_figures(drill)
    cost = selectors.link_cost()
    by_link = cams.by("link")
    cols = [Column(_("Cameras")), Column(_("Cost to link to a centre (baht)"), "money")]
    rows = [Row(str(label), [by_link[v]["n"], None if v == "centre" else by_link[v]["n"] * cost])
            for v, label in NetworkLink.choices]
    link_table = Table("links", _("Cameras by network link"), cols, rows, first_column=_("Network link"),
                       note=_("Linking cost: %(cost)s baht per camera not yet linked to a centre "
                              "(setting SAFETYZONE_LINK_COST_BAHT).") % {"cost": f"{cost:,.0f}"})
    centres = Table("centres", _("Cameras linked to each centre"), [Column(_("Cameras"))],
                    [Row(c["network_name"] or (_("Others") if c["network_name"] is None else _("Not stated")),
                         [c["n"]]) for c in cams.centres], first_column=_("Centre / network"))
    tables = [link_table, centres]
    if drill.level != "organisation":
        data = {}
        for (child, link), v in cams.by("child", "link").items():
            data.setdefault(child, {k: 0 for k in NetworkLink.values})[link] = v["n"]
        cols = [Column(str(label), colour=LINK_COLOURS[v]) for v, label in NetworkLink.choices]
        cols.append(Column(_("Cost to link to a centre (baht)"), "money"))
        order = [NetworkLink.values.index(v) for v in ("centre", "local", "none")]
        rows = child_rows(drill, data, lambda d: [d[k] for k in NetworkLink.values]
                          + [(d["none"] + d["local"]) * cost])
        tables.append(Table("areas", _("By %(level)s") % {"level": child_header(drill)}, cols, rows,
                            chart=order, first_column=child_header(drill)))
    return {"tables": tables}


def proposals(drill: Drill) -> dict:
    rounds = selectors.latest_rounds()
    cols = [Column(_("Proposed points")), Column(_("Cameras")), Column(_("Estimated budget (baht)"), "money")]

    def table(key, title, field, choices, first):
        labels = dict(choices)
        groups = selectors.proposal_groups(drill, rounds, field)
        return Table(key, title, cols, [Row(str(labels.get(g[field], g[field])),
                                            [g["points"], g["cameras"], g["budget"]]) for g in groups],
                     first_column=first)

    tables = [table("reasons", _("Proposed additions by reason"), "reason", ProposalReason.choices, _("Reason")),
              table("sources", _("Proposed additions by budget source"), "budget_source", BudgetPlan.choices,
                    _("Budget source"))]
    if drill.level != "organisation":
        groups = {g["child"]: g for g in selectors.proposal_groups(drill, rounds, "child")}
        rows = child_rows(drill, groups, lambda g: [g["points"], g["cameras"], g["budget"]])
        tables.append(Table("areas", _("By %(level)s") % {"level": child_header(drill)}, cols, rows,
                            first_column=child_header(drill)))
    return {"tables": tables}


def problems(drill: Drill) -> dict:
    rounds = selectors.latest_rounds()
    labels = dict(ProblemCategory.choices)
    cols = [Column(_("Reports")), Column(_("Organisations"))]
    groups = selectors.problem_groups(drill, rounds, "category")
    tables = [Table("categories", _("Problems by category"), cols,
                    [Row(str(labels.get(g["category"], g["category"])), [g["n"], g["orgs"]]) for g in groups],
                    first_column=_("Category"))]
    if drill.level != "organisation":
        data = {g["child"]: g for g in selectors.problem_groups(drill, rounds, "child")}
        tables.append(Table("areas", _("By %(level)s") % {"level": child_header(drill)}, cols,
                            child_rows(drill, data, lambda g: [g["n"], g["orgs"]]),
                            first_column=child_header(drill)))
    reports = (selectors.problems(drill, rounds).select_related("submission__organisation")
               .order_by("category", "id")[:200])
    return {"tables": tables, "reports": reports}


def footage(drill: Drill) -> dict:
    """View 4: footage requests per installation point (seed 002 L136), from footage.stats."""
    from safetyzone.footage import stats_dashboard

    return stats_dashboard.build(drill, child_rows, child_header)


BUILDERS = {"overview": overview, "status": status, "network": network, "proposals": proposals,
            "footage": footage, "problems": problems}
