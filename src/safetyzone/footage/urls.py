from django.urls import path  # noqa: F401

app_name = "footage"
urlpatterns: list = []

# statistics, the public page, citizens' asks, misuse guards (H7)
from . import public_views, stats_views  # noqa: E402

urlpatterns += [
    path("statistics/", stats_views.statistics, name="statistics"),
    path("public/", public_views.public_page, name="public"),
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
