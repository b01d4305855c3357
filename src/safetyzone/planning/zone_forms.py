"""Forms of the Safety Zone pages: the drawn zone, the network's decision, an environment task."""

from __future__ import annotations

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safetyzone.core import access
from safetyzone.core.models import AdminArea, AreaLevel, Organisation

from .incident_services import province_check
from .models import SafetyZone, TaskStatus, ZoneStatus, ZoneTask
from .zone_services import parse_polygon

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def area_choices(user, organisation=None):
    """Districts and subdistricts of the user's province (a system admin: the chosen owner's)."""
    province = getattr(organisation or getattr(user, "organisation", None), "province_id", None)
    qs = AdminArea.objects.filter(level__in=[AreaLevel.DISTRICT, AreaLevel.SUBDISTRICT]).order_by("code")
    return qs.filter(code__startswith=province) if province else qs


class ZoneForm(forms.ModelForm):
    polygon = forms.CharField(widget=forms.HiddenInput, required=False, label=_("boundary"))
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), required=False,
                                          label=_("organisation"))

    class Meta:
        model = SafetyZone
        fields = ["name", "area", "landmark", "landmark_note", "economic", "economic_note", "is_community"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        owner = self.instance.organisation if self.instance.pk else getattr(user, "organisation", None)
        self.fields["area"].queryset = area_choices(user, owner)
        self.fields["area"].label_from_instance = lambda a: f"{a.code} {a.name}"
        if self.instance.pk:
            self.initial["polygon"] = json.dumps(self.instance.polygon)
        elif owner is not None:
            self.initial.setdefault("area", owner.area_id if len(owner.area_id) >= 4 else None)
        if access.is_system_admin(user) and not self.instance.pk:
            self.fields["organisation"].queryset = access.writable_organisations(
                user, Organisation.objects.order_by("name"))
            self.fields["organisation"].required = True
        else:
            del self.fields["organisation"]

    def clean(self):
        data = super().clean()
        owner = data.get("organisation") or (self.instance.organisation if self.instance.pk else
                                             getattr(self.user, "organisation", None))
        area = data.get("area")
        if area is not None and owner is not None and area.code[:2] != owner.province_id:
            self.add_error("area", _("Choose a district or subdistrict of the owner's province."))
        try:  # a refused drawing stays in the hidden field, so the map shows it again to fix
            data["shape"] = parse_polygon(self.data.get(self.add_prefix("polygon"), ""))
        except ValidationError as exc:
            self.add_error("polygon", exc)
        if data.get("shape") is not None and "area" not in self.errors and area is not None:
            self._check_province(data["shape"], area)
        return data

    def _check_province(self, shape, area) -> None:
        """The gate shares a zone by its area: a zone drawn in another province than its area's
        would be hidden from the stations there and shown to the wrong ones."""
        province = AdminArea.objects.get(code=area.code[:2])
        check = province_check(province)
        if check is not None and check(float(shape.centroid_lat), float(shape.centroid_lon)) is not None:
            self.add_error("polygon", _("The zone lies outside %(province)s, the province of the chosen area. Draw "
                                        "it there, or choose the area it lies in.") % {"province": province.name})


class DecisionForm(forms.Form):
    status = forms.ChoiceField(label=_("the network's decision"), choices=ZoneStatus.choices)
    meeting_date = forms.DateField(label=_("meeting date"), required=False, widget=DATE)
    meeting_ref = forms.CharField(label=_("meeting minutes reference"), max_length=200, required=False)
    note = forms.CharField(label=_("meeting note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("status") and data["status"] != ZoneStatus.CANDIDATE and not data.get("meeting_date"):
            self.add_error("meeting_date", _("The network decides at a meeting: enter the meeting date."))
        if data.get("meeting_date") and data["meeting_date"] > timezone.localdate():
            self.add_error("meeting_date", _("The meeting date cannot be in the future."))
        return data


class TaskForm(forms.ModelForm):
    class Meta:
        model = ZoneTask
        fields = ["kind", "detail", "responsible", "status", "due_on", "done_on"]
        widgets = {"due_on": DATE, "done_on": DATE}

    def clean(self):
        data = super().clean()
        if data.get("done_on") and data["done_on"] > timezone.localdate():
            self.add_error("done_on", _("The done date cannot be in the future."))
        elif data.get("status") == TaskStatus.DONE and not data.get("done_on"):
            data["done_on"] = timezone.localdate()  # done today unless told otherwise
        elif data.get("status") != TaskStatus.DONE:
            data["done_on"] = None
        return data
