"""REST API: organisations, administrative areas, the current user, and shared API helpers.

Every queryset goes through the access gate (`core.access.scope`). Lists use cursor
pagination on an indexed column (no COUNT(*)), so a page costs the same at 1,000 or
1,000,000 rows; `?page_size=` goes up to 1,000 for bulk clients.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from . import access
from .models import AdminArea, AreaLevel, Organisation


class IdCursorPagination(CursorPagination):
    """Cursor pages ordered by the primary key; `?page_size=` up to 1,000."""

    ordering = "id"
    page_size_query_param = "page_size"
    max_page_size = 1000

    def valid_position(self, position: str) -> bool:
        return position.isascii() and position.isdigit() and len(position) <= 18

    def decode_cursor(self, request):
        cursor = super().decode_cursor(request)
        # A forged cursor must give 404 "Invalid cursor", not a database error.
        if cursor is not None and cursor.position is not None and not self.valid_position(cursor.position):
            raise NotFound(self.invalid_cursor_message)
        return cursor


class CodeCursorPagination(IdCursorPagination):
    ordering = "code"

    def valid_position(self, position: str) -> bool:
        return position.isascii() and position.isdigit() and len(position) <= 6


FIELDS_PARAMETER = OpenApiParameter(
    "fields", OpenApiTypes.STR, OpenApiParameter.QUERY,
    description="Comma-separated names of the fields to return (e.g. `id,status,lat,lon`); "
    "all fields when absent. An unknown name gives 400.",
)


class SelectableFieldsMixin:
    """Serializer mixin: keep only the fields named in context["fields"] (a set) when given."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wanted = self.context.get("fields")
        if wanted:
            for name in set(self.fields) - wanted:
                self.fields.pop(name)


class FieldSelectionViewMixin:
    """View mixin: parse `?fields=` on reads and hand it to a SelectableFieldsMixin serializer."""

    def requested_fields(self) -> set[str] | None:
        raw = self.request.query_params.get("fields") if self.request.method == "GET" else None
        if raw is None or not raw.strip():
            return None
        wanted = {name.strip() for name in raw.split(",") if name.strip()}
        known = set(self.get_serializer_class()().fields)
        unknown = sorted(wanted - known)
        if unknown:
            raise ValidationError({"fields": [
                _("Unknown field(s): %(unknown)s. Available fields: %(known)s.")
                % {"unknown": ", ".join(unknown)[:200], "known": ", ".join(sorted(known))}
            ]})
        return wanted

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["fields"] = self.requested_fields()
        return context


class AreaSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = AdminArea
        fields = ["code", "level", "name_th", "name_en"]


class OrganisationSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "name_en", "kind"]


class OrganisationSerializer(serializers.ModelSerializer):
    province = AreaSummarySerializer(read_only=True)
    area = AreaSummarySerializer(read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "name_en", "kind", "province", "area"]


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations you may see: your own; the whole province for the secretariat and committee."""

    serializer_class = OrganisationSerializer
    pagination_class = IdCursorPagination

    def get_queryset(self):
        qs = Organisation.objects.select_related("province", "area").order_by("id")
        return access.scope(self.request.user, qs)


class AdminAreaFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=AreaLevel.choices, label=gettext_lazy("Level"))
    parent = django_filters.CharFilter(
        field_name="parent_id", label=gettext_lazy("Parent area code"),
        help_text=gettext_lazy("Code of the province or district whose children to list"),
    )
    q = django_filters.CharFilter(
        method="filter_name", label=gettext_lazy("Search"),
        help_text=gettext_lazy("Part of the Thai or English name, or the start of the code"),
    )

    class Meta:
        model = AdminArea
        fields = ["level", "parent", "q"]

    def filter_name(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name_th__icontains=value) | Q(name_en__icontains=value) | Q(code__startswith=value)
        )


class AdminAreaSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent_id", read_only=True, allow_null=True)

    class Meta:
        model = AdminArea
        fields = ["code", "level", "name_th", "name_en", "parent"]


class AdminAreaViewSet(viewsets.ReadOnlyModelViewSet):
    """Thai provinces (2-digit DOPA code), districts (4) and subdistricts (6); public reference data."""

    queryset = AdminArea.objects.order_by("code")
    serializer_class = AdminAreaSerializer
    filterset_class = AdminAreaFilter
    pagination_class = CodeCursorPagination
    lookup_field = "code"
    lookup_value_regex = r"[0-9]{2,6}"


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    full_name = serializers.CharField()
    role = serializers.CharField()
    role_display = serializers.CharField()
    is_system_admin = serializers.BooleanField()
    organisation = OrganisationSummarySerializer(allow_null=True)


class MeView(APIView):
    """Who am I: the authenticated user's name, organisation and role."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        user = request.user
        data = {
            "username": user.username,
            "full_name": user.get_full_name(),
            "role": user.role,
            "role_display": user.get_role_display(),
            "is_system_admin": access.is_system_admin(user),
            "organisation": user.organisation,
        }
        return Response(MeSerializer(data).data)
