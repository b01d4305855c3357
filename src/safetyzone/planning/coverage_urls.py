"""URLs of the planning app's road file and coverage pages (included by planning/urls.py)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import coverage_views, road_views

urlpatterns: list = [
    path("roads/", road_views.road_list, name="road_list"),
    path("roads/load/", road_views.road_load, name="road_load"),
    path("roads/generate/", road_views.road_generate, name="road_generate"),
    path("roads/<int:pk>/", road_views.road_detail, name="road_detail"),
    path("roads/<int:pk>/delete/", road_views.road_delete, name="road_delete"),
    path("coverage/", coverage_views.coverage, name="coverage"),
    path("coverage/blind-spots.xlsx", coverage_views.coverage_xlsx, name="coverage_xlsx"),
]
# the links this part shows on the planning hub: (url name without "planning:", label[, "write"]);
# "write" links are shown only to users who may create records
hub_links: list = [
    ("road_list", _("Road files")),
    ("coverage", _("Camera coverage and blind spots")),
]
