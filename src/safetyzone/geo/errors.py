"""Refused geographic input (road files, zone polygons, demand parameters) and the Thailand box.

`GeoInputError(code, **values)` carries a language-free code and the numbers behind it, like
`coverage.PlacementError`, for the Django layer to translate. Feature and point numbers in the
values count from 1 (the n-th feature of a file, the n-th corner of a drawn zone), as a user
would count them. Codes:

- file_unreadable (reason): not parseable (JSON syntax, a corrupt .pbf, broken XML);
- format_unknown (name): neither GeoJSON nor OpenStreetMap XML/PBF;
- no_roads (features, ignored): nothing with a line geometry / a highway tag;
- geometry_invalid (feature, reason): a line whose coordinates are not numbers;
- too_large (vertices, limit): more vertices than the reader accepts;
- crs_unknown (crs): a declared GeoJSON `crs` pyproj does not know;
- crs_mismatch (crs, x, y): a projected `crs` declared but the coordinates are degrees;
- coordinates_in_metres (feature, x, y): no `crs` but values far beyond ±180/±90;
- coordinates_swapped (feature|point, lat, lon): (lat, lon) given where (lon, lat) belongs;
- outside_thailand (feature|point, count, lat, lon): positions outside Thailand's box;
- too_few_points (count), coordinate_invalid (point, lat, lon), self_intersection (lat, lon),
  zero_area: zone polygons (shapes.py);
- parameter_invalid (name, value), shape_mismatch (expected, got): demand and candidates.
"""

from __future__ import annotations

import numpy as np

# Thailand's bounding box, the same as the camera registry's (cameras.models LAT_MIN...):
# the geo library imports no Django, so the numbers are repeated here.
LAT_MIN, LAT_MAX, LON_MIN, LON_MAX = 5.5, 20.5, 97.3, 105.7


class GeoInputError(ValueError):
    """A refused input: `code` names the problem, `values` the numbers behind it."""

    def __init__(self, code: str, **values):
        self.code = code
        self.values = values
        super().__init__(code + (" " + repr(values) if values else ""))


def in_thailand(lat, lon) -> np.ndarray:
    """Which (lat, lon) pairs lie in Thailand's bounding box (a boolean array)."""
    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    return (lat >= LAT_MIN) & (lat <= LAT_MAX) & (lon >= LON_MIN) & (lon <= LON_MAX)


def check_thailand(lat, lon, number, what: str = "feature") -> None:
    """Refuse positions outside Thailand; say "swapped" when most of them would fit swapped.

    `number[i]` is the 1-based feature or point number of position i, for the message; `what`
    names it in the error's values ("feature" or "point").
    """
    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    inside = in_thailand(lat, lon)
    if inside.all():
        return
    bad = np.nonzero(~inside)[0]
    first = int(bad[0])
    where = {what: int(np.asarray(number)[first]), "lat": float(lat[first]), "lon": float(lon[first])}
    if in_thailand(lon, lat).mean() >= 0.5:
        raise GeoInputError("coordinates_swapped", **where)
    raise GeoInputError("outside_thailand", count=int(len(bad)), **where)
