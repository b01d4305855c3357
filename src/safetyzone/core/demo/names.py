"""Thai vocabulary for demo data: people, fake phone numbers, site and point names.

Every person is invented; every phone number starts with 080-000-, a prefix no Thai
operator hands out, so nobody mistakes demo data for a real contact.
"""

import random

FAKE_PHONE_PREFIX = "080-000-"

MALE = ["สมชาย", "สมศักดิ์", "ประเสริฐ", "วิชัย", "สุรชัย", "อนุชา", "ธนากร", "กิตติพงษ์",
        "ณัฐพล", "อำนาจ", "บุญมี", "ชาตรี", "สมบัติ", "ไพโรจน์", "เอกชัย", "ธีระ"]
FEMALE = ["สมศรี", "มาลี", "วันเพ็ญ", "สุนิสา", "กาญจนา", "ปราณี", "อรุณี", "นภาพร",
          "จันทร์เพ็ญ", "พิมพ์ชนก", "ศิริพร", "รัตนา", "บุษบา", "ละเอียด", "สายสุนีย์", "วรรณา"]
SURNAMES = ["ใจดี", "ทองดี", "มีสุข", "รักไทย", "ศรีสุข", "แก้วมณี", "บุญมา", "สุขสวัสดิ์",
            "พรหมมา", "จันทร์หอม", "ทองคำ", "วงศ์ไทย", "เพชรรัตน์", "นาคประเสริฐ", "อินทร์แก้ว",
            "สุวรรณศรี", "ชัยมงคล", "พึ่งบุญ", "รุ่งเรือง", "ศรีวิชัย"]

TEMPLES = ["วัดโพธิ์", "วัดไทร", "วัดสระแก้ว", "วัดม่วง", "วัดใหม่", "วัดเกาะ", "วัดท่าสุวรรณ",
           "วัดสว่างอารมณ์", "วัดต้นสน", "วัดป่า", "วัดกลาง", "วัดบ้านแก่ง", "วัดศรีประจันต์"]

# (place type, template, weight). {sd}: subdistrict, {d}: district, {t}: temple,
# {r}: road, {k}: a small number.
STREET_SITES = [
    ("intersection", "แยก{sd}", 6), ("intersection", "สี่แยก{r}", 6), ("intersection", "สามแยก{sd}", 4),
    ("road", "ถนน{r} กม. {k}", 6), ("lane", "ซอย{sd} {k}", 6), ("lane", "ซอย{t}", 4),
    ("market", "ตลาด{sd}", 4), ("market", "ตลาดนัด{sd}", 3), ("temple", "{t}", 6),
    ("school", "โรงเรียน{t}", 4), ("school", "โรงเรียนบ้าน{sd}", 3),
    ("community", "ชุมชน{sd}", 4), ("community", "หมู่ที่ {k} บ้าน{sd}", 4),
    ("park", "สวนสาธารณะ{sd}", 2), ("transport", "ท่ารถ{sd}", 1), ("government", "หน้าที่ว่าการอำเภอ{d}", 1),
]
OFFICE_POINTS = ["ประตูหน้า", "ประตูหลัง", "โถงชั้น 1", "ลานจอดรถ", "ห้องเก็บเอกสาร", "ทางเดินชั้น 2",
                 "รั้วด้านทิศตะวันออก", "รั้วด้านทิศตะวันตก", "ห้องการเงิน", "บันไดหนีไฟ", "โรงเก็บรถ",
                 "ป้อมยาม", "ทางเข้าอาคาร 2", "ห้องประชุม", "ลานหน้าอาคาร", "หลังคาโรงจอดรถ"]
STREET_POINTS = ["ฝั่งขาเข้า", "ฝั่งขาออก", "มุมทิศเหนือ", "มุมทิศใต้", "หน้าประตูทางเข้า", "ทางม้าลาย",
                 "เสาไฟฟ้าหน้าร้านค้า", "ป้ายรถโดยสาร", "ฝั่งตรงข้าม", "มุมอับหลังอาคาร"]
HOUSE_POINTS = ["หน้าบ้าน หันออกถนน", "ประตูรั้ว", "โรงรถ"]
SHOP_POINTS = ["หน้าร้าน", "เคาน์เตอร์", "ลานจอดรถ", "หลังร้าน", "ทางเข้าโกดัง", "ตู้เซฟ", "ฝั่งถนน"]

PROBLEMS = {
    "broken": ["สายสัญญาณขาด", "อุปกรณ์บันทึกภาพเสีย", "ฟ้าผ่า อุปกรณ์ไหม้", "กล้องถูกรถชนเสาล้ม",
               "ภาพไม่ขึ้น เลนส์เสีย"],
    "under_repair": ["ส่งซ่อมกับบริษัทผู้ติดตั้ง", "รอจัดซื้ออะไหล่", "อยู่ระหว่างเปลี่ยนเครื่องบันทึก",
                     "ช่างเทศบาลกำลังซ่อม"],
    "not_working": ["ไม่มีงบประมาณซ่อมบำรุง", "ไฟฟ้าไม่เข้า", "ภาพมัว เลนส์เป็นฝ้า",
                    "ต้นไม้บังมุมกล้อง", "ฮาร์ดดิสก์เต็ม ไม่บันทึก"],
}


def person(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"นาย{rng.choice(MALE)} {rng.choice(SURNAMES)}"
    return f"{rng.choice(['นาง', 'นางสาว'])}{rng.choice(FEMALE)} {rng.choice(SURNAMES)}"


def phone(rng: random.Random) -> str:
    return f"{FAKE_PHONE_PREFIX}{rng.randrange(10000):04d}"


def street_site(rng: random.Random, subdistrict: str, district: str, roads: list[str]) -> tuple[str, str]:
    """(place type, name) of a public place in a subdistrict."""
    place, template, _w = rng.choices(STREET_SITES, weights=[s[2] for s in STREET_SITES])[0]
    name = template.format(sd=subdistrict, d=district, t=rng.choice(TEMPLES), r=rng.choice(roads),
                           k=rng.randint(1, 15))
    return place, name


def point_names(rng: random.Random, pool: list[str], count: int) -> list[str]:
    """`count` distinct point names drawn from `pool`, numbered when the pool runs out."""
    names = rng.sample(pool, min(count, len(pool)))
    return names + [f"จุดที่ {i + 1}" for i in range(len(names), count)]


def address(moo: int, subdistrict: str, district: str, province: str) -> str:
    return f"หมู่ {moo} ต.{subdistrict} อ.{district} จ.{province}"
