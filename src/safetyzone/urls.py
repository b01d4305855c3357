from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("safetyzone.api_urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("safetyzone.core.urls")),
    path("census/", include("safetyzone.census.urls")),
    path("footage/", include("safetyzone.footage.urls")),
    path("planning/", include("safetyzone.planning.urls")),
    path("dashboard/", include("safetyzone.dashboard.urls")),
    path("", include("safetyzone.cameras.urls")),
]
