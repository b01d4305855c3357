from django.urls import path
from django.views.generic import RedirectView

app_name = "cameras"
urlpatterns = [
    path("", RedirectView.as_view(url="/admin/"), name="list"),
    path("map/", RedirectView.as_view(url="/admin/"), name="map"),
]
