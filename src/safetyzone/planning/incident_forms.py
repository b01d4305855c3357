"""Forms of the incident pages: the import upload, the hotspot and the trend filters."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safetyzone.cameras.forms import ThaiDateField
from safetyzone.core import access
from safetyzone.core.models import AdminArea, AreaLevel, Organisation
from safetyzone.geo.hotspots import DEFAULT_BANDWIDTH_M, DEFAULT_CELL_M
from safetyzone.geo.trend import fiscal_year_be

from .models import CrimeGroup

TARGET = "target"  # the groups that count for the yearly target (CrimeGroup.counts_for_target)


def user_province(user, params=None) -> str:
    """The province the pages work in: the user's; a system admin without one picks it by area."""
    org = getattr(user, "organisation", None)
    if org is not None:
        return org.province_id
    code = str((params or {}).get("area") or "").strip()
    return code[:2] if code[:2].isdigit() else ""


def default_area(user) -> str:
    org = getattr(user, "organisation", None)
    return org.area_id if org is not None else ""


def area_choices(province: str, levels=(AreaLevel.PROVINCE, AreaLevel.DISTRICT, AreaLevel.SUBDISTRICT)):
    if not province:
        return [(a.code, a.name) for a in AdminArea.objects.filter(level=AreaLevel.PROVINCE).order_by("name_th")]
    rows = AdminArea.objects.filter(code__startswith=province, level__in=levels).order_by("code")
    indent = {2: "", 4: "\u00a0\u00a0", 6: "\u00a0\u00a0\u00a0\u00a0"}
    return [(a.code, f"{indent[len(a.code)]}{a.name}") for a in rows]


def group_choices(with_all: bool = True):
    choices = [("", _("All incidents"))] if with_all else []
    choices.append((TARGET, _("Groups that count for the target")))
    choices += [(str(g.number), str(g)) for g in CrimeGroup.objects.all()]
    return choices


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Incident file (CSV or Excel)"))
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("organisation"))
    area = forms.ChoiceField(label=_("Area of the incidents"),
                             help_text=_("Used for rows without a subdistrict, district or area code column."))
    skip_bad_rows = forms.BooleanField(required=False, label=_("Skip rows with errors and import the rest"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["file"].widget.attrs["accept"] = ".csv,.xlsx,.xls,.ods,.txt"
        if access.is_system_admin(user):
            self.fields["organisation"].queryset = access.writable_organisations(
                user, Organisation.objects.order_by("name"))
            owner_id = self.data.get("organisation") if self.is_bound else None
            owner = Organisation.objects.filter(pk=owner_id).first() if str(owner_id or "").isdigit() else None
            province = owner.province_id if owner else ""
        else:
            del self.fields["organisation"]
            province = user.organisation.province_id if user.organisation_id else ""
            self.initial.setdefault("area", user.organisation.area_id if user.organisation_id else "")
        self.fields["area"].choices = area_choices(province) if province else [
            (a.code, a.name) for a in AdminArea.objects.filter(level__in=[AreaLevel.PROVINCE, AreaLevel.DISTRICT])]

    def owner(self):
        return self.cleaned_data.get("organisation") or self.user.organisation

    def clean(self):
        data = super().clean()
        owner = data.get("organisation") or self.user.organisation
        if owner is not None and data.get("area") and not data["area"].startswith(owner.province_id):
            self.add_error("area", _("Choose an area in the organisation's province."))
        return data


def year_earlier(day):
    """The same day a year earlier; 28 February for a 29 February."""
    return day.replace(year=day.year - 1, day=28 if (day.month, day.day) == (2, 29) else day.day)


class PeriodMixin:
    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period is before its start."))
        return data


class HotspotForm(PeriodMixin, forms.Form):
    area = forms.ChoiceField(label=_("Area"))
    group = forms.ChoiceField(label=_("Crime group"), required=False)
    date_from = ThaiDateField(label=_("Period from"), required=False)
    date_to = ThaiDateField(label=_("Until"), required=False)
    cell_m = forms.IntegerField(label=_("Cell size (m)"), min_value=25, max_value=1000, initial=int(DEFAULT_CELL_M))
    bandwidth_m = forms.IntegerField(label=_("Bandwidth (m)"), min_value=50, max_value=3000,
                                     initial=int(DEFAULT_BANDWIDTH_M),
                                     help_text=_("How far one incident reaches in the density and the hot-spot "
                                                 "neighbourhood."))

    def __init__(self, data, *, user):
        today = timezone.localdate()
        defaults = {"area": default_area(user), "group": "", "cell_m": int(DEFAULT_CELL_M),
                    "bandwidth_m": int(DEFAULT_BANDWIDTH_M),
                    "date_from": year_earlier(today), "date_to": today}
        merged = defaults | {k: v for k, v in data.items() if k in defaults and v not in (None,)}
        super().__init__(merged)
        self.fields["area"].choices = area_choices(user_province(user, data))
        self.fields["group"].choices = group_choices()


class TrendForm(forms.Form):
    area = forms.ChoiceField(label=_("Area"), help_text=_("A province lists its districts; a district its "
                                                          "subdistricts."))
    fiscal_year = forms.IntegerField(label=_("Fiscal year (B.E.)"), min_value=2500, max_value=2700)
    group = forms.ChoiceField(label=_("Crime group"))

    def __init__(self, data, *, user):
        year = fiscal_year_be(timezone.localdate())
        area = default_area(user)[:4]
        defaults = {"area": area, "fiscal_year": year - 1, "group": TARGET}
        merged = defaults | {k: v for k, v in data.items() if k in defaults}
        super().__init__(merged)
        self.fields["area"].choices = area_choices(user_province(user, data),
                                                   levels=(AreaLevel.PROVINCE, AreaLevel.DISTRICT))
        self.fields["group"].choices = group_choices(with_all=False)
