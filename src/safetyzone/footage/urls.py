from django.urls import path  # noqa: F401

app_name = "footage"
urlpatterns: list = []

# statistics, the public page, citizens' asks, misuse guards (H7)
from . import citizen_views, misuse_views, public_views, stats_views  # noqa: E402

urlpatterns += [
    path("statistics/", stats_views.statistics, name="statistics"),
    path("public/", public_views.public_page, name="public"),
    path("misuse/", misuse_views.volumes, name="misuse"),
    path("misuse/flags/<int:pk>/acknowledge/", misuse_views.acknowledge, name="misuse_ack"),
    path("misuse/users/<int:user_pk>/", misuse_views.activity, name="misuse_activity"),
    path("ask/", citizen_views.ask, name="citizen_new"),
    path("ask/<uuid:token>/", citizen_views.ask_status, name="citizen_status"),
    path("citizen-asks/", citizen_views.queue, name="citizen_queue"),
    path("citizen-asks/<int:pk>/", citizen_views.review, name="citizen_review"),
]

# finding cameras, requests, the owners' inbox (H4)
from . import inbox_views, request_views  # noqa: E402

urlpatterns += [
    path("find/", request_views.find, name="find"),
    path("requests/", request_views.request_list, name="requests"),
    path("requests/<int:pk>/", request_views.request_detail, name="request"),
    path("requests/<int:pk>/close/", request_views.request_end, {"how": "close"}, name="request_close"),
    path("requests/<int:pk>/cancel/", request_views.request_end, {"how": "cancel"}, name="request_cancel"),
    path("requests/<int:pk>/items/<int:item_pk>/usable/", request_views.judge, name="judge"),
    path("inbox/", inbox_views.inbox, name="inbox"),
    path("inbox/<int:pk>/", inbox_views.inbox_item, name="inbox_item"),
]

# evidence: delivering footage, custody, links, the custody report (H5)
from . import evidence_case_views, evidence_views  # noqa: E402

urlpatterns += [
    path("items/<int:pk>/deliver/", evidence_views.deliver, name="upload"),
    path("items/<int:pk>/uploads/", evidence_views.upload_start, name="upload_start"),
    path("items/<int:pk>/medium/", evidence_views.medium, name="medium"),
    path("uploads/<uuid:upload_id>/", evidence_views.upload, name="upload_session"),
    path("uploads/<uuid:upload_id>/complete/", evidence_views.upload_complete, name="upload_complete"),
    path("requests/<int:pk>/evidence/", evidence_case_views.case, name="evidence_case"),
    path("requests/<int:pk>/custody-report/", evidence_case_views.report, name="custody_report"),
    path("evidence/<int:pk>/link/", evidence_case_views.link, name="evidence_link"),
    path("evidence/<int:pk>/share/", evidence_case_views.share, name="evidence_share"),
    path("evidence/get/<str:token>/", evidence_case_views.get, name="evidence_get"),
]
