from django.urls import path
from django.views.generic import RedirectView

app_name = "census"
urlpatterns = [
    path("import/", RedirectView.as_view(url="/"), name="import"),
    path("export/", RedirectView.as_view(url="/"), name="export"),
]
