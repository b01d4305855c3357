"""Forms of the import and export pages."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from safetyzone.core import access
from safetyzone.core.models import Organisation

from .columns import COLUMNS
from .models import ColumnMapping

FORMATS = [("csv", _("CSV (Excel, UTF-8)")), ("xlsx", _("Excel (.xlsx)")), ("geojson", _("GeoJSON (GIS)")),
           ("kml", _("KML (Google Earth)"))]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet file (.xlsx, .xls, .csv)"), allow_empty_file=True)
    owner = forms.ModelChoiceField(label=_("Owner organisation of the cameras"), queryset=Organisation.objects.none())
    saved_mapping = forms.ModelChoiceField(
        label=_("Saved column mapping (optional)"), queryset=ColumnMapping.objects.none(), required=False,
        empty_label=_("— guess from the headers —"))

    def __init__(self, *args, user, mappings, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = access.writable_organisations(user, Organisation.objects.all())
        self.fields["owner"].queryset = orgs
        if user.organisation_id and orgs.filter(pk=user.organisation_id).exists():
            self.fields["owner"].initial = user.organisation_id
        self.fields["saved_mapping"].queryset = mappings
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.xlsm,.xls,.ods,.csv,.txt,.tsv"

    def clean(self):
        data = super().clean()
        saved, owner = data.get("saved_mapping"), data.get("owner")
        if saved and owner and saved.organisation_id != owner.pk:
            self.add_error("saved_mapping", _("This mapping belongs to another organisation."))
        return data


def field_choices():
    english = (get_language() or "th").startswith("en")
    return [("", _("— ignore this column —"))] + [(c.key, c.en if english else c.th) for c in COLUMNS]


class MappingForm(forms.Form):
    """One select per column of the file, named col_<index>."""

    save_as = forms.CharField(label=_("Save this mapping for my organisation as (optional)"), max_length=100,
                              required=False)

    def __init__(self, *args, headers, keys, **kwargs):
        super().__init__(*args, **kwargs)
        choices = field_choices()
        self.headers = headers
        for i, header in enumerate(headers):
            self.fields[f"col_{i}"] = forms.ChoiceField(
                label=header or f"#{i + 1}", choices=choices, required=False,
                initial=keys[i] if i < len(keys) else "")

    def keys(self) -> list[str]:
        return [self.cleaned_data.get(f"col_{i}") or "" for i in range(len(self.headers))]

    def rows(self):
        return [(self[f"col_{i}"], i) for i in range(len(self.headers))]


class CommitForm(forms.Form):
    skip_bad_rows = forms.BooleanField(
        label=_("Skip the rows with errors and import the others"), required=False)


class ExportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, initial="xlsx", widget=forms.RadioSelect)
    headers = forms.ChoiceField(label=_("Column headers"), choices=[("th", _("Thai")), ("en", _("English"))],
                                initial="th", required=False)
    contacts = forms.BooleanField(label=_("Include contact persons and phone numbers (personal data)"),
                                  required=False)
    purpose = forms.CharField(label=_("Purpose of reading the personal data"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        data["headers"] = data.get("headers") or "th"
        if data.get("contacts") and not (data.get("purpose") or "").strip():
            self.add_error("purpose", _("Say why you need the contact persons; the export is recorded in the access log."))
        return data
