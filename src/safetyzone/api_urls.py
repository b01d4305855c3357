"""REST API routes: /api/cameras/, /api/sites/, /api/organisations/, /api/areas/, /api/me/,
the OpenAPI 3 schema at /api/schema/ and its Swagger UI at /api/docs/."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from safetyzone.cameras.api import CameraViewSet, SiteViewSet
from safetyzone.core.api import AdminAreaViewSet, MeView, OrganisationViewSet
from safetyzone.planning.api import RiskPointViewSet

router = SimpleRouter()
router.register("cameras", CameraViewSet, basename="api-camera")
router.register("sites", SiteViewSet, basename="api-site")
router.register("organisations", OrganisationViewSet, basename="api-organisation")
router.register("areas", AdminAreaViewSet, basename="api-area")
router.register("risk-points", RiskPointViewSet, basename="api-risk-point")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("me/", MeView.as_view(), name="api-me"),
    *router.urls,
]
