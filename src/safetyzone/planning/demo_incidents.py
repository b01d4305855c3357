"""Demo crime incidents: four fiscal years around the Udon Thani demo area and Mueang Ang Thong.

Udon Thani (~2,000): clustered around four hot spots of the city (a market, the bus terminal,
the night bazaar by the railway, a lane of dormitories) over a background spread across the
7 km x 7 km demo square; the latest fiscal year has ~8 % fewer incidents than the average of
the three before it. Ang Thong (~300): three smaller clusters in the provincial town. Each set
belongs to the district's police station and is one IncidentImport, written by the importer's
bulk path. The four years are the last four complete fiscal years when the demo is loaded;
everything else comes from a fixed seed.
"""

from __future__ import annotations

import math
import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from safetyzone.core.demo import angthong, udon
from safetyzone.core.demo.plan import Area, offset
from safetyzone.core.models import AdminArea, Organisation, User
from safetyzone.geo.trend import fiscal_year_be

from .incident_import import Row
from .incident_services import write_rows
from .models import Incident, IncidentImport, OffenceRule
from .trend_selectors import fiscal_start

SEED = "incidents:2559"
UDON_FILE, ANGTHONG_FILE = "demo-incidents-udon.xlsx", "demo-incidents-angthong.xlsx"
UDON_COUNTS = (520, 500, 540, 478)  # oldest first; the last is 8 % below the mean of 520
ANGTHONG_COUNTS = (80, 72, 85, 74)
# hot spots: (km east, km north of the demo centre, spread in metres, share of the incidents)
UDON_SPOTS = [(0.3, -0.4, 110, 0.15), (1.2, 0.8, 140, 0.12), (-0.6, 1.0, 90, 0.13), (-1.8, -1.5, 130, 0.10)]
ANGTHONG_SPOTS = [(0.0, 0.1, 100, 0.2), (0.9, -0.6, 120, 0.15), (-0.7, 0.8, 90, 0.15)]
OFFENCES = [("ลักทรัพย์", 30), ("ลักรถจักรยานยนต์", 14), ("ทำร้ายร่างกาย", 15), ("ชิงทรัพย์", 6),
            ("วิ่งราวทรัพย์", 5), ("ยาเสพติด", 15), ("ฉ้อโกง", 8), ("การพนัน", 4), ("บุกรุก", 3)]
PLACES = ["หน้าตลาด", "ลานจอดรถ", "ซอยหลังหอพัก", "ป้ายรถเมล์", "หน้าร้านสะดวกซื้อ", "ริมถนน", "ในชุมชน", "หน้าสถานบันเทิง"]
HOURS = [1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 5, 5, 4, 2]  # weights per hour of day


def _station(name: str) -> Organisation | None:
    return Organisation.objects.filter(name=name, kind="police_station").first()


def _rules() -> list[tuple[str, frozenset[int]]]:
    return [(r.contains.lower(), frozenset(g.number for g in r.groups.all()))
            for r in OffenceRule.objects.prefetch_related("groups")]


def _groups(rules, offence: str) -> frozenset[int]:
    return frozenset().union(*(g for contains, g in rules if contains in offence.lower()))


def _point(rng, centre, spots, side_km):
    pick = rng.random()
    for dx, dy, spread, share in spots:
        if pick < share:
            x = dx + rng.gauss(0, spread / 1000)
            y = dy + rng.gauss(0, spread / 1000)
            return offset(*centre, x, y), (x, y)
        pick -= share
    x, y = rng.uniform(-side_km / 2, side_km / 2), rng.uniform(-side_km / 2, side_km / 2)
    return offset(*centre, x, y), (x, y)


def _moment(rng, fy: int, now):
    start = fiscal_start(fy)
    day = start + timedelta(days=rng.randrange(365))
    hour = rng.choices(range(24), weights=HOURS)[0]
    moment = timezone.make_aware(datetime.combine(day, time(hour, rng.randrange(60))))
    return min(moment, now - timedelta(hours=1))


def _rows(rng, years, counts, centre, spots, side_km, area_of, rules, now) -> list[Row]:
    rows = []
    for fy, n in zip(years, counts):
        offences = _offence_mix(n)
        rng.shuffle(offences)
        for seq, offence in enumerate(offences, 1):
            (lat, lon), (x, y) = _point(rng, centre, spots, side_km)
            rows.append(Row(len(rows) + 2, case_ref=f"{seq}/{fy}", occurred_at=_moment(rng, fy, now), offence=offence,
                            groups=_groups(rules, offence), place=rng.choice(PLACES),
                            lat=_dec(lat), lon=_dec(lon), area=area_of(x, y)))
    return rows


def _offence_mix(n: int) -> list[str]:
    """n offences in the proportions of OFFENCES (so every year has the same mix of groups)."""
    total = sum(w for _o, w in OFFENCES)
    mix = [o for o, w in OFFENCES for _ in range(n * w // total)]
    return mix + [OFFENCES[0][0]] * (n - len(mix))


def _dec(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")


def _udon_area(x: float, y: float) -> str:
    half = udon.SIDE_KM / 2
    i = min(max(math.floor(y + half), 0), udon.SIDE_KM - 1)
    j = min(max(math.floor(x + half), 0), udon.SIDE_KM - 1)
    return udon.cell_subdistrict(i, j)


def _angthong_area_of():
    rows = AdminArea.objects.filter(code__startswith="15").values_list("code", "name_th", "name_en")
    centres = {c: p for c, p in angthong.subdistrict_centres({c: Area(c, t, e) for c, t, e in rows}).items()
               if c.startswith("1501")}
    centre = angthong.DISTRICT_CENTRES["1501"]

    def area_of(x, y):
        lat, lon = offset(*centre, x, y)
        return min(centres, key=lambda c: (centres[c][0] - lat) ** 2 + (centres[c][1] - lon) ** 2)
    return area_of


def _load_one(station, user, file_name, rows) -> None:
    record = IncidentImport.objects.create(organisation=station, area=station.area, created_by=user,
                                           file_name=file_name, rows=len(rows))
    write_rows(user, station, record, rows)


def _remove(stations) -> None:
    imports = IncidentImport.objects.filter(organisation__in=stations, file_name__in=[UDON_FILE, ANGTHONG_FILE])
    Incident.groups.through.objects.filter(incident__source__in=imports).delete()
    Incident.objects.filter(source__in=imports).delete()
    imports.delete()


def load(reset: bool = False) -> None:
    udon_station, angthong_station = _station(udon.STATION[0]), _station(angthong.STATION_NAME)
    stations = [s for s in (udon_station, angthong_station) if s is not None]
    if not stations:
        return
    present = IncidentImport.objects.filter(organisation__in=stations, file_name__in=[UDON_FILE, ANGTHONG_FILE])
    if present.exists() and not reset:
        return
    now = timezone.now()
    last = fiscal_year_be(timezone.localdate()) - 1  # the last fiscal year that is over
    years = list(range(last - 3, last + 1))
    users = {u.username: u for u in User.objects.filter(username__in=["prevention_udon", "prevention_angthong"])}
    rules = _rules()
    rng = random.Random(SEED)
    with transaction.atomic():
        _remove(stations)
        if udon_station is not None:
            rows = _rows(rng, years, UDON_COUNTS, udon.CENTRE, UDON_SPOTS, 6.0, _udon_area, rules, now)
            _load_one(udon_station, users.get("prevention_udon"), UDON_FILE, rows)
        if angthong_station is not None:
            rows = _rows(rng, years, ANGTHONG_COUNTS, angthong.DISTRICT_CENTRES["1501"], ANGTHONG_SPOTS, 4.0,
                         _angthong_area_of(), rules, now)
            _load_one(angthong_station, users.get("prevention_angthong"), ANGTHONG_FILE, rows)
