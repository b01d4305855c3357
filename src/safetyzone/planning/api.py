"""REST API of the planning app: risk points (/api/risk-points/), thin over the access gate
and planning.risk_services (which re-check the gate inside the write transaction).

A risk point the user may not read is 404; one the user may read but not change is 403 on
writes. Photos are listed with the address of the gated photo view, never a MEDIA_URL.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from safetyzone.cameras.api import LatitudeField, LongitudeField, as_drf_error
from safetyzone.core import access
from safetyzone.core.api import AreaSummarySerializer, IdCursorPagination, OrganisationSummarySerializer
from safetyzone.core.models import AdminArea, Organisation

from . import risk_selectors, risk_services
from .models import Mitigation, RiskPhoto, RiskPoint, TimeOfDay
from .risk_selectors import RiskFilter

RENAME = {"area": "area_code", "organisation": "organisation_id"}


class MitigationSerializer(serializers.ModelSerializer):
    camera = serializers.SerializerMethodField(help_text="The registry camera of a “camera installed” measure; "
                                                         "null when you may not read that camera.")

    class Meta:
        model = Mitigation
        fields = ["id", "kind", "detail", "responsible", "status", "due_on", "done_on", "camera", "created_at"]
        read_only_fields = fields

    def get_camera(self, mitigation) -> int | None:
        return mitigation.camera_id if getattr(mitigation, "camera_readable", False) else None


class PhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The gated photo address (needs a login that may read "
                                                      "the risk point).")

    class Meta:
        model = RiskPhoto
        fields = ["id", "url", "caption", "uploaded_at"]
        read_only_fields = fields

    def get_url(self, photo) -> str:
        return reverse("planning:risk_photo", args=[photo.pk])


class RiskPointSerializer(serializers.ModelSerializer):
    """A risk point (seed 001 L288): place, category, space class, severity, times of day, source."""

    organisation_id = serializers.IntegerField(
        required=False, write_only=True, min_value=1, max_value=2**31 - 1,
        help_text="Owning organisation; only system admins choose it (others record for their own).")
    organisation = OrganisationSummarySerializer(read_only=True)
    area_code = serializers.RegexField(
        r"^[0-9]{4}([0-9]{2})?$", source="area_id",
        help_text="District (4 digits) or subdistrict (6 digits) code in the owner's province.")
    area = AreaSummarySerializer(read_only=True)
    lat = LatitudeField(help_text="Latitude (WGS84), inside Thailand and the owner's province.")
    lon = LongitudeField(help_text="Longitude (WGS84), inside Thailand and the owner's province.")
    times_of_day = serializers.ListField(child=serializers.ChoiceField(choices=TimeOfDay.choices),
                                         required=False, max_length=4)
    mitigations = MitigationSerializer(many=True, read_only=True)
    photos = PhotoSerializer(many=True, read_only=True)

    class Meta:
        model = RiskPoint
        fields = ["id", "organisation_id", "organisation", "area_code", "area", "name", "lat", "lon", "category",
                  "category_detail", "space_class", "severity", "times_of_day", "source", "meeting_ref",
                  "description", "status", "closed_at", "closed_note", "mitigations", "photos", "created_at"]
        read_only_fields = ["status", "closed_at", "closed_note", "created_at"]

    def validate(self, attrs):
        user = self.context["request"].user
        point = self.instance
        org_id = attrs.pop("organisation_id", None)
        if point is None:
            if org_id is None:
                org_id = getattr(user, "organisation_id", None)
            if org_id is None:
                raise ValidationError({"organisation_id": [_("Choose the organisation that owns the risk point.")]})
            if not access.can_write_org(user, org_id):
                raise PermissionDenied(_("Your role may not record risk points for this organisation."))
            organisation = Organisation.objects.filter(pk=org_id).first()
            if organisation is None:
                raise ValidationError({"organisation_id": [_("No organisation with this number.")]})
        else:
            if org_id is not None and org_id != point.organisation_id:
                raise ValidationError({"organisation_id": [_("The owner of a risk point cannot be changed.")]})
            organisation = point.organisation
        area_code = attrs.get("area_id", getattr(point, "area_id", None))
        area = AdminArea.objects.filter(code=area_code).first()
        if area is None:
            raise ValidationError({"area_code": [_("No district or subdistrict with this code.")]})
        lat, lon = attrs.get("lat", getattr(point, "lat", None)), attrs.get("lon", getattr(point, "lon", None))
        try:
            risk_services.check_area(organisation, area)
            risk_services.check_location_in_province(float(lat), float(lon), organisation, area)
        except DjangoValidationError as exc:
            raise ValidationError({RENAME.get(k, k): v for k, v in exc.message_dict.items()}) from exc
        attrs["organisation"] = organisation
        return attrs


class CloseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, help_text="Why the risk point is closed.")
    without_measures = serializers.BooleanField(
        default=False, help_text="Close although no measure is done (say why in `reason`).")


WRITE_RESPONSES = {400: OpenApiResponse(description="Invalid data, with a message per field."),
                   403: OpenApiResponse(description="You may read this risk point but not change it."),
                   404: OpenApiResponse(description="No such risk point, or you may not see it.")}


@extend_schema_view(
    create=extend_schema(responses={201: RiskPointSerializer, 400: WRITE_RESPONSES[400],
                                    403: OpenApiResponse(description="You may not record risk points.")}),
    update=extend_schema(responses={200: RiskPointSerializer, **WRITE_RESPONSES}),
    partial_update=extend_schema(responses={200: RiskPointSerializer, **WRITE_RESPONSES}),
)
class RiskPointViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                       mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Risk points you may see (your organisation's and, for police stations and local
    administrations, those in your area), with the web list's filters. Ordered by id."""

    serializer_class = RiskPointSerializer
    filterset_class = RiskFilter
    pagination_class = IdCursorPagination
    parser_classes = [JSONParser]
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        mitigations = Prefetch("mitigations", queryset=risk_selectors.mitigations_for(self.request.user))
        qs = RiskPoint.objects.select_related("organisation", "area").prefetch_related(mitigations, "photos")
        return access.scope(self.request.user, qs.order_by("id"))

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        try:
            serializer.instance = risk_services.create_point(self.request.user, RiskPoint(**data))
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc

    def perform_update(self, serializer):
        point = serializer.instance
        for name, value in serializer.validated_data.items():
            if name != "organisation":
                setattr(point, name, value)
        try:
            serializer.instance = risk_services.update_point(self.request.user, point)
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc

    def _fresh(self, pk):
        return Response(self.get_serializer(self.get_queryset().get(pk=pk)).data)

    @extend_schema(request=CloseSerializer, responses={200: RiskPointSerializer, **WRITE_RESPONSES})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close the point with a reason: it needs a done measure, or `without_measures`. A closed
        point is refused (403) and nothing changes."""
        point = self.get_object()
        body = CloseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            risk_services.close_point(request.user, point.pk, body.validated_data["reason"],
                                      without_measures=body.validated_data["without_measures"])
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        return self._fresh(point.pk)

    @extend_schema(request=None, responses={200: RiskPointSerializer, **WRITE_RESPONSES})
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        """Reopen a closed point (an open one is refused with 403)."""
        point = self.get_object()
        risk_services.reopen_point(request.user, point.pk)
        return self._fresh(point.pk)

    def get_success_headers(self, data):
        return {}

