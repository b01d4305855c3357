"""The one column spec shared by the importer, the mapping page and the exporter.

Each importable field has the Thai header written on export, the English header, and the
other ways officials title that column (matched with `thai.text.normalize_header`). Choice
fields also list the words accepted as values: the Thai and English labels of the model's
choices are added automatically, so whatever the exporter writes reads back.
"""

import re
from dataclasses import dataclass, field
from functools import cache

from django.utils import translation

from safetyzone.cameras import models as cm
from safetyzone.thai.text import normalize_header


@dataclass(frozen=True)
class Column:
    key: str
    th: str
    en: str
    kind: str  # id text choice bool int money date lat lon latlon owner area area_name
    aliases: tuple[str, ...] = ()
    max_length: int | None = None
    limits: tuple[int, int] | None = None
    choices: type | None = None  # a TextChoices class
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exported: bool = True


def value_key(text) -> str:
    """How choice values are compared: normalized, without spaces."""
    return normalize_header(text).replace(" ", "")


STATUS = {
    "working": ("ใช้งานได้", "ใช้ได้ปกติ", "ปกติ", "ใช้ได้", "ดี", "ใช้งานได้ปกติ", "working", "ok",
                "normal", "active", "online", "good"),
    "not_working": ("ใช้งานไม่ได้", "ใช้ไม่ได้", "ไม่ทำงาน", "ดับ", "not working", "offline", "down",
                    "inactive", "not work"),
    "broken": ("ชำรุด", "ชำรุดเสียหาย", "เสีย", "เสียหาย", "ชำรุดรอซ่อม", "broken", "damaged", "faulty"),
    "under_repair": ("อยู่ระหว่างซ่อม", "อยู่ระหว่างการซ่อมแซม", "อยู่ระหว่างซ่อมแซม", "ซ่อมแซม",
                     "กำลังซ่อม", "ระหว่างซ่อม", "ส่งซ่อม", "under repair", "repair", "repairing",
                     "in repair", "being repaired"),
}
SECTOR = {
    "public": ("ภาครัฐ", "รัฐ", "ราชการ", "หน่วยงานรัฐ", "ของรัฐ", "public", "government", "gov"),
    "private": ("เอกชน", "ภาคเอกชน", "ประชาชน", "ครัวเรือน", "private", "household"),
}
CAMERA_TYPE = {
    "bullet": ("กระบอก", "แบบกระบอก", "บูลเล็ต", "ติดตั้งตายตัว", "แบบติดตาย", "bullet", "fixed",
               "fixed bullet", "box", "fix"),
    "dome": ("โดม", "กล้องโดม", "dome", "fixed dome"),
    "ptz": ("ptz", "หมุนได้", "กล้องหมุนได้", "สปีดโดม", "speed dome", "pan tilt zoom"),
    "fisheye": ("ฟิชอาย", "fisheye", "fish eye", "360", "พาโนรามา", "panoramic"),
}
SIGNAL = {
    "ip": ("ip", "ไอพี", "ip camera", "ดิจิทัล", "ดิจิตอล", "digital", "network", "ระบบ ip"),
    "analog": ("analog", "analogue", "อนาล็อก", "อะนาล็อก", "แอนะล็อก", "แอนาล็อก", "ahd", "tvi",
               "cvi", "cvbs", "hd-tvi", "hd-cvi", "ระบบอนาล็อก"),
}
RESOLUTION = {
    "sd": ("sd", "cif", "d1", "960h", "480p", "vga", "0.3 mp", "ต่ำกว่า 1 ล้านพิกเซล"),
    "hd": ("hd", "720p", "1 mp", "1.3 mp", "1 ล้านพิกเซล", "1 ล้าน", "1.3 ล้าน"),
    "fhd": ("fhd", "1080p", "2 mp", "full hd", "2 ล้านพิกเซล", "2 ล้าน", "1080"),
    "4mp": ("3 mp", "4 mp", "5 mp", "4-5 mp", "1440p", "2k", "4 ล้านพิกเซล", "5 ล้านพิกเซล",
            "4 ล้าน", "5 ล้าน"),
    "4k": ("4k", "8 mp", "uhd", "2160p", "8 ล้านพิกเซล", "8 ล้าน", "ultra hd"),
}
NETWORK_LINK = {
    "none": ("ไม่เชื่อมต่อ", "ไม่เชื่อมโยง", "ไม่ได้เชื่อมต่อ", "ไม่ได้เชื่อมโยง", "เชื่อมโยงไม่ได้",
             "ไม่มี", "no", "none", "not linked", "standalone", "offline"),
    "local": ("ภายใน", "เชื่อมต่อภายใน", "เชื่อมต่อภายในเท่านั้น", "ภายในหน่วยงาน", "local",
              "local only", "lan"),
    "centre": ("เชื่อมต่อ", "เชื่อมโยง", "เชื่อมโยงได้", "เชื่อมต่อแล้ว", "ศูนย์", "ศูนย์ควบคุม",
               "เชื่อมต่อศูนย์", "centre", "center", "linked", "connected", "yes", "มี"),
}
RECORDER = {
    "nvr": ("nvr", "เครื่อง nvr"),
    "dvr": ("dvr", "เครื่อง dvr"),
    "cloud": ("cloud", "คลาวด์", "บันทึกบนคลาวด์"),
    "none": ("ไม่มี", "ไม่มีเครื่องบันทึก", "ไม่บันทึก", "none", "no"),
}
BUDGET_SOURCE = {
    "own": ("งบหน่วยงาน", "งบประมาณหน่วยงาน", "งบของหน่วยงาน", "งบประมาณของหน่วยงาน", "งบตนเอง",
            "own", "own budget"),
    "provincial": ("งบจังหวัด", "จังหวัด", "งบประมาณจังหวัด", "งบพัฒนาจังหวัด", "provincial",
                   "province"),
    "central": ("งบกลาง", "ส่วนกลาง", "งบประมาณแผ่นดิน", "งบประมาณส่วนกลาง", "central",
                "central government"),
    "local": ("ท้องถิ่น", "งบท้องถิ่น", "งบประมาณท้องถิ่น", "อปท", "เทศบาล", "อบต", "อบจ", "local"),
    "private": ("เอกชน", "งบเอกชน", "private"),
    "donation": ("บริจาค", "เงินบริจาค", "donation", "donated"),
    "other": ("อื่น ๆ", "อื่นๆ", "อื่น", "other"),
}
PLACE_TYPE = {
    "road": ("ถนน", "ริมถนน", "road", "street"),
    "intersection": ("ทางแยก", "แยก", "สี่แยก", "สามแยก", "intersection", "junction", "crossroads"),
    "lane": ("ซอย", "ตรอก", "lane", "alley", "soi"),
    "market": ("ตลาด", "ตลาดสด", "market"),
    "school": ("โรงเรียน", "สถานศึกษา", "school"),
    "temple": ("วัด", "ศาสนสถาน", "มัสยิด", "โบสถ์", "temple", "mosque", "church"),
    "government": ("สถานที่ราชการ", "หน่วยงานราชการ", "ที่ว่าการอำเภอ", "ศาลากลาง", "สำนักงาน",
                   "government", "office"),
    "community": ("ชุมชน", "หมู่บ้าน", "community", "village"),
    "residence": ("บ้าน", "บ้านเรือน", "ที่พักอาศัย", "บ้านพัก", "house", "residence", "home"),
    "shop": ("ร้านค้า", "ร้าน", "สถานประกอบการ", "shop", "store", "business"),
    "park": ("สวนสาธารณะ", "สวน", "ลานกีฬา", "พื้นที่สาธารณะ", "park", "public space"),
    "transport": ("สถานีขนส่ง", "สถานีรถไฟ", "ท่ารถ", "สถานีรถ", "bus station", "train station",
                  "station"),
    "tourist": ("แหล่งท่องเที่ยว", "สถานที่ท่องเที่ยว", "tourist", "tourist site"),
    "other": ("อื่น ๆ", "อื่นๆ", "อื่น", "other"),
}

C = Column
COLUMNS: tuple[Column, ...] = (
    C("camera_id", "รหัสกล้องในระบบ", "Camera ID", "id",
      ("id", "camera id", "camera no in system", "เลขกล้องในระบบ", "หมายเลขกล้องในระบบ",
       "รหัสในระบบ", "safetyzone id")),
    C("asset_code", "รหัสครุภัณฑ์", "Asset code", "text",
      ("เลขครุภัณฑ์", "หมายเลขครุภัณฑ์", "เลขที่ครุภัณฑ์", "รหัสกล้อง", "รหัส cctv", "asset no",
       "asset number", "asset id", "asset", "camera code", "inventory no"), max_length=60),
    C("owner", "หน่วยงานเจ้าของ", "Owner organisation", "owner",
      ("หน่วยงาน", "หน่วยงานที่รับผิดชอบ", "หน่วยงานรับผิดชอบ", "เจ้าของ", "owner", "organisation",
       "organization", "agency", "owner organization")),
    C("site_name", "สถานที่ติดตั้ง", "Installation site", "text",
      ("ชื่อสถานที่", "ชื่อสถานที่ติดตั้ง", "สถานที่", "สถานที่ติดตั้งกล้อง", "site", "site name",
       "location", "location name", "place"), max_length=200),
    C("address", "ที่อยู่", "Address", "text", ("ที่ตั้ง", "address", "addr"), max_length=300),
    C("place_type", "ประเภทสถานที่", "Place type", "choice",
      ("ลักษณะสถานที่", "ประเภทจุดติดตั้ง", "place type", "site type", "location type"),
      choices=cm.PlaceType, synonyms=PLACE_TYPE),
    C("area_code", "รหัสพื้นที่", "Area code", "area",
      ("รหัสตำบล", "รหัสพื้นที่ปกครอง", "รหัสท้องที่", "area code", "tambon code", "geocode",
       "subdistrict code", "admin code")),
    C("province", "จังหวัด", "Province", "area_name", ("จ", "province", "changwat")),
    C("district", "อำเภอ/เขต", "District", "area_name",
      ("อำเภอ", "เขต", "อ", "district", "amphoe", "amphur", "khet")),
    C("subdistrict", "ตำบล/แขวง", "Subdistrict", "area_name",
      ("ตำบล", "แขวง", "ต", "subdistrict", "sub district", "tambon", "tambol", "khwaeng")),
    C("point", "จุดติดตั้ง", "Installation point", "text",
      ("จุดติดตั้งกล้อง", "ตำแหน่งติดตั้ง", "ตำแหน่ง", "รายละเอียดจุดติดตั้ง", "point",
       "installation point", "mounting point", "position"), max_length=200),
    C("latlon", "พิกัด", "Coordinates", "latlon",
      ("พิกัดกล้อง", "พิกัดภูมิศาสตร์", "ละติจูด ลองจิจูด", "coordinates", "coordinate", "lat lon",
       "lat long", "latlong", "latlng", "lat lng", "gps"), exported=False),
    C("lat", "ละติจูด", "Latitude", "lat",
      ("ลติจูด", "ละติจุด", "ละติจูต", "lat", "latitude", "พิกัด y", "y", "n", "พิกัด n", "พิกัดละติจูด")),
    C("lon", "ลองจิจูด", "Longitude", "lon",
      ("ลองติจูด", "ลองจิจุด", "ลองติจุด", "lon", "long", "lng", "longitude", "พิกัด x", "x", "e",
       "พิกัด e", "พิกัดลองจิจูด")),
    C("sector", "ภาครัฐ/เอกชน", "Public/private", "choice",
      ("ภาครัฐ เอกชน", "ประเภทเจ้าของ", "รัฐ เอกชน", "sector", "public private", "ownership"),
      choices=cm.Sector, synonyms=SECTOR),
    C("camera_type", "ประเภทกล้อง", "Camera type", "choice",
      ("ชนิดกล้อง", "รูปแบบกล้อง", "แบบกล้อง", "camera type", "type", "cctv type"),
      choices=cm.CameraType, synonyms=CAMERA_TYPE),
    C("signal", "ระบบสัญญาณ", "Signal (IP/analog)", "choice",
      ("ระบบกล้อง", "ip อนาล็อก", "ip analog", "signal", "signal type", "technology"),
      choices=cm.Signal, synonyms=SIGNAL),
    C("resolution", "ความละเอียด", "Resolution", "choice",
      ("ความละเอียดภาพ", "ความละเอียดกล้อง", "resolution", "megapixel", "mp"),
      choices=cm.Resolution, synonyms=RESOLUTION),
    C("night_vision", "ถ่ายภาพกลางคืน", "Night vision", "bool",
      ("อินฟราเรด", "ir", "ถ่ายกลางคืนได้", "มองเห็นกลางคืน", "night vision", "infrared", "night")),
    C("fov_deg", "มุมกว้างของภาพ (องศา)", "Field of view (°)", "int",
      ("มุมกว้าง", "มุมมอง", "มุมมองภาพ", "fov", "field of view", "angle of view", "view angle"),
      limits=(1, 360)),
    C("bearing_deg", "ทิศทางที่หันกล้อง (องศา)", "Bearing (°)", "int",
      ("ทิศทาง", "ทิศทางกล้อง", "ทิศที่หัน", "bearing", "direction", "heading", "azimuth"),
      limits=(0, 359)),
    C("range_m", "ระยะมองเห็น (เมตร)", "Range (m)", "int",
      ("ระยะมองเห็น", "ระยะ", "ระยะการมองเห็น", "range", "range m", "distance", "view distance"),
      limits=(1, 2000)),
    C("network_link", "การเชื่อมต่อเครือข่าย", "Network link", "choice",
      ("การเชื่อมต่อ", "การเชื่อมโยง", "เชื่อมโยงเครือข่าย", "การเชื่อมโยงเครือข่าย", "เชื่อมต่อเครือข่าย", "การเชื่อมโยงระบบเครือข่าย",
       "network link", "network", "link", "connectivity"),
      choices=cm.NetworkLink, synonyms=NETWORK_LINK),
    C("network_name", "ศูนย์/เครือข่ายที่เชื่อมต่อ", "Linked centre / network", "text",
      ("ศูนย์ที่เชื่อมต่อ", "เครือข่ายที่เชื่อมต่อ", "เครือข่ายที่เชื่อมโยง", "ชื่อเครือข่าย",
       "linked centre", "linked center", "network name", "centre", "center"), max_length=200),
    C("recorder", "เครื่องบันทึกภาพ", "Recorder", "choice",
      ("เครื่องบันทึก", "การบันทึกภาพ", "recorder", "recording device", "nvr dvr"),
      choices=cm.Recorder, synonyms=RECORDER),
    C("retention_days", "เก็บภาพย้อนหลัง (วัน)", "Retention (days)", "int",
      ("เก็บภาพย้อนหลัง", "จำนวนวันที่เก็บภาพ", "ระยะเวลาเก็บภาพ", "เก็บข้อมูลย้อนหลัง", "retention",
       "retention days", "days kept", "storage days"), limits=(0, cm.MAX_RETENTION_DAYS)),
    C("playback", "เปิดดูภาพย้อนหลังได้", "Playback available", "bool",
      ("ดูภาพย้อนหลัง", "เรียกดูย้อนหลัง", "ดูย้อนหลังได้", "เรียกดูข้อมูลย้อนหลัง", "playback")),
    C("status", "สถานะ", "Status", "choice",
      ("สถานะกล้อง", "สถานะการใช้งาน", "สภาพการใช้งาน", "สภาพ", "status", "camera status", "condition"),
      choices=cm.Status, synonyms=STATUS),
    C("status_reason", "สาเหตุ/หมายเหตุสถานะ", "Status reason", "text",
      ("สาเหตุ", "หมายเหตุ", "หมายเหตุสถานะ", "สาเหตุที่ชำรุด", "status reason", "reason", "remarks",
       "remark", "note", "notes"), max_length=300),
    C("installed_on", "วันที่ติดตั้ง", "Install date", "date",
      ("วันติดตั้ง", "วันเดือนปีที่ติดตั้ง", "ติดตั้งเมื่อ", "install date", "installed",
       "installation date", "date installed")),
    C("purchase_cost", "ราคาจัดซื้อ (บาท)", "Purchase cost (baht)", "money",
      ("ราคา", "ราคาจัดซื้อ", "ราคาต่อหน่วย", "มูลค่า", "งบประมาณที่ใช้", "cost", "price",
       "purchase cost")),
    C("budget_source", "แหล่งงบประมาณ", "Budget source", "choice",
      ("แหล่งงบ", "ที่มาของงบประมาณ", "budget source", "funding", "funding source"),
      choices=cm.BudgetSource, synonyms=BUDGET_SOURCE),
    C("maintainer", "ผู้ดูแลบำรุงรักษา", "Maintained by", "text",
      ("ผู้ดูแล", "ผู้รับผิดชอบการซ่อมแซม", "หน่วยงานที่ดูแล", "maintainer", "maintained by",
       "maintenance by"), max_length=200),
    C("maintenance_budget", "งบบำรุงรักษาต่อปี (บาท)", "Yearly maintenance budget (baht)", "money",
      ("งบบำรุงรักษา", "งบซ่อมบำรุง", "ค่าบำรุงรักษา", "maintenance budget", "maintenance cost")),
    C("contact_name", "ผู้ประสานงาน", "Contact person", "text",
      ("ชื่อผู้ประสานงาน", "ผู้ติดต่อ", "ชื่อผู้ติดต่อ", "contact", "contact name", "contact person"),
      max_length=150),
    C("contact_phone", "โทรศัพท์ติดต่อ", "Contact phone", "text",
      ("เบอร์โทร", "เบอร์โทรศัพท์", "โทรศัพท์", "หมายเลขโทรศัพท์", "phone", "tel", "telephone",
       "contact phone", "mobile"), max_length=40),
)
BY_KEY = {c.key: c for c in COLUMNS}
# Camera model fields the importer sets directly (the rest are resolved: id, owner, site, area).
CAMERA_FIELDS = tuple(
    c.key for c in COLUMNS
    if c.kind in ("text", "choice", "bool", "int", "money", "date", "lat", "lon")
    and c.key not in ("site_name", "address", "place_type")
)
SITE_FIELDS = ("site_name", "address", "place_type")
EXPORT_COLUMNS = tuple(c for c in COLUMNS if c.exported)


def _header_keys(text: str) -> list[str]:
    """Ways a header may match: whole, without a bracketed part, the bracketed part alone."""
    raw = str(text or "")
    keys = [normalize_header(raw)]
    outside = re.sub(r"[(\[].*?[)\]]", " ", raw)
    inside = re.findall(r"[(\[](.*?)[)\]]", raw)
    keys += [normalize_header(outside)] + [normalize_header(p) for p in inside]
    keys += [k.replace(" ", "") for k in list(keys)]
    return [k for k in dict.fromkeys(keys) if k]


@cache
def header_index() -> dict[str, str]:
    """normalized header → column key (exact matches first, then space-free forms)."""
    index: dict[str, str] = {}
    for col in COLUMNS:
        for name in (col.th, col.en, col.key, *col.aliases):
            for k in _header_keys(name)[:1] + [normalize_header(name).replace(" ", "")]:
                index.setdefault(k, col.key)
    return index


def guess_column(header: str) -> str:
    """The column key a header most likely means, or '' when none fits."""
    index = header_index()
    for k in _header_keys(header):
        if k in index:
            return index[k]
    return ""


@cache
def value_index(key: str) -> dict[str, str]:
    """Accepted value (value_key form) → stored choice value, for one choice column."""
    col = BY_KEY[key]
    index: dict[str, str] = {}
    for value, label in col.choices.choices:
        index[value_key(value)] = value
        for lang in ("th", "en"):
            with translation.override(lang):
                index.setdefault(value_key(str(label)), value)
    for value, words in col.synonyms.items():
        for word in words:
            index.setdefault(value_key(word), value)
    return index


def choice_label(key: str, value: str, lang: str) -> str:
    """The label the exporter writes for a stored choice value."""
    labels = dict(BY_KEY[key].choices.choices)
    if value in (None, ""):
        return ""
    with translation.override(lang):
        return str(labels.get(value, value))


def header(col: Column, lang: str) -> str:
    return col.en if lang == "en" else col.th
