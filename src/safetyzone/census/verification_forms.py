"""The secretariat's assignment form. The visit form is plain HTML (verification/visit.html):
its checks live in census/verification.py, which the view calls with the posted values."""

import random

from django import forms
from django.utils.translation import gettext_lazy as _

from safetyzone.cameras.forms import ThaiDateField
from safetyzone.core import access
from safetyzone.core.models import AdminArea, AreaLevel, Organisation

from . import verification
from .models import Round


class AssignForm(forms.Form):
    inspector = forms.ModelChoiceField(label=_("Inspector"), queryset=None)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations to sample (none: every organisation)"), queryset=None, required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}))
    district = forms.ModelChoiceField(label=_("District (optional)"), queryset=None, required=False)
    percent = forms.DecimalField(label=_("Sample size (% of each organisation's cameras, at least one)"),
                                 min_value=1, max_value=100, initial=10, decimal_places=1)
    seed = forms.IntegerField(label=_("Random seed (the same seed draws the same sample)"), min_value=0)
    cameras = forms.CharField(
        label=_("Or paste camera numbers or asset codes (one per line)"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}))
    due_on = ThaiDateField(label=_("Due date"), required=False)
    round = forms.ModelChoiceField(label=_("Census round (optional)"), queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        orgs = access.scope(user, Organisation.objects.all())
        self.fields["inspector"].queryset = verification.possible_inspectors(user).order_by("organisation__name",
                                                                                            "username")
        self.fields["inspector"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} · {u.organisation}"
        self.fields["organisations"].queryset = orgs.filter(sites__isnull=False).distinct()
        districts = AdminArea.objects.filter(level=AreaLevel.DISTRICT)
        rounds = Round.objects.all()
        if not access.is_system_admin(user):
            districts = districts.filter(parent_id=user.organisation.province_id)
            rounds = rounds.filter(province_id=user.organisation.province_id)
        self.fields["district"].queryset = districts
        self.fields["round"].queryset = rounds
        self.fields["seed"].initial = random.SystemRandom().randrange(1, 1_000_000)

    def camera_ids(self) -> list[int]:
        """The pasted cameras, else the stratified sample. Raises ValidationError."""
        data = self.cleaned_data
        if data["cameras"].strip():
            return verification.resolve_list(self.user, data["cameras"])
        cameras = verification.assignable_cameras(self.user)
        if data["organisations"]:
            cameras = cameras.filter(site__owner__in=data["organisations"])
        if data["district"]:
            cameras = cameras.filter(district_id=data["district"].code)
        return verification.sample(cameras, float(data["percent"]), data["seed"])
