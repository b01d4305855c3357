"""Forms of the risk pages: a point (click the map or type coordinates, Thai digits allowed),
its photos, a measure (mitigation), finishing a measure, closing a point."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from safetyzone.cameras.forms import SWAPPED, CoordinateField, ThaiDateField
from safetyzone.core import access
from safetyzone.core.models import AdminArea, Organisation
from safetyzone.thai.coords import fix_lat_lon, typed_swapped

from . import risk_photos, risk_selectors, risk_services
from .models import Mitigation, MitigationKind, MitigationStatus, RiskPoint, SpaceClass, TimeOfDay

SPACE_HELP = gettext_lazy(
    "Primary space: a place a person or a few people own and control, closed to others without "
    "permission (a house). Secondary space: a space its users partly control, between private and public "
    "(the corridor of a dormitory, a lane shared by a few houses). Public space: anyone may enter or pass "
    "by right (a park, a hospital, a station, a street).")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos at once; each is checked (a picture, not too large) by risk_services."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*", "multiple": True}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, (list, tuple)) else [data]
        files = [super(PhotosField, self).clean(d, initial) for d in items if d]
        try:
            risk_photos.check_photos(files)
        except ValidationError as e:
            raise ValidationError(e.message_dict["photos"]) from None
        return files


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class RiskPointForm(forms.ModelForm):
    lat = CoordinateField(kind="lat", label=gettext_lazy("latitude"))
    lon = CoordinateField(kind="lon", label=gettext_lazy("longitude"))
    times_of_day = forms.MultipleChoiceField(choices=TimeOfDay.choices, required=False,
                                             widget=forms.CheckboxSelectMultiple, label=gettext_lazy("times of day"))
    photos = PhotosField(
        label=gettext_lazy("Photos"),
        help_text=gettext_lazy("One or more pictures of the place (JPEG, PNG, WebP), up to 10 MB each."))

    class Meta:
        model = RiskPoint
        fields = ["organisation", "name", "lat", "lon", "area", "category", "category_detail", "space_class",
                  "severity", "times_of_day", "source", "meeting_ref", "description"]
        widgets = {"space_class": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["space_class"].help_text = SPACE_HELP
        self.fields["category"].label = pgettext_lazy("risk point", "category")
        self.fields["space_class"].choices = SpaceClass.choices
        self.fields["lat"].widget.attrs.update({"placeholder": "17.415000", "inputmode": "decimal"})
        self.fields["lon"].widget.attrs.update({"placeholder": "102.787000", "inputmode": "decimal"})
        self.fields["meeting_ref"].help_text = _("For a network meeting: its date or the minutes' reference.")
        if access.is_system_admin(user) and not self.instance.pk:
            self.fields["organisation"].queryset = access.writable_organisations(
                user, Organisation.objects.order_by("name"))
        else:
            del self.fields["organisation"]
        owner = self.instance.organisation if self.instance.organisation_id else getattr(user, "organisation", None)
        self.owner = owner
        if owner is not None:
            self.fields["area"] = forms.ChoiceField(
                label=gettext_lazy("administrative area"), choices=[("", _("— choose —"))]
                + risk_selectors.area_choices(owner.province_id))
            if not self.instance.pk and len(owner.area_id) >= 4:
                self.initial.setdefault("area", owner.area_id)
        else:
            self.fields["area"] = forms.CharField(
                label=gettext_lazy("administrative area"), max_length=6,
                help_text=_("District (4 digits) or subdistrict (6 digits) code, in the owner's province."))
        if self.instance.pk:
            self.initial["area"] = self.instance.area_id

    def clean_area(self):
        code = str(self.cleaned_data.get("area") or "").strip()
        area = AdminArea.objects.filter(code=code).first() if code.isascii() and code.isdigit() else None
        if area is None:
            raise ValidationError(_("Choose the district or subdistrict where the risk point is."))
        return area

    def clean(self):
        data = super().clean()
        owner = data.get("organisation") or self.owner
        area, lat, lon = data.get("area"), data.get("lat"), data.get("lon")
        try:
            if area is not None:
                risk_services.check_area(owner, area)
            if lat is not None and lon is not None:
                lat_f, lon_f = float(lat), float(lon)
                if fix_lat_lon(lat_f, lon_f)[2]:
                    raise ValidationError({"lat": SWAPPED})
                risk_services.check_location_in_province(lat_f, lon_f, owner, area)
        except ValidationError as e:
            for name, errors in e.error_dict.items():
                self.add_error(name, errors)
        if "lat" in self.errors and self._typed_swapped():
            self.errors["lat"] = self.error_class([str(SWAPPED)])
        return data

    def _typed_swapped(self) -> bool:
        return typed_swapped(self.data.get("lat", ""), self.data.get("lon", ""))

    def save_point(self) -> RiskPoint:
        """Create or update through risk_services (PermissionDenied passes through; a service
        ValidationError is put on its fields and re-raised)."""
        point, photos = self.instance, self.cleaned_data.get("photos") or []
        try:
            if point.pk:
                return risk_services.update_point(self.user, point, photos)
            return risk_services.create_point(self.user, point, photos)
        except ValidationError as e:
            _errors_to_form(self, e)
            raise


class PhotoUploadForm(forms.Form):
    photos = PhotosField(label=gettext_lazy("Add photos"), required=True)


class MitigationForm(forms.ModelForm):
    due_on = ThaiDateField(required=False, label=gettext_lazy("due"))
    done_on = ThaiDateField(required=False, label=gettext_lazy("done on"))
    camera = forms.TypedChoiceField(coerce=int, required=False, empty_value=None,
                                    label=gettext_lazy("camera installed"))

    class Meta:
        model = Mitigation
        fields = ["kind", "detail", "responsible", "status", "due_on", "done_on"]

    def __init__(self, *args, user, point, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.user, self.point = user, point
        self.fields["status"].choices = [(v, risk_selectors.MEASURE_STATUS[v]) for v in MitigationStatus.values
                                         if v != MitigationStatus.CANCELLED]
        self.fields["kind"].choices = MitigationKind.choices
        cams = risk_selectors.cameras_near(user, float(point.lat), float(point.lon))
        self.fields["camera"].choices = [("", _("— none —"))] + [
            (c.pk, f"#{c.pk} {c.point or c.site.name} ({c.get_status_display()})") for c in cams]
        self.fields["camera"].help_text = _("For “camera installed”: a registry camera within 500 m you may see.")
        for name in ("due_on", "done_on"):
            self.fields[name].widget.attrs["placeholder"] = _("e.g. 20/12/2569")

    def clean(self):
        data = super().clean()
        if data.get("status") == MitigationStatus.DONE and not data.get("done_on") and "done_on" not in self.errors:
            self.add_error("done_on", _("Give the date the measure was done."))
        return data

    def save_mitigation(self) -> Mitigation:
        mitigation = self.instance
        mitigation.camera_id = self.cleaned_data.get("camera")
        try:
            return risk_services.add_mitigation(self.user, self.point.pk, mitigation)
        except ValidationError as e:
            _errors_to_form(self, e)
            raise


class FinishMitigationForm(forms.Form):
    status = forms.ChoiceField(choices=[(MitigationStatus.DONE, pgettext_lazy("measure", "Done")),
                                        (MitigationStatus.CANCELLED, pgettext_lazy("measure", "Cancelled"))])
    done_on = ThaiDateField(required=False, label=gettext_lazy("done on"))


class CloseForm(forms.Form):
    closed_note = forms.CharField(label=gettext_lazy("why it was closed"), max_length=300,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    without_measures = forms.BooleanField(
        required=False, label=gettext_lazy("Closed without measures"),
        help_text=gettext_lazy("Tick when no measure was done, e.g. the building was demolished or the "
                               "gathering moved away; say so in the reason."))
