"""Demo Safety Zones (issue 5 item 3): in Udon Thani three candidate zones drawn around the city
centre's risk points (one of ~1.2 km² selected at a recorded network meeting, one oversize of
~2.6 km² not selected, one still a candidate), environment tasks in various states, a patrol
plan of five points with a weekly schedule and the last seven days of check-ins (a few not
accepted); in Ang Thong one selected zone. Dates are relative to today; everything else is
fixed or drawn from a seeded random generator, so two loads on one day give the same data.

Zones are written through the services (validation, area, counts inside as the station's
crime-prevention officer reads them), so a risk-point or incident demo loaded before this one
is counted.
"""

from __future__ import annotations

import math
import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from safetyzone.core.models import User

from . import patrol_services, zone_services
from .models import PatrolCheckin, SafetyZone, ZoneStatus

KM_PER_DEG_LAT = 111.32


def _ring(lat0: float, lon0: float, width_km: float, height_km: float, corners: int = 8) -> list[list[float]]:
    """An irregular, hand-drawn-looking ring around (lat0, lon0), about width x height km."""
    cos = math.cos(math.radians(lat0))
    wobble = [1.0, 0.93, 1.04, 0.97, 1.02, 0.95, 1.05, 0.96, 1.01, 0.94]
    ring = []
    for i in range(corners):
        a = 2 * math.pi * i / corners
        r = wobble[i % len(wobble)]
        ring.append([round(lat0 + r * height_km / 2 * math.sin(a) / KM_PER_DEG_LAT, 6),
                     round(lon0 + r * width_km / 2 * math.cos(a) / (KM_PER_DEG_LAT * cos), 6)])
    return ring


# (name, centre, width km, height km, landmark, landmark note, economic, economic note)
UDON_ZONES = [
    ("ชุมชนรอบหนองประจักษ์", (17.4150, 102.7870), 1.48, 1.18, 2, "สวนสาธารณะหนองประจักษ์ศิลปาคม", 2,
     "ตลาดและร้านค้ารอบหนองประจักษ์"),
    ("ย่านสถานีรถไฟและตลาดเมืองทอง", (17.4030, 102.8000), 2.19, 1.73, 1, "สถานีรถไฟอุดรธานี", 3,
     "ตลาดเมืองทองและศูนย์การค้า"),
    ("ชุมชนโพศรี", (17.4270, 102.7760), 1.15, 1.00, 0, "", 1, "ตลาดชุมชน"),
]
ANGTHONG_ZONE = ("ชุมชนตลาดศาลเจ้าอ่างทอง", (14.5900, 100.4530), 1.25, 1.10, 1, "ศาลเจ้าพ่อหลักเมือง", 2,
                 "ตลาดเทศบาล")
PATROL_POINTS = [("หน้าศาลเจ้าพ่อหลักเมือง", -0.0020, -0.0030), ("ลานจอดรถหนองประจักษ์", 0.0025, 0.0010),
                 ("ซอยเปลี่ยวหลังตลาด", -0.0010, 0.0035), ("ทางเข้าชุมชนเหนือ", 0.0030, -0.0035),
                 ("สะพานคนข้าม", 0.0000, 0.0000)]
NAMES = {z[0] for z in UDON_ZONES} | {ANGTHONG_ZONE[0]}


def _zone(user, spec) -> SafetyZone:
    name, (lat, lon), w, h, landmark, landmark_note, economic, economic_note = spec
    shape = zone_services.parse_polygon(_ring(lat, lon, w, h))
    return zone_services.save_zone(user, {
        "name": name, "area": user.organisation.area, "shape": shape, "landmark": landmark,
        "landmark_note": landmark_note, "economic": economic, "economic_note": economic_note, "is_community": True})


def _tasks(user, zone: SafetyZone, today) -> None:
    for kind, detail, who, status, due, done in [
        ("lighting", "ไฟส่องสว่างริมทางเดินรอบหนอง 12 ต้น", "เทศบาลนครอุดรธานี", "done", -40, -35),
        ("trimming", "ตัดแต่งกิ่งไม้บังกล้องและไฟ", "เทศบาลนครอุดรธานี", "in_progress", -7, None),
        ("close_building", "ปิดกั้นอาคารร้างหลังตลาด", "ชุมชนและเจ้าของอาคาร", "planned", 20, None),
        ("cameras", "ติดตั้งกล้องเพิ่มที่ทางเข้าซอย 3 จุด", "เทศบาลนครอุดรธานี", "planned", 45, None),
        ("link_cameras", "เชื่อมกล้องเทศบาลเข้าศูนย์สถานีตำรวจ", "สถานีตำรวจภูธรเมืองอุดรธานี", "done", -20, -25),
    ]:
        zone_services.save_task(user, zone, {
            "kind": kind, "detail": detail, "responsible": who, "status": status,
            "due_on": today + timedelta(days=due), "done_on": today + timedelta(days=done) if done else None})


def _patrol(user, officers: list[User], zone: SafetyZone, today, rng: random.Random) -> None:
    lat0, lon0 = float(zone.centroid_lat), float(zone.centroid_lon)
    points = [patrol_services.save_point(user, zone, {
        "name": name, "lat": Decimal(str(round(lat0 + dlat, 6))), "lon": Decimal(str(round(lon0 + dlon, 6))),
        "tolerance_m": 60, "active": True}) for name, dlat, dlon in PATROL_POINTS]
    shifts = [patrol_services.save_shift(user, zone, {"weekdays": list(range(7)), "starts": time(20), "ends": time(2),
                                                      "rounds": 2, "note": "ตรวจกลางคืน สายตรวจ 191"}),
              patrol_services.save_shift(user, zone, {"weekdays": [5, 6], "starts": time(9), "ends": time(12),
                                                      "rounds": 1, "note": "ตรวจวันหยุด ตลาดนัด"})]
    tz = timezone.get_current_timezone()
    rows, times = [], []
    for back in range(7, 0, -1):
        day = today - timedelta(days=back)
        for shift in shifts:
            if day.weekday() not in shift.weekdays:
                continue
            begins = timezone.make_aware(datetime.combine(day, shift.starts), tz)
            for rnd in range(shift.rounds):
                if rng.random() < 0.1:
                    continue  # a round not done at all
                for i, p in enumerate(points):
                    when = begins + timedelta(minutes=40 + rnd * 120 + i * 7 + rng.randint(0, 5))
                    far = rng.random() < 0.06
                    skipped = rng.random() < 0.05
                    if skipped:
                        continue  # a point missed in this round
                    dist = rng.randint(150, 400) if far else rng.randint(3, 45)
                    rows.append(PatrolCheckin(
                        point=p, officer=officers[(back + rnd) % len(officers)],
                        lat=Decimal(str(round(float(p.lat) + dist / 111_320, 6))), lon=p.lon,
                        accuracy_m=rng.randint(5, 25), distance_m=dist, accepted=not far,
                        reason=f"too_far:{dist}" if far else ""))
                    times.append(when)
    last = timezone.make_aware(datetime.combine(today - timedelta(days=1), time(22, 15)), tz)
    rows.append(PatrolCheckin(point=points[2], officer=officers[0], accepted=False, reason="no_gps:denied"))
    times.append(last)
    created = PatrolCheckin.objects.bulk_create(rows)
    for row, when in zip(created, times):
        row.checked_at = when  # auto_now_add set "now" on insert; the demo's week is in the past
    PatrolCheckin.objects.bulk_update(created, ["checked_at"])


def _clear() -> None:
    zones = SafetyZone.objects.filter(name__in=NAMES)
    PatrolCheckin.objects.filter(point__zone__in=zones).delete()
    zones.delete()


def load(reset: bool = False) -> None:
    udon = User.objects.filter(username="prevention_udon").select_related("organisation").first()
    angthong = User.objects.filter(username="prevention_angthong").select_related("organisation").first()
    if udon is None or angthong is None:
        return  # the planning officers come with the camera demo
    if SafetyZone.objects.filter(name__in=NAMES).exists() and not reset:
        return
    rng = random.Random("zones:2569")
    today = timezone.localdate()
    with transaction.atomic():
        _clear()
        selected, oversize, candidate = (_zone(udon, spec) for spec in UDON_ZONES)
        zone_services.record_decision(udon, selected, status=ZoneStatus.SELECTED, meeting_date=today - timedelta(days=60),
                                      meeting_ref="รายงานการประชุม คปอ.สภ.เมืองอุดรธานี ครั้งที่ 3/2569",
                                      note="ที่ประชุมเครือข่ายมีมติเลือกพื้นที่รอบหนองประจักษ์เข้าร่วมโครงการ")
        zone_services.record_decision(udon, oversize, status=ZoneStatus.NOT_SELECTED,
                                      meeting_date=today - timedelta(days=60),
                                      meeting_ref="รายงานการประชุม คปอ.สภ.เมืองอุดรธานี ครั้งที่ 3/2569",
                                      note="พื้นที่เกิน 2 ตร.กม. ให้แบ่งพื้นที่ใหม่ในรอบหน้า")
        _tasks(udon, selected, today)
        zone_services.save_task(udon, candidate, {"kind": "lighting", "detail": "สำรวจจุดมืดในชุมชน",
                                                  "responsible": "เทศบาลนครอุดรธานี", "status": "planned",
                                                  "due_on": today + timedelta(days=30)})
        officers = list(User.objects.filter(username__in=["prevention_udon", "police_udon"]).order_by("username"))
        _patrol(udon, officers, selected, today, rng)
        at = _zone(angthong, ANGTHONG_ZONE)
        zone_services.record_decision(angthong, at, status=ZoneStatus.SELECTED, meeting_date=today - timedelta(days=45),
                                      meeting_ref="รายงานการประชุม คปอ.สภ.เมืองอ่างทอง ครั้งที่ 2/2569")
        zone_services.save_task(angthong, at, {"kind": "cameras", "detail": "กล้องหน้าตลาดเทศบาล 2 จุด",
                                               "responsible": "เทศบาลเมืองอ่างทอง", "status": "in_progress",
                                               "due_on": today + timedelta(days=14)})
