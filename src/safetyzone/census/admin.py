"""Django admin for system admins. Records whose changes must go through a state machine or
are frozen evidence (round and answer statuses, transitions, certifications, visits) are
read-only here: the admin is for looking up and correcting details, not for bypassing the log."""

from django.contrib import admin

from safetyzone.core.admin import ReadOnlyAdmin as ReadOnly

from .models import (
    Certification, ColumnMapping, ImportJob, Inspection, ProblemReport, Proposal, Round, Submission, Visit,
)


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ("title", "province", "opens_on", "deadline", "status")
    list_filter = ("status",)
    readonly_fields = ("status", "created_by")
    search_fields = ("title",)

    def has_add_permission(self, request):
        return False  # rounds are created on the census pages, which invite the agencies

    def has_delete_permission(self, request, obj=None):
        return False  # would delete its answers and its whole transition log


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("organisation", "round", "status", "has_cameras", "camera_count", "late", "submitted_at")
    list_filter = ("status", "late")
    list_select_related = ("organisation", "round")
    readonly_fields = ("round", "organisation", "status", "has_cameras", "camera_count", "working_count",
                       "submitted_at", "submitted_by", "late")
    search_fields = ("organisation__name",)

    def has_add_permission(self, request):
        return False


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ("name", "submission", "priority", "reason", "camera_count", "estimated_budget", "budget_source")
    list_filter = ("priority", "reason", "budget_source")
    raw_id_fields = ("submission", "area")


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    list_display = ("category", "submission", "description")
    list_filter = ("category",)
    raw_id_fields = ("submission",)


@admin.register(Certification)
class CertificationAdmin(ReadOnly):
    list_display = ("round", "certified_by", "certified_at", "open_issues", "superseded_at")


@admin.register(Inspection)
class InspectionAdmin(ReadOnly):
    list_display = ("camera", "inspector", "assigned_at", "due_on", "status")
    list_filter = ("status",)


@admin.register(Visit)
class VisitAdmin(ReadOnly):
    list_display = ("camera", "inspector", "result", "received_at")
    list_filter = ("result",)


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnly):
    list_display = ("filename", "owner", "user", "status", "total_rows", "created_at")
    list_filter = ("status",)


@admin.register(ColumnMapping)
class ColumnMappingAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "updated_at")
