"""The custody report of a case as an A4 PDF in Thai: the request, its cameras, every evidence
file (digest, size, clock offset, UTC times, deletion) and the whole custody log, with a line
saying whether the chain verifies and the hash it ends with (so a printed copy pins the log).
Dates are Buddhist era. Exporting it is itself written to the log (as "report") first, so the
report lists its own making."""

from datetime import UTC

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from safetyzone.core.pdf import FONT, thai_date, thai_pdf
from safetyzone.thai.dates import format_thai_date

from . import custody
from .models import CustodyAction, CustodyEntry, EvidenceFile, RequestItem


def _utc(value) -> str:
    if value is None:
        return "-"
    value = value.astimezone(UTC)
    return f"{format_thai_date(value.date(), short=False)} {value:%H:%M:%S} UTC"


def _offset(evidence: EvidenceFile) -> str:
    if evidence.clock_offset_s is None:
        return _("unknown: times are as the recorder showed them")
    sign = "+" if evidence.clock_offset_s >= 0 else "-"
    return _("%(offset)s s (recorder minus true time; %(source)s)") % {
        "offset": f"{sign}{abs(evidence.clock_offset_s):,}", "source": evidence.get_offset_source_display()}


def _user(user) -> str:
    return (user.get_full_name() or user.username) if user else "-"


def _heading(pdf, text: str) -> None:
    if pdf.get_y() > pdf.h - 50:
        pdf.add_page()
    pdf.ln(2)
    pdf.set_font(FONT, "B", 13)
    pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=10)


def _pairs(pdf, rows) -> None:
    with pdf.table(col_widths=(1, 3), text_align=("LEFT", "LEFT"), line_height=5.5, first_row_as_headings=False) as t:
        for label, value in rows:
            t.row([label, str(value)])
    pdf.ln(2)


def _evidence_rows(evidence: EvidenceFile):
    rows = [(_("File") if evidence.file or evidence.sha256 else _("Medium"),
             evidence.original_name or evidence.medium)]
    if evidence.sha256:
        rows += [(_("SHA-256"), evidence.sha256), (_("Size"), _("%(n)s bytes") % {"n": f"{evidence.size:,}"}),
                 (_("File type"), evidence.content_type or "-")]
    rows += [(_("Recorder clock offset"), _offset(evidence)),
             (_("Footage starts (UTC)"), _utc(evidence.footage_starts_utc)),
             (_("Footage ends (UTC)"), _utc(evidence.footage_ends_utc)),
             (_("Received"), f"{thai_date(evidence.received_at, time=True)} · {_user(evidence.received_by)}")]
    if evidence.deleted_at:
        rows.append((_("Deleted"), f"{thai_date(evidence.deleted_at, time=True)} · {evidence.deleted_reason}"))
    return rows


def custody_report_pdf(user, case, *, purpose: str, http_request=None) -> bytes:
    custody.record(user, case, CustodyAction.REPORT, purpose=purpose, http_request=http_request)
    with translation.override("th"):
        return _build(user, case)


def _build(user, case) -> bytes:
    state = custody.state(case)
    pdf = thai_pdf()
    pdf.set_title(_("Custody report"))
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.cell(0, 9, _("Custody report of footage evidence"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=10)
    pdf.cell(0, 6, _("Made by %(who)s on %(when)s") % {"who": _user(user), "when": thai_date(timezone.now(), time=True)},
             align="C", new_x="LMARGIN", new_y="NEXT")
    _heading(pdf, _("Request"))
    _pairs(pdf, [
        (_("case reference"), case.case_ref or "-"), (_("incident type"), case.get_incident_type_display()),
        (_("Incident window"), f"{thai_date(case.starts_at, time=True)} - {thai_date(case.ends_at, time=True)}"),
        (_("Place"), f"{case.lat}, {case.lon} ({case.radius_m} m)"),
        (_("requesting organisation"), case.organisation), (_("requested by"), _user(case.requested_by)),
        (_("purpose"), case.purpose), (_("status"), case.get_status_display())])
    items = RequestItem.objects.filter(request=case).select_related("owner").prefetch_related("evidence__received_by")
    for item in items:
        _heading(pdf, f"{_('camera')}: {item.camera_label}")
        usable = {True: _("Yes"), False: _("No"), None: "-"}[item.usable]
        _pairs(pdf, [(_("owner"), item.owner), (_("status"), item.get_status_display()),
                     (_("usable as evidence"), usable)])
        for evidence in item.evidence.all():
            _pairs(pdf, _evidence_rows(evidence))
    _heading(pdf, _("Custody log"))
    pdf.set_font(FONT, "B" if state.broken_at is not None else "", 10)
    if state.broken_at is not None:
        broken = CustodyEntry.objects.filter(pk=state.broken_at).values_list("seq", flat=True).first()
        pdf.multi_cell(0, 6, _("WARNING: the custody log does not verify: entry %(seq)s, or entries next to it, "
                               "were changed, removed or inserted.") % {"seq": broken or 1},
                       new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.multi_cell(0, 6, _("The custody log verifies: %(n)s entries, each chained to the one before; the last "
                               "hash is %(head)s.") % {"n": state.entries, "head": state.head},
                       new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=8)
    with pdf.table(col_widths=(0.5, 1.7, 1.3, 1.3, 1.2, 2.2, 2.2), line_height=4.5) as t:
        t.row(["#", _("when"), _("who"), _("action"), _("IP address"), _("why"), _("details")])
        for entry in CustodyEntry.objects.filter(request=case).select_related("evidence").order_by("seq"):
            file = f" ({entry.evidence})" if entry.evidence_id else ""
            t.row([str(entry.seq), thai_date(entry.at, time=True), entry.username, entry.get_action_display(),
                   entry.ip or "-", entry.purpose, f"{entry.detail}{file}"])
    return bytes(pdf.output())
