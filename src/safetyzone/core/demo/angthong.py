"""Ang Thong province (code 15) as its CCTV census found it (seed 002 L152).

55 organisations answered the census (every Ang Thong organisation here except the
provincial office, which ran it); 43 of them have cameras; 860 cameras, 734 working,
126 broken, under repair or not working. Agencies and numbers the meeting minutes name
(highways, rural roads, district offices, education, public works, commerce, tourism,
statistics, land transport) follow the minutes (seed 002 L210-L225).

We have no boundaries, so each district gets an approximate real centre and its
subdistricts sit on a small spiral around it, inside the province's box.
"""

import dataclasses
import random

from . import places
from .plan import HOUSE, OFFICE, SHOP, STREET, Area, OrgPlan, break_some, finish, spiral

PROVINCE = "15"
PROVINCIAL_OFFICE = ("สำนักงานจังหวัดอ่างทอง", "Ang Thong Provincial Office")
CITY = "150101"  # Talat Luang: the provincial town, where provincial agencies sit
CAMERAS, WORKING, ANSWERED, WITH_CAMERAS = 860, 734, 55, 43

DISTRICT_CENTRES = {  # approximate real district towns
    "1501": (14.589, 100.455), "1502": (14.664, 100.455), "1503": (14.497, 100.445),
    "1504": (14.672, 100.370), "1505": (14.755, 100.322), "1506": (14.592, 100.343),
    "1507": (14.588, 100.290),
}
INNER_BOX = (14.48, 14.82, 100.28, 100.52)  # centres stay here, so sites stay in 14.45-14.85 / 100.25-100.55
ROADS = ["สายเอเชีย", "อ่างทอง-สุพรรณบุรี", "อ่างทอง-สิงห์บุรี", "ป่าโมก-อ่างทอง", "โพธิ์ทอง-แสวงหา",
         "วิเศษชัยชาญ-สามโก้", "เทศบาล 1", "ทางหลวง 309"]
HIGHWAY_SITES = [("road", "ถนนสายเอเชีย กม. {km}+{m:03d}"), ("road", "สะพานลอยถนนสายเอเชีย กม. {km}"),
                 ("intersection", "ทางแยกต่างระดับ{sd}")]


def _p(**kw):
    return {"p": kw}


EDUCATION = _p(retention=(3,), links={"local": 1})  # "keeps only about 3 days" (seed 002 L216)
# (name, English name, cameras, not working, style, options); area of responsibility: the province.
AGENCIES = [
    ("สำนักงานสาธารณสุขจังหวัดอ่างทอง", "Ang Thong Provincial Public Health Office", 10, 2, "office", {}),
    ("แขวงทางหลวงอ่างทอง", "Ang Thong Highway District", 14, 3, "highway", _p(
        types={"ptz": 1, "bullet": 1}, ip_share=1.0, links={"centre": 1}, maintainer="กรมทางหลวง",
        network_name="ศูนย์ควบคุมจราจร กรมทางหลวง", budgets={"central": 1})),
    ("แขวงทางหลวงชนบทอ่างทอง", "Ang Thong Rural Roads District", 4, 0, "office", _p(retention=(30,))),
    ("ที่ทำการปกครองจังหวัดอ่างทอง", "Ang Thong Provincial Administration Office", 44, 1, "districts", {}),
    ("สำนักงานศึกษาธิการจังหวัดอ่างทอง", "Ang Thong Provincial Education Office", 8, 1, "office", EDUCATION),
    ("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอ่างทอง", "Ang Thong Primary Educational Service Area Office",
     8, 0, "office", EDUCATION),
    ("สำนักงานโยธาธิการและผังเมืองจังหวัดอ่างทอง", "Ang Thong Public Works and Town Planning Office",
     4, 0, "office", _p(links={"local": 1})),
    ("สำนักงานสถิติจังหวัดอ่างทอง", "Ang Thong Provincial Statistical Office", 0, 0, "office", {}),
    ("สำนักงานพาณิชย์จังหวัดอ่างทอง", "Ang Thong Provincial Commercial Office", 4, 1, "office", _p(
        types={"bullet": 1}, ip_share=1.0, links={"centre": 1}, years=(2016, 2016), maintenance_share=0.0,
        network_name="เครือข่ายกล้อง CCTV กระทรวงพาณิชย์", budgets={"central": 1})),
    ("สำนักงานขนส่งจังหวัดอ่างทอง", "Ang Thong Provincial Land Transport Office", 0, 0, "office", {}),
    ("สำนักงานการท่องเที่ยวและกีฬาจังหวัดอ่างทอง", "Ang Thong Provincial Tourism and Sports Office",
     12, 1, "office", _p(retention=(3, 5))),
    ("สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัดอ่างทอง", "Ang Thong Disaster Prevention Office", 6, 1, "office", {}),
    ("โรงพยาบาลอ่างทอง", "Ang Thong Hospital", 48, 5, "office", {}),
    ("เรือนจำจังหวัดอ่างทอง", "Ang Thong Provincial Prison", 36, 3, "office", _p(links={"local": 1})),
    ("สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดอ่างทอง", "Ang Thong Local Administration Office", 0, 0, "office", {}),
    ("สำนักงานเกษตรจังหวัดอ่างทอง", "Ang Thong Provincial Agricultural Extension Office", 0, 0, "office", {}),
    ("สำนักงานแรงงานจังหวัดอ่างทอง", "Ang Thong Provincial Labour Office", 0, 0, "office", {}),
    ("สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดอ่างทอง", "Ang Thong Social Development Office",
     0, 0, "office", {}),
    ("สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัดอ่างทอง", "Ang Thong Natural Resources Office",
     0, 0, "office", {}),
    ("สำนักงานที่ดินจังหวัดอ่างทอง", "Ang Thong Provincial Land Office", 6, 0, "office", {}),
    ("สำนักงานคลังจังหวัดอ่างทอง", "Ang Thong Provincial Comptroller Office", 4, 0, "office", {}),
]
DISTRICT_OFFICES = {"1501": (2, 0), "1502": (4, 0), "1503": (8, 0), "1504": (6, 0), "1505": (8, 1),
                    "1506": (8, 0), "1507": (8, 0)}  # seed 002 L218: 8 in Sawaeng Ha, 7 working
PAO = ("องค์การบริหารส่วนจังหวัดอ่างทอง", "Ang Thong Provincial Administrative Organisation", 64, 10)
TOWN = ("เทศบาลเมืองอ่างทอง", "Ang Thong Town Municipality", 166, 30, ["150101", "150102", "150103", "150114"])
# Municipalities (ทต) and subdistrict administrative organisations (อบต): (type, subdistrict, cameras, not working)
LOCAL = [("ทต", "150111", 36, 4), ("ทต", "150302", 42, 6), ("ทต", "150206", 30, 5), ("ทต", "150414", 24, 4),
         ("ทต", "150501", 28, 5), ("ทต", "150602", 34, 5), ("ทต", "150701", 18, 3), ("ทต", "150110", 16, 2),
         ("อบต", "150105", 14, 3), ("อบต", "150109", 12, 2), ("อบต", "150305", 10, 2), ("อบต", "150207", 8, 2),
         ("อบต", "150502", 0, 0), ("อบต", "150606", 11, 2), ("อบต", "150704", 0, 0), ("อบต", "150415", 0, 0)]
PROVINCIAL_POLICE = ("ตำรวจภูธรจังหวัดอ่างทอง", "Ang Thong Provincial Police", 10, 1)
STATIONS = {"1501": (24, 3), "1502": (10, 2), "1503": (12, 2), "1504": (12, 3), "1505": (8, 2),
            "1506": (12, 2), "1507": (6, 1)}
BUSINESSES = [("ห้างทองเพชรทองอ่างทอง", "Phet Thong gold shop", "150101", 16, 2),
              ("บริษัท ไชโยพืชผล จำกัด", "Chaiyo Phuetphon rice mill", "150202", 12, 2),
              ("สถานีบริการน้ำมันป่าโมกปิโตรเลียม", "Pa Mok Petroleum filling station", "150302", 8, 1),
              ("ร้านโพธิ์ทองค้าวัสดุ", "Pho Thong building supplies", "150401", 6, 1),
              ("ห้างหุ้นส่วนจำกัด แสวงหาการเกษตร", "Sawaeng Ha Kaset farm supplies", "150501", 0, 0)]
HOUSEHOLDS = [("ครัวเรือนนายสมชาย ใจดี", "Household of Mr Somchai Jaidee", "150108", 1, 0),
              ("ครัวเรือนนางมาลี ทองดี", "Household of Mrs Malee Thongdee", "150203", 2, 1),
              ("ครัวเรือนนายประเสริฐ มีสุข", "Household of Mr Prasert Meesuk", "150403", 0, 0)]
TOWN_NAME, TAMBON_NAME, HOUSEHOLD_NAME = TOWN[0], "เทศบาลตำบลโพสะ", HOUSEHOLDS[0][0]
STATION_NAME = "สถานีตำรวจภูธรเมืองอ่างทอง"


def subdistrict_centres(areas: dict[str, Area]) -> dict[str, tuple[float, float]]:
    lat0, lat1, lon0, lon1 = INNER_BOX
    centres = {}
    for district, (lat, lon) in DISTRICT_CENTRES.items():
        subs = sorted(c for c in areas if len(c) == 6 and c.startswith(district))
        for i, code in enumerate(subs):
            slat, slon = spiral(lat, lon, i, 1.6)
            centres[code] = (min(max(slat, lat0), lat1), min(max(slon, lon0), lon1))
    return centres


def build(rng: random.Random, areas: dict[str, Area]) -> list[OrgPlan]:
    """The province's organisations with their sites and cameras."""
    centres = subdistrict_centres(areas)
    subs = sorted(centres)
    orgs = [OrgPlan(*PROVINCIAL_OFFICE, "provincial_office", PROVINCE)]
    orgs[0].phone = "080-000-0015"

    for i, (name, name_en, count, broken, style, opt) in enumerate(AGENCIES, start=1):
        org = OrgPlan(name, name_en, "government_agency", PROVINCE)
        profile = dataclasses.replace(OFFICE, **opt.get("p", {}))
        if style == "office":
            places.office(rng, org, areas, count=count, area=CITY, centre=centres[CITY], profile=profile)
        elif style == "highway":
            route = [c for c in subs if c[:4] in ("1502", "1501", "1503")]
            places.public_places(rng, org, areas, count=count, subdistricts=route, centres=centres,
                                 profile=profile, roads=ROADS, templates=HIGHWAY_SITES)
        else:  # one compound per district office
            for district, (n, n_broken) in DISTRICT_OFFICES.items():
                main = min(c for c in subs if c.startswith(district))
                before = len(org.sites)
                places.office(rng, org, areas, count=n, area=main, centre=centres[main], profile=profile)
                for site in org.sites[before:]:
                    site.name = f"ที่ว่าการอำเภอ{areas[district].name_th}"
                break_some(rng, [c for s in org.sites[before:] for c in s.cameras], n_broken)
            broken = 0
        orgs.append(finish(rng, org, broken, f"AT{i:02d}"))

    pao = OrgPlan(*PAO[:2], "local_admin", PROVINCE)
    mains = [min(c for c in subs if c.startswith(d)) for d in DISTRICT_CENTRES]
    places.office(rng, pao, areas, count=6, area=CITY, centre=centres[CITY], profile=STREET)
    places.public_places(rng, pao, areas, count=PAO[2] - 6, subdistricts=mains, centres=centres,
                         profile=_street(PAO[0]), roads=ROADS)
    orgs.append(finish(rng, pao, PAO[3], "PAO"))
    town = OrgPlan(*TOWN[:2], "local_admin", TOWN[4][0])
    _local(rng, town, areas, TOWN[2], TOWN[4], centres)
    orgs.append(finish(rng, town, TOWN[3], "TMAT"))
    for i, (kind, code, count, broken) in enumerate(LOCAL, start=1):
        sd = areas[code]
        if kind == "ทต":
            org = OrgPlan(f"เทศบาลตำบล{sd.name_th}", f"{sd.name_en} Subdistrict Municipality", "local_admin", code)
        else:
            org = OrgPlan(f"องค์การบริหารส่วนตำบล{sd.name_th}", f"{sd.name_en} Subdistrict Administrative "
                          "Organisation", "local_admin", code)
        _local(rng, org, areas, count, [code], centres)
        orgs.append(finish(rng, org, broken, f"LA{i:02d}"))

    police = OrgPlan(*PROVINCIAL_POLICE[:2], "police_station", PROVINCE)
    places.office(rng, police, areas, count=PROVINCIAL_POLICE[2], area=CITY, centre=centres[CITY], profile=OFFICE)
    orgs.append(finish(rng, police, PROVINCIAL_POLICE[3], "PP15"))
    for district, (count, broken) in STATIONS.items():
        d = areas[district]
        org = OrgPlan(f"สถานีตำรวจภูธร{d.name_th}", f"{d.name_en} Provincial Police Station", "police_station", district)
        main = min(c for c in subs if c.startswith(district))
        places.office(rng, org, areas, count=4, area=main, centre=centres[main], profile=OFFICE)
        places.public_places(rng, org, areas, count=count - 4, subdistricts=[c for c in subs if c.startswith(district)],
                             centres=centres, profile=dataclasses.replace(STREET, network_name=f"ห้องควบคุม {org.name}"),
                             roads=ROADS)
        orgs.append(finish(rng, org, broken, f"PS{district}"))

    for name, name_en, code, count, broken in BUSINESSES:
        org = OrgPlan(name, name_en, "private_business", code)
        places.shop(rng, org, areas, count=count, area=code, centre=centres[code], profile=SHOP)
        orgs.append(finish(rng, org, broken, ""))
    for name, name_en, code, count, broken in HOUSEHOLDS:
        org = OrgPlan(name, name_en, "household", code)
        places.house(rng, org, areas, count=count, area=code, centre=centres[code], profile=HOUSE)
        orgs.append(finish(rng, org, broken, ""))
    return orgs


def _street(owner: str):
    return dataclasses.replace(STREET, network_name=f"ศูนย์ควบคุมกล้อง CCTV {owner}")


def _local(rng, org: OrgPlan, areas, count: int, subdistricts: list[str], centres) -> None:
    """A municipality or SAO: a few cameras at its office, the rest in its subdistricts' streets."""
    if count == 0:
        return
    home = subdistricts[0]
    at_office = min(count, 3)
    places.office(rng, org, areas, count=at_office, area=home, centre=centres[home], profile=STREET)
    org.sites[-1].name = f"สำนักงาน{org.name}"
    places.public_places(rng, org, areas, count=count - at_office, subdistricts=subdistricts,
                         centres=centres, profile=_street(org.name), roads=ROADS)
