"""URLs of the planning app's risk pages (included by planning/urls.py)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import risk_action_views, risk_views

urlpatterns: list = [
    path("risk/", risk_views.risk_list, name="risk_list"),
    path("risk/new/", risk_views.risk_create, name="risk_create"),
    path("risk/export.xlsx", risk_views.risk_export_xlsx, name="risk_export"),
    path("risk/<int:pk>/", risk_views.risk_detail, name="risk_detail"),
    path("risk/<int:pk>/edit/", risk_views.risk_edit, name="risk_edit"),
    path("risk/<int:pk>/photos/", risk_action_views.photos_add, name="risk_photos_add"),
    path("risk/<int:pk>/measures/", risk_action_views.mitigation_add, name="risk_mitigation_add"),
    path("risk/<int:pk>/close/", risk_action_views.close, name="risk_close"),
    path("risk/<int:pk>/reopen/", risk_action_views.reopen, name="risk_reopen"),
    path("risk/photos/<int:pk>/", risk_action_views.photo, name="risk_photo"),
    path("risk/photos/<int:pk>/delete/", risk_action_views.photo_delete, name="risk_photo_delete"),
    path("risk/measures/<int:pk>/", risk_action_views.mitigation_finish, name="risk_mitigation_finish"),
]
# the links this part shows on the planning hub: (url name without "planning:", label[, "write"]);
# "write" links are shown only to users who may create records
hub_links: list = [
    ("risk_list", _("Risk points: map and list")),
    ("risk_create", _("Record a risk point"), "write"),
]
