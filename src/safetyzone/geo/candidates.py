"""Candidate poles along the streets and the camera options they offer the placement optimiser.

Poles are put at both ends of every street segment (intersections are where a camera sees
most) and between them every `every_m` metres or closer (default 40 m); poles closer together
than `min_separation_m` (default 5 m: the ends of two ways meeting at one corner) are merged,
keeping the first: a pole is left out when one kept before it is that close, so the kept poles
are at least that far apart and every pole left out has a kept one within that distance. Each pole offers, per camera type, either four orientations relative to
the street there (two along it, two across) or the four compass bearings; an all-round type
(fov >= 360) offers one option. Every option of a pole shares the pole's site id, so the
optimiser mounts at most one camera per pole unless told otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from .coverage import Options
from .demand import Samples, sample_segments
from .errors import GeoInputError
from .shapes import points_in_polygon

DEFAULT_POLE_SPACING_M = 40.0
DEFAULT_MIN_SEPARATION_M = 5.0
ORIENTATIONS = ("street", "compass")


@dataclass(frozen=True)
class CameraType:
    """A camera model a planner can buy: opening (degrees), range (metres), cost (baht)."""

    name: str
    fov: float
    range_m: float
    cost: float


def candidate_poles(segments, every_m: float = DEFAULT_POLE_SPACING_M, *, origin=None,
                    min_separation_m: float = DEFAULT_MIN_SEPARATION_M, clip=None) -> Samples:
    """Pole positions along the streets (a demand.Samples: x/y metres around `origin`, lat/lon,
    the street's bearing and class at the pole). `clip`: a shapes.Zone or a (lon, lat) polygon."""
    if not np.isfinite(min_separation_m) or min_separation_m < 0:
        raise GeoInputError("parameter_invalid", name="min_separation_m", value=float(min_separation_m))
    s = sample_segments(segments, every_m, origin=origin, ends=True)
    keep = points_in_polygon(clip, s.lat, s.lon) if clip is not None else np.ones(len(s), dtype=bool)
    idx = np.nonzero(keep)[0]
    if len(idx) > 1 and min_separation_m > 0:
        pairs = cKDTree(np.column_stack([s.x[idx], s.y[idx]])).query_pairs(min_separation_m, output_type="ndarray")
        if len(pairs):
            idx = idx[_thin(pairs, len(idx))]
    return Samples(s.x[idx], s.y[idx], s.lat[idx], s.lon[idx], s.segment[idx], s.road_class[idx],
                   s.bearing[idx], s.length_m[idx], s.origin)


def _thin(pairs: np.ndarray, n: int) -> np.ndarray:
    """Which of n poles to keep, in order: a pole goes when a pole kept before it is within the
    separation (`pairs`: (i, j), i < j, the close pairs). Merging whole chains of close poles
    instead would leave one pole for a street sampled more densely than the separation."""
    keep = np.ones(n, dtype=bool)
    pairs = pairs[np.lexsort((pairs[:, 0], pairs[:, 1]))]
    later, starts = np.unique(pairs[:, 1], return_index=True)
    for j, earlier in zip(later.tolist(), np.split(pairs[:, 0], starts[1:])):
        keep[j] = not keep[earlier].any()
    return np.nonzero(keep)[0]


@dataclass(frozen=True)
class CandidateOptions:
    """The optimiser's options and, per option, the pole (row of the poles) and camera type
    (index into the types given) it stands for."""

    options: Options
    pole: np.ndarray
    camera_type: np.ndarray

    def __len__(self) -> int:
        return len(self.options)


def pole_options(poles: Samples, camera_types, orientations: str = "street", *, first_site: int = 0) -> CandidateOptions:
    """Options for every pole × camera type × orientation (see the module's docstring).

    Site ids are first_site + the pole's row, so options of new poles can be numbered after
    the sites of a caller's own poles.
    """
    if orientations not in ORIENTATIONS:
        raise GeoInputError("parameter_invalid", name="orientations", value=orientations)
    types = list(camera_types)
    if not types:
        raise GeoInputError("parameter_invalid", name="camera_types", value=0)
    for t in types:
        for name, value in (("fov", t.fov), ("range_m", t.range_m), ("cost", t.cost)):
            if not np.isfinite(float(value)) or float(value) <= 0:
                raise GeoInputError("parameter_invalid", name=f"{t.name}.{name}", value=float(value))
    n = len(poles)
    turns = np.array([0.0, 180.0, 90.0, 270.0])  # two along the street, two across
    pole_parts, type_parts, bearing_parts = [], [], []
    for k, t in enumerate(types):
        if t.fov >= 360.0:
            pole_parts.append(np.arange(n))
            bearing_parts.append(np.zeros(n))
        else:
            base = poles.bearing if orientations == "street" else np.zeros(n)
            pole_parts.append(np.repeat(np.arange(n), 4))
            bearing_parts.append(np.mod(np.repeat(base, 4) + np.tile(turns, n), 360.0))
        type_parts.append(np.full(len(pole_parts[-1]), k))
    pole = np.concatenate(pole_parts)
    kind = np.concatenate(type_parts)
    order = np.lexsort((kind, pole))  # options of one pole next to each other
    pole, kind, bearing = pole[order], kind[order], np.concatenate(bearing_parts)[order]
    fov = np.array([float(t.fov) for t in types])[kind]
    rng = np.array([float(t.range_m) for t in types])[kind]
    cost = np.array([float(t.cost) for t in types])[kind]
    options = Options.of(first_site + pole, poles.x[pole], poles.y[pole], bearing, fov, rng, cost)
    return CandidateOptions(options, pole, kind)
