"""Hotspots of the incidents a user may read: kernel density and Getis-Ord Gi* on a grid.

The incidents come through the access gate (one query for their positions); geo/hotspots.py does
the numbers. What the page gets is small: the density as one byte per cell, deflated and base64
encoded (a canvas image in the browser), and only the significant Gi* cells as (row, column).
"""

from __future__ import annotations

import base64
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import numpy as np
from django.utils import timezone
from django.utils.translation import gettext as _

from safetyzone.core import access
from safetyzone.core.models import AdminArea
from safetyzone.geo.hotspots import Grid, HotspotError, LocalFrame, hotspot_map

from .incident_forms import TARGET
from .models import Incident

MAX_CELLS = 1_000_000  # a page's grid; 100 km x 100 km at 100 m
TOP_CELLS = 20
MAX_BANDWIDTH_CELLS = 20  # bandwidth / cell: the work per incident and per cell grows with its square (ADR 0008)
CLASS_LABELS = {3: "hot_99", 2: "hot_95", 1: "hot_90", -1: "cold_90", -2: "cold_95", -3: "cold_99"}


def incidents(user, area: str, group: str = "", start: date | None = None, end: date | None = None):
    """The incidents `user` may read in `area`, of `group` ('' all, 'target', a number), in the
    period (local dates, both included)."""
    qs = access.scope(user, Incident.objects.all())
    if area:
        qs = qs.filter(access.area_q(AdminArea(code=area, level=_level(area)), ""))
    through = Incident.groups.through.objects
    if group == TARGET:
        qs = qs.filter(pk__in=through.filter(crimegroup__counts_for_target=True).values("incident_id"))
    elif group:
        qs = qs.filter(pk__in=through.filter(crimegroup__number=int(group)).values("incident_id"))
    tz = timezone.get_current_timezone()
    if start:
        qs = qs.filter(occurred_at__gte=timezone.make_aware(datetime.combine(start, time(0)), tz))
    if end:
        qs = qs.filter(occurred_at__lt=timezone.make_aware(datetime.combine(end + timedelta(days=1), time(0)), tz))
    return qs


def bandwidth_problem(cell: float, bandwidth: float) -> str:
    """The message for a bandwidth too wide for the cell size (the page would take tens of
    seconds: 2 km on 50 m cells took 14-18 s), or ''."""
    if cell and bandwidth > MAX_BANDWIDTH_CELLS * cell:
        return _("The bandwidth may be at most %(max)s cells wide (%(metres)s m for %(cell)s m cells); for "
                 "%(bandwidth)s m choose cells of at least %(need)s m.") % {
            "max": MAX_BANDWIDTH_CELLS, "metres": f"{MAX_BANDWIDTH_CELLS * cell:,.0f}", "cell": f"{cell:g}",
            "bandwidth": f"{bandwidth:,.0f}", "need": f"{-(-bandwidth // MAX_BANDWIDTH_CELLS):.0f}"}
    return ""


def _level(code: str) -> str:
    return {2: "province", 4: "district", 6: "subdistrict"}[len(code)]


@dataclass
class Hotspots:
    total: int
    cell: float = 0
    bandwidth: float = 0
    error: str = ""
    map: dict = field(default_factory=dict)
    top: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)  # class -> number of cells
    cells: list = field(default_factory=list)  # every non-empty or significant cell, for downloads
    grid_cells: int = 0
    study_cells: int = 0  # cells of the incidents' box, over which Gi* compares and FDR adjusts
    sparse: bool = False  # fewer incidents than study cells: resampled p-values (ADR 0008)


def hotspots(user, area, group="", start=None, end=None, cell=100.0, bandwidth=300.0) -> Hotspots:
    points = np.array(list(incidents(user, area, group, start, end).values_list("lat", "lon")), dtype=float)
    result = Hotspots(total=len(points), cell=float(cell), bandwidth=float(bandwidth))
    if len(points) < 2:
        return result
    lat, lon = points[:, 0], points[:, 1]
    frame = LocalFrame.around(lat, lon)
    x, y = frame.xy(lat, lon)
    try:
        grid = Grid.covering(x, y, cell, margin=bandwidth, max_cells=MAX_CELLS)
        box = Grid.covering(x, y, cell)
        mask = np.zeros(grid.shape, bool)
        r0, c0 = round((box.y0 - grid.y0) / cell), round((box.x0 - grid.x0) / cell)
        mask[r0:r0 + box.ny, c0:c0 + box.nx] = True
        # sparse: the normal approximation's tail is too light (false spots in 12-18 % of random maps)
        result.study_cells = int(mask.sum())
        result.sparse = len(points) < result.study_cells
        found = hotspot_map(x, y, grid=grid, bandwidth=bandwidth, band=bandwidth, mask=mask, fdr=True,
                            resampled=result.sparse)
    except HotspotError as exc:
        result.error = exc.code
        return result
    result.grid_cells = grid.nx * grid.ny
    south, west = frame.latlon(grid.x0, grid.y0)
    north, east = frame.latlon(grid.x0 + grid.nx * cell, grid.y0 + grid.ny * cell)
    dens = found.density
    peak = float(dens.max())
    scaled = np.zeros(dens.shape, np.uint8) if peak <= 0 else np.ceil(dens / peak * 255).astype(np.uint8)
    classes, z, q = found.gi.classes, found.gi.z, found.gi.q
    rows, cols = np.nonzero(classes)
    result.map = {
        "bounds": [[float(south), float(west)], [float(north), float(east)]],
        "nx": grid.nx, "ny": grid.ny, "peak": round(peak, 2),
        "density": base64.b64encode(zlib.compress(scaled.tobytes(), 6)).decode("ascii"),
        "cells": [[int(r), int(c), int(classes[r, c]), int(found.counts[r, c]), round(float(z[r, c]), 2)]
                  for r, c in zip(rows, cols)],
    }
    result.counts = {label: int((classes == level).sum()) for level, label in CLASS_LABELS.items()}
    clat, clon = grid.centres_latlon(frame)
    interesting = (found.counts > 0) | (classes != 0)
    order = sorted(zip(*np.nonzero(interesting)), key=lambda rc: (-z[rc], rc))
    result.cells = [{
        "row": int(r), "col": int(c), "lat": round(float(clat[r, c]), 6), "lon": round(float(clon[r, c]), 6),
        "incidents": int(found.counts[r, c]), "density": round(float(dens[r, c]), 2),
        "z": round(float(z[r, c]), 3), "p": float(found.gi.p[r, c]), "q": float(q[r, c]),
        "level": int(classes[r, c]),
    } for r, c in order]
    # the table: hot cells at the highest confidence first, then those with the most incidents
    hot = sorted((c for c in result.cells if c["level"] > 0), key=lambda c: (-c["level"], -c["incidents"], -c["z"]))
    result.top = hot[:TOP_CELLS]
    return result
