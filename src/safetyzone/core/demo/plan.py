"""A plan of demo data as plain objects: organisations, their sites, their cameras.

Building the plan touches no database (only a dict of area names), so the same seed
always gives the same plan; `writer.py` turns it into rows.
"""

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from . import names

KM_PER_DEG_LAT = 110.574


@dataclass
class Area:
    code: str
    name_th: str
    name_en: str


@dataclass
class SitePlan:
    name: str
    address: str
    place_type: str
    area: str
    cameras: list[dict] = field(default_factory=list)


@dataclass
class OrgPlan:
    name: str
    name_en: str
    kind: str
    area: str
    phone: str = ""
    sites: list[SitePlan] = field(default_factory=list)

    @property
    def province(self) -> str:
        return self.area[:2]

    def cameras(self) -> list[dict]:
        return [c for s in self.sites for c in s.cameras]


@dataclass
class Profile:
    """How an owner's cameras typically look."""

    sector: str = "public"
    types: dict = field(default_factory=lambda: {"bullet": 50, "dome": 40, "ptz": 5, "fisheye": 5})
    ip_share: float = 0.6
    links: dict = field(default_factory=lambda: {"none": 25, "local": 60, "centre": 15})
    network_name: str = ""
    retention: tuple = (7, 14, 15, 30, 30)
    years: tuple = (2012, 2025)  # install years (CE); 2555-2568 BE
    budgets: dict = field(default_factory=lambda: {"own": 70, "provincial": 15, "central": 15})
    maintainer: str = ""
    maintenance_share: float = 0.4  # how many have a yearly maintenance budget
    cost: float = 1.0  # multiplier on typical prices
    recorders: dict | None = None  # override of the NVR/DVR default


def offset(lat: float, lon: float, dx_km: float, dy_km: float) -> tuple[float, float]:
    """The point dx_km east and dy_km north of (lat, lon)."""
    return lat + dy_km / KM_PER_DEG_LAT, lon + dx_km / (111.320 * math.cos(math.radians(lat)))


def spiral(lat: float, lon: float, index: int, spacing_km: float) -> tuple[float, float]:
    """The index-th point of a golden-angle spiral: 0 is the centre, others spread evenly."""
    if index == 0:
        return lat, lon
    r, a = spacing_km * math.sqrt(index), index * 2.399963
    return offset(lat, lon, r * math.cos(a), r * math.sin(a))


def _pick(rng: random.Random, weights: dict) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _d6(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")


def camera(rng: random.Random, p: Profile, lat: float, lon: float, point: str) -> dict:
    """One working camera's fields, drawn from the owner's profile."""
    kind = _pick(rng, p.types)
    ip = rng.random() < p.ip_share
    year = rng.randint(*p.years)
    installed = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    if ip:
        res = _pick(rng, {"hd": 2, "fhd": 6, "4mp": 3, "4k": 1} if year >= 2018 else {"hd": 5, "fhd": 3})
        price = {"bullet": 9000, "dome": 8000, "ptz": 65000, "fisheye": 18000}[kind]
    else:
        res = _pick(rng, {"sd": 4, "hd": 3})
        price = {"bullet": 4500, "dome": 3500, "ptz": 30000, "fisheye": 9000}[kind]
    recorder = _pick(rng, p.recorders or ({"nvr": 9, "cloud": 1} if ip else {"dvr": 1}))
    link = _pick(rng, p.links)
    fov = {"bullet": rng.choice([60, 75, 90, 100]), "dome": rng.choice([90, 100, 110]),
           "ptz": 360, "fisheye": rng.choice([180, 360])}[kind]
    reach = {"bullet": rng.randint(20, 80), "dome": rng.randint(10, 30),
             "ptz": rng.randint(100, 300), "fisheye": rng.randint(8, 20)}[kind]
    cost = round(price * p.cost * rng.uniform(0.8, 1.4), -2)
    return {
        "point": point, "lat": _d6(lat), "lon": _d6(lon), "sector": p.sector,
        "camera_type": kind, "signal": "ip" if ip else "analog", "resolution": res,
        "night_vision": rng.random() < 0.85, "fov_deg": fov,
        "bearing_deg": None if fov == 360 else rng.randrange(0, 360, 5), "range_m": reach,
        "network_link": link, "network_name": p.network_name if link == "centre" else "",
        "recorder": recorder, "retention_days": rng.choice(p.retention),
        "playback": recorder != "none" and rng.random() < 0.95, "status": "working",
        "status_reason": "", "installed_on": installed, "purchase_cost": Decimal(f"{cost:.2f}"),
        "budget_source": _pick(rng, p.budgets), "maintainer": p.maintainer,
        "maintenance_budget": (Decimal(f"{round(cost * rng.uniform(0.05, 0.15), -2):.2f}")
                               if rng.random() < p.maintenance_share else None),
    }


def break_some(rng: random.Random, cameras: list[dict], count: int) -> None:
    """Mark `count` cameras as not working, older and analog ones more likely."""
    if count <= 0:
        return

    def weight(c: dict) -> float:
        return 1 + (2026 - c["installed_on"].year) / 4 + (1 if c["signal"] == "analog" else 0)

    ranked = sorted(range(len(cameras)), key=lambda i: rng.random() ** (1 / weight(cameras[i])), reverse=True)
    for i in ranked[:count]:
        status = _pick(rng, {"broken": 45, "under_repair": 30, "not_working": 25})
        cameras[i]["status"] = status
        cameras[i]["status_reason"] = rng.choice(names.PROBLEMS[status])


def keep_apart(cams: list[dict], metres: float = 6.0) -> None:
    """Move a camera ~10 m east while another of the same owner is within `metres`
    (within 5 m the importer reports a duplicate; 6 m leaves a margin)."""
    limit = metres / 1000 / KM_PER_DEG_LAT
    order = sorted(range(len(cams)), key=lambda i: cams[i]["lat"])
    for pos, i in enumerate(order):
        moved = True
        while moved:
            moved = False
            for j in order[:pos][::-1]:
                if cams[i]["lat"] - cams[j]["lat"] > Decimal(f"{limit:.6f}"):
                    break
                dlat = float(cams[i]["lat"] - cams[j]["lat"]) * KM_PER_DEG_LAT
                dlon = float(cams[i]["lon"] - cams[j]["lon"]) * 106.0
                if math.hypot(dlat, dlon) * 1000 < metres:
                    cams[i]["lon"] += Decimal("0.000100")
                    moved = True
                    break


def finish(rng: random.Random, org: OrgPlan, broken: int, asset_prefix: str, contact: bool = True) -> OrgPlan:
    """Break `broken` of the org's cameras, number them and give them a contact person."""
    cams = org.cameras()
    keep_apart(cams)
    break_some(rng, cams, broken)
    who, tel = names.person(rng), names.phone(rng)
    for n, cam in enumerate(cams, start=1):
        year = cam["installed_on"].year + 543
        cam["asset_code"] = f"{asset_prefix}-{year}-{n:04d}" if asset_prefix else ""
        cam["contact_name"], cam["contact_phone"] = (who, tel) if contact else ("", "")
    org.phone = names.phone(rng)
    return org


# Typical owners. Offices guard their own buildings; municipalities, the PAO and the police
# watch streets and link to a control room; shops and houses keep a few days on a recorder.
OFFICE = Profile()
STREET = Profile(
    types={"bullet": 55, "ptz": 20, "dome": 20, "fisheye": 5}, ip_share=0.75,
    links={"centre": 65, "local": 25, "none": 10}, retention=(7, 15, 30, 30, 30),
    budgets={"local": 60, "own": 20, "provincial": 10, "central": 10}, maintenance_share=0.3,
)
SHOP = Profile(
    sector="private", types={"dome": 50, "bullet": 45, "fisheye": 5}, ip_share=0.5,
    links={"none": 60, "local": 40}, retention=(3, 5, 7, 7, 14, 30), budgets={"private": 1},
    maintenance_share=0.2, cost=0.7,
)
HOUSE = Profile(
    sector="private", types={"bullet": 1}, ip_share=1.0, links={"none": 70, "local": 30},
    retention=(3, 5, 7), years=(2021, 2025), budgets={"private": 1}, maintenance_share=0.0,
    cost=0.5, recorders={"cloud": 1, "nvr": 1},
)
