"""The planning app: one module of URLs per part, so each part's pages stay together."""

from django.urls import path

from . import coverage_urls, incident_urls, plan_urls, risk_urls, views, zone_urls

app_name = "planning"
urlpatterns = [path("", views.index, name="index")]
urlpatterns += risk_urls.urlpatterns + incident_urls.urlpatterns + zone_urls.urlpatterns
urlpatterns += coverage_urls.urlpatterns + plan_urls.urlpatterns
