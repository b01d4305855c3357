"""Forms of the patrol plan: a patrol point, a shift of the weekly schedule, a check-in."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from safetyzone.cameras.models import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN

from .models import PatrolPoint

WEEKDAYS = [(0, _("Monday")), (1, _("Tuesday")), (2, _("Wednesday")), (3, _("Thursday")), (4, _("Friday")),
            (5, _("Saturday")), (6, _("Sunday"))]
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PointForm(forms.ModelForm):
    class Meta:
        model = PatrolPoint
        fields = ["name", "lat", "lon", "tolerance_m", "active"]

    def clean(self):
        data = super().clean()
        lat, lon = data.get("lat"), data.get("lon")
        if lat is not None and not LAT_MIN <= lat <= LAT_MAX:
            self.add_error("lat", _("The latitude lies outside Thailand (%(min)s to %(max)s).")
                           % {"min": LAT_MIN, "max": LAT_MAX})
        if lon is not None and not LON_MIN <= lon <= LON_MAX:
            self.add_error("lon", _("The longitude lies outside Thailand (%(min)s to %(max)s).")
                           % {"min": LON_MIN, "max": LON_MAX})
        tolerance = data.get("tolerance_m")
        if tolerance is not None and not 10 <= tolerance <= 500:
            self.add_error("tolerance_m", _("The tolerance must be between 10 and 500 m."))
        return data


class ShiftForm(forms.Form):
    weekdays = forms.TypedMultipleChoiceField(label=_("days of the week"), choices=WEEKDAYS, coerce=int,
                                              widget=forms.CheckboxSelectMultiple)
    starts = forms.TimeField(label=_("from"), widget=TIME)
    ends = forms.TimeField(label=_("until"), widget=TIME)
    rounds = forms.IntegerField(label=_("rounds per shift"), min_value=1, max_value=24, initial=1)
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("starts") and data.get("starts") == data.get("ends"):
            self.add_error("ends", _("A shift must end at another time than it starts."))
        return data


class CheckinForm(forms.Form):
    """Filled by the phone (checkin.js): position, accuracy, or why there is none."""

    stamp = forms.CharField(widget=forms.HiddenInput, required=False)
    lat = forms.CharField(widget=forms.HiddenInput, required=False)
    lon = forms.CharField(widget=forms.HiddenInput, required=False)
    accuracy = forms.CharField(widget=forms.HiddenInput, required=False)
    gps_error = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)
    note = forms.CharField(label=_("note (optional)"), max_length=300, required=False)
