"""Demo footage requests in Udon Thani (seed 004 L1905-L1921: Udon's online request system).

The demo investigator of Mueang Udon Thani police station has sent two requests to the owners
of the working cameras nearest two incidents near Nong Prachak: one this morning, still being
answered (sent, seen, preserved, no footage), and one three days ago, closed (preserved,
declined). Times are counted back from the hour the demo is loaded, so the countdowns to the
overwrite moment are meaningful; which cameras, states and reasons are fixed. `load` does
nothing when the requests are there; `reset` rebuilds them.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from safetyzone.cameras.models import Camera
from safetyzone.core import access
from safetyzone.core.models import Notification, User
from safetyzone.footage import notices, services, states
from safetyzone.footage.models import FootageRequest, ItemEvent, RequestItem, Search

INVESTIGATOR = "detective_udon"
OWNER_USER = "udon_editor"
# (case, incident type, (lat, lon), hours ago, window hours, what happened, [(status, reason)] per camera, closed)
REQUESTS = [
    ("คดีอาญา 1021/2569", "theft", (17.4131, 102.7869), 5, 1,
     "รถจักรยานยนต์ถูกลักบริเวณหน้าร้านค้าริมถนนโพศรี",
     [("sent", ""), ("seen", ""), ("preserved", ""), ("no_footage", "เครื่องบันทึกเสีย ไม่ได้บันทึกช่วงเวลานั้น")],
     False),
    ("คดีอาญา 987/2569", "robbery", (17.4172, 102.7905), 72, 2,
     "ชิงทรัพย์ผู้สูงอายุบริเวณทางเข้าสวนสาธารณะหนองประจักษ์",
     [("preserved", ""), ("declined", "ภาพช่วงนั้นส่งให้ศาลตามหมายเรียกแล้ว ขอให้ติดต่อศาล")],
     True),
]
PATHS = {"seen": ["seen"], "preserved": ["seen", "preserved"], "no_footage": ["seen", "no_footage"],
         "declined": ["declined"], "sent": []}


def _nearest(user, lat: float, lon: float, count: int) -> list[int]:
    """The `count` working cameras nearest the point that the investigator may read, by distance."""
    box = access.scope(user, Camera.objects.filter(
        status="working", lat__range=(lat - 0.004, lat + 0.004), lon__range=(lon - 0.004, lon + 0.004)))
    rows = box.values_list("pk", "lat", "lon").order_by("pk")
    return [pk for pk, la, lo in sorted(rows, key=lambda r: ((float(r[1]) - lat) ** 2 + (float(r[2]) - lon) ** 2,
                                                            r[0]))][:count]


def _delete(cases: list[str]) -> None:
    requests = FootageRequest.objects.filter(case_ref__in=cases, requested_by__username=INVESTIGATOR)
    items = RequestItem.objects.filter(request__in=requests)
    ItemEvent.objects.filter(item__in=items).delete()
    for request_id in requests.values_list("pk", flat=True):
        Notification.objects.filter(key__startswith=f"footage-request:{request_id}:").delete()
        Notification.objects.filter(key__startswith=f"footage-reminder:{request_id}:").delete()
        Notification.objects.filter(key__startswith=f"{notices.ENDED_PREFIX}{request_id}:").delete()
    for item_id in items.values_list("pk", flat=True):
        Notification.objects.filter(key__startswith=f"{notices.ANSWER_PREFIX}{item_id}:").delete()
    items.delete()
    requests.delete()
    Search.objects.filter(case_ref__in=cases, user__username=INVESTIGATOR).delete()


def load(reset: bool = False, now=None) -> int:
    """Create the demo requests; returns how many were created (0 when already there)."""
    cases = [r[0] for r in REQUESTS]
    investigator = User.objects.filter(username=INVESTIGATOR).select_related("organisation").first()
    if investigator is None:
        return 0
    if reset:
        _delete(cases)
    elif FootageRequest.objects.filter(case_ref__in=cases, requested_by=investigator).exists():
        return 0
    owner_user = User.objects.filter(username=OWNER_USER).first() or investigator
    anchor = (now or timezone.now()).replace(minute=0, second=0, microsecond=0)
    created = 0
    with transaction.atomic():
        for case, kind, (lat, lon), hours_ago, window, what, answers, closed in REQUESTS:
            starts = anchor - timedelta(hours=hours_ago)
            data = {"lat": lat, "lon": lon, "radius_m": 150, "starts_at": starts,
                    "ends_at": starts + timedelta(hours=window), "case_ref": case, "incident_type": kind,
                    "description": what, "purpose": "สืบสวนคดีตามคำร้องทุกข์ของผู้เสียหาย"}
            sent_at = starts + timedelta(hours=window + 1)
            services.record_search(investigator, data, results=len(answers))
            Search.objects.filter(case_ref=case, user=investigator).update(at=sent_at)
            cameras = _nearest(investigator, lat, lon, len(answers))
            request = services.create_request(investigator, data, cameras, now=sent_at)
            items = sorted(request.items.all(), key=lambda i: cameras.index(i.camera_id))
            for n, (item, (status, reason)) in enumerate(zip(items, answers)):
                for step, to in enumerate(PATHS[status]):
                    item.request = request
                    states.move(item, to, owner_user, reason if to == status else "",
                                now=sent_at + timedelta(minutes=20 + 15 * n + 30 * step))
            if closed:
                services.close_request(investigator, request)
                FootageRequest.objects.filter(pk=request.pk).update(closed_at=sent_at + timedelta(days=2))
            created += 1
    return created
