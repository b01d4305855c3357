"""Incident imports: the list, the upload, one import's report (with its problems as a file), undo."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safetyzone.census.importing.messages import ImportFileError, Problem
from safetyzone.census.importing.report import report_csv, report_xlsx
from safetyzone.core import access

from . import incident_services
from .incident_forms import ImportForm
from .incident_import import COLUMNS
from .models import IncidentImport
from .models.incidents import ImportStatus

PAGE = 50
SHOWN_PROBLEMS = 500


def _imports(user):
    return access.scope(user, IncidentImport.objects.select_related("organisation", "area", "created_by"))


def _may_import(user) -> bool:
    return access.is_system_admin(user) or access.can_write_org(user, getattr(user, "organisation_id", None))


@login_required
def import_list(request):
    # a refused file's problem list can hold thousands of rows: the list page does not read it
    page = Paginator(_imports(request.user).defer("problems"), PAGE).get_page(request.GET.get("page"))
    writable = set(access.scope(request.user, IncidentImport.objects.filter(
        pk__in=[i.pk for i in page]), write=True).values_list("pk", flat=True))
    return render(request, "planning/incidents/imports.html", {
        "page": page, "writable": writable, "may_import": _may_import(request.user)})


@login_required
def import_new(request):
    if not _may_import(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        owner = form.owner()
        from safetyzone.core.models import AdminArea

        area = AdminArea.objects.get(code=form.cleaned_data["area"])
        suffix = Path(upload.name or "").suffix.lower()[:8]
        try:
            with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
                handle.flush()
                record = incident_services.import_incidents(
                    request.user, owner, area, handle.name, upload.name,
                    skip_bad_rows=form.cleaned_data["skip_bad_rows"])
        except ImportFileError as exc:
            form.add_error("file", exc.message)
        else:
            if record.status == ImportStatus.DONE:
                messages.success(request, _("%(n)s incidents imported.") % {"n": record.rows})
            return redirect("planning:incident_import", pk=record.pk)
    return render(request, "planning/incidents/import_new.html", {"form": form, "columns": COLUMNS.values()})


@login_required
def import_detail(request, pk):
    record = get_object_or_404(_imports(request.user), pk=pk)
    problems = [Problem.from_list(p) for p in record.problems[:SHOWN_PROBLEMS]]
    may_undo = record.status == ImportStatus.DONE and access.scope(
        request.user, IncidentImport.objects.filter(pk=pk), write=True).exists()
    return render(request, "planning/incidents/import_detail.html", {
        "record": record, "problems": problems, "more": max(0, len(record.problems) - SHOWN_PROBLEMS),
        "errors": sum(1 for p in record.problems if p[5] == "error"), "may_undo": may_undo})


@login_required
def import_problems(request, pk, fmt):
    record = get_object_or_404(_imports(request.user), pk=pk)
    problems = [Problem.from_list(p) for p in record.problems]
    name = f"incident-import-{record.pk}-problems"
    if fmt == "csv":
        response = HttpResponse(report_csv(problems), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    if fmt != "xlsx":
        raise Http404
    from django.http import FileResponse

    from .incident_exports import XLSX

    return FileResponse(report_xlsx(problems), as_attachment=True, filename=f"{name}.xlsx", content_type=XLSX)


@login_required
@require_POST
def import_undo(request, pk):
    record = get_object_or_404(_imports(request.user), pk=pk)
    deleted = incident_services.undo_import(request.user, record)
    messages.success(request, _("Import undone: %(n)s incidents deleted.") % {"n": deleted})
    return redirect("planning:incident_import", pk=record.pk)


@login_required
def import_template(request):
    """An empty file with the columns the importer reads, and one example row."""
    from .incident_exports import download

    headers = [COLUMNS[k][0] for k in ("case_ref", "occurred", "offence", "groups", "place", "lat", "lon")]
    example = ["123/2566", "15/03/2566 14:30", "ลักทรัพย์", "3", "หน้าตลาดเทศบาล", "17.415100", "102.787200"]
    return download(request.GET.get("format", "xlsx"), "incidents-template", "incidents", headers, [example])
