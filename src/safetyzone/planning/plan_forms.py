"""Forms of the plan pages: a new placement plan (with its camera types), a pole file upload,
the choice of two plans to compare."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from safetyzone.cameras.models import CameraType
from safetyzone.core import access
from safetyzone.thai.digits import to_arabic

from .coverage_selectors import readable_road_files
from .models import PlacementPlan, PlanMode, PoleSet, SafetyZone
from .plan_services import DEFAULT_CAMERA_TYPES
from .road_forms import OwnedForm

ORIENTATIONS = [("street", _("Two along the street, two across it")), ("compass", _("North, east, south, west"))]


class CameraTypeForm(forms.Form):
    use = forms.BooleanField(label=_("use"), required=False)
    name = forms.CharField(label=_("camera model"), max_length=100, required=False)
    camera_type = forms.ChoiceField(label=_("registry camera type"), choices=CameraType.choices, required=False)
    cost = forms.DecimalField(label=_("cost (baht)"), min_value=1, max_digits=12, decimal_places=2, required=False)
    fov_deg = forms.IntegerField(label=_("field of view (degrees)"), min_value=10, max_value=360, required=False)
    range_m = forms.IntegerField(label=_("range (m)"), min_value=5, max_value=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("use"):
            for name in ("name", "cost", "fov_deg", "range_m"):
                if data.get(name) in (None, ""):
                    self.add_error(name, _("Needed for a camera type in use."))
        return data


CameraTypeFormSet = forms.formset_factory(CameraTypeForm, extra=1, max_num=6)


def camera_type_formset(data=None):
    initial = [dict(t, name=str(t["name"]), use=True) for t in DEFAULT_CAMERA_TYPES]
    return CameraTypeFormSet(data, initial=initial, prefix="types")


def _money(text: str) -> Decimal:
    return Decimal(to_arabic(text).replace(",", "").replace("บาท", "").strip())


class PlanForm(OwnedForm):
    zone = forms.ModelChoiceField(queryset=SafetyZone.objects.none(), required=False, label=_("Safety Zone"),
                                  help_text=_("Plan for the streets inside the zone; empty: the area above."))
    road_file = forms.ModelChoiceField(queryset=None, label=_("road file"))
    pole_set = forms.ModelChoiceField(queryset=PoleSet.objects.none(), required=False,
                                      label=_("candidate poles"),
                                      help_text=_("A loaded pole file; empty: poles placed along the streets."))
    every_m = forms.IntegerField(label=_("generated poles every (m)"), initial=40, min_value=10, max_value=500)
    orientations = forms.ChoiceField(label=_("directions tried at each pole"), choices=ORIENTATIONS)
    max_per_pole = forms.IntegerField(label=_("cameras per pole at most"), initial=1, min_value=1, max_value=4)
    budget = forms.DecimalField(label=_("budget (baht)"), min_value=1, max_digits=14, decimal_places=2)
    phases = forms.CharField(label=_("yearly budgets (baht)"), required=False, help_text=_(
        "Optional: one amount per year, separated by “;” (e.g. 300000; 200000); they must add up to the budget."))
    mode = forms.ChoiceField(label=_("mode"), choices=PlanMode.choices, initial=PlanMode.FAST)
    gap_pct = forms.FloatField(label=_("exact mode: stop within (%) of the best possible"), initial=0.1,
                               min_value=0, max_value=50)
    time_limit_s = forms.IntegerField(label=_("exact mode: time limit (s)"), initial=60, min_value=1, max_value=3600)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["zone"].queryset = access.scope(user, SafetyZone.objects.order_by("name"))
        self.fields["road_file"].queryset = readable_road_files(user).order_by("-created_at", "-id")
        self.fields["pole_set"].queryset = access.scope(user, PoleSet.objects.order_by("-created_at", "-id"))
        self.types = camera_type_formset(self.data if self.is_bound else None)

    def is_valid(self):
        return super().is_valid() & self.types.is_valid()

    def camera_types(self) -> list[dict]:
        out = []
        for form in self.types.forms:
            d = getattr(form, "cleaned_data", {})
            if d.get("use") and d.get("name"):
                out.append({"name": d["name"], "camera_type": d.get("camera_type") or "bullet",
                            "cost": float(d["cost"]), "fov_deg": int(d["fov_deg"]), "range_m": int(d["range_m"]),
                            "orientations": self.cleaned_data.get("orientations", "street"),
                            "every_m": self.cleaned_data.get("every_m") or 40})
        return out

    def clean_phases(self) -> list[Decimal]:
        text = (self.cleaned_data.get("phases") or "").strip()
        if not text:
            return []
        try:
            amounts = [_money(part) for part in text.replace("\n", ";").split(";") if part.strip()]
        except InvalidOperation:
            raise forms.ValidationError(_("Write each year's amount as a number, separated by “;”.")) from None
        if any(a <= 0 for a in amounts):
            raise forms.ValidationError(_("Each year's budget must be more than 0 baht."))
        return amounts

    def clean(self):
        data = super().clean()
        if not self.types.is_valid():
            return data
        types = self.camera_types()
        if not types:
            self.add_error(None, _("Choose at least one camera type."))
            return data
        budget, phases = data.get("budget"), data.get("phases") or []
        if budget is not None and phases and sum(phases) != budget:
            self.add_error("phases", _("The yearly budgets add up to %(sum)s baht, not the budget of %(budget)s baht.")
                           % {"sum": f"{sum(phases):,.2f}", "budget": f"{budget:,.2f}"})
        cheapest = min(t["cost"] for t in types)
        for year, amount in enumerate(phases or ([budget] if budget is not None else []), start=1):
            if float(amount) < cheapest:
                field = "phases" if phases else "budget"
                self.add_error(field, _("The budget of year %(year)s (%(amount)s baht) is less than the cheapest "
                                        "camera (%(cheapest)s baht): no camera could be bought.")
                               % {"year": year, "amount": f"{amount:,.2f}", "cheapest": f"{cheapest:,.2f}"})
                break
        return data

    def plan_fields(self) -> dict:
        d = self.cleaned_data
        return {"name": d["name"], "zone": d.get("zone"), "road_file": d["road_file"], "pole_set": d.get("pole_set"),
                "budget": d["budget"], "phases": [float(p) for p in d.get("phases") or []],
                "camera_types": self.camera_types(), "mode": d["mode"], "gap_target": (d.get("gap_pct") or 0) / 100,
                "time_limit_s": d.get("time_limit_s") or 60, "max_per_pole": d["max_per_pole"]}


class PoleUploadForm(OwnedForm):
    file = forms.FileField(label=_("pole file (CSV or XLSX)"), help_text=_(
        "Columns: ref, lat, lon, max cameras (the last is optional, default 1)."))

    def clean_file(self):
        """Refuse a file above the limit by its size, before it is read into memory."""
        from . import plan_poles

        upload = self.cleaned_data["file"]
        if upload.size > plan_poles.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": plan_poles.MAX_BYTES // 2**20})
        return upload


class CompareForm(forms.Form):
    a = forms.ModelChoiceField(queryset=None, label=_("plan A"))
    b = forms.ModelChoiceField(queryset=None, label=_("plan B"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        qs = access.scope(user, PlacementPlan.objects.filter(status="done").order_by("-created_at", "-id"))
        self.fields["a"].queryset = qs
        self.fields["b"].queryset = qs
