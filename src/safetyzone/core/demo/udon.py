"""Udon Thani city municipality: 1,468 cameras over about 70% of its 47.7 km² (seed 004 L1905).

47.7 km² is about a 7 km x 7 km square around the city centre. We cut it into 49 cells of
1 km² and put cameras in 34 of them (69%): the centre is dense, the edges sparse, and 15
cells (mostly corners) stay empty. Each cell lies in an approximate subdistrict: Mak Khaeng
in the middle, neighbours around it (we have no boundaries; the split is indicative).
"""

import dataclasses
import math
import random

from . import names, places
from .plan import HOUSE, OFFICE, SHOP, STREET, Area, OrgPlan, finish, offset

CENTRE = (17.415, 102.787)  # around Nong Prachak and the city hall
SIDE_KM, OCCUPIED = 7, 34
MUNICIPALITY = ("เทศบาลนครอุดรธานี", "Udon Thani City Municipality", "410101")
CAMERAS, NOT_WORKING = 1468, 76
CONTROL_ROOM = "ศูนย์สั่งการเทศบาลนครอุดรธานี"
STATION = ("สถานีตำรวจภูธรเมืองอุดรธานี", "Mueang Udon Thani Provincial Police Station", "4101", 8, 1)
MAK_KHAENG, NORTH, SOUTH, EAST, WEST = "410101", "410104", "410102", "410118", "410112"
BUSINESSES = [("ร้านทองอุดรรุ่งเรือง", "Udon Rungrueang gold shop", MAK_KHAENG, 8, 0),
              ("บริษัท อุดรค้าส่ง จำกัด", "Udon Kha Song wholesale", NORTH, 12, 1),
              ("โรงแรมหนองประจักษ์ซิตี้", "Nong Prachak City hotel", MAK_KHAENG, 10, 1)]
HOUSEHOLDS = [("ครัวเรือนนางวันเพ็ญ ศรีสุข", "Household of Mrs Wanphen Srisuk", WEST, 1, 0),
              ("ครัวเรือนนายวิชัย แก้วมณี", "Household of Mr Wichai Kaewmanee", EAST, 2, 0)]
ROADS = ["โพศรี", "ประจักษ์ศิลปาคม", "อุดรดุษฎี", "ทหาร", "หมากแข้ง", "ศรีสุข", "นิตโย", "วัฒนานุวงศ์",
         "โพนพิสัย", "อธิบดี", "เพาะนิยม", "ศรีชมชื่น", "ทองใหญ่", "มุขมนตรี", "รณชัยชาญยุทธ", "เลี่ยงเมือง"]
MARKETS = ["ตลาดหนองบัว", "ตลาดเจริญศรี", "ตลาดเทศบาล 1", "ตลาดบ้านห้วย", "ตลาดโพศรี", "ตลาดนัดรถไฟ"]
CITY = dataclasses.replace(
    STREET, types={"bullet": 55, "ptz": 15, "dome": 25, "fisheye": 5}, ip_share=0.95,
    links={"centre": 92, "local": 6, "none": 2}, network_name=CONTROL_ROOM, years=(2014, 2025),
    retention=(15, 30, 30, 30, 60), maintainer="กองช่าง เทศบาลนครอุดรธานี", maintenance_share=0.8,
    budgets={"local": 80, "central": 15, "provincial": 5},
)


def cell_subdistrict(i: int, j: int) -> str:
    """Approximate subdistrict of grid cell (row i from the south, column j from the west)."""
    dy, dx = i - 3, j - 3
    if max(abs(dx), abs(dy)) <= 1:
        return MAK_KHAENG
    if dy >= abs(dx):
        return NORTH
    if dy <= -abs(dx):
        return SOUTH
    return EAST if dx > 0 else WEST


def cell_origin(i: int, j: int) -> tuple[float, float]:
    """South-west corner of a cell."""
    half = SIDE_KM / 2
    return offset(*CENTRE, j - half, i - half)


def choose_cells(rng: random.Random) -> list[tuple[int, int]]:
    """The occupied cells: the four main roads out of town reach the square's edges,
    the rest fill in from the centre outwards with some irregularity."""
    mid = SIDE_KM // 2
    chosen = [(0, mid), (SIDE_KM - 1, mid), (mid, 0), (mid, SIDE_KM - 1)]
    rest = [(i, j) for i in range(SIDE_KM) for j in range(SIDE_KM) if (i, j) not in chosen]
    rest.sort(key=lambda c: math.hypot(c[0] - mid, c[1] - mid) + rng.uniform(-0.6, 0.6))
    return sorted(chosen + rest[: OCCUPIED - len(chosen)])


def allocate(total: int, weights: list[float]) -> list[int]:
    """Whole numbers proportional to `weights` that add up to `total` (largest remainder)."""
    shares = [total * w / sum(weights) for w in weights]
    counts = [int(s) for s in shares]
    for k in sorted(range(len(shares)), key=lambda k: counts[k] - shares[k])[: total - sum(counts)]:
        counts[k] += 1
    return counts


def site_name(rng: random.Random, sd: str) -> tuple[str, str]:
    r1, r2 = rng.sample(ROADS, 2)
    return rng.choices([
        ("intersection", f"แยก{r1}-{r2}"), ("road", f"ถนน{r1} ช่วงที่ {rng.randint(1, 9)}"),
        ("lane", f"ซอย{r1} {rng.randint(1, 40)}"), ("community", f"ชุมชน{sd} {rng.randint(1, 12)}"),
        ("market", rng.choice(MARKETS)), ("school", f"โรงเรียนเทศบาล {rng.randint(1, 12)}"),
        ("temple", rng.choice(names.TEMPLES)), ("park", f"สวนสาธารณะ{sd}"),
    ], weights=[30, 20, 18, 12, 6, 6, 5, 3])[0]


def municipality(rng: random.Random, areas: dict[str, Area]) -> OrgPlan:
    org = OrgPlan(*MUNICIPALITY[:2], "local_admin", MUNICIPALITY[2])
    cells = choose_cells(rng)
    mid = SIDE_KM // 2
    counts = allocate(CAMERAS, [1 / (1 + 0.6 * math.hypot(i - mid, j - mid)) for i, j in cells])
    for (i, j), count in zip(cells, counts):
        code = cell_subdistrict(i, j)
        lat0, lon0 = cell_origin(i, j)
        left = count
        while left > 0:
            size = min(left, rng.choices([1, 2, 3, 4], weights=[20, 35, 25, 20])[0])
            place, name = site_name(rng, areas[code].name_th)
            lat, lon = offset(lat0, lon0, rng.uniform(0.1, 0.9), rng.uniform(0.1, 0.9))
            places.add_site(rng, org, areas, name=name, place=place, area=code, lat=lat, lon=lon,
                            count=size, profile=CITY, pool=names.STREET_POINTS)
            left -= size
    return finish(rng, org, NOT_WORKING, "UDM")


def build(rng: random.Random, areas: dict[str, Area]) -> list[OrgPlan]:
    orgs = [municipality(rng, areas)]
    centres = {MAK_KHAENG: CENTRE, NORTH: offset(*CENTRE, 0, 2.3), SOUTH: offset(*CENTRE, 0, -2.3),
               EAST: offset(*CENTRE, 2.3, 0), WEST: offset(*CENTRE, -2.3, 0)}
    name, name_en, area, count, broken = STATION
    police = OrgPlan(name, name_en, "police_station", area)
    places.office(rng, police, areas, count=count, area=MAK_KHAENG, centre=CENTRE, profile=OFFICE)
    orgs.append(finish(rng, police, broken, "PS4101"))
    for name, name_en, code, count, broken in BUSINESSES:
        org = OrgPlan(name, name_en, "private_business", code)
        places.shop(rng, org, areas, count=count, area=code, centre=centres[code], profile=SHOP)
        orgs.append(finish(rng, org, broken, ""))
    for name, name_en, code, count, broken in HOUSEHOLDS:
        org = OrgPlan(name, name_en, "household", code)
        places.house(rng, org, areas, count=count, area=code, centre=centres[code], profile=HOUSE)
        orgs.append(finish(rng, org, broken, ""))
    return orgs
