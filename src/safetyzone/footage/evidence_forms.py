"""Forms of the evidence pages: the clip's clock and times (with an upload or a hand-over on a
medium), the purpose asked before any access, and recording a copy given to someone."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from . import clock
from .models import OffsetSource

LOCAL_INPUT = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]


def _local_field(label, help_text="", required=True):
    return forms.DateTimeField(label=label, help_text=help_text, required=required, input_formats=LOCAL_INPUT,
                               widget=forms.DateTimeInput(attrs={"type": "datetime-local", "step": 1}))


class ClipForm(forms.Form):
    """The recorder's clock at export and the clip's times as the recorder shows them (Thai time)."""

    clock_source = forms.ChoiceField(
        label=_l("Recorder clock"), initial=OffsetSource.ENTERED, widget=forms.RadioSelect,
        choices=[(OffsetSource.ENTERED, _l("I compared the recorder's time with the true time at export")),
                 (OffsetSource.CAMERA, _l("Read the clock from the camera")),
                 (OffsetSource.UNKNOWN, _l("I could not check the recorder's clock"))])
    recorder_time = _local_field(_l("Time shown by the recorder"), _l("At the moment of export."), required=False)
    true_time = _local_field(_l("True time (from a phone)"), _l("At the same moment."), required=False)
    starts_shown = _local_field(_l("Clip starts (as the recorder shows it)"))
    ends_shown = _local_field(_l("Clip ends (as the recorder shows it)"))

    def __init__(self, *args, camera=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.camera = camera

    def clean(self):
        data = super().clean()
        for name in ("recorder_time", "true_time", "starts_shown", "ends_shown"):
            if data.get(name) and not clock.PLAUSIBLE_YEARS[0] <= data[name].year <= clock.PLAUSIBLE_YEARS[1]:
                self.add_error(name, _("The year must be between %(first)s and %(last)s (A.D., as the recorder shows it): "
                                         "check the date.") % {
                    "first": clock.PLAUSIBLE_YEARS[0], "last": clock.PLAUSIBLE_YEARS[1]})
        source = data.get("clock_source")
        offset = None
        if source == OffsetSource.ENTERED:
            for name in ("recorder_time", "true_time"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Enter this time, or choose that you could not check the clock."))
            if data.get("recorder_time") and data.get("true_time"):
                offset = clock.offset_seconds(data["recorder_time"], data["true_time"])
        elif source == OffsetSource.CAMERA:
            now = clock.read_camera_clock(self.camera) if self.camera else None
            if now is None:
                self.add_error("clock_source", _("The camera's clock cannot be read from here yet. Compare the "
                                                 "recorder's time with a phone and enter both times."))
            else:
                from django.utils import timezone

                offset = clock.offset_seconds(now, timezone.now())
        if offset is not None and abs(offset) > clock.MAX_OFFSET_S:
            self.add_error("recorder_time", _("The recorder's time is more than 30 years from the true time; "
                                              "check both times."))
        starts, ends = data.get("starts_shown"), data.get("ends_shown")
        if starts and ends and ends <= starts:
            self.add_error("ends_shown", _("The clip must end after it starts."))
        data["offset"] = offset
        return data

    def clip(self) -> dict:
        """The EvidenceFile/Upload fields: offset, its source and the clip's UTC times."""
        data = self.cleaned_data
        offset = data["offset"]
        return {
            "clock_offset_s": offset,
            "offset_source": data["clock_source"] if offset is not None else OffsetSource.UNKNOWN,
            "footage_starts_utc": clock.shown_to_utc(data["starts_shown"], offset),
            "footage_ends_utc": clock.shown_to_utc(data["ends_shown"], offset),
        }


class UploadStartForm(ClipForm):
    filename = forms.CharField(label=_l("file name"), max_length=255)
    size = forms.IntegerField(label=_l("size (bytes)"), min_value=1)
    sha256 = forms.CharField(label=_l("SHA-256 of the file (if you have it)"), required=False, max_length=80)


class MediumForm(ClipForm):
    medium = forms.CharField(label=_l("Handed over on"), max_length=200,
                             help_text=_l("For example: USB stick SanDisk 32 GB, handed to Pol. Sgt. Somchai."))


class PurposeForm(forms.Form):
    purpose = forms.CharField(label=_l("Why do you need it?"), max_length=300,
                              help_text=_l("Written to the custody log with your name, the time and your address."))

    def clean_purpose(self):
        purpose = self.cleaned_data["purpose"].strip()
        if len(purpose) < 3:
            raise forms.ValidationError(_("Say why you need the footage (at least a few words)."))
        return purpose


class ShareForm(PurposeForm):
    recipient = forms.CharField(label=_l("Given to"), max_length=200,
                                help_text=_l("Who received a copy: name, office (for example the public prosecutor)."))
