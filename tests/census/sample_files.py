"""Spreadsheets shaped like the ones Thai agencies really send (used by tests and the browser test).

write_sample_xlsx(path, n_rows) writes a census sheet of a municipality in Mueang Ang Thong:
a title row above Thai headers, a running number column, Thai digits, Buddhist-era dates
such as "๒๐ ธ.ค. ๒๕๕๙", coordinates in degrees-minutes-seconds on every other row and
decimal degrees in Thai digits on the others. Deterministic; needs no database.
"""

import math
from datetime import date, timedelta

from openpyxl import Workbook

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
MONTHS = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
HEADERS = [
    "ลำดับ", "รหัสครุภัณฑ์", "สถานที่ติดตั้ง", "จุดติดตั้ง", "รหัสพื้นที่", "ที่อยู่", "ละติจูด", "ลองจิจูด",
    "ประเภทกล้อง", "ระบบ (IP/Analog)", "ความละเอียด", "อินฟราเรด", "มุมกว้าง (องศา)", "ทิศทาง (องศา)",
    "ระยะมองเห็น (ม.)", "การเชื่อมโยงเครือข่าย", "เครื่องบันทึก", "เก็บภาพย้อนหลัง (วัน)", "ดูภาพย้อนหลัง",
    "สถานะ", "หมายเหตุ", "วันที่ติดตั้ง", "ราคา (บาท)", "แหล่งงบประมาณ", "ผู้ประสานงาน", "เบอร์โทร",
]
SITES = ["หน้าศาลากลางจังหวัด", "ตลาดเทศบาล", "วัดต้นสน", "สี่แยกไฟแดงตลาดหลวง", "โรงเรียนอ่างทองปัทมโรจน์",
         "ท่ารถตู้อ่างทอง", "ซอยเทศบาล ๕", "สวนสาธารณะริมเจ้าพระยา"]
PLACE_NOTES = {0: "ฝั่งทิศเหนือ", 1: "ฝั่งทิศใต้", 2: "เสาไฟฟ้าหน้าร้าน"}
TYPES = [("Bullet", "IP", "2 MP"), ("Dome", "IP", "1080p"), ("PTZ", "IP", "4 MP"), ("Bullet", "Analog", "720p")]
STATUSES = ["ใช้งานได้"] * 17 + ["ชำรุด", "อยู่ระหว่างซ่อม", "ใช้งานไม่ได้"]


def thai_digits(value) -> str:
    return str(value).translate(THAI)


def be_date(d: date) -> str:
    """20 ธ.ค. 2559 written with Thai digits, as typed in Thai Word/Excel templates."""
    return thai_digits(f"{d.day} {MONTHS[d.month - 1]} {d.year + 543}")


def dms(value: float, positive: str) -> str:
    deg = int(value)
    minutes_full = (value - deg) * 60
    minutes = int(minutes_full)
    seconds = round((minutes_full - minutes) * 60, 2)
    if seconds >= 60:
        minutes, seconds = minutes + 1, 0.0
    return f"{deg}°{minutes:02d}'{seconds:05.2f}\"{positive}"


def sample_points(n_rows: int):
    """Points at least ~11 m apart inside lat 14.58-14.60, lon 100.44-100.46."""
    side = max(1, math.ceil(math.sqrt(n_rows)))
    step = max(0.0001, 0.0195 / side)
    for i in range(n_rows):
        yield 14.5805 + (i // side) * step, 100.4405 + (i % side) * step


def sample_rows(n_rows: int, area_code: str = "150101"):
    installed = date(2016, 12, 20)
    for i, (lat, lon) in enumerate(sample_points(n_rows)):
        kind, signal, resolution = TYPES[i % len(TYPES)]
        status = STATUSES[i % len(STATUSES)]
        if i % 2 == 0:
            lat_text, lon_text = dms(lat, "N"), dms(lon, "E")
        else:
            lat_text, lon_text = thai_digits(f"{lat:.6f}"), thai_digits(f"{lon:.6f}")
        yield [
            thai_digits(i + 1), f"อท-{thai_digits(f'{i + 1:05d}')}", SITES[i % len(SITES)],
            PLACE_NOTES.get(i % 5, f"จุดที่ {thai_digits(i + 1)}"), thai_digits(area_code),
            "ต.ตลาดหลวง อ.เมืองอ่างทอง จ.อ่างทอง", lat_text, lon_text, kind, signal, resolution,
            "มี" if i % 3 else "ไม่มี", thai_digits(90), thai_digits((i * 37) % 360), thai_digits(30 + i % 50),
            "เชื่อมต่อศูนย์ควบคุม" if i % 4 else "ไม่เชื่อมต่อ", "NVR" if signal == "IP" else "DVR",
            thai_digits(30 if i % 5 else 7), "ได้", status, "" if status == "ใช้งานได้" else "รอจัดซื้ออุปกรณ์",
            be_date(installed + timedelta(days=(i * 11) % 1500)), thai_digits(f"{25000 + (i % 7) * 1500:,}"),
            "งบประมาณท้องถิ่น", "นายสมชาย ใจดี", "๐๘๑-๒๓๔-๕๖๗๘",
        ]


def write_sample_xlsx(path, n_rows: int, area_code: str = "150101") -> None:
    """A census sheet of `n_rows` cameras as a municipality in Ang Thong would send it."""
    book = Workbook()
    sheet = book.active
    sheet.title = "ส่วนที่ 1"
    sheet.append(["แบบสำรวจข้อมูลระบบกล้องโทรทัศน์วงจรปิด (CCTV) ส่วนที่ ๑ : กล้อง CCTV ที่มีในปัจจุบัน"])
    sheet.append(HEADERS)
    for row in sample_rows(n_rows, area_code):
        sheet.append(row)
    book.save(path)
