"""Optimistic locking in the web form: the values a form was opened with travel with it
(signed), so when someone else saved in between, the page can show exactly what they
changed, who did and when, and offer the form again without losing either person's work."""

from django.core import signing
from django.utils import timezone

from . import display
from .models import Camera, Site

SNAPSHOT_SALT = "safetyzone.cameras.edit"
SNAPSHOT_FIELDS = [
    "asset_code", "point", "lat", "lon", "sector", "camera_type", "signal", "resolution",
    "night_vision", "fov_deg", "bearing_deg", "range_m", "network_link", "network_name",
    "recorder", "retention_days", "playback", "status", "status_reason", "installed_on",
    "purchase_cost", "budget_source", "maintainer", "maintenance_budget",
    "contact_name", "contact_phone",
]


def snapshot_values(camera: Camera) -> dict[str, str]:
    values = {name: display.norm(name, getattr(camera, name)) for name in SNAPSHOT_FIELDS}
    values["site"] = str(camera.site_id)
    return values


def make_snapshot(camera: Camera) -> str:
    """The values the form was opened with, signed, so a conflict can show what changed."""
    return signing.dumps({"at": timezone.now().isoformat(), "values": snapshot_values(camera)},
                         salt=SNAPSHOT_SALT)


def read_snapshot(token: str) -> dict:
    try:
        return signing.loads(token or "", salt=SNAPSHOT_SALT)
    except signing.BadSignature:
        return {}


class Conflict:
    """Someone saved the camera after this form was opened: what they changed, and a fresh
    form that keeps this user's edits, takes the other person's values for fields this user
    did not touch, and carries the new version (so saving again is a conscious choice)."""

    def __init__(self, form, current: Camera):
        snap = read_snapshot(form.data.get("snapshot"))
        opened = snap.get("values") or {}
        now = snapshot_values(current)
        mine = form.submitted_values()
        sites = Site.objects.in_bulk({int(v) for v in (opened.get("site"), now["site"], mine["site"])
                                      if v and v.isdigit()})
        self.rows = []
        take_theirs = []
        for name, value in now.items():
            before = opened.get(name, mine[name])
            if before == value:
                continue
            you_changed = mine[name] != before or not opened  # no snapshot: keep the user's values
            self.rows.append({
                "label": display.label(name), "before": display.norm_display(name, before, sites),
                "theirs": display.norm_display(name, value, sites),
                "yours": display.norm_display(name, mine[name], sites) if you_changed else None,
            })
            if not you_changed:
                take_theirs.append(name)
        history = current.history.select_related("history_user").order_by("-history_date")
        if snap.get("at"):
            history = history.filter(history_date__gt=snap["at"])
        self.editors = list(history[:10]) or list(current.history.order_by("-history_date")[:1])
        form_class = type(form)
        fresh = form_class(instance=current, user=form.user)
        initial = {key: form.data.get(key) for key in form.data if key != "csrfmiddlewaretoken"}
        for name in take_theirs:
            initial[name] = fresh[name].value()
        initial.update(version=current.version, snapshot=make_snapshot(current),
                       confirm_location=False)
        self.form = form_class(instance=current, initial=initial, user=form.user)
