from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("", views.page, {"view": "overview"}, name="overview"),
    path("status/", views.page, {"view": "status"}, name="status"),
    path("network/", views.page, {"view": "network"}, name="network"),
    path("proposals/", views.page, {"view": "proposals"}, name="proposals"),
    path("footage/", views.page, {"view": "footage"}, name="footage"),
    path("problems/", views.page, {"view": "problems"}, name="problems"),
    path("map/", views.dashboard_map, name="map"),
]
