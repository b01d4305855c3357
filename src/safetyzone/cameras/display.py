"""How camera fields read on a page: Thai labels, choice names, BE dates, baht amounts."""

from datetime import date
from decimal import Decimal

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from safetyzone.core.templatetags.thai import thai_date, thai_number

from .models import Camera, Site

EMPTY = "—"

# The camera page groups fields the way the national survey form (Part 1) does.
SECTIONS = [
    (gettext_lazy("Camera properties"),
     ["sector", "camera_type", "signal", "resolution", "night_vision", "fov_deg", "bearing_deg", "range_m"]),
    (gettext_lazy("Network"), ["network_link", "network_name"]),
    (gettext_lazy("Recording"), ["recorder", "retention_days", "playback"]),
    (gettext_lazy("Status"), ["status", "status_reason", "installed_on"]),
    (gettext_lazy("Budget and maintenance"),
     ["purchase_cost", "budget_source", "maintainer", "maintenance_budget"]),
]
CONTACT_FIELDS = ["contact_name", "contact_phone"]
MONEY_FIELDS = {"purchase_cost", "maintenance_budget"}


def label(name: str, model=Camera) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def value_display(name: str, value, *, model=Camera, sites: dict | None = None) -> str:
    """A stored value as a person reads it (also used for history values)."""
    if value is None or value == "":
        return EMPTY
    f = model._meta.get_field(name)
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.BooleanField):
        return pgettext("feature present", "Yes") if value else pgettext("feature present", "No")
    if isinstance(f, models.ForeignKey):
        site = (sites or {}).get(value) if not isinstance(value, models.Model) else value
        return str(site) if site is not None else f"#{value}"
    if isinstance(value, date):
        return thai_date(value)
    if name in MONEY_FIELDS:
        return thai_number(Decimal(str(value)), 2)
    return str(value)


def rows(camera: Camera, names) -> list[tuple[str, str]]:
    return [(label(n), value_display(n, getattr(camera, n))) for n in names]


def site_rows(camera: Camera) -> list[tuple[str, str]]:
    site = camera.site
    areas = [a for a in (site.area, site.district, site.province) if a is not None]
    seen, names = set(), []
    for area in areas:
        if area.code not in seen:
            seen.add(area.code)
            names.append(area.name)
    return [
        (label("site"), site.name),
        (label("owner", Site), str(site.owner)),
        (label("area", Site), ", ".join(names)),
        (label("address", Site), site.address or EMPTY),
        (label("place_type", Site), site.get_place_type_display()),
        (label("point"), camera.point or EMPTY),
        (_("Coordinates (lat, lon)"), f"{camera.lat}, {camera.lon}"),
    ]


def sections(camera: Camera) -> list[tuple[str, list[tuple[str, str]]]]:
    result = [(_("Installation site"), site_rows(camera))]
    result += [(str(title), rows(camera, names)) for title, names in SECTIONS]
    return result


def history_changes(entry_changes, sites: dict, *, hide=()) -> list[tuple[str, str, str]]:
    """(label, from, to) for one history entry's changed fields; `hide` masks personal data."""
    hidden = _("(hidden: personal data)")
    return [
        (label(name), hidden, hidden) if name in hide else
        (label(name), value_display(name, old, sites=sites), value_display(name, new, sites=sites))
        for name, old, new in entry_changes
    ]


def norm(name: str, value) -> str:
    """A value in one canonical text form, to compare what was opened, saved and submitted."""
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, Decimal):
        places = Camera._meta.get_field(name).decimal_places if name in ("lat", "lon") else 2
        return format(value.quantize(Decimal(1).scaleb(-places)), "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def norm_display(name: str, text: str, sites: dict) -> str:
    """Show a value kept in `norm` form (as in an edit snapshot)."""
    if text in ("", None):
        return EMPTY
    f = Camera._meta.get_field(name)
    if isinstance(f, models.ForeignKey):
        if not text.isdigit():
            return _("a new site")
        return value_display(name, int(text), sites=sites)
    if isinstance(f, models.BooleanField):
        return value_display(name, text == "True")
    if isinstance(f, models.DateField):
        return value_display(name, date.fromisoformat(text))
    return value_display(name, text)
