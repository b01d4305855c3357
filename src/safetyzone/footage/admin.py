"""Django admin for system admins. Footage requests are case material: searches, request
history, evidence and the custody log are logs and read-only here; a request's items change
only through the state machine (footage/states.py), so their status is read-only too."""

from django.contrib import admin

from safetyzone.core.admin import ReadOnlyAdmin as ReadOnly

from .models import (
    CustodyEntry,
    EvidenceFile,
    FootageRequest,
    ItemEvent,
    RemovedUploadFile,
    RequestItem,
    Search,
    UsedLink,
)


@admin.register(Search)
class SearchAdmin(ReadOnly):
    list_display = ("at", "user", "organisation", "case_ref", "purpose", "radius_m", "results")
    list_select_related = ("user", "organisation")
    search_fields = ("case_ref", "purpose", "user__username")
    date_hierarchy = "at"


class ItemInline(admin.TabularInline):
    model = RequestItem
    fields = ("camera_label", "owner", "status", "overwrite_at", "reason", "usable")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FootageRequest)
class FootageRequestAdmin(admin.ModelAdmin):
    list_display = ("case_ref", "organisation", "incident_type", "status", "created_at")
    list_filter = ("status", "incident_type")
    list_select_related = ("organisation",)
    search_fields = ("case_ref", "organisation__name")
    readonly_fields = ("requested_by", "organisation", "province", "status", "created_at", "closed_at",
                       "lat", "lon", "radius_m", "starts_at", "ends_at", "purpose", "case_ref")
    inlines = [ItemInline]

    def has_add_permission(self, request):
        return False  # requests are sent from the find page, which notifies the owners

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ItemEvent)
class ItemEventAdmin(ReadOnly):
    list_display = ("at", "item", "from_status", "to_status", "by", "note")
    list_select_related = ("item__request", "by")


@admin.register(EvidenceFile)
class EvidenceFileAdmin(ReadOnly):
    list_display = ("received_at", "item", "original_name", "medium", "size", "sha256", "deleted_at")
    list_select_related = ("item__request",)


@admin.register(CustodyEntry)
class CustodyEntryAdmin(ReadOnly):
    list_display = ("at", "request", "action", "username", "ip", "purpose")
    list_select_related = ("request",)


@admin.register(UsedLink)
class UsedLinkAdmin(ReadOnly):
    list_display = ("used_at", "link", "opened")
    list_select_related = ("link__request", "opened__request")


@admin.register(RemovedUploadFile)
class RemovedUploadFileAdmin(ReadOnly):
    list_display = ("removed_at", "name", "size", "modified_at", "request", "reason")
    list_select_related = ("request",)
