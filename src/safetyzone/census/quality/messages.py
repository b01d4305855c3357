"""The words of every data-quality check, in Thai and English at once (like import problems).

A finding's message and what to fix are built from English msgids translated through the
census catalogue; both languages are kept so the exports carry both, whatever the page language.
"""

from django.utils.translation import gettext_noop

from safetyzone.core.templatetags.thai import thai_date

from ..importing.messages import bilingual, in_current_language
from .checks import ERROR, Finding

# check code -> (title, message with %(params)s, what to fix)
TEXTS = {
    "coord_missing": (
        gettext_noop("Coordinates missing"),
        gettext_noop("The camera has no latitude or longitude."),
        gettext_noop("Measure the point with a phone or GPS and enter its latitude and longitude.")),
    "coord_placeholder": (
        gettext_noop("Placeholder coordinates"),
        gettext_noop("The coordinates %(lat)s, %(lon)s are whole degrees: a placeholder, not a measured point."),
        gettext_noop("Measure the point with a phone or GPS and enter its latitude and longitude.")),
    "coord_rounded": (
        gettext_noop("Rounded coordinates"),
        gettext_noop("The coordinates %(lat)s, %(lon)s are rounded to 0.01°, about 1 km."),
        gettext_noop("Enter the coordinates with at least 5 decimal places, measured at the camera.")),
    "coord_stacked": (
        gettext_noop("Many cameras on one point"),
        gettext_noop("%(count)s cameras of this agency have exactly the same coordinates."),
        gettext_noop("Give each camera the coordinates of its own installation point.")),
    "outside_area": (
        gettext_noop("Outside its stated area"),
        gettext_noop("The point is %(km)s km from the other cameras of its district (ADR 0003: more than 40 km)."),
        gettext_noop("Check the coordinates (latitude and longitude swapped or mistyped?) or the area code.")),
    "far_from_agency": (
        gettext_noop("Far from the agency's other cameras"),
        gettext_noop("The camera is %(km)s km from the middle of this agency's cameras; most are within %(limit)s km."),
        gettext_noop("Check the coordinates, or confirm that the camera really is there.")),
    "status_no_reason": (
        gettext_noop("Status without a reason"),
        gettext_noop("The camera is not working or broken, but no reason is given."),
        gettext_noop("Write the reason (for example: power cut, lens broken, waiting for repair budget).")),
    "fields_missing": (
        gettext_noop("Census fields left empty"),
        gettext_noop("Required for the census but empty: %(fields)s."),
        gettext_noop("Fill in the empty fields.")),
    "retention_missing": (
        gettext_noop("Retention not stated"),
        gettext_noop("How many days the footage is kept is not stated."),
        gettext_noop("Check the recorder and enter how many days it keeps footage.")),
    "retention_short": (
        gettext_noop("Retention under 7 days"),
        gettext_noop("Footage is kept %(days)s days; at least %(minimum)s are needed to answer footage requests."),
        gettext_noop("Add storage or lower the recording quality so footage is kept at least 7 days.")),
    "no_recording": (
        gettext_noop("Not recorded"),
        gettext_noop("The camera has no recorder, so no footage is kept."),
        gettext_noop("Connect the camera to a recorder, or confirm that it is for live viewing only.")),
    "unusable_working": (
        gettext_noop("Working but unusable"),
        gettext_noop("Working, but not linked to any network and footage cannot be played back."),
        gettext_noop("Link the camera to a centre, or make sure staff can play back its footage.")),
    "duplicate_other_agency": (
        gettext_noop("Same point as another agency's camera"),
        gettext_noop("A camera of another agency is registered %(metres)s m from this one: possibly the same camera."),
        gettext_noop("The secretariat compares the two records and decides whether they are the same camera.")),
    "duplicate_confirmed": (
        gettext_noop("Registered twice"),
        gettext_noop("The secretariat decided that this is the same camera as one of another agency, %(metres)s m away: it is counted twice."),
        gettext_noop("Agree with the other agency which one keeps the camera; the other removes its record.")),
    "count_jump": (
        gettext_noop("Camera count jumped"),
        gettext_noop("The previous round counted %(before)s cameras; now %(now)s (%(change)s)."),
        gettext_noop("Check for cameras registered twice or missing, or explain the change in the submission note.")),
}
FIELD_NAMES = {"recorder": gettext_noop("recorder"), "network_link": gettext_noop("network link")}
OUTSIDE_BOUNDARY = gettext_noop("The point is outside the boundary of its stated area %(area)s.")
SEVERITY = {ERROR: gettext_noop("Error"), "warning": gettext_noop("Warning")}


def _params(finding: Finding) -> dict:
    params = dict(finding.params)
    if "fields" in params:
        names = [bilingual(FIELD_NAMES[f]) for f in params["fields"]]
        params["fields"] = (", ".join(n[0] for n in names), ", ".join(n[1] for n in names))
    return params


def texts(finding: Finding) -> dict:
    """title, message, fix and severity of a finding, each as (English, Thai)."""
    title, message, fix = TEXTS[finding.code]
    if finding.code == "outside_area" and "km" not in dict(finding.params):
        message = OUTSIDE_BOUNDARY
    return {"title": bilingual(title), "message": bilingual(message, **_params(finding)),
            "fix": bilingual(fix), "severity": bilingual(SEVERITY[finding.severity])}


def local(pair: tuple[str, str]) -> str:
    return in_current_language(*pair)


def order(f: Finding) -> tuple:
    return (f.severity != ERROR, f.camera_id or 0, f.code)


def items(report, findings: list[Finding]) -> list[dict]:
    """Findings ready for a page: the camera row (or None), severity and localised texts;
    errors first, then by camera."""
    out = []
    for f in sorted(findings, key=order):
        t = texts(f)
        out.append({"finding": f, "camera": report.cameras.get(f.camera_id) if f.camera_id else None,
                    "title": local(t["title"]), "message": local(t["message"]), "fix": local(t["fix"]),
                    "severity": local(t["severity"])})
    return out


def code_counts(findings: list[Finding]) -> list[dict]:
    """How many findings of each check, in the order of TEXTS, for a summary line."""
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.code] = counts.get(f.code, 0) + 1
    return [{"code": code, "title": local(bilingual(TEXTS[code][0])), "count": counts[code]}
            for code in TEXTS if code in counts]


def pair_fields(report, a, b) -> list[tuple[str, str, str, bool]]:
    """(label, camera a, camera b, differ) lines to show two cameras side by side."""
    from django.utils.translation import gettext as _, pgettext

    from django.utils.text import capfirst

    from safetyzone.cameras.models import Camera, CameraType, NetworkLink, Recorder, Status

    def owner(row):
        org = report.organisations.get(row.owner_id)
        return str(org) if org else ""

    def choice(choices, value):
        return str(choices(value).label) if value in choices.values else (value or "—")

    def playback(row):
        return "—" if row.playback is None else pgettext("feature present", "Yes" if row.playback else "No")

    def label(name):
        return capfirst(Camera._meta.get_field(name).verbose_name)

    lines = [
        (_("Owner"), owner), (label("asset_code"), lambda r: r.extra["asset_code"] or "—"),
        (label("site"), lambda r: r.extra["site__name"]), (label("point"), lambda r: r.extra["point"] or "—"),
        (f"{label('lat')}, {label('lon')}", lambda r: f"{r.lat:.6f}, {r.lon:.6f}"),
        (label("camera_type"), lambda r: choice(CameraType, r.extra["camera_type"])),
        (label("status"), lambda r: choice(Status, r.status)),
        (label("network_link"), lambda r: choice(NetworkLink, r.network_link)),
        (label("recorder"), lambda r: choice(Recorder, r.recorder)),
        (label("retention_days"), lambda r: "—" if r.retention_days is None else str(r.retention_days)),
        (label("playback"), playback),
        (label("installed_on"), lambda r: thai_date(r.extra["installed_on"]) or "—"),
    ]
    return [(label, fa(a), fa(b), fa(a) != fa(b)) for label, fa in lines]
