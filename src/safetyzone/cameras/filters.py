"""Camera filters shared by the web list, the map and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from safetyzone.core.models import AdminArea, Organisation

from .models import Camera, NetworkLink, Sector, Status


class CameraFilter(django_filters.FilterSet):
    area = django_filters.CharFilter(
        label=_("Area code"), method="filter_area",
        help_text=_("Province (2 digits), district (4) or subdistrict (6) code"),
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), field_name="site__owner", queryset=Organisation.objects.all()
    )
    # distinct=False: these filter the camera's own columns, so no join can repeat a row, and a
    # DISTINCT would sort the whole matching set before the page is cut.
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=Status.choices, distinct=False)
    network_link = django_filters.MultipleChoiceFilter(label=_("Network link"), choices=NetworkLink.choices,
                                                       distinct=False)
    sector = django_filters.ChoiceFilter(label=_("Public / private"), choices=Sector.choices)
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")

    class Meta:
        model = Camera
        fields = ["area", "organisation", "status", "network_link", "sector", "q"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            from safetyzone.core import access

            self.filters["organisation"].queryset = access.scope(user, Organisation.objects.all())

    def filter_area(self, queryset, name, value):
        field = {2: "province_id", 4: "district_id", 6: "area_id"}.get(len(value.strip()))
        return queryset.filter(**{field: value.strip()}) if field else queryset.none()

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        q = (Q(asset_code__iexact=value) | Q(site__name__icontains=value) | Q(point__icontains=value)
             | Q(site__address__icontains=value) | Q(network_name__icontains=value))
        if value.isdecimal() and len(value) <= 18:  # not isdigit(): int() rejects "²"
            q |= Q(pk=int(value))
        return queryset.filter(q)


def area_choices(province_code: str | None = None):
    """Provinces, or the districts of one province, for filter drop-downs."""
    qs = AdminArea.objects.filter(level="province")
    if province_code:
        qs = AdminArea.objects.filter(code__startswith=province_code, level="district")
    return qs
