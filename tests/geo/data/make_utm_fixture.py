"""Writes roads_utm47.geojson: three roads near Ang Thong city hall in WGS84 / UTM zone 47N
(EPSG:32647) with the `crs` member QGIS writes, coordinates rounded to the millimetre.
The lat/lon they came from are in LATLON (test_roads.py checks the reader gives them back).
Run: .venv/bin/python tests/geo/data/make_utm_fixture.py
"""

import json
from pathlib import Path

from pyproj import Transformer

LATLON = {
    "ถนนศาลากลาง": [(14.5896, 100.4550), (14.5906, 100.4560), (14.5916, 100.4550)],
    "ซอยเทศบาล 2": [(14.5906, 100.4560), (14.5906, 100.4575)],
    "ถนนสายเอเชีย": [(14.5800, 100.4400), (14.6000, 100.4420)],
}
HIGHWAY = {"ถนนศาลากลาง": "residential", "ซอยเทศบาล 2": "alley", "ถนนสายเอเชีย": "trunk"}

if __name__ == "__main__":
    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:32647", always_xy=True)
    features = []
    for name, points in LATLON.items():
        coords = [[round(v, 3) for v in to_utm.transform(lon, lat)] for lat, lon in points]
        features.append({"type": "Feature", "properties": {"highway": HIGHWAY[name], "name": name},
                         "geometry": {"type": "LineString", "coordinates": coords}})
    doc = {"type": "FeatureCollection", "name": "roads_utm47",
           "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32647"}},
           "features": features}
    out = Path(__file__).with_name("roads_utm47.geojson")
    body = ",\n".join("  " + json.dumps(f, ensure_ascii=False) for f in features)
    head = json.dumps({k: v for k, v in doc.items() if k != "features"}, ensure_ascii=False)[:-1]
    out.write_text(head + ', "features": [\n' + body + "\n]}\n", encoding="utf-8")
