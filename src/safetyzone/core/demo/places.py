"""Installation sites for a planned organisation: an office, public places, a shop, a house."""

import math
import random

from . import names
from .plan import Area, OrgPlan, Profile, SitePlan, camera, offset

SITE_SIZES = {1: 30, 2: 35, 3: 20, 4: 15}  # cameras per public site


def near(rng: random.Random, lat: float, lon: float, sigma_km: float, max_km: float) -> tuple[float, float]:
    """A random point around (lat, lon), normally spread, never further than max_km."""
    r = min(abs(rng.gauss(0, sigma_km)), max_km)
    a = rng.uniform(0, 2 * math.pi)
    return offset(lat, lon, r * math.cos(a), r * math.sin(a))


def address(areas: dict[str, Area], code: str, moo: int) -> str:
    return names.address(moo, areas[code].name_th, areas[code[:4]].name_th, areas[code[:2]].name_th)


def add_site(rng, org: OrgPlan, areas, *, name: str, place: str, area: str, lat: float, lon: float,
             count: int, profile: Profile, pool: list[str]) -> SitePlan:
    """Add a site with `count` cameras a few metres around (lat, lon); names stay unique per org."""
    taken = {s.name for s in org.sites}
    unique, k = name, 2
    while unique in taken:
        unique, k = f"{name} จุดที่ {k}", k + 1
    site = SitePlan(unique, address(areas, area, rng.randint(1, 12)), place, area)
    turn = rng.uniform(0, 2 * math.pi)
    for k, point in enumerate(names.point_names(rng, pool, count)):
        # on two rings 20 and 45 m around the site: no two cameras of a site within 5 m
        # (the importer's duplicate distance)
        a, r = turn + 2 * math.pi * k / count, 0.020 + 0.025 * (k % 2)
        clat, clon = offset(lat, lon, r * math.cos(a), r * math.sin(a)) if count > 1 else (lat, lon)
        site.cameras.append(camera(rng, profile, clat, clon, point))
    org.sites.append(site)
    return site


def split(total: int, parts: int) -> list[int]:
    """`total` cut into `parts` nearly equal whole numbers."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def office(rng, org: OrgPlan, areas, *, count: int, area: str, centre: tuple, profile: Profile,
           per_site: int = 12) -> None:
    """An office compound: the main building and, for big owners, more buildings nearby."""
    if count == 0:
        return
    parts = math.ceil(count / per_site)
    lat, lon = near(rng, *centre, 0.3, 0.8)
    for i, size in enumerate(split(count, parts)):
        name = org.name if i == 0 else f"{org.name} อาคาร {i + 1}"
        slat, slon = offset(lat, lon, 0.08 * i, 0.05 * i)
        add_site(rng, org, areas, name=name, place="government", area=area, lat=slat, lon=slon,
                 count=size, profile=profile, pool=names.OFFICE_POINTS)


def public_places(rng, org: OrgPlan, areas, *, count: int, subdistricts: list[str], centres: dict,
                  profile: Profile, roads: list[str], templates: list | None = None,
                  spread_km: float = 0.9) -> None:
    """Cameras at intersections, markets, temples, lanes... of the owner's subdistricts."""
    left = count
    while left > 0:
        size = min(left, rng.choices(list(SITE_SIZES), weights=list(SITE_SIZES.values()))[0])
        code = rng.choice(subdistricts)
        sd, dist = areas[code].name_th, areas[code[:4]].name_th
        if templates:
            place, template = rng.choice(templates)
            name = template.format(sd=sd, d=dist, km=rng.randint(30, 52), m=rng.randrange(0, 1000, 50))
        else:
            place, name = names.street_site(rng, sd, dist, roads)
        lat, lon = near(rng, *centres[code], spread_km, 2.5)
        add_site(rng, org, areas, name=name, place=place, area=code, lat=lat, lon=lon, count=size,
                 profile=profile, pool=names.STREET_POINTS)
        left -= size


def shop(rng, org: OrgPlan, areas, *, count: int, area: str, centre: tuple, profile: Profile) -> None:
    if count:
        lat, lon = near(rng, *centre, 0.6, 2.0)
        add_site(rng, org, areas, name=org.name, place="shop", area=area, lat=lat, lon=lon,
                 count=count, profile=profile, pool=names.SHOP_POINTS)


def house(rng, org: OrgPlan, areas, *, count: int, area: str, centre: tuple, profile: Profile) -> None:
    if count:
        lat, lon = near(rng, *centre, 0.8, 2.0)
        name = f"บ้านเลขที่ {rng.randint(1, 250)}/{rng.randint(1, 9)}"
        add_site(rng, org, areas, name=name, place="residence", area=area, lat=lat, lon=lon,
                 count=count, profile=profile, pool=names.HOUSE_POINTS)
