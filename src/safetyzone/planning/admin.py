"""Django admin for system admins: the crime groups and offence rules are configuration edited
here; the other planning records are listed for support and changed through the app's pages."""

from django.contrib import admin

from .models import (
    CrimeGroup, Incident, Mitigation, OffenceRule, PatrolCheckin, PatrolPoint, PlacementPlan, RiskPoint, RoadFile,
    SafetyZone, ZoneTask,
)


@admin.register(CrimeGroup)
class CrimeGroupAdmin(admin.ModelAdmin):
    list_display = ("number", "name_th", "name_en", "counts_for_target")


@admin.register(OffenceRule)
class OffenceRuleAdmin(admin.ModelAdmin):
    list_display = ("contains",)
    filter_horizontal = ("groups",)
    search_fields = ("contains",)


class MitigationInline(admin.TabularInline):
    model = Mitigation
    extra = 0


@admin.register(RiskPoint)
class RiskPointAdmin(admin.ModelAdmin):
    list_display = ("name", "category", "space_class", "severity", "status", "organisation", "province")
    list_filter = ("status", "category", "space_class", "severity")
    search_fields = ("name",)
    list_select_related = ("organisation", "province")
    raw_id_fields = ("organisation", "area")
    inlines = [MitigationInline]


@admin.register(Incident)
class IncidentAdmin(admin.ModelAdmin):
    list_display = ("occurred_at", "offence", "case_ref", "organisation", "province")
    list_filter = ("groups",)
    search_fields = ("offence", "case_ref")
    list_select_related = ("organisation", "province")
    raw_id_fields = ("organisation", "area", "source")
    date_hierarchy = "occurred_at"


class TaskInline(admin.TabularInline):
    model = ZoneTask
    extra = 0


class PatrolPointInline(admin.TabularInline):
    model = PatrolPoint
    extra = 0


@admin.register(SafetyZone)
class SafetyZoneAdmin(admin.ModelAdmin):
    list_display = ("name", "status", "area_km2", "risk_points_inside", "incidents_inside", "organisation")
    list_filter = ("status",)
    search_fields = ("name",)
    raw_id_fields = ("organisation", "area", "decided_by")
    inlines = [TaskInline, PatrolPointInline]


@admin.register(PatrolCheckin)
class PatrolCheckinAdmin(admin.ModelAdmin):
    list_display = ("checked_at", "point", "officer", "distance_m", "accepted")
    list_filter = ("accepted",)
    list_select_related = ("point", "officer")

    def has_change_permission(self, request, obj=None):
        return False  # a check-in is a record of where an officer was


@admin.register(RoadFile)
class RoadFileAdmin(admin.ModelAdmin):
    list_display = ("name", "format", "segment_count", "length_m", "organisation")
    raw_id_fields = ("organisation", "area")


@admin.register(PlacementPlan)
class PlacementPlanAdmin(admin.ModelAdmin):
    list_display = ("name", "status", "mode", "budget", "covered_before", "covered_after", "gap", "organisation")
    list_filter = ("status", "mode")
    raw_id_fields = ("organisation", "area", "zone", "road_file", "pole_set")
