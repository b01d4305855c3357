"""URLs of the planning app's zone pages (included by planning/urls.py): Safety Zones, their
environment tasks, the patrol plan with QR check-ins and its report."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import patrol_views, zone_views

urlpatterns: list = [
    path("zones/", zone_views.zone_list, name="zones"),
    path("zones/new/", zone_views.zone_new, name="zone_new"),
    path("zones/print/", zone_views.zone_print, name="zones_print"),
    path("zones/export.xlsx", zone_views.zone_xlsx, name="zones_xlsx"),
    path("zones/<int:pk>/", zone_views.zone_detail, name="zone"),
    path("zones/<int:pk>/edit/", zone_views.zone_edit, name="zone_edit"),
    path("zones/<int:pk>/recount/", zone_views.zone_recount, name="zone_recount"),
    path("zones/<int:pk>/decision/", zone_views.zone_decision, name="zone_decision"),
    path("zones/<int:pk>/tasks/new/", zone_views.zone_task, name="zone_task_new"),
    path("zones/<int:pk>/tasks/<int:task_pk>/", zone_views.zone_task, name="zone_task"),
    path("zones/<int:pk>/patrol/", patrol_views.patrol_plan, name="patrol"),
    path("zones/<int:pk>/patrol/points/new/", patrol_views.point_new, name="patrol_point_new"),
    path("zones/<int:pk>/patrol/shifts/new/", patrol_views.shift_new, name="patrol_shift_new"),
    path("zones/<int:pk>/patrol/qr/", patrol_views.qr_sheet, name="patrol_qr"),
    path("zones/<int:pk>/patrol/report/", patrol_views.report, name="patrol_report"),
    path("zones/<int:pk>/patrol/report.xlsx", patrol_views.report_xlsx, name="patrol_report_xlsx"),
    path("patrol/points/<int:point_pk>/", patrol_views.point_edit, name="patrol_point"),
    path("patrol/points/<int:point_pk>/qr.png", patrol_views.qr_png, name="patrol_point_qr"),
    path("patrol/shifts/<int:shift_pk>/delete/", patrol_views.shift_delete, name="patrol_shift_delete"),
    path("patrol/c/<str:token>/", patrol_views.checkin, name="checkin"),
]
# the links this part shows on the planning hub: (url name without "planning:", label[, "write"]);
# "write" links are shown only to users who may create records
hub_links: list = [
    ("zones", _("Safety Zones: candidates, criteria and the network's choice")),
    ("zone_new", _("Draw a new zone"), "write"),
    ("zones_print", _("Printable comparison for the network meeting")),
]
