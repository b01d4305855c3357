"""Ang Thong's census round of December 2559 BE as the meeting minutes report it (seed 002 L152).

55 organisations answered (every demo organisation of the province except the provincial
office, which ran the census); 43 of them declared cameras, with the registry's figures at
the time; 12 answered "we have no cameras". Each answer has its state changes as Transition
rows. A few Part 2 proposals and Part 3 problems carry what the agencies said in the meeting
(seed 002 L180-L277). Deterministic (no random numbers) and written with bulk inserts;
`load` does nothing when the round is already there.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count, Q

from safetyzone.census.models import ProblemReport, Proposal, Round, Submission, Transition
from safetyzone.core.models import Organisation, User

from . import angthong

TITLE = "สำรวจกล้องโทรทัศน์วงจรปิด (CCTV) จังหวัดอ่างทอง ธันวาคม ๒๕๕๙"
OPENS, DEADLINE = date(2016, 12, 1), date(2016, 12, 30)
BANGKOK = ZoneInfo("Asia/Bangkok")
ACCEPTED_EVERY = 4  # every 4th answer is still waiting for the secretariat's review

# Part 2: (organisation, place, subdistrict, lat, lon, priority, reason, why, cameras, type, budget, source)
PROPOSALS = [
    ("ตำรวจภูธรจังหวัดอ่างทอง", "ทางแยกหน้าตลาดเทศบาลเมืองอ่างทอง", "150101", 14.5902, 100.4551, "urgent",
     "risk_point", "จุดเสี่ยงลักทรัพย์และเส้นทางหลบหนี ตำรวจขอร่วมสำรวจจุดติดตั้ง", 4, "ptz", "260000", "provincial"),
    ("แขวงทางหลวงอ่างทอง", "สะพานลอยถนนสายเอเชีย กม. 42", "150203", 14.6650, 100.4462, "high",
     "traffic", "ดูปริมาณการจราจรช่วงเทศกาล", 2, "ptz", "180000", "central"),
    ("สำนักงานการท่องเที่ยวและกีฬาจังหวัดอ่างทอง", "วัดม่วง (พระพุทธรูปองค์ใหญ่)", "150505", 14.7502, 100.3188,
     "high", "tourist", "แหล่งท่องเที่ยวสำคัญ ยังไม่มีกล้องและไม่มีงบประมาณ", 6, "bullet", "120000", "none_yet"),
    ("เทศบาลเมืองอ่างทอง", "ตลาดศาลเจ้าโรงทอง", "150101", 14.5878, 100.4570, "normal",
     "economic", "ย่านการค้า ร้านทอง และร้านสะดวกซื้อ", 8, "dome", "96000", "own"),
    ("สถานีตำรวจภูธรป่าโมก", "ทางแยกป่าโมก-อ่างทอง", "150302", 14.4985, 100.4450, "urgent",
     "risk_point", "ทางแยกเกิดอุบัติเหตุบ่อย", 3, "bullet", "45000", "provincial"),
    ("เทศบาลตำบลโพสะ", "ถนนเลียบแม่น้ำเจ้าพระยา ตำบลโพสะ", "150111", 14.5821, 100.4712, "normal",
     "landmark", "จุดที่คณะกรรมการจัดหาระบบคอมพิวเตอร์ของจังหวัดเห็นชอบแล้ว งบท้องถิ่น", 5, "bullet", "75000", "own"),
    ("สำนักงานขนส่งจังหวัดอ่างทอง", "สำนักงานขนส่งจังหวัดอ่างทอง", "150101", 14.5935, 100.4488, "normal",
     "government", "ของบประมาณปี ๒๕๕๙ แล้วไม่ได้รับ จะขออีกครั้ง", 4, "dome", "40000", "central"),
]
# Part 3: (organisation, category, problem, suggestion)
PROBLEMS = [
    ("ตำรวจภูธรจังหวัดอ่างทอง", "no_maintenance_budget",
     "กล้องตามท้องถนนไม่มีการตั้งงบประมาณไว้เป็นค่าดูแลรักษา กล้องจึงค่อย ๆ เสียไปทีละตัว",
     "ให้ อบต. และเทศบาลในพื้นที่เป็นผู้ดูแลรักษา ตำรวจเป็นผู้ใช้งาน"),
    ("ตำรวจภูธรจังหวัดอ่างทอง", "no_playback",
     "กล้องของเอกชนเมื่อขอดูภาพย้อนหลัง ร้านค้าเปิดดูให้ไม่ได้ ต้องรอช่างมาเปิดให้",
     "ขอให้เจ้าหน้าที่ตำรวจร่วมสำรวจจุดติดตั้งครั้งต่อไป"),
    ("สำนักงานศึกษาธิการจังหวัดอ่างทอง", "short_retention",
     "บันทึกภาพได้ไม่นาน ประมาณ ๓ วัน และดูได้เฉพาะภายในหน่วยงาน", "กำลังแก้ไขโดยเพิ่มฮาร์ดดิสก์"),
    ("สำนักงานสาธารณสุขจังหวัดอ่างทอง", "not_linked",
     "ไม่แน่ใจว่าจะเชื่อมโยงกับศูนย์ของจังหวัดได้อย่างไร และขาดการตรวจสอบประสิทธิภาพของกล้อง", ""),
    ("สำนักงานโยธาธิการและผังเมืองจังหวัดอ่างทอง", "not_linked",
     "กล้อง ๔ ตัวเป็นระบบภายใน ไม่ได้เชื่อมต่อกับหน่วยงานใด", ""),
    ("สำนักงานโยธาธิการและผังเมืองจังหวัดอ่างทอง", "no_maintenance_budget",
     "มีงบติดตั้งแต่ไม่มีงบดูแลรักษา", "ควรมีมาตรการให้เจ้าของกล้องดูแลให้ใช้งานได้ตลอดเวลา"),
    ("สำนักงานพาณิชย์จังหวัดอ่างทอง", "no_maintenance_budget",
     "ได้รับมอบกล้องจากกระทรวงพาณิชย์ ๔ ตัว แต่ปี ๒๕๖๐ ไม่มีงบประมาณสำหรับดูแลรักษา", ""),
    ("สำนักงานขนส่งจังหวัดอ่างทอง", "no_install_budget",
     "ยังไม่มีกล้อง ของบประมาณปี ๒๕๕๙ แล้วไม่ได้รับ", "จะของบประมาณอีกครั้งในปีงบประมาณต่อไป"),
    ("สำนักงานการท่องเที่ยวและกีฬาจังหวัดอ่างทอง", "short_retention",
     "บันทึกข้อมูลได้น้อยเพราะจำนวนกล้องเยอะ", ""),
    ("แขวงทางหลวงชนบทอ่างทอง", "no_install_budget",
     "ไม่มีงบประมาณติดตั้งกล้องตามสายทาง มีเฉพาะในสำนักงาน ๔ ตัว", ""),
]


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=BANGKOK)


def load(reset: bool = False) -> Round | None:
    """Create the demo round (after the demo cameras); with `reset`, rebuild it."""
    with transaction.atomic():
        return _load(reset)


def _load(reset: bool) -> Round | None:
    existing = Round.objects.filter(province_id=angthong.PROVINCE, title=TITLE)
    if reset:
        existing.delete()
    elif existing.exists():
        return None
    office = Organisation.objects.get(province_id=angthong.PROVINCE, name=angthong.PROVINCIAL_OFFICE[0])
    admin = User.objects.filter(username="admin").first() or User.objects.filter(is_superuser=True).first()
    if admin is None:
        return None
    secretariat = User.objects.filter(username="secretariat").first() or admin
    rnd = Round.objects.create(province_id=angthong.PROVINCE, title=TITLE, opens_on=OPENS, deadline=DEADLINE,
                               status="closed", created_by=secretariat)
    orgs = list(Organisation.objects.filter(province_id=angthong.PROVINCE).exclude(pk=office.pk)
                .annotate(n=Count("sites__cameras"),
                          working=Count("sites__cameras", filter=Q(sites__cameras__status="working")))
                .order_by("name"))
    members = {u.organisation_id: u for u in User.objects.filter(organisation__in=orgs).order_by("id")}
    subs, moves = [], []
    for i, org in enumerate(orgs):
        accepted = i % ACCEPTED_EVERY != 0
        sent = _at(OPENS + timedelta(days=3 + i % 27), 9 + i % 7)
        who = members.get(org.pk)
        sub = Submission(round=rnd, organisation=org, status="accepted" if accepted else "submitted",
                         has_cameras=org.n > 0, camera_count=org.n, working_count=org.working,
                         submitted_at=sent, submitted_by=who)
        subs.append(sub)
        moves.append(Transition(round=rnd, submission=sub, from_status="not_started", to_status="submitted",
                                by=who, at=sent))
        if accepted:
            moves.append(Transition(round=rnd, submission=sub, from_status="submitted", to_status="accepted",
                                    by=secretariat, at=sent + timedelta(days=2)))
    Submission.objects.bulk_create(subs)
    for move in moves:
        move.submission_id = move.submission.pk
    Transition.objects.bulk_create([
        Transition(round=rnd, from_status="draft", to_status="open", by=secretariat, at=_at(OPENS, 8)),
        *moves,
        Transition(round=rnd, from_status="open", to_status="closed", by=secretariat, at=_at(DEADLINE, 17)),
    ])
    by_name = {s.organisation.name: s for s in subs}
    Proposal.objects.bulk_create([
        Proposal(submission=by_name[org], name=name, area_id=area, lat=Decimal(f"{lat:.6f}"),
                 lon=Decimal(f"{lon:.6f}"), priority=priority, reason=reason, reason_detail=why,
                 camera_count=n, camera_type=kind, estimated_budget=Decimal(budget), budget_source=source)
        for org, name, area, lat, lon, priority, reason, why, n, kind, budget, source in PROPOSALS])
    ProblemReport.objects.bulk_create([
        ProblemReport(submission=by_name[org], category=category, description=text, suggestion=suggestion)
        for org, category, text, suggestion in PROBLEMS])
    return rnd
