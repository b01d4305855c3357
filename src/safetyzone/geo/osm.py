"""OpenStreetMap road files (.osm XML, .pbf) read with pyosmium; see roads.py for the classes."""

from __future__ import annotations

import numpy as np
import osmium
import shapely

from .errors import GeoInputError
from .roads import NAME_KEYS, RoadFile, Segment, road_class


def read_osm(data: bytes, fmt: str, max_vertices: int) -> RoadFile:
    """Ways with a highway tag. Each way's line is built by libosmium as WKB and parsed by
    shapely in one call (faster than reading node locations one by one in Python);
    a way with nodes missing from the extract keeps the nodes it has."""
    skipped: dict[str, int] = {}
    meta: list[tuple[str, str, str, int]] = []  # (class, name, highway value, way id)
    lines: list = []  # WKB (hex) of each kept way, or an (n, 2) lon/lat array
    total = 0
    factory = osmium.geom.WKBFactory()
    try:
        processor = (osmium.FileProcessor(osmium.io.FileBuffer(data, fmt), osmium.osm.NODE | osmium.osm.WAY)
                     .with_locations().with_filter(osmium.filter.KeyFilter("highway")))
        for obj in processor:
            if not obj.is_way():
                continue
            cls = road_class(obj.tags.get("highway"))
            if cls is None:
                skipped["not_a_road"] = skipped.get("not_a_road", 0) + 1
                continue
            total += len(obj.nodes)
            if total > max_vertices:
                raise GeoInputError("too_large", vertices=total, limit=max_vertices)
            try:
                line = factory.create_linestring(obj)
            except (osmium.InvalidLocationError, RuntimeError):
                coords = [(n.lon, n.lat) for n in obj.nodes if n.location.valid()]
                if len(coords) < len(obj.nodes):
                    skipped["nodes_missing"] = skipped.get("nodes_missing", 0) + 1
                if len(coords) < 2:
                    continue
                line = np.asarray(coords, dtype=float)
            label = ""
            for key in NAME_KEYS:
                label = obj.tags.get(key) or ""
                if label:
                    break
            meta.append((cls, label, obj.tags.get("highway"), obj.id))
            lines.append(line)
    except RuntimeError as exc:  # libosmium's parse errors (corrupt PBF, broken XML)
        raise GeoInputError("file_unreadable", reason=str(exc)) from exc
    wkb = [k for k, line in enumerate(lines) if isinstance(line, str)]
    if wkb:
        coords, index = shapely.get_coordinates(shapely.from_wkb([lines[k] for k in wkb]), return_index=True)
        ends = np.cumsum(np.bincount(index, minlength=len(wkb))).tolist()
        for k, a, b in zip(wkb, [0] + ends[:-1], ends):
            lines[k] = coords[a:b]
    segments = [Segment(np.ascontiguousarray(line[:, 1]), np.ascontiguousarray(line[:, 0]), cls, label, value, ref)
                for line, (cls, label, value, ref) in zip(lines, meta)]
    return RoadFile(segments, fmt, None, skipped)
