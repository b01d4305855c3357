"""URLs of the planning app's plan pages (included by planning/urls.py): camera placement
plans, their comparison, proposals for the census and candidate pole files."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import plan_views

urlpatterns: list = [
    path("plans/", plan_views.plan_list, name="plans"),
    path("plans/new/", plan_views.plan_new, name="plan_new"),
    path("plans/compare/", plan_views.plan_compare, name="plan_compare"),
    path("plans/poles/load/", plan_views.pole_upload, name="pole_upload"),
    path("plans/<int:pk>/", plan_views.plan_detail, name="plan"),
    path("plans/<int:pk>/status/", plan_views.plan_status, name="plan_status"),
    path("plans/<int:pk>/rerun/", plan_views.plan_rerun, name="plan_rerun"),
    path("plans/<int:pk>/propose/", plan_views.plan_propose, name="plan_propose"),
    path("plans/<int:pk>/plan.xlsx", plan_views.plan_xlsx, name="plan_xlsx"),
    path("plans/<int:pk>/plan.pdf", plan_views.plan_pdf, name="plan_pdf"),
]
# the links this part shows on the planning hub: (url name without "planning:", label[, "write"]);
# "write" links are shown only to users who may create records
hub_links: list = [
    ("plans", _("Camera placement plans")),
    ("plan_new", _("New placement plan"), "write"),
]
