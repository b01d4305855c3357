"""Forms of the census round pages: a new round, moves, the agency's answer, Part 2, Part 3, review."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from safetyzone.cameras.forms import CoordinateField, ThaiDateField
from safetyzone.cameras.validation import in_thailand
from safetyzone.core.models import AdminArea, Organisation, OrgKind

from .models import ProblemReport, Proposal

YES_NO = [("yes", _("Yes, we have CCTV cameras (registered in the camera list)")),
          ("no", _("No, our organisation has no CCTV cameras"))]


class ProvinceForm(forms.Form):
    """A system admin belongs to no province: the new-round page asks which one (?province=15)."""
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=AdminArea.objects.filter(level="province").order_by("name_th"),
        to_field_name="code", empty_label=None,
        error_messages={"invalid_choice": _("Choose a province from the list; %(value)s is not a province code.")})


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    opens_on = ThaiDateField(label=_("Opens on"))
    deadline = ThaiDateField(label=_("Deadline"))
    organisations = forms.ModelMultipleChoiceField(
        label=_("Invite"), queryset=Organisation.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text=_("Every agency, local administration, police station and private owner who joins."))

    def __init__(self, *args, province_id: str, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = Organisation.objects.filter(province_id=province_id).order_by("kind", "name")
        self.fields["organisations"].queryset = orgs
        if not self.is_bound:
            self.initial["organisations"] = list(orgs.exclude(kind=OrgKind.HOUSEHOLD).values_list("pk", flat=True))

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("deadline") and data["deadline"] < data["opens_on"]:
            self.add_error("deadline", _("The deadline is before the opening date."))
        return data


class MoveForm(forms.Form):
    # certifying has its own page (census.certify), which freezes the snapshot
    target = forms.ChoiceField(choices=[("open", "open"), ("closed", "closed")], widget=forms.HiddenInput)
    note = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SubmitForm(forms.Form):
    has_cameras = forms.ChoiceField(label=_("Does your organisation have CCTV cameras?"), choices=YES_NO,
                                    widget=forms.RadioSelect,
                                    error_messages={"required": _("Choose one: “we have none” is an answer too.")})
    note = forms.CharField(label=_("Note to the secretariat (optional)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("return", _("Send back"))],
                                 widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Comments for the agency"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))


class ProposalForm(forms.ModelForm):
    lat = CoordinateField(kind="lat", label=_("Latitude"))
    lon = CoordinateField(kind="lon", label=_("Longitude"))
    area = forms.ModelChoiceField(label=_("Subdistrict"), queryset=AdminArea.objects.none())

    class Meta:
        model = Proposal
        fields = ["name", "lat", "lon", "area", "priority", "reason", "reason_detail", "camera_count",
                  "camera_type", "estimated_budget", "budget_source"]

    def __init__(self, *args, province_id: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = AdminArea.objects.filter(level="subdistrict", code__startswith=province_id)
        self.fields["camera_count"].validators += [MinValueValidator(1), MaxValueValidator(500)]
        self.fields["camera_count"].widget.attrs.update(min=1, max=500)
        self.fields["estimated_budget"].validators.append(MinValueValidator(0))
        self.fields["estimated_budget"].widget.attrs.update(min=0)

    def clean(self):
        data = super().clean()
        lat, lon = data.get("lat"), data.get("lon")
        if lat is not None and lon is not None and not in_thailand(float(lat), float(lon)):
            self.add_error("lat", _("This point is outside Thailand."))
        if data.get("reason") == "other" and not (data.get("reason_detail") or "").strip():
            self.add_error("reason_detail", _("Say what the reason is."))
        return data


class ProblemForm(forms.ModelForm):
    class Meta:
        model = ProblemReport
        fields = ["category", "description", "suggestion"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "suggestion": forms.Textarea(attrs={"rows": 2})}
