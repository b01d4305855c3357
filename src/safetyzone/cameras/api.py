"""REST API for sites and cameras: thin views over the access gate and cameras.services.

Reads go through `core.access.scope`; writes go through `services` (which re-check the gate
inside the transaction). Optimistic locking: PUT and PATCH must send the `version` read from
the representation; a stale version gets 409 with the current record, nothing is overwritten.

Contact person and phone are personal data: they are shown only to users who may write the
camera, to police investigators and to the provincial secretariat. When they are shown to
someone outside the owning organisation one access-log entry is written per request: for a
camera, naming the camera; for a list page, naming its first such camera, how many there
were, the id range and the query string (enough to replay the page).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import (
    OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view, inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from safetyzone.core import access, accesslog
from safetyzone.core.api import (
    FIELDS_PARAMETER, AreaSummarySerializer, FieldSelectionViewMixin, IdCursorPagination,
    OrganisationSummarySerializer, SelectableFieldsMixin,
)
from safetyzone.core.models import AdminArea, Organisation, Role

from . import services
from .filters import CameraFilter
from .models import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN, Camera, Site
from .validation import check_location

CONTACT_FIELDS = ("contact_name", "contact_phone")
CONTACT_ROLES = {Role.SECRETARIAT, Role.INVESTIGATOR}


def may_see_contacts(user, camera: Camera) -> bool:
    return user.role in CONTACT_ROLES or access.can_write_org(user, camera.site.owner_id)


class UserFilterBackend(DjangoFilterBackend):
    """Hands the user to CameraFilter, so `organisation` only accepts organisations in scope."""

    def get_filterset_kwargs(self, request, queryset, view):
        return {**super().get_filterset_kwargs(request, queryset, view), "user": request.user}


def as_drf_error(exc: DjangoValidationError) -> ValidationError:
    """A model/service ValidationError as a 400 with API field names."""
    if not hasattr(exc, "error_dict"):
        return ValidationError({"non_field_errors": exc.messages})
    rename = {NON_FIELD_ERRORS: "non_field_errors", "site": "site_id", "owner": "owner_id", "area": "area_code"}
    return ValidationError({rename.get(k, k): v for k, v in exc.message_dict.items()})


class CoordinateField(serializers.DecimalField):
    """WGS84 degrees as a JSON number; extra decimals are rounded to 6 (about 0.1 m).

    The range is checked in CameraSerializer.validate (a clear "outside Thailand" message)
    and documented in the schema by the subclasses below.
    """

    def __init__(self, **kwargs):
        super().__init__(max_digits=9, decimal_places=6, coerce_to_string=False, **kwargs)

    def validate_precision(self, value):
        if value.adjusted() < 3:
            value = value.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
        return super().validate_precision(value)


@extend_schema_field({"type": "number", "format": "double", "minimum": LAT_MIN, "maximum": LAT_MAX})
class LatitudeField(CoordinateField):
    pass


@extend_schema_field({"type": "number", "format": "double", "minimum": LON_MIN, "maximum": LON_MAX})
class LongitudeField(CoordinateField):
    pass


class SiteSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Site
        fields = ["id", "name", "address", "place_type"]


class SiteSerializer(SelectableFieldsMixin, serializers.ModelSerializer):
    """An installation site: owner organisation, name, address, place type and area."""

    owner_id = serializers.PrimaryKeyRelatedField(
        source="owner", queryset=Organisation.objects.all(),
        help_text="Owning organisation (write by id); you must be an editor of it.",
    )
    owner = OrganisationSummarySerializer(read_only=True)
    area_code = serializers.PrimaryKeyRelatedField(
        source="area", queryset=AdminArea.objects.all(),
        help_text="Administrative area code: subdistrict (6 digits), district (4) or province (2).",
    )
    area = AreaSummarySerializer(read_only=True)

    class Meta:
        model = Site
        fields = ["id", "owner_id", "owner", "name", "address", "place_type", "area_code", "area",
                  "province", "district"]
        read_only_fields = ["province", "district"]


class CameraSerializer(SelectableFieldsMixin, serializers.ModelSerializer):
    """A camera: owner, site and area summaries (read), written by `site_id`."""

    version = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, required=False,
        help_text="Optimistic lock. Required on PUT and PATCH: send the version you read; "
        "if someone saved the camera since, the answer is 409 with the current record.",
    )
    site_id = serializers.PrimaryKeyRelatedField(
        source="site", queryset=Site.objects.select_related("owner", "area"),
        help_text="Installation site (write by id, see /api/sites/); its owner owns the camera.",
    )
    site = SiteSummarySerializer(read_only=True)
    owner = OrganisationSummarySerializer(source="site.owner", read_only=True)
    area = AreaSummarySerializer(source="site.area", read_only=True)
    lat = LatitudeField(help_text="Latitude (WGS84), inside Thailand.")
    lon = LongitudeField(help_text="Longitude (WGS84), inside Thailand.")

    class Meta:
        model = Camera
        fields = [
            "id", "version", "site_id", "site", "owner", "area", "asset_code", "point", "lat", "lon",
            "sector", "camera_type", "signal", "resolution", "night_vision", "fov_deg", "bearing_deg",
            "range_m", "network_link", "network_name", "recorder", "retention_days", "playback",
            "status", "status_reason", "installed_on", "purchase_cost", "budget_source", "maintainer",
            "maintenance_budget", "contact_name", "contact_phone", "created_at", "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {
            "fov_deg": {"min_value": 1, "max_value": 360},
            "bearing_deg": {"min_value": 0, "max_value": 359},
            "range_m": {"min_value": 1, "max_value": 2000},
            "retention_days": {"min_value": 0, "max_value": 3650},
            "contact_name": {"help_text": "Personal data: shown only to editors of the owner, "
                             "police investigators and the provincial secretariat."},
            "contact_phone": {"help_text": "Personal data, shown like contact_name."},
        }

    def validate(self, attrs):
        camera = self.instance
        if camera is not None and "version" not in attrs:
            raise ValidationError({"version": [_(
                "Send the version of the camera you read (field \"version\"), so that nobody's "
                "changes are overwritten.")]})
        lat = attrs.get("lat", getattr(camera, "lat", None))
        lon = attrs.get("lon", getattr(camera, "lon", None))
        site = attrs.get("site", getattr(camera, "site", None))
        if lat is not None and lon is not None:
            blocking = [i.message for i in check_location(float(lat), float(lon), getattr(site, "area", None))
                        if i.blocking]
            if blocking:
                raise ValidationError({"lat": blocking, "lon": blocking})
        return attrs

    def to_representation(self, camera):
        data = super().to_representation(camera)
        request = self.context.get("request")
        if request is not None and not may_see_contacts(request.user, camera):
            for name in CONTACT_FIELDS:
                data.pop(name, None)
        return data


CONFLICT = inline_serializer("CameraConflict", {
    "detail": serializers.CharField(), "code": serializers.CharField(), "current": CameraSerializer(),
})
LOCKING_HELP = (
    "Optimistic locking: send the `version` you read in the body. If someone saved the camera "
    "since, the answer is 409 Conflict with the current record and nothing is overwritten; "
    "without `version` the answer is 400."
)
CAMERA_WRITE_RESPONSES = {
    400: OpenApiResponse(description="Invalid data, with a message per field (or `version` missing)."),
    403: OpenApiResponse(description="You may not write cameras of this organisation."),
    409: OpenApiResponse(CONFLICT, description="Stale `version`: someone saved the camera after you "
                         "read it. `current` is the record as it is now; nothing was changed."),
}


@extend_schema_view(
    list=extend_schema(parameters=[FIELDS_PARAMETER]),
    retrieve=extend_schema(parameters=[FIELDS_PARAMETER]),
    create=extend_schema(
        description="Register a camera on one of your organisation's sites (see /api/sites/).",
        responses={201: CameraSerializer, 400: CAMERA_WRITE_RESPONSES[400], 403: CAMERA_WRITE_RESPONSES[403]},
    ),
    update=extend_schema(description=LOCKING_HELP, responses={200: CameraSerializer, **CAMERA_WRITE_RESPONSES}),
    partial_update=extend_schema(
        description=LOCKING_HELP, responses={200: CameraSerializer, **CAMERA_WRITE_RESPONSES}
    ),
    destroy=extend_schema(responses={204: None, 403: CAMERA_WRITE_RESPONSES[403]}),
)
class CameraViewSet(FieldSelectionViewMixin, viewsets.ModelViewSet):
    """Cameras you may see, with the same filters as the web list (area, organisation, status,
    network link, public/private, free text). Ordered by id; walk pages with `next`."""

    serializer_class = CameraSerializer
    filterset_class = CameraFilter
    filter_backends = [UserFilterBackend]
    pagination_class = IdCursorPagination
    parser_classes = [JSONParser]

    def get_queryset(self):
        qs = Camera.objects.select_related("site__owner", "site__area").order_by("id")
        return access.scope(self.request.user, qs)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        data = self.get_serializer(page, many=True).data
        self.log_contact_reads(page, listing=True)
        return self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs):
        camera = self.get_object()
        data = self.get_serializer(camera).data
        self.log_contact_reads([camera], listing=False)
        return Response(data)

    def log_contact_reads(self, cameras, listing: bool) -> None:
        fields = self.get_serializer_context()["fields"]
        if fields is not None and not fields & set(CONTACT_FIELDS):
            return
        user = self.request.user
        outside = [c for c in cameras if (c.contact_name or c.contact_phone)
                   and c.site.owner_id != user.organisation_id and may_see_contacts(user, c)]
        if not outside:
            return
        purpose = "API camera detail"
        if listing:
            ids = [c.pk for c in outside]
            query = self.request.META.get("QUERY_STRING", "")[:100]
            purpose = f"API camera list: {len(ids)} cameras with contacts, ids {min(ids)}-{max(ids)}; ?{query}"
        accesslog.record(user, "read_contact", outside[0], purpose=purpose, request=self.request)

    def create(self, request, *args, **kwargs):
        if not access.writable_organisations(request.user, Organisation.objects.all()).exists():
            raise DjangoPermissionDenied
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("version", None)
        try:
            camera = services.create_camera(request.user, Camera(**data))
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        return Response(self.get_serializer(camera).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        camera = self.get_object()
        access.check_write(request.user, camera)
        serializer = self.get_serializer(camera, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version")
        for name, value in data.items():
            setattr(camera, name, value)
        try:
            camera = services.update_camera(request.user, camera, version)
        except services.ConflictError as exc:
            return Response({
                "detail": _("Someone else saved this camera after you opened it (you sent version "
                            "%(sent)s, it is now %(now)s). Nothing was changed: reload it, re-apply "
                            "your changes and send the new version.") % {"sent": version, "now": exc.current.version},
                "code": "conflict",
                "current": self.get_serializer(exc.current).data,
            }, status=status.HTTP_409_CONFLICT)
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        return Response(self.get_serializer(camera).data)

    def destroy(self, request, *args, **kwargs):
        camera = self.get_object()
        try:
            services.delete_camera(request.user, camera)
        except ProtectedError:
            return Response({"detail": _("This camera is referred to by other records and cannot be "
                                         "deleted; set its status instead.")}, status=status.HTTP_409_CONFLICT)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(parameters=[FIELDS_PARAMETER]),
    retrieve=extend_schema(parameters=[FIELDS_PARAMETER]),
    create=extend_schema(
        description="Find or create an installation site: when the organisation already has a site "
        "with this name in this area, that site is returned (its address and place type updated).",
        responses={201: SiteSerializer, 400: OpenApiResponse(description="Invalid data."),
                   403: OpenApiResponse(description="You may not write for this organisation.")},
    ),
)
class SiteViewSet(FieldSelectionViewMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Installation sites you may see; a camera belongs to a site and to the site's owner."""

    serializer_class = SiteSerializer
    pagination_class = IdCursorPagination
    parser_classes = [JSONParser]

    def get_queryset(self):
        qs = Site.objects.select_related("owner", "area").order_by("id")
        return access.scope(self.request.user, qs)

    def create(self, request, *args, **kwargs):
        if not access.writable_organisations(request.user, Organisation.objects.all()).exists():
            raise DjangoPermissionDenied
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        site = services.find_or_create_site(request.user, data.pop("owner"), **data)
        return Response(self.get_serializer(site).data, status=status.HTTP_201_CREATED)
