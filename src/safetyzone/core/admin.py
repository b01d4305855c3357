from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import AccessLog, AdminArea, Notification, Organisation, User


class ReadOnlyAdmin(admin.ModelAdmin):
    """Logs and frozen records: listed and opened, never added, changed or deleted here
    (removing a row would hide who did what, or take a frozen record and what cascades from it)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + ((_("Organisation and role"), {"fields": ("organisation", "role")}),)
    list_display = ("username", "get_full_name", "organisation", "role", "is_active")
    list_filter = ("role", "is_active")
    list_select_related = ("organisation",)
    autocomplete_fields = ("organisation",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "province", "area")
    list_filter = ("kind",)
    search_fields = ("name", "name_en")
    list_select_related = ("province", "area")
    autocomplete_fields = ("province", "area")


@admin.register(AdminArea)
class AdminAreaAdmin(admin.ModelAdmin):
    list_display = ("code", "name_th", "name_en", "level")
    list_filter = ("level",)
    search_fields = ("code", "name_th", "name_en")
    readonly_fields = ("code", "level", "parent")


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ("at", "username", "action", "object_type", "object_id", "purpose", "ip")
    list_filter = ("action", "object_type")
    search_fields = ("username", "object_id")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "channel", "recipient", "organisation", "subject", "sent_at", "attempts")
    list_filter = ("channel",)
    search_fields = ("recipient", "subject", "key")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
