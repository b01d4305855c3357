from django.urls import path, re_path

from . import round_views, views

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
    # census rounds
    path("rounds/", round_views.round_list, name="rounds"),
    path("rounds/new/", round_views.round_new, name="round_new"),
    path("rounds/<int:pk>/", round_views.round_detail, name="round"),
    path("rounds/<int:pk>/live/", round_views.round_live, name="round_live"),
    path("rounds/<int:pk>/move/", round_views.round_move, name="round_move"),
    path("rounds/<int:pk>/remind/", round_views.round_remind, name="round_remind"),
    path("answers/<int:pk>/", round_views.submission_detail, name="submission"),
    path("answers/<int:pk>/submit/", round_views.submission_submit, name="submission_submit"),
    path("answers/<int:pk>/review/", round_views.submission_review, name="submission_review"),
    re_path(r"^answers/(?P<pk>\d+)/(?P<part>proposal|problem)/$", round_views.part_add, name="part_add"),
    re_path(r"^answers/(?P<pk>\d+)/(?P<part>proposal|problem)/(?P<item>\d+)/remove/$", round_views.part_remove,
            name="part_remove"),
]

# data quality
from . import quality_views  # noqa: E402

urlpatterns += [
    path("quality/", quality_views.overview, name="quality"),
    path("quality/org/<int:pk>/", quality_views.org_findings, name="quality_org"),
    path("quality/duplicates/", quality_views.duplicates, name="quality_duplicates"),
    path("quality/duplicates/decide/", quality_views.decide, name="quality_decide"),
    re_path(r"^quality/findings\.(?P<fmt>csv|xlsx)$", quality_views.export, name="quality_export"),
]

# field verification
from . import verification_views  # noqa: E402

urlpatterns += [
    path("verify/", verification_views.my_assignments, name="verify_mine"),
    path("verify/<int:pk>/", verification_views.visit, name="verify_visit"),
    path("verify/assign/", verification_views.assign, name="verify_assign"),
    path("verify/assignments/", verification_views.assignments, name="verify_assignments"),
    path("verify/flags/", verification_views.flags, name="verify_flags"),
    path("verify/flags/<int:pk>/acknowledge/", verification_views.acknowledge_flag, name="verify_flag_acknowledge"),
    path("verify/photos/<int:pk>/", verification_views.photo, name="verify_photo"),
]

# certification and plan
from . import certify_views  # noqa: E402

urlpatterns += [
    path("rounds/<int:pk>/certify/", certify_views.certify_round, name="round_certify"),
    path("certifications/<int:pk>/", certify_views.certification, name="certification"),
    path("certifications/compare/", certify_views.compare, name="certification_compare"),
    path("rounds/<int:pk>/plan/", certify_views.plan_page, name="round_plan"),
    re_path(r"^rounds/(?P<pk>\d+)/plan\.(?P<fmt>xlsx|pdf)$", certify_views.plan_file, name="round_plan_file"),
]
