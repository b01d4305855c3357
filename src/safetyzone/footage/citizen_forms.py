"""The citizen's ask (no account) and the staff's review forms. The time window and place are
checked by the investigator's own search form (footage/forms.py: at most 24 hours, not in the
future) and `outside_province`, so a citizen gets exactly the bounds the police get."""

import re
from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from safetyzone.core.models import AdminArea, AreaLevel, OrgKind, Organisation

from .forms import DATETIME_FORMATS, MAX_RADIUS_M, SearchForm, outside_province
from .models import IncidentType

OLDEST_ASK = timedelta(days=365)  # no recorder keeps footage that long; year 1 would not even store
PHONE = re.compile(r"^(?:\+?66|0)\d{8,9}$")


def served_provinces():
    """Provinces with a police station in SafetyZone (someone there reviews the asks)."""
    codes = Organisation.objects.filter(kind=OrgKind.POLICE_STATION).values("province_id")
    return AdminArea.objects.filter(level=AreaLevel.PROVINCE, code__in=codes).order_by("name_th")


def normal_phone(text: str) -> str:
    """Digits only, +66 written as 0: '081-234 5678' and '+66812345678' are the same phone."""
    digits = re.sub(r"[\s\-().]", "", text or "")
    if digits.startswith("+66"):
        digits = "0" + digits[3:]
    elif digits.startswith("66") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def _dt_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CitizenAskForm(forms.Form):
    incident_type = forms.ChoiceField(label=_lazy("What happened (type)"), choices=IncidentType.choices)
    description = forms.CharField(label=_lazy("Describe what happened"), max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    starts_at = forms.DateTimeField(label=_lazy("From"), input_formats=DATETIME_FORMATS, widget=_dt_widget())
    ends_at = forms.DateTimeField(label=_lazy("To"), input_formats=DATETIME_FORMATS, widget=_dt_widget(),
                                  help_text=_lazy("At most 24 hours after the start."))
    province = forms.ModelChoiceField(label=_lazy("Province"), queryset=AdminArea.objects.none(),
                                      empty_label=_lazy("Choose the province"))
    lat = forms.FloatField(label=_lazy("Latitude"), min_value=-90, max_value=90,
                           help_text=_lazy("Click the map where it happened, or type the coordinates."))
    lon = forms.FloatField(label=_lazy("Longitude"), min_value=-180, max_value=180)
    name = forms.CharField(label=_lazy("Your name"), max_length=150)
    phone = forms.CharField(label=_lazy("Your phone number"), max_length=40)
    email = forms.EmailField(label=_lazy("Your e-mail (optional)"), required=False)
    police_report_no = forms.CharField(label=_lazy("Police report number"), max_length=60, required=False,
                                       help_text=_lazy("From the daily record when you reported the incident."))
    will_show_id = forms.BooleanField(label=_lazy("I have no report number yet; I will show my ID card at the "
                                               "police station"), required=False)
    consent = forms.BooleanField(label=_lazy("I agree that the police use these details to handle my ask."),
                                 error_messages={"required": _lazy("Please agree, or we cannot handle your ask.")})

    def __init__(self, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()
        self.fields["province"].queryset = served_provinces()

    def clean_phone(self):
        phone = normal_phone(self.cleaned_data["phone"])
        if not PHONE.match(phone):
            raise ValidationError(_("Write a Thai phone number, for example 081 234 5678."))
        return phone

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if len(name) < 2:
            raise ValidationError(_("Please write your name."))
        return name

    def clean(self):
        data = super().clean()
        # the investigator's form checks the window: run it on the same typed values
        probe = SearchForm(data={"lat": "0", "lon": "0", "radius_m": "100", "purpose": "-",
                                 "starts_at": self.data.get("starts_at", ""), "ends_at": self.data.get("ends_at", "")},
                           user=None, now=self.now)
        probe.is_valid()
        for name in ("starts_at", "ends_at"):
            if name in data:  # our own field parsed; report the window's problems on it
                for message in probe.errors.get(name, []):
                    self.add_error(name, message)
        starts = data.get("starts_at")
        if starts and "starts_at" in data and starts < self.now - OLDEST_ASK:
            self.add_error("starts_at", _("This is more than a year ago: recorders keep footage for days or weeks. "
                                          "Please go to the police station about an older incident."))
        province, lat, lon = data.get("province"), data.get("lat"), data.get("lon")
        if province is not None and lat is not None and lon is not None:
            problem = outside_province(province, lat, lon)
            if problem:
                self.add_error("lat", problem)
        if not (data.get("police_report_no") or "").strip() and not data.get("will_show_id"):
            self.add_error("police_report_no", _("Give the police report number, or tick that you will show "
                                                 "your ID card at the police station."))
        return data


class ApproveForm(forms.Form):
    case_ref = forms.CharField(label=_lazy("case reference"), max_length=60)
    radius_m = forms.IntegerField(label=_lazy("radius (m)"), min_value=10, max_value=MAX_RADIUS_M, initial=100)
    purpose = forms.CharField(label=_lazy("purpose"), max_length=200)


class RejectForm(forms.Form):
    note = forms.CharField(label=_lazy("Why the ask is rejected (the citizen sees this)"), max_length=300)

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if not note:
            raise ValidationError(_("Please say why the ask is rejected."))
        return note
