from django.urls import path, re_path

from . import views

app_name = "census"
urlpatterns = [
    path("import/", views.import_upload, name="import"),
    re_path(r"^import/template\.(?P<fmt>csv|xlsx)$", views.import_template, name="import_template"),
    path("import/<int:pk>/", views.job_detail, name="job"),
    path("import/<int:pk>/mapping/", views.job_mapping, name="job_mapping"),
    path("import/<int:pk>/progress/", views.job_progress, name="job_progress"),
    path("import/<int:pk>/commit/", views.job_commit, name="job_commit"),
    path("import/<int:pk>/rerun/", views.job_rerun, name="job_rerun"),
    re_path(r"^import/(?P<pk>\d+)/problems\.(?P<fmt>csv|xlsx)$", views.job_report, name="job_report"),
    path("export/", views.export, name="export"),
]
