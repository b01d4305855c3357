"""Forms of the road file pages: load a file, generate a street grid."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Avg
from django.utils.translation import gettext_lazy as _

from safetyzone.cameras.models import Camera
from safetyzone.core import access
from safetyzone.core.models import AdminArea, AreaLevel, Organisation

from .models import SafetyZone
from .road_services import GRID_SIZE_M


def area_choices(user, organisation=None):
    """Districts and subdistricts of the owner's province (a system admin without one: all)."""
    province = getattr(organisation or getattr(user, "organisation", None), "province_id", None)
    qs = AdminArea.objects.filter(level__in=[AreaLevel.DISTRICT, AreaLevel.SUBDISTRICT]).order_by("code")
    return qs.filter(code__startswith=province) if province else qs


class OwnedForm(forms.Form):
    """Name, owning organisation (system admins choose) and area of a new road file."""

    name = forms.CharField(label=_("name"), max_length=200)
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), required=False,
                                          label=_("organisation"))
    area = forms.ModelChoiceField(queryset=AdminArea.objects.none(), label=_("administrative area"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        owner = getattr(user, "organisation", None)
        self.fields["area"].queryset = area_choices(user, owner)
        self.fields["area"].label_from_instance = lambda a: f"{a.code} {a.name}"
        if owner is not None and len(owner.area_id) >= 4:
            self.initial.setdefault("area", owner.area_id)
        if access.is_system_admin(user):
            self.fields["organisation"].queryset = access.writable_organisations(
                user, Organisation.objects.order_by("name"))
            self.fields["organisation"].required = True
        else:
            del self.fields["organisation"]

    def owner(self):
        return self.cleaned_data.get("organisation") or getattr(self.user, "organisation", None)

    def clean(self):
        data = super().clean()
        owner, area = self.owner(), data.get("area")
        if owner is not None and area is not None and area.code[:2] != owner.province_id:
            self.add_error("area", _("%(area)s is not in the province of %(org)s.") % {"area": area.name,
                                                                                        "org": owner.name})
        return data


class LoadForm(OwnedForm):
    file = forms.FileField(label=_("road file"), help_text=_(
        "GeoJSON (.geojson, .json) in WGS84 or with its crs, or an OpenStreetMap extract (.osm, .pbf)."))


class GridForm(OwnedForm):
    zone = forms.ModelChoiceField(queryset=SafetyZone.objects.none(), required=False, label=_("Safety Zone"),
                                  help_text=_("The grid covers the zone; leave empty to give a centre."))
    lat = forms.FloatField(label=_("latitude of the centre"), required=False, min_value=5.5, max_value=20.5)
    lon = forms.FloatField(label=_("longitude of the centre"), required=False, min_value=97.3, max_value=105.7)
    size_m = forms.FloatField(label=_("size of the square (m)"), initial=1500, min_value=GRID_SIZE_M[0],
                              max_value=GRID_SIZE_M[1])
    seed = forms.IntegerField(label=_("variant (seed)"), initial=0, min_value=0, max_value=1_000_000)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["zone"].queryset = access.scope(user, SafetyZone.objects.order_by("name"))
        self.fields["lat"].help_text = _("Empty: the middle of the zone, or of the area's working cameras.")

    def clean(self):
        data = super().clean()
        zone, area = data.get("zone"), data.get("area")
        if self.errors:
            return data
        if data.get("lat") is not None and data.get("lon") is not None:
            return data
        if zone is not None:
            data["lat"], data["lon"] = float(zone.centroid_lat), float(zone.centroid_lon)
            lat = [p[0] for p in zone.polygon]
            lon = [p[1] for p in zone.polygon]
            extent = max(max(lat) - min(lat), (max(lon) - min(lon)) * 0.96) * 111_320 + 200
            data["size_m"] = min(max(data.get("size_m") or 0, extent), GRID_SIZE_M[1])
            return data
        if area is not None:
            mid = access.scope(self.user, Camera.objects.filter(access.area_q(area, ""))).aggregate(
                lat=Avg("lat"), lon=Avg("lon"))
            if mid["lat"] is not None:
                data["lat"], data["lon"] = float(mid["lat"]), float(mid["lon"])
                return data
        raise ValidationError(_("Give the centre's latitude and longitude, or choose a Safety Zone: "
                                "there are no cameras in this area to find its middle."))
