"""Demo risk points (issue 5 item 1): 25 in Udon Thani around the city centre's cameras, recorded
by the Mueang Udon Thani station's crime-prevention officer (17) and the city municipality (8),
and 12 in Ang Thong's town recorded by the Mueang Ang Thong station's officer. Every category of
seed 001 L288 appears, with the three space classes, the four severities, all three sources;
some points have measures (planned, done, cancelled, one a registry camera) and four are closed
(three after done measures, one without measures).

Points are written through risk_services (the same checks as the form: inside the province,
area, gate). Positions come from a seeded generator and measure dates are counted back from
today, so two loads on one day give the same data. `load` does nothing when the points exist;
`reset` rebuilds them. No photos: the demo writes no files.
"""

import math
import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from safetyzone.cameras.models import Camera
from safetyzone.core import access
from safetyzone.core.demo import udon
from safetyzone.core.models import User

from . import risk_services
from .models import Mitigation, RiskPoint

KM_PER_DEG = 111.32
MEETING_UDON = "ประชุม คปอ.สภ.เมืองอุดรธานี ครั้งที่ {n}/2569"
MEETING_ANGTHONG = "ประชุม คปอ.สภ.เมืองอ่างทอง ครั้งที่ {n}/2569"
SPACE = {"lonely_road": "public", "abandoned_building": "secondary", "overgrown_land": "secondary",
         "footbridge": "public", "crowded_community": "secondary", "youth_gathering": "public",
         "drinking": "public", "karaoke": "primary", "vice_drugs": "primary", "street_racing": "public",
         "other": "public"}
TIMES = {"lonely_road": ["evening", "night"], "abandoned_building": ["night"], "overgrown_land": ["evening", "night"],
         "footbridge": ["evening", "night"], "crowded_community": ["afternoon", "evening"],
         "youth_gathering": ["evening", "night"], "drinking": ["evening", "night"], "karaoke": ["night"],
         "vice_drugs": ["afternoon", "night"], "street_racing": ["night"], "other": ["morning", "evening"]}
# (name, category, severity, source, centre key, detail); the centre keys are below
UDON_STATION = [
    ("ซอยโพศรี 12 ทางเข้าเปลี่ยว", "lonely_road", 3, "network_meeting", "nong", "ไม่มีไฟส่องสว่าง ทางเดินแคบ"),
    ("อาคารพาณิชย์ร้างหลังตลาดหนองบัว", "abandoned_building", 4, "police", "posri", "มีผู้บุกรุกเข้าพักค้างคืน"),
    ("ที่ดินรกร้างข้างทางรถไฟ", "overgrown_land", 3, "network_meeting", "station", "หญ้าสูงบังทางเดิน"),
    ("สะพานลอยหน้าโรงเรียน", "footbridge", 2, "citizen", "nong", "นักเรียนเดินผ่านช่วงเย็น ไม่มีไฟ"),
    ("ชุมชนแออัดหลังสถานีรถไฟ", "crowded_community", 3, "network_meeting", "station", "ทางเข้าออกหลายทาง"),
    ("ลานหน้าหนองประจักษ์ฝั่งตะวันตก", "youth_gathering", 2, "police", "nong", "วัยรุ่นรวมกลุ่มหลังเที่ยงคืน"),
    ("วงสุราริมหนองประจักษ์ฝั่งเหนือ", "drinking", 2, "citizen", "nong", "ส่งเสียงดังรบกวนชุมชน"),
    ("ร้านคาราโอเกะซอยศรีสุข", "karaoke", 2, "citizen", "posri", "เปิดเกินเวลา เสียงดัง"),
    ("จุดมั่วสุมหลังตลาดเจริญศรี", "vice_drugs", 4, "police", "station", "พบการซื้อขายยาเสพติด"),
    ("ถนนเลี่ยงเมืองช่วงกลางคืน", "street_racing", 3, "police", "ring", "รถจักรยานยนต์แข่งกันคืนวันศุกร์-เสาร์"),
    ("ซอยนิตโย 5 ไม่มีไฟส่องสว่าง", "lonely_road", 3, "network_meeting", "posri", ""),
    ("ตึกร้างถนนอธิบดี", "abandoned_building", 3, "network_meeting", "station", "ประตูพังเข้าออกได้"),
    ("ลานจอดรถร้างตลาดบ้านห้วย", "other", 1, "citizen", "station", "ลานจอดรถไม่มีผู้ดูแล"),
    ("ซอยทหาร 3 ช่วงกลางซอย", "lonely_road", 2, "police", "nong", ""),
    ("มุมมืดในสวนหนองประจักษ์", "overgrown_land", 2, "network_meeting", "nong", "พุ่มไม้บังกล้อง"),
    ("ตู้โทรศัพท์ร้างหน้าตลาดโพศรี", "other", 1, "citizen", "posri", ""),
    ("ทางเดินริมทางรถไฟ", "lonely_road", 4, "network_meeting", "station", "เคยเกิดเหตุชิงทรัพย์"),
]
UDON_TOWN = [
    ("ซอยวัฒนานุวงศ์ 2", "lonely_road", 2, "citizen", "posri", ""),
    ("อาคารเรียนร้างโรงเรียนเก่า", "abandoned_building", 3, "network_meeting", "posri", ""),
    ("ที่ว่างรกหลังศูนย์การค้า", "overgrown_land", 2, "network_meeting", "station", ""),
    ("สะพานลอยถนนประจักษ์ศิลปาคม", "footbridge", 3, "citizen", "nong", "ไฟบนสะพานเสีย"),
    ("ชุมชนบ้านห้วยเหนือ", "crowded_community", 2, "network_meeting", "station", ""),
    ("ร้านเหล้าริมถนนทองใหญ่", "drinking", 2, "citizen", "posri", ""),
    ("ลานกีฬาชุมชนโพศรี", "youth_gathering", 1, "network_meeting", "posri", "รวมกลุ่มหลังเลิกเรียน"),
    ("ถนนมุขมนตรีช่วงกลางคืน", "street_racing", 3, "police", "ring", ""),
]
ANGTHONG_STATION = [
    ("ซอยหลังตลาดเทศบาลอ่างทอง", "lonely_road", 3, "network_meeting", "town", "ไม่มีไฟ ร้านค้าปิดเร็ว"),
    ("โกดังร้างริมแม่น้ำเจ้าพระยา", "abandoned_building", 4, "police", "town", ""),
    ("ที่ดินรกร้างหลังศาลากลาง", "overgrown_land", 2, "network_meeting", "town", ""),
    ("สะพานลอยถนนสายเอเชีย", "footbridge", 3, "citizen", "edge", "ไฟบนสะพานไม่ติด"),
    ("ชุมชนริมเขื่อน", "crowded_community", 2, "network_meeting", "town", ""),
    ("ลานวัดช่วงกลางคืน", "youth_gathering", 2, "police", "town", ""),
    ("วงสุราท่าน้ำตลาดศาลเจ้า", "drinking", 2, "citizen", "town", ""),
    ("ร้านคาราโอเกะถนนเทศบาล 1", "karaoke", 1, "citizen", "town", ""),
    ("บ้านร้างมั่วสุมซอย 7", "vice_drugs", 4, "police", "town", "พบผู้เสพในบ้านร้าง"),
    ("ถนนอ่างทอง-สิงห์บุรีช่วงกลางคืน", "street_racing", 3, "police", "edge", ""),
    ("ซอยเปลี่ยวข้างโรงเรียน", "lonely_road", 2, "network_meeting", "town", ""),
    ("ท่ารถร้างเก่า", "other", 1, "citizen", "town", ""),
]
CENTRES = {"nong": ((17.4150, 102.7870), 0.55), "posri": ((17.4270, 102.7760), 0.45),
           "station": ((17.4030, 102.8000), 0.70), "ring": ((17.4150, 102.7870), 2.4),
           "town": ((14.5900, 100.4530), 0.55), "edge": ((14.5900, 100.4530), 1.6)}
# point name -> measures (kind, status, days from today (due or done), responsible, detail)
MEASURES = {
    "ซอยโพศรี 12 ทางเข้าเปลี่ยว": [("light", "done", -60, "เทศบาลนครอุดรธานี", "ไฟ LED 6 ต้น"),
                                   ("camera", "done", -30, "เทศบาลนครอุดรธานี", "กล้องปากซอย")],
    "อาคารพาณิชย์ร้างหลังตลาดหนองบัว": [("building_closed", "planned", 30, "เจ้าของอาคาร", "ปิดกั้นประตูและหน้าต่าง")],
    "ที่ดินรกร้างข้างทางรถไฟ": [("trees", "done", -45, "การรถไฟแห่งประเทศไทย", "ตัดหญ้าและพุ่มไม้")],
    "ลานหน้าหนองประจักษ์ฝั่งตะวันตก": [("patrol_point", "done", -20, "สถานีตำรวจภูธรเมืองอุดรธานี", "จุดตรวจ QR")],
    "จุดมั่วสุมหลังตลาดเจริญศรี": [("patrol_point", "planned", 14, "สถานีตำรวจภูธรเมืองอุดรธานี", ""),
                                  ("light", "cancelled", 10, "เทศบาลนครอุดรธานี", "ไม่มีเสาไฟในจุดนี้")],
    "ถนนเลี่ยงเมืองช่วงกลางคืน": [("other", "planned", 21, "แขวงทางหลวงอุดรธานี", "ติดตั้งลูกระนาด")],
    "สะพานลอยถนนประจักษ์ศิลปาคม": [("light", "done", -15, "เทศบาลนครอุดรธานี", "ซ่อมไฟบนสะพาน")],
    "ซอยหลังตลาดเทศบาลอ่างทอง": [("light", "done", -50, "เทศบาลเมืองอ่างทอง", "ไฟส่องสว่าง 4 ต้น")],
    "โกดังร้างริมแม่น้ำเจ้าพระยา": [("building_closed", "planned", 40, "เจ้าของโกดัง", "")],
    "สะพานลอยถนนสายเอเชีย": [("light", "planned", 25, "แขวงทางหลวงอ่างทอง", "")],
}
# point name -> (reason, without measures)
CLOSED = {
    "ซอยโพศรี 12 ทางเข้าเปลี่ยว": ("ติดไฟและกล้องแล้ว ไม่พบเหตุซ้ำ 3 เดือน", False),
    "ที่ดินรกร้างข้างทางรถไฟ": ("ตัดหญ้าแล้ว ชุมชนดูแลต่อเนื่อง", False),
    "ซอยหลังตลาดเทศบาลอ่างทอง": ("ติดไฟแล้ว ที่ประชุมเครือข่ายเห็นชอบให้ปิด", False),
    "ลานกีฬาชุมชนโพศรี": ("ชุมชนจัดกิจกรรมกีฬาตอนเย็น ไม่มีการมั่วสุมแล้ว", True),
}
GROUPS = [("prevention_udon", UDON_STATION, MEETING_UDON), ("udon_editor", UDON_TOWN, MEETING_UDON),
          ("prevention_angthong", ANGTHONG_STATION, MEETING_ANGTHONG)]
NAMES = {spec[0] for _user, specs, _m in GROUPS for spec in specs}


def _place(rng: random.Random, key: str) -> tuple[Decimal, Decimal]:
    (lat0, lon0), radius_km = CENTRES[key]
    r, a = radius_km * math.sqrt(rng.random()), rng.random() * 2 * math.pi
    lat = lat0 + r * math.sin(a) / KM_PER_DEG
    lon = lon0 + r * math.cos(a) / (KM_PER_DEG * math.cos(math.radians(lat0)))
    return Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")


def _area(user, lat: Decimal, lon: Decimal) -> str:
    """Udon: the subdistrict of the demo's grid cell; Ang Thong: the town (Talat Luang)."""
    if user.organisation.province_id != udon.MUNICIPALITY[2][:2]:
        return "150101"
    dy = (float(lat) - udon.CENTRE[0]) * KM_PER_DEG
    dx = (float(lon) - udon.CENTRE[1]) * KM_PER_DEG * math.cos(math.radians(udon.CENTRE[0]))
    half = udon.SIDE_KM / 2
    i, j = min(max(int(dy + half), 0), udon.SIDE_KM - 1), min(max(int(dx + half), 0), udon.SIDE_KM - 1)
    return udon.cell_subdistrict(i, j)


def _nearest_camera(user, point: RiskPoint) -> int | None:
    d = 0.004
    lat, lon = float(point.lat), float(point.lon)
    rows = access.scope(user, Camera.objects.filter(
        status="working", lat__range=(lat - d, lat + d), lon__range=(lon - d, lon + d))).values_list("pk", "lat", "lon")
    best = sorted(rows.order_by("pk"), key=lambda r: ((float(r[1]) - lat) ** 2 + (float(r[2]) - lon) ** 2, r[0]))
    return best[0][0] if best else None


def _measures(user, point: RiskPoint, today) -> None:
    for kind, status, days, who, detail in MEASURES.get(point.name, []):
        when = today + timedelta(days=days)
        m = Mitigation(kind=kind, detail=detail, responsible=who, due_on=when if status != "done" else None)
        if kind == "camera":
            m.camera_id = _nearest_camera(user, point)
        m = risk_services.add_mitigation(user, point.pk, m)
        if status != "planned":
            risk_services.finish_mitigation(user, m.pk, status, when if status == "done" else None)


def _delete() -> None:
    RiskPoint.objects.filter(name__in=NAMES, created_by__username__in=[g[0] for g in GROUPS]).delete()


def load(reset: bool = False) -> int:
    """Create the demo risk points; returns how many were created (0 when already there)."""
    users = {u.username: u for u in User.objects.filter(username__in=[g[0] for g in GROUPS])
             .select_related("organisation__province")}
    if len(users) < len(GROUPS):
        return 0
    if reset:
        _delete()
    elif RiskPoint.objects.filter(name__in=NAMES, created_by__in=users.values()).exists():
        return 0
    rng = random.Random("risk-points:2569")
    today = timezone.localdate()
    created = 0
    with transaction.atomic():
        for username, specs, meeting in GROUPS:
            user = users[username]
            for n, (name, category, severity, source, key, detail) in enumerate(specs):
                lat, lon = _place(rng, key)
                point = risk_services.create_point(user, RiskPoint(
                    name=name, lat=lat, lon=lon, area_id=_area(user, lat, lon), category=category,
                    space_class=SPACE[category], severity=severity, times_of_day=TIMES[category], source=source,
                    meeting_ref=meeting.format(n=1 + n % 4) if source == "network_meeting" else "",
                    description=detail))
                _measures(user, point, today)
                if name in CLOSED:
                    reason, without = CLOSED[name]
                    risk_services.close_point(user, point.pk, reason, without_measures=without)
                created += 1
    return created
