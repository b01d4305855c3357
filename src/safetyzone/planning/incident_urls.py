"""URLs of the planning app's incident pages (included by planning/urls.py)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import hotspot_views, incident_views, trend_views

urlpatterns: list = [
    path("incidents/imports/", incident_views.import_list, name="incident_imports"),
    path("incidents/imports/new/", incident_views.import_new, name="incident_import_new"),
    path("incidents/imports/template/", incident_views.import_template, name="incident_import_template"),
    path("incidents/imports/<int:pk>/", incident_views.import_detail, name="incident_import"),
    path("incidents/imports/<int:pk>/problems.<str:fmt>", incident_views.import_problems,
         name="incident_import_problems"),
    path("incidents/imports/<int:pk>/undo/", incident_views.import_undo, name="incident_import_undo"),
    path("incidents/hotspots/", hotspot_views.hotspots, name="hotspots"),
    path("incidents/hotspots/cells.<str:fmt>", hotspot_views.hotspot_download, name="hotspot_download"),
    path("incidents/trend/", trend_views.trend, name="crime_trend"),
    path("incidents/trend/trend.<str:fmt>", trend_views.trend_download, name="crime_trend_download"),
]
# the links this part shows on the planning hub: (url name without "planning:", label[, "write"]);
# "write" links are shown only to users who may create records
hub_links: list = [
    ("hotspots", _("Crime hotspots")),
    ("crime_trend", _("Yearly trend against the 3-year average")),
    ("incident_imports", _("Import incidents"), "write"),
]
