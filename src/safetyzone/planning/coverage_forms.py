"""The coverage page's question: which streets (road file), where (zone or area), which weights."""

from __future__ import annotations

from dataclasses import fields

from django import forms
from django.utils.translation import gettext_lazy as _

from safetyzone.core import access
from safetyzone.core.models import AdminArea

from .coverage_selectors import Weights, readable_road_files
from .models import SafetyZone
from .road_forms import area_choices

WEIGHT_FIELDS = {  # Weights field -> (label, lowest, highest)
    "lane": (_("Lane / alley (soi), per 25 m"), 0, 100),
    "local": (_("Local street, per 25 m"), 0, 100),
    "main": (_("Main road, per 25 m"), 0, 100),
    "risk_low": (_("Risk point, low severity"), 0, 1000),
    "risk_medium": (_("Risk point, medium severity"), 0, 1000),
    "risk_high": (_("Risk point, high severity"), 0, 1000),
    "risk_critical": (_("Risk point, critical severity"), 0, 1000),
    "incident": (_("Each incident of the last 12 months"), 0, 1000),
    "spacing_m": (_("Demand point every (m)"), 5, 500),
    "radius_m": (_("Risk points and incidents weigh on streets within (m)"), 5, 1000),
}
DEFAULTS = Weights()


class CoverageForm(forms.Form):
    road_file = forms.ModelChoiceField(queryset=None, label=_("road file"))
    zone = forms.ModelChoiceField(queryset=None, required=False, label=_("Safety Zone"),
                                  help_text=_("The streets inside the zone; empty: the area below."))
    area = forms.ModelChoiceField(queryset=None, required=False, label=_("administrative area"),
                                  help_text=_("Empty: the road file's own area."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["road_file"].queryset = readable_road_files(user).order_by("-created_at", "-id")
        self.fields["zone"].queryset = access.scope(user, SafetyZone.objects.order_by("name"))
        self.fields["area"].queryset = area_choices(user)
        self.fields["area"].label_from_instance = lambda a: f"{a.code} {a.name}"
        for name, (label, low, high) in WEIGHT_FIELDS.items():
            default = getattr(DEFAULTS, name)
            self.fields[name] = forms.FloatField(
                label=label, required=False, min_value=low, max_value=high, initial=default,
                help_text=_("default %(value)s") % {"value": f"{default:g}"},
                widget=forms.NumberInput(attrs={"step": "any"}))

    def weights(self) -> Weights:
        data = self.cleaned_data
        values = {f.name: data[f.name] for f in fields(Weights) if data.get(f.name) is not None}
        return Weights(**values)

    def weight_fields(self):
        return [self[name] for name in WEIGHT_FIELDS]

    def place(self) -> tuple[SafetyZone | None, AdminArea | None]:
        return self.cleaned_data.get("zone"), self.cleaned_data.get("area")
