"""Find cameras of the same owner within a few metres of a point (a grid of ~11 m cells)."""

import math

TOLERANCE_M = 5.0
CELL_DEG = 1e-4  # ~11 m of latitude: a 3x3 block of cells covers every point within 5 m
M_PER_DEG = 111_320.0


ROW = 4_000_000  # cell key = lat cell * ROW + lon cell (lon cells stay below 2,000,000)
NEIGHBOURS = tuple(dx * ROW + dy for dx in (-1, 0, 1) for dy in (-1, 0, 1))


class PointIndex:
    def __init__(self, tolerance_m: float = TOLERANCE_M):
        self.tolerance2 = tolerance_m * tolerance_m
        self.owners: dict[object, dict[int, list]] = {}

    @staticmethod
    def _key(lat: float, lon: float) -> int:
        return math.floor(lat / CELL_DEG) * ROW + math.floor(lon / CELL_DEG)

    def add(self, owner, lat: float, lon: float, payload) -> None:
        self.owners.setdefault(owner, {}).setdefault(self._key(lat, lon), []).append((lat, lon, payload))

    def near(self, owner, lat: float, lon: float) -> list:
        """Payloads of the points of `owner` within the tolerance of (lat, lon)."""
        cells = self.owners.get(owner)
        if not cells:
            return []
        key = self._key(lat, lon)
        kx = M_PER_DEG * math.cos(math.radians(lat))
        found = []
        for offset in NEIGHBOURS:
            for plat, plon, payload in cells.get(key + offset, ()):
                d2 = ((plat - lat) * M_PER_DEG) ** 2 + ((plon - lon) * kx) ** 2
                if d2 <= self.tolerance2:
                    found.append(payload)
        return found
