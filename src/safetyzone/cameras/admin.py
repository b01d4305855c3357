from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Camera, Site


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "area", "place_type")
    search_fields = ("name", "address")
    list_select_related = ("owner", "area")
    autocomplete_fields = ("owner", "area")


@admin.register(Camera)
class CameraAdmin(SimpleHistoryAdmin):
    list_display = ("id", "asset_code", "site", "status", "network_link", "sector")
    list_filter = ("status", "network_link", "sector", "camera_type")
    search_fields = ("asset_code", "site__name")
    list_select_related = ("site",)
    autocomplete_fields = ("site",)
