"""What the coverage page and the placement plans say when the geo library refuses an input
(geo.errors.GeoInputError): each code its own message, naming the street, zone corner or
setting at fault, instead of one "a weight was refused" for all of them.

`segment_array` reads a stored road segment's coordinates and refuses a broken line with the
street's number in its road file, its name and where it is, so the message can say which one.
"""

from __future__ import annotations

import numpy as np
from django.utils.translation import gettext as _

from safetyzone.core.templatetags.thai import thai_number
from safetyzone.geo.errors import GeoInputError


def segment_array(coords, number: int, name: str) -> np.ndarray:
    """(n, 2) [lat, lon] of a stored segment; GeoInputError('geometry_invalid', feature=number,
    name, lat, lon) when a position is missing, not a number, or not a pair."""
    try:
        arr = np.asarray(coords, dtype=float).reshape(-1, 2)
    except (TypeError, ValueError):  # ragged, an odd count, text
        arr = np.full((1, 2), np.nan)
    if not np.isfinite(arr).all():
        raise GeoInputError("geometry_invalid", feature=number, name=name, reason="coordinate not a number",
                            **_first_good(coords))
    return arr


def _first_good(coords) -> dict:
    for pos in coords if isinstance(coords, (list, tuple)) else ():
        try:
            lat, lon = (float(v) for v in pos)
        except (TypeError, ValueError):
            continue
        if np.isfinite(lat) and np.isfinite(lon):
            return {"lat": lat, "lon": lon}
    return {}


def message(exc: GeoInputError) -> str:
    """The user's message for a refused geo input, in the active language."""
    v, code = exc.values, exc.code
    if code == "geometry_invalid":
        where = (_(" near %(lat)s, %(lon)s") % {"lat": f"{v['lat']:.5f}", "lon": f"{v['lon']:.5f}"}
                 if "lat" in v else "")
        return _("Street %(number)s of the road file (%(name)s)%(where)s has a broken line: a position is "
                 "missing or not a number. Load the road file again, or fix that street in the file.") % {
            "number": thai_number(v.get("feature", "?")), "name": v.get("name") or _("no name"), "where": where}
    if code in ("too_few_points", "coordinate_invalid", "self_intersection", "zero_area"):
        return _("The Safety Zone's outline is not a valid shape (%(code)s): open the zone and draw its "
                 "outline again.") % {"code": code}
    if code in ("outside_thailand", "coordinates_swapped"):
        return _("A position lies outside Thailand (%(lat)s, %(lon)s): check the road file or the zone.") % {
            "lat": v.get("lat", "?"), "lon": v.get("lon", "?")}
    if code == "parameter_invalid":
        return _("A setting was refused: %(name)s = %(value)s.") % {"name": v.get("name", ""),
                                                                     "value": v.get("value", "")}
    if code == "shape_mismatch":
        return _("The streets and their weights do not match (%(expected)s against %(got)s): this is an error "
                 "on the server; tell the administrator.") % {"expected": v.get("expected", "?"),
                                                                "got": v.get("got", "?")}
    return _("The streets could not be read (%(code)s): check the road file.") % {"code": code}
