"""The investigator's camera search and footage request forms, with the misuse bounds of
issue 4: a window of at most 24 hours, not in the future, a circle of at most 500 m, a point
inside the user's province, a purpose always and a case reference for police users."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from safetyzone.cameras.validation import _inside_boundary
from safetyzone.core.models import OrgKind, Role

from .models import IncidentType

MAX_WINDOW = timedelta(hours=24)
MAX_RADIUS_M = 500
# Without a loaded boundary, a point this far outside the province's registered cameras is refused.
EXTENT_MARGIN_DEG = 0.03  # about 3 km
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]


def _dt_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def outside_province(province, lat: float, lon: float) -> str | None:
    """Why the point is outside the province, or None. Uses the province's boundary when the
    deployment has loaded one, else the extent of the province's registered cameras."""
    from safetyzone.cameras.models import Camera
    from safetyzone.cameras.selectors import extent

    if province.boundary:
        if not _inside_boundary(province.boundary, lat, lon):
            return _("The incident point is outside the boundary of %(province)s.") % {"province": province.name}
        return None
    box = extent(Camera.objects.filter(province_id=province.code))
    if box is None:
        return None
    (south, west), (north, east) = box
    m = EXTENT_MARGIN_DEG
    if not (south - m <= lat <= north + m and west - m <= lon <= east + m):
        return _("The incident point is outside %(province)s (no boundary is loaded, so it was checked "
                 "against the area covered by the province's registered cameras).") % {"province": province.name}
    return None


class SearchForm(forms.Form):
    lat = forms.FloatField(label=_lazy("latitude"), min_value=-90, max_value=90)
    lon = forms.FloatField(label=_lazy("longitude"), min_value=-180, max_value=180)
    radius_m = forms.IntegerField(label=_lazy("radius (m)"), min_value=10, initial=100,
                                  help_text=_lazy("At most 500 m."))
    starts_at = forms.DateTimeField(label=_lazy("from"), input_formats=DATETIME_FORMATS, widget=_dt_widget())
    ends_at = forms.DateTimeField(label=_lazy("to"), input_formats=DATETIME_FORMATS, widget=_dt_widget(),
                                  help_text=_lazy("At most 24 hours after the start."))
    case_ref = forms.CharField(label=_lazy("case reference"), max_length=60, required=False)
    purpose = forms.CharField(label=_lazy("purpose"), max_length=200,
                              help_text=_lazy("Why you search: it is logged with the search."))

    def __init__(self, *args, user=None, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.now = user, now or timezone.now()

    def clean_radius_m(self):
        radius = self.cleaned_data["radius_m"]
        if radius > MAX_RADIUS_M:
            raise ValidationError(_("The radius may be at most %(max)s m (you asked for %(asked)s m); "
                                    "search a smaller area around the incident.")
                                  % {"max": MAX_RADIUS_M, "asked": f"{radius:,}"})
        return radius

    def clean_purpose(self):
        purpose = self.cleaned_data["purpose"].strip()
        if not purpose:
            raise ValidationError(_("Please say why you search (the purpose is logged)."))
        return purpose

    def is_police(self) -> bool:
        org = getattr(self.user, "organisation", None)
        return bool(org and (org.kind == OrgKind.POLICE_STATION or self.user.role == Role.INVESTIGATOR))

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and starts > self.now:
            self.add_error("starts_at", _("The start of the window is in the future."))
        if ends and ends > self.now:
            self.add_error("ends_at", _("The end of the window is in the future; footage cannot be "
                                        "requested for a time that has not happened yet."))
        if starts and ends:
            if ends <= starts:
                self.add_error("ends_at", _("The end of the window must be after its start."))
            elif ends - starts > MAX_WINDOW:
                hours = (ends - starts).total_seconds() / 3600
                self.add_error("ends_at", _("The window may be at most 24 hours long (you asked for %(hours)s "
                                            "hours); request a shorter window around the incident.")
                               % {"hours": f"{hours:,.0f}"})
        if self.is_police() and not data.get("case_ref", "").strip():
            self.add_error("case_ref", _("A case reference is required for police requests."))
        lat, lon = data.get("lat"), data.get("lon")
        org = getattr(self.user, "organisation", None)
        if lat is not None and lon is not None and org is not None:
            problem = outside_province(org.province, lat, lon)
            if problem:
                self.add_error("lat", problem)
        return data


class IdsField(forms.TypedMultipleChoiceField):
    """Camera ids; which of them the user may request is checked by the gate in the service."""

    def valid_value(self, value) -> bool:
        return str(value).isdigit()


class RequestForm(SearchForm):
    incident_type = forms.ChoiceField(label=_lazy("incident type"), choices=IncidentType.choices)
    description = forms.CharField(label=_lazy("what happened"), widget=forms.Textarea(attrs={"rows": 3}),
                                  required=False, max_length=2000)
    cameras = IdsField(label=_lazy("cameras"), coerce=int,
                       error_messages={"required": _lazy("Choose at least one camera."),
                                       "invalid_choice": _lazy("“%(value)s” is not a camera number.")})
