"""Road files -> street segments (lat/lon polylines with a road class and a name).

Formats, told apart by their first bytes (the file name is only a fallback):
- GeoJSON: a FeatureCollection (or one Feature) of LineString / MultiLineString features;
  the class comes from the `highway` property (OpenStreetMap values), or `road_class` /
  `class` / `fclass`; the name from `name`, `name:th`, `name_th`, `name:en` or `ref`. A
  declared `crs` member (GeoJSON 2008, as QGIS writes it) other than WGS84 is converted with
  pyproj (e.g. EPSG:32647/32648 UTM 47N/48N, EPSG:3857, EPSG:24047 Indian 1975 / UTM 47N).
- OpenStreetMap XML (.osm) and PBF (.pbf): ways with a `highway` tag, read with pyosmium.

Road classes (seed 000: lanes and blind corners need cameras more than main roads):
"main" (motorway, trunk, primary, secondary and their links), "local" (tertiary,
residential, unclassified, living_street, and any value not known), "lane" (service,
alley, track, path, footway, pedestrian, steps, cycleway, bridleway). Ways that are not
(yet) roads, such as highway=proposed or construction, are skipped.

Refusals are `GeoInputError` (errors.py). Lines wholly outside Thailand's box are dropped and
counted (an extract cut around a border town holds a few roads of the neighbour); when they
are the majority the file is refused, as swapped or outside Thailand.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import GeoInputError, check_thailand, in_thailand

MAX_VERTICES = 2_000_000
CLASSES = ("main", "local", "lane")
MAIN = {"motorway", "trunk", "primary", "secondary"}
MAIN |= {k + "_link" for k in MAIN}
LOCAL = {"tertiary", "tertiary_link", "residential", "unclassified", "living_street", "road"}
LANE = {"service", "alley", "track", "path", "footway", "pedestrian", "steps", "cycleway", "bridleway"}
NOT_ROADS = {"proposed", "construction", "abandoned", "disused", "razed", "platform", "corridor",
             "elevator", "bus_stop", "services", "rest_area", "no"}
CLASS_KEYS = ("highway", "road_class", "class", "fclass", "type")
NAME_KEYS = ("name", "name:th", "name_th", "name:en", "name_en", "ref")
WGS84_NAMES = {"EPSG:4326", "OGC:CRS84", "OGC:1.3:CRS84", "EPSG:4979", "CRS84"}


@dataclass(eq=False)
class Segment:
    """One street polyline: latitudes and longitudes (degrees, WGS84) of its vertices."""

    lat: np.ndarray
    lon: np.ndarray
    road_class: str  # "main", "local" or "lane"
    name: str = ""
    highway: str = ""  # the file's own value (OSM highway tag or the class property)
    ref: int = 0  # GeoJSON: the feature's number in the file (from 1); OSM: the way id


@dataclass
class RoadFile:
    segments: list[Segment]
    format: str  # "geojson", "osm" or "pbf"
    crs: str | None = None  # the declared crs converted from, None when WGS84
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> count of features/ways

    def vertices(self) -> int:
        return sum(len(s.lat) for s in self.segments)


def road_class(value) -> str | None:
    """The class of a highway value ("main", "local", "lane"), None for a way that is not a road."""
    v = str(value or "").strip().lower()
    if v in CLASSES:
        return v
    if v in NOT_ROADS:
        return None
    if v in MAIN:
        return "main"
    if v in LANE:
        return "lane"
    return "local"


def read_roads(source, *, name: str | None = None, max_vertices: int = MAX_VERTICES) -> RoadFile:
    """Read a road file given as a path, bytes or an open binary file (a Django upload);
    `name`, the file's name, helps only when the content does not tell its format.
    Refuses with GeoInputError."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data, path = bytes(source), None
    elif hasattr(source, "read"):
        data, path = source.read(), None
        name = name or getattr(source, "name", None) or ""
    else:
        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise GeoInputError("file_unreadable", reason=str(exc)) from exc
    fmt = sniff_format(data, name or (path.name if path else ""))
    if fmt == "geojson":
        result = _read_geojson(data, max_vertices)
    else:
        from .osm import read_osm  # imports this module's Segment and classes

        result = read_osm(data, fmt, max_vertices)
    return _keep_in_thailand(result)


def roads_geojson(segments, decimals: int = 7) -> dict:
    """A GeoJSON FeatureCollection of segments (for a map layer, or to store the demo grid);
    read_roads reads it back to the same segments. 7 decimals of a degree: about 1 cm."""
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"highway": s.highway or s.road_class, "road_class": s.road_class,
                                           "name": s.name},
         "geometry": {"type": "LineString",
                      "coordinates": np.round(np.column_stack([s.lon, s.lat]), decimals).tolist()}}
        for s in segments]}


def sniff_format(data: bytes, name: str = "") -> str:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        return "geojson"
    if head.startswith(b"<"):
        return "osm"
    if len(data) > 8 and data[4:16].find(b"OSMHeader") >= 0:
        return "pbf"
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    known = {"geojson": "geojson", "json": "geojson", "osm": "osm", "xml": "osm", "pbf": "pbf"}
    if suffix in known:
        return known[suffix]
    raise GeoInputError("format_unknown", name=name)


def _keep_in_thailand(result: RoadFile) -> RoadFile:
    if not result.segments:
        raise GeoInputError("no_roads", features=sum(result.skipped.values()), ignored=result.skipped)
    counts = np.array([len(s.lat) for s in result.segments])
    lat = np.concatenate([s.lat for s in result.segments])
    lon = np.concatenate([s.lon for s in result.segments])
    inside = np.add.reduceat(in_thailand(lat, lon), np.cumsum(counts) - counts) > 0
    if inside.sum() * 2 <= len(inside):  # mostly outside: refuse, saying whether swapped
        check_thailand(lat, lon, np.repeat([s.ref for s in result.segments], counts))
    dropped = int(len(inside) - inside.sum())
    if dropped:
        result.skipped["outside_thailand"] = dropped
        result.segments = [s for s, keep in zip(result.segments, inside) if keep]
    return result


# GeoJSON ---------------------------------------------------------------------------------

def _crs_name(doc) -> str | None:
    crs = doc.get("crs") if isinstance(doc, dict) else None
    if not isinstance(crs, dict):
        return None
    props = crs.get("properties")
    value = next((props[k] for k in ("name", "href", "code") if props.get(k)), None) if isinstance(props, dict) else None
    if value is None:  # a crs member that names nothing usable
        raise GeoInputError("crs_unknown", crs=json.dumps(crs, ensure_ascii=False)[:200])
    return str(value)


def _normalise_crs(name: str) -> str:
    """'urn:ogc:def:crs:EPSG::32647' -> 'EPSG:32647'; 'urn:ogc:def:crs:OGC:1.3:CRS84' -> 'OGC:1.3:CRS84'."""
    m = re.match(r"(?i)^urn:ogc:def:crs:([a-z0-9.]+)(?::[0-9.]*)?:(\w+)$", name.strip())
    if m:
        auth, code = m.group(1).upper(), m.group(2).upper()
        return f"{auth}:{code}" if auth != "OGC" else f"OGC:{code}"
    m = re.match(r"(?i)^epsg:+(\d+)$", name.strip())
    return f"EPSG:{m.group(1)}" if m else name.strip()


def _transformer(crs_name: str):
    """A pyproj transformer from the declared crs to WGS84 (x=lon, y=lat), or None for WGS84."""
    norm = _normalise_crs(crs_name)
    if norm.upper() in WGS84_NAMES:
        return None, norm
    from pyproj import CRS, Transformer
    from pyproj.exceptions import CRSError

    try:
        crs = CRS.from_user_input(norm)
    except CRSError as exc:
        raise GeoInputError("crs_unknown", crs=crs_name) from exc
    if crs.equals(CRS.from_epsg(4326), ignore_axis_order=True):
        return None, norm
    return (Transformer.from_crs(crs, "EPSG:4326", always_xy=True), crs), norm


def _features(doc):
    if not isinstance(doc, dict):
        raise GeoInputError("file_unreadable", reason="not a GeoJSON object")
    kind = doc.get("type")
    if kind == "FeatureCollection":
        feats = doc.get("features")
        if not isinstance(feats, list):
            raise GeoInputError("file_unreadable", reason="FeatureCollection without a features list")
        return feats
    if kind == "Feature":
        return [doc]
    if kind in ("LineString", "MultiLineString", "GeometryCollection"):
        return [{"type": "Feature", "geometry": doc, "properties": {}}]
    raise GeoInputError("file_unreadable", reason=f"unexpected GeoJSON type {kind!r}")


def _lines(geometry) -> list:
    """The coordinate lists of a geometry's lines (unchecked: the caller validates them)."""
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind == "LineString":
        return [geometry.get("coordinates")]
    if kind == "MultiLineString":
        coords = geometry.get("coordinates")
        return list(coords) if isinstance(coords, list) else [coords]
    if kind == "GeometryCollection":
        parts = geometry.get("geometries")
        return [line for g in parts for line in _lines(g)] if isinstance(parts, list) else []
    return []


def _props_class(props: dict) -> tuple[str | None, str]:
    for key in CLASS_KEYS:
        if props.get(key) not in (None, ""):
            return road_class(props[key]), str(props[key])
    return "local", ""


def _read_geojson(data: bytes, max_vertices: int) -> RoadFile:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GeoInputError("file_unreadable", reason=str(exc)) from exc
    declared = _crs_name(doc)
    transform, crs_label = _transformer(declared) if declared else (None, None)
    skipped: dict[str, int] = {}
    raw: list[tuple[int, np.ndarray, str, str, str]] = []  # (feature number, xy, class, name, value)
    total = 0
    for number, feat in enumerate(_features(doc), start=1):
        geom = feat.get("geometry") if isinstance(feat, dict) else None
        lines = _lines(geom)
        if not lines:
            skipped["not_a_line"] = skipped.get("not_a_line", 0) + 1
            continue
        props = feat.get("properties")
        props = props if isinstance(props, dict) else {}
        cls, value = _props_class(props)
        if cls is None:
            skipped["not_a_road"] = skipped.get("not_a_road", 0) + 1
            continue
        label = next((str(props[k]) for k in NAME_KEYS if props.get(k) not in (None, "")), "")
        for line in lines:
            try:
                xy = np.array([pt[:2] for pt in line], dtype=float)
            except (TypeError, ValueError, IndexError, OverflowError) as exc:  # OverflowError: 1e400 as an int
                raise GeoInputError("geometry_invalid", feature=number, reason=str(exc)) from exc
            if not xy.size:
                xy = xy.reshape(0, 2)
            elif xy.ndim != 2 or xy.shape[1] != 2:  # [[lon], [lat]] must not pair up as one position
                raise GeoInputError("geometry_invalid", feature=number, reason="a position is not two numbers")
            if not np.isfinite(xy).all():
                raise GeoInputError("geometry_invalid", feature=number, reason="coordinate not a number")
            total += len(xy)
            if total > max_vertices:
                raise GeoInputError("too_large", vertices=total, limit=max_vertices)
            if len(xy) >= 2:
                raw.append((number, xy, cls, label, value))
    if not raw:
        return RoadFile([], "geojson", crs_label if transform else None, skipped)
    xy_all = np.concatenate([r[1] for r in raw])
    # Degrees (lon, lat), or swapped (lat, lon) which the Thailand check names; beyond 180 is metres.
    degrees = bool((np.abs(xy_all) <= 180).all())
    if transform is not None:
        transformer, crs = transform
        if crs.is_projected and degrees:
            raise GeoInputError("crs_mismatch", crs=declared, x=float(xy_all[0, 0]), y=float(xy_all[0, 1]))
        lon, lat = transformer.transform(xy_all[:, 0], xy_all[:, 1])
        xy_all = np.column_stack([lon, lat])
    elif not degrees:
        bad = int(np.nonzero((np.abs(xy_all) > 180).any(axis=1))[0][0])
        number = np.repeat([r[0] for r in raw], [len(r[1]) for r in raw])[bad]
        raise GeoInputError("coordinates_in_metres", feature=int(number),
                            x=float(xy_all[bad, 0]), y=float(xy_all[bad, 1]))
    segments, start = [], 0
    for number, xy, cls, label, value in raw:
        part = xy_all[start:start + len(xy)]
        start += len(xy)
        segments.append(Segment(part[:, 1].copy(), part[:, 0].copy(), cls, label, value, number))
    return RoadFile(segments, "geojson", crs_label if transform else None, skipped)
