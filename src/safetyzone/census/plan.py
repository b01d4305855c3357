"""The provincial CCTV plan (seed 002 L152, L228-L245): repairs, additions, links to build,
management and maintenance budget, and the problems raised, assembled from a census round.

A certified round uses its latest certification's frozen figures (census.snapshot); a round
not certified yet uses the live registry. Every plan item carries its cost, the responsible
organisation and the budget source. Estimated costs:
  - repair: the camera's yearly maintenance budget when it declares one, else
    SAFETYZONE_REPAIR_COST_BAHT (default 8,000 baht) per camera;
  - link:   SAFETYZONE_LINK_COST_BAHT (default 15,000 baht) per camera not linked to a centre;
the unit costs are frozen with the figures at certification.
The plan is plain data (sections of tables); plan_xlsx and plan_pdf render it, and so does
the HTML preview.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from safetyzone.cameras.models import BudgetSource, CameraType
from safetyzone.thai.dates import format_thai_date

from .models import BudgetPlan, Certification, Priority, ProblemCategory, ProposalReason, Round, RoundStatus
from .snapshot import round_figures

TEXT, INT, MONEY = "text", "int", "money"
PRIORITY_ORDER = [p.value for p in Priority]


@dataclass
class Table:
    headers: list[str]
    kinds: list[str]  # TEXT, INT or MONEY per column
    rows: list[list] = field(default_factory=list)
    total: list | None = None
    caption: str = ""

    # (value, kind) pairs for templates
    @property
    def header_cells(self) -> list[tuple]:
        return list(zip(self.headers, self.kinds))

    @property
    def body(self) -> list[list[tuple]]:
        return [list(zip(row, self.kinds)) for row in self.rows]

    @property
    def total_cells(self) -> list[tuple]:
        return list(zip(self.total, self.kinds)) if self.total else []


@dataclass
class Section:
    number: int
    title: str
    text: str = ""
    tables: list[Table] = field(default_factory=list)


@dataclass
class Plan:
    round: Round
    certification: Certification | None
    figures: dict
    province: str
    made_on: date
    sections: list[Section]
    totals: dict

    @property
    def title(self) -> str:
        return _("Provincial CCTV plan: %(province)s") % {"province": self.province}

    @property
    def date_text(self) -> str:
        return format_thai_date(self.made_on, short=False)

    @property
    def certified_text(self) -> str:
        if not self.certification:
            return ""
        at = timezone.localtime(self.certification.certified_at)
        return f"{format_thai_date(at.date(), short=False)} {at:%H:%M}"


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return _("Not stated")


def _sources(counter: dict, choices=BudgetSource) -> str:
    return ", ".join(_label(choices, k) if k else _("Not stated") for k in counter) or _("Not stated")


def _sum_row(label: str, rows: list[list], kinds: list[str]) -> list:
    out = [label] + [""] * (len(kinds) - 1)
    for i, kind in enumerate(kinds):
        if i and kind in (INT, MONEY):
            out[i] = sum((r[i] for r in rows), Decimal(0) if kind == MONEY else 0)
    return out


def _summary(f: dict) -> Section:
    a, c = f["agencies"], f["cameras"]
    broken = c["total"] - c["working"]
    text = _("%(answered)s organisations returned the survey; %(with_cameras)s of them have CCTV systems, with "
             "%(cameras)s cameras in all: %(working)s in working order and %(broken)s broken, under repair or "
             "to be replaced.") % {"answered": f"{a['answered']:,}", "with_cameras": f"{a['with_cameras']:,}",
                                   "cameras": f"{c['total']:,}", "working": f"{c['working']:,}",
                                   "broken": f"{broken:,}"}
    rows = [[_("Organisations invited"), a["invited"]], [_("Organisations that answered"), a["answered"]],
            [_("Organisations with cameras"), a["with_cameras"]], [_("Organisations with no cameras"), a["with_none"]],
            [_("Organisations that have not answered"), a["not_answered"]], [_("Cameras"), c["total"]],
            [_("Working"), c["working"]], [_("Not working"), c["not_working"]], [_("Broken"), c["broken"]],
            [_("Under repair"), c["under_repair"]], [_("Linked to a centre"), c["centre"]],
            [_("Local only"), c["local"]], [_("Not linked"), c["none"]]]
    kinds = [TEXT, INT, INT, INT, INT, INT, INT]
    by_area = Table([_("District"), _("Cameras"), _("Working"), _("Not working"), _("Broken"), _("Under repair"),
                     _("Linked to a centre")], kinds, caption=_("Cameras by district"))
    by_area.rows = [[d["name_th"], d["total"], d["working"], d["not_working"], d["broken"], d["under_repair"],
                     d["centre"]] for d in f["districts"]]
    by_area.total = _sum_row(_("Total"), by_area.rows, kinds)
    return Section(1, _("Summary of the census"), text, [Table([_("Item"), _("Number")], [TEXT, INT], rows), by_area])


def _repairs(f: dict, unit: int) -> Section:
    kinds = [TEXT, TEXT, INT, INT, INT, INT, MONEY, TEXT]
    table = Table([_("Responsible organisation"), _("Maintained by"), _("Not working"), _("Broken"),
                   _("Under repair"), _("Cameras to repair"), _("Estimated cost (baht)"), _("Budget source")], kinds)
    for org in f["organisations"].values():
        n = org["not_working"] + org["broken"] + org["under_repair"]
        if n:
            cost = Decimal(org["repair_declared"]) + org["repair_unbudgeted"] * unit
            table.rows.append([org["name"], ", ".join(org["maintainers"]), org["not_working"], org["broken"],
                               org["under_repair"], n, cost, _sources(org["repair_sources"])])
    table.total = _sum_row(_("Total"), table.rows, kinds)
    text = _("Cost per camera: its yearly maintenance budget when declared, otherwise %(unit)s baht.") % {
        "unit": f"{unit:,}"}
    return Section(2, _("Repairs needed"), text, [table])


def _additions(f: dict) -> Section:
    kinds = [TEXT, TEXT, TEXT, TEXT, INT, TEXT, MONEY, TEXT]
    table = Table([_("Priority"), _("Place"), _("Proposing organisation"), _("Reason"), _("Cameras"),
                   _("Camera type"), _("Estimated budget (baht)"), _("Budget source")], kinds)
    proposals = sorted(f["proposals"], key=lambda p: (PRIORITY_ORDER.index(p["priority"]), p["organisation"]))
    for p in proposals:
        reason = _label(ProposalReason, p["reason"]) + (f": {p['reason_detail']}" if p["reason_detail"] else "")
        table.rows.append([_label(Priority, p["priority"]), f"{p['name']} ({p['area']})", p["organisation"], reason,
                           p["camera_count"], _label(CameraType, p["camera_type"]), Decimal(p["budget"]),
                           _label(BudgetPlan, p["budget_source"])])
    table.total = _sum_row(_("Total"), table.rows, kinds)
    by_kinds = [TEXT, INT, INT, MONEY]
    by = Table([_("Priority"), _("Points"), _("Cameras"), _("Estimated budget (baht)")], by_kinds,
               caption=_("By priority"))
    for prio in PRIORITY_ORDER:
        mine = [p for p in proposals if p["priority"] == prio]
        by.rows.append([_label(Priority, prio), len(mine), sum(p["camera_count"] for p in mine),
                        sum((Decimal(p["budget"]) for p in mine), Decimal(0))])
    by.total = _sum_row(_("Total"), by.rows, by_kinds)
    return Section(3, _("Additional cameras proposed"), "", [by, table])


def _links(f: dict, unit: int) -> Section:
    kinds = [TEXT, INT, INT, INT, MONEY, TEXT]
    table = Table([_("Responsible organisation"), _("Local only"), _("Not linked"), _("Cameras to link"),
                   _("Estimated cost (baht)"), _("Budget source")], kinds)
    for org in f["organisations"].values():
        n = org["local"] + org["none"]
        if n:
            table.rows.append([org["name"], org["local"], org["none"], n, Decimal(n * unit),
                               _sources(org["link_sources"])])
    table.total = _sum_row(_("Total"), table.rows, kinds)
    text = _("Cameras not linked to a centre, at %(unit)s baht per camera.") % {"unit": f"{unit:,}"}
    return Section(4, _("Links to build"), text, [table])


def _maintenance(f: dict) -> Section:
    kinds = [TEXT, INT, INT, MONEY, TEXT, TEXT]
    table = Table([_("Organisation"), _("Cameras"), _("Cameras with a maintenance budget"),
                   _("Yearly maintenance budget (baht)"), _("Maintained by"), _("Budget source")], kinds)
    without = []
    for org in f["organisations"].values():
        budget = Decimal(org["maintenance_budget"])
        table.rows.append([org["name"], org["total"], org["with_maintenance_budget"], budget,
                           ", ".join(org["maintainers"]), _sources(org["sources"])])
        if org["total"] and not org["with_maintenance_budget"]:
            without.append(org["name"])
    table.total = _sum_row(_("Total"), table.rows, kinds)
    text = (_("%(count)s organisations have cameras but no maintenance budget: %(names)s.")
            % {"count": len(without), "names": ", ".join(without)}) if without else ""
    return Section(5, _("Management and maintenance budget"), text, [table])


def _problems(f: dict) -> Section:
    counts = {}
    for p in f["problems"]:
        counts[p["category"]] = counts.get(p["category"], 0) + 1
    by = Table([_("Problem"), _("Reports")], [TEXT, INT], caption=_("By category"))
    by.rows = [[_label(ProblemCategory, c), counts[c]] for c in ProblemCategory.values if c in counts]
    by.total = _sum_row(_("Total"), by.rows, by.kinds)
    items = Table([_("Problem"), _("Organisation"), _("Details"), _("Suggestion")], [TEXT] * 4)
    items.rows = [[_label(ProblemCategory, p["category"]), p["organisation"], p["description"], p["suggestion"]]
                  for p in sorted(f["problems"], key=lambda p: ProblemCategory.values.index(p["category"]))]
    return Section(6, _("Problems and suggestions"), "", [by, items])


def _total(table: Table, i: int):
    return table.total[i] if table.total else 0


def build(round_: Round) -> Plan:
    """The plan of a round: from its current certification if certified, else from live data."""
    cert = None
    if round_.status == RoundStatus.CERTIFIED:
        cert = round_.certifications.filter(superseded_at__isnull=True).order_by("-certified_at").first()
    figures = cert.figures if cert else round_figures(round_)
    units = figures["unit_costs"]
    sections = [_summary(figures), _repairs(figures, units["repair"]), _additions(figures),
                _links(figures, units["link"]), _maintenance(figures), _problems(figures)]
    repairs, additions, links, upkeep = (sections[1].tables[0], sections[2].tables[1], sections[3].tables[0],
                                         sections[4].tables[0])
    totals = {"repair_cameras": _total(repairs, 5), "repair_cost": _total(repairs, 6),
              "addition_cameras": _total(additions, 4), "addition_cost": _total(additions, 6),
              "link_cameras": _total(links, 3), "link_cost": _total(links, 4),
              "maintenance_budget": _total(upkeep, 3)}
    english = (translation.get_language() or "th").startswith("en")
    province = figures["province"]["name_en" if english else "name_th"] or figures["province"]["name_th"]
    return Plan(round_, cert, figures, province, timezone.localdate(), sections, totals)
