"""Import and export pages. Thin: the work is in services (jobs), importing and exporting.

Import: upload → column mapping → dry run (every problem listed) → commit → done, with a
progress bar polled by htmx while a long file is checked or imported in the background.
Export: the camera-list filters plus a format; streamed, so a whole province fits.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safetyzone.cameras import views as camera_views
from safetyzone.core import access

from . import services
from .exporting import export_queryset, export_response
from .exporting.files import csv_chunks, xlsx_file
from .exporting.values import CameraValues
from .forms import CommitForm, ExportForm, MappingForm, UploadForm
from .importing import ImportFileError, Problem
from .importing.report import report_csv, report_xlsx
from .models import JobStatus

PROBLEMS_PER_PAGE = 200
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_importer(user) -> None:
    if not (access.is_system_admin(user) or (user.organisation_id and user.role in access.WRITE_ROLES)):
        raise PermissionDenied(_("Your role may not import cameras."))


def _job(request, pk: int):
    job = services.visible_jobs(request.user).filter(pk=pk).first()
    if job is None:
        raise Http404(_("No import with this number, or it is not yours."))
    return job


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    _require_importer(request.user)
    mappings = services.saved_mappings(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user, mappings=mappings)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.create_job(request.user, form.cleaned_data["owner"], form.cleaned_data["file"],
                                      saved=form.cleaned_data["saved_mapping"])
        except ImportFileError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("census:job_mapping", job.pk)
    jobs = services.visible_jobs(request.user)[:10]
    return render(request, "census/upload.html", {"form": form, "jobs": jobs}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def job_mapping(request, pk: int):
    job = _job(request, pk)
    _require_importer(request.user)
    if job.running or job.status == JobStatus.DONE:
        return redirect("census:job", job.pk)
    form = MappingForm(request.POST or None, headers=job.headers, keys=job.mapping)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_mapping(job, form.keys(), form.cleaned_data["save_as"].strip(), user=request.user)
            services.start(job, commit=False)
        except ImportFileError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("census:job", job.pk)
    columns = [(field, [row[i] if i < len(row) else "" for row in job.sample]) for field, i in form.rows()]
    return render(request, "census/mapping.html", {"job": job, "form": form, "columns": columns},
                  status=400 if form.errors else 200)


@login_required
@require_GET
def job_detail(request, pk: int):
    job = _job(request, pk)
    problems = [Problem.from_list(p) for p in job.problems]
    page = Paginator(problems, PROBLEMS_PER_PAGE).get_page(request.GET.get("page"))
    counts = job.counts or {}
    context = {
        "job": job, "page": page, "counts": counts, "commit_form": CommitForm(),
        "has_errors": counts.get("error_rows", 0) > 0,
        "can_commit": job.status == JobStatus.VALIDATED and access.can_write_org(request.user, job.owner_id)
        and (counts.get("created", 0) + counts.get("updated", 0)) > 0,
        "camera_ids": job.created_ids[:50],
    }
    return render(request, "census/job.html", context)


@login_required
@require_GET
def job_progress(request, pk: int):
    """htmx: the progress bar while the job runs; a page refresh when it has finished."""
    job = _job(request, pk)
    if not job.running or job.stalled:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "census/_progress.html", {"job": job})


@login_required
@require_POST
def job_commit(request, pk: int):
    job = _job(request, pk)
    _require_importer(request.user)
    form = CommitForm(request.POST)
    if job.status == JobStatus.VALIDATED and form.is_valid():
        services.start(job, commit=True, skip_bad_rows=form.cleaned_data["skip_bad_rows"])
    return redirect("census:job", job.pk)


@login_required
@require_POST
def job_rerun(request, pk: int):
    """Start again a job that failed or whose worker died (nothing of it was written)."""
    job = _job(request, pk)
    _require_importer(request.user)
    if job.status == JobStatus.FAILED or job.stalled:
        services.start(job, commit=job.status == JobStatus.IMPORTING, skip_bad_rows=job.skip_bad_rows)
    return redirect("census:job", job.pk)


@login_required
@require_GET
def job_report(request, pk: int, fmt: str):
    job = _job(request, pk)
    problems = [Problem.from_list(p) for p in job.problems]
    name = f"import-{job.pk}-problems.{fmt}"
    if fmt == "xlsx":
        return FileResponse(report_xlsx(problems), as_attachment=True, filename=name, content_type=XLSX)
    response = HttpResponse(report_csv(problems), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def import_template(request, fmt: str):
    """An empty spreadsheet with every column's header, to fill in."""
    lang = "en" if request.GET.get("headers") == "en" else "th"
    values = CameraValues(lang, contacts=True)
    name = f"safetyzone-template.{fmt}"
    if fmt == "xlsx":
        return FileResponse(xlsx_file(iter(()), values), as_attachment=True, filename=name, content_type=XLSX)
    response = HttpResponse("".join(csv_chunks(iter(()), values)).encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def export(request):
    form = ExportForm(request.GET if "format" in request.GET else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return export_response(request, data["format"], lang=data["headers"], contacts=data["contacts"],
                               purpose=data["purpose"].strip())
    context = camera_views.filter_context(request)
    context.update(form=form, total=export_queryset(request.user, request.GET).count(),
                   filters=[(k, v) for k in ("province", "district", "subdistrict", "area", "organisation",
                                             "status", "network_link", "sector", "q")
                            for v in request.GET.getlist(k)])
    return render(request, "census/export.html", context, status=400 if form.errors else 200)

