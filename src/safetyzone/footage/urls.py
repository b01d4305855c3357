from django.urls import path  # noqa: F401

app_name = "footage"
urlpatterns: list = []

# statistics, the public page, citizens' asks, misuse guards (H7)
from . import public_views, stats_views  # noqa: E402

urlpatterns += [
    path("statistics/", stats_views.statistics, name="statistics"),
    path("public/", public_views.public_page, name="public"),
]
