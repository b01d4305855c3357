"""The camera create/edit form: Thai dates and coordinates as officers type them, the site
chosen or created inline, location plausibility, and the values needed for edit conflicts."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from safetyzone.core import access
from safetyzone.core.models import AdminArea, AreaLevel, Organisation
from safetyzone.thai.coords import CoordinateError, fix_lat_lon, parse_coordinate, typed_swapped
from safetyzone.thai.dates import DateParseError, format_thai_date, parse_date

from . import display, services
from .conflicts import SNAPSHOT_FIELDS, make_snapshot
from .models import MAX_RETENTION_DAYS, Camera, PlaceType, Site
from .validation import check_location, in_thailand

SWAPPED = gettext_lazy("Latitude and longitude look swapped: in Thailand the latitude is between "
                       "5.5 and 20.5 and the longitude between 97.3 and 105.7.")
MAX_SITE_OPTIONS = 1000  # above this, the existing site is entered by its number
RANGES = {"fov_deg": (1, 360), "bearing_deg": (0, 359), "range_m": (1, 2000),
          "retention_days": (1, MAX_RETENTION_DAYS), "purchase_cost": (0, None),
          "maintenance_budget": (0, None)}


def _thai() -> bool:
    return not (get_language() or "th").startswith("en")


class ThaiDateField(forms.CharField):
    """A date typed the Thai way (20/12/2559, 20 ธ.ค. 2559, ๒๐ ธ.ค. ๒๕๕๙) or as 2016-12-20."""

    def prepare_value(self, value):
        if hasattr(value, "isoformat"):
            return format_thai_date(value) if _thai() else value.isoformat()
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_date(value)
        except DateParseError as e:
            raise ValidationError(e.message_th if _thai() else e.message_en) from None


class CoordinateField(forms.CharField):
    """Decimal degrees or degrees-minutes-seconds, Thai digits allowed; 6 decimals kept."""

    def __init__(self, *, kind: str, **kwargs):
        self.kind = kind
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            number = parse_coordinate(value, kind=self.kind)
        except CoordinateError as e:
            raise ValidationError(e.message_th if _thai() else e.message_en) from None
        return Decimal(f"{number:.6f}")


class NotStatedYesNo(forms.NullBooleanSelect):
    """Yes / no / not stated, worded for a feature a camera has or lacks."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", gettext_lazy("Not stated")),
                        ("true", pgettext_lazy("feature present", "Yes")),
                        ("false", pgettext_lazy("feature present", "No"))]


class CameraForm(forms.ModelForm):
    site = forms.ModelChoiceField(
        queryset=Site.objects.none(), required=False, label=gettext_lazy("Existing site"),
        empty_label=gettext_lazy("— Register a new site —"),
    )
    owner = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label=gettext_lazy("Owner organisation")
    )
    site_name = forms.CharField(max_length=200, required=False, label=gettext_lazy("New site name"))
    site_address = forms.CharField(max_length=300, required=False, label=gettext_lazy("Address"))
    site_place_type = forms.ChoiceField(
        choices=PlaceType.choices, required=False, initial=PlaceType.OTHER, label=gettext_lazy("Place type")
    )
    site_province = forms.CharField(required=False)
    site_district = forms.CharField(required=False)
    site_subdistrict = forms.CharField(required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    snapshot = forms.CharField(required=False, widget=forms.HiddenInput)
    confirm_location = forms.BooleanField(
        required=False, label=gettext_lazy("I have checked the location; save it anyway")
    )

    class Meta:
        model = Camera
        fields = SNAPSHOT_FIELDS
        field_classes = {"installed_on": ThaiDateField}
        widgets = {"status_reason": forms.TextInput, "night_vision": NotStatedYesNo, "playback": NotStatedYesNo}

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.user = user
        self.location_warning = ""
        self.fields["lat"] = CoordinateField(kind="lat", label=display.label("lat"))
        self.fields["lon"] = CoordinateField(kind="lon", label=display.label("lon"))
        self.fields["installed_on"].widget.attrs["placeholder"] = _("e.g. 20/12/2559")
        self.fields["lat"].widget.attrs["placeholder"] = "14.589600"
        self.fields["lon"].widget.attrs["placeholder"] = "100.455000"
        self._limit_ranges()
        for f in self.fields.values():
            if isinstance(f, forms.TypedChoiceField) and f.choices and f.choices[0][0] == "":
                f.choices = [("", _("— choose —")), *f.choices[1:]]
        sites = access.scope(user, Site.objects.select_related("area"), write=True).order_by("name")
        self.fields["site"].queryset = sites
        self.fields["site"].label_from_instance = lambda s: f"{s.name} · {s.area}"
        if sites.count() > MAX_SITE_OPTIONS:
            self.fields["site"].widget = forms.NumberInput()
            self.fields["site"].help_text = _("Number of an existing site, or empty to register a new one.")
        owners = access.writable_organisations(user, Organisation.objects.all())
        self.fields["owner"].queryset = owners
        if self.instance.pk:
            self.initial.setdefault("site", self.instance.site_id)
            self.initial.setdefault("version", self.instance.version)
            self.initial.setdefault("snapshot", make_snapshot(self.instance))
            self.fields["version"].required = True
        elif owners.count() == 1:
            owner = owners.first()
            self.initial.setdefault("owner", owner.pk)
            self.initial.setdefault("site_province", owner.area_id[:2])  # start where the owner works
            if len(owner.area_id) >= 4:
                self.initial.setdefault("site_district", owner.area_id[:4])

    def _limit_ranges(self):
        for name, (low, high) in RANGES.items():
            f = self.fields[name]
            f.validators = [v for v in f.validators if not hasattr(v, "limit_value")]
            f.min_value = f.max_value = None
            f.widget.attrs.update({"min": low, **({"max": high} if high is not None else {})})

    # --- validation ---------------------------------------------------------------------

    def clean(self):
        data = super().clean()
        for name, (low, high) in RANGES.items():
            value = data.get(name)
            if value is not None and (value < low or (high is not None and value > high)):
                self.add_error(name, self._range_message(name, low, high))
        area = self._clean_site(data)
        lat, lon = data.get("lat"), data.get("lon")
        if lat is not None and lon is not None:
            self._check_location(float(lat), float(lon), area, data)
        elif self._typed_swapped():
            self.errors.pop("lat", None)
            self.add_error("lat", SWAPPED)
        return data

    def _typed_swapped(self) -> bool:
        return typed_swapped(self.data.get("lat", ""), self.data.get("lon", ""))

    @staticmethod
    def _range_message(name, low, high):
        label = display.label(name)
        if high is None:
            return _("%(field)s must not be negative.") % {"field": label}
        return _("%(field)s must be between %(min)s and %(max)s.") % {"field": label, "min": low, "max": high}

    def _clean_site(self, data):
        """The site's area; for a new site, checks its name, owner and subdistrict."""
        if data.get("site"):
            return data["site"].area
        if not data.get("site_name", "").strip():
            self.add_error("site_name", _("Choose an existing site or give the name of a new one."))
        if not data.get("owner"):
            self.add_error("owner", _("Choose the organisation that owns the new site."))
        code = (data.get("site_subdistrict") or "").strip()
        area = AdminArea.objects.filter(code=code, level=AreaLevel.SUBDISTRICT).first() if code else None
        if area is None:
            self.add_error("site_subdistrict", _("Choose the province, district and subdistrict of the new site."))
        self.new_site_area = area
        return area

    def _check_location(self, lat, lon, area, data):
        if not in_thailand(lat, lon) and fix_lat_lon(lat, lon)[2]:
            self.add_error("lat", SWAPPED)
            return
        for issue in check_location(lat, lon, area):
            if issue.blocking:
                self.add_error("lat", issue.message)
            elif not data.get("confirm_location"):
                self.location_warning = issue.message
                self.add_error("confirm_location", issue.message)

    # --- saving -------------------------------------------------------------------------

    @transaction.atomic
    def save_camera(self) -> Camera:
        """Create or update through cameras.services (ConflictError, ValidationError and
        PermissionDenied pass through; a new site is rolled back with a failed save)."""
        data = self.cleaned_data
        site = data.get("site") or services.find_or_create_site(
            self.user, data["owner"], name=data["site_name"].strip(), area=self.new_site_area,
            address=data.get("site_address", "").strip(),
            place_type=data.get("site_place_type") or PlaceType.OTHER,
        )
        camera = self.instance
        camera.site = site
        if camera.pk:
            return services.update_camera(self.user, camera, expected_version=data["version"])
        return services.create_camera(self.user, camera)

    def add_service_error(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error)

    def submitted_values(self) -> dict[str, str]:
        values = {name: display.norm(name, getattr(self.instance, name)) for name in self.Meta.fields}
        site = self.cleaned_data.get("site")
        values["site"] = str(site.pk) if site else "new"
        return values

    @property
    def sections(self):
        """Fields grouped like the camera page."""
        groups = [(_("Location"), ["point", "lat", "lon"])]
        groups += [(str(title), names) for title, names in display.SECTIONS]
        groups += [(_("Contact person (personal data)"), display.CONTACT_FIELDS)]
        first = ["asset_code"]
        groups[0] = (groups[0][0], first + groups[0][1])
        return [(title, [self[name] for name in names]) for title, names in groups]
