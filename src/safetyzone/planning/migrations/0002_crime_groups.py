"""The police crime groups 1-5 and offence wording rules as editable starting configuration."""

from django.db import migrations

GROUPS = [
    (1, "คดีอุกฉกรรจ์และสะเทือนขวัญ", "Heinous and shocking crimes", True),
    (2, "คดีชีวิต ร่างกาย และเพศ", "Crimes against life, body and sex", True),
    (3, "คดีประทุษร้ายต่อทรัพย์", "Crimes against property", True),
    (4, "คดีที่น่าสนใจ", "Crimes of special interest", False),
    (5, "คดีที่รัฐเป็นผู้เสียหาย", "Crimes against the state (victimless)", False),
]
# offence wording -> groups; groups overlap (a robbery is heinous and a property crime)
RULES = [
    ("ฆ่า", [1, 2]), ("ข่มขืน", [1, 2]), ("ปล้นทรัพย์", [1, 3]), ("ชิงทรัพย์", [1, 3]),
    ("ลักพาตัว", [1]), ("วางเพลิง", [1]), ("ทำร้ายร่างกาย", [2]), ("อนาจาร", [2]),
    ("ลักทรัพย์", [3]), ("วิ่งราวทรัพย์", [3]), ("กรรโชก", [3]), ("รับของโจร", [3]),
    ("ลักรถจักรยานยนต์", [3, 4]), ("ลักรถยนต์", [3, 4]), ("ฉ้อโกง", [4]), ("ยาเสพติด", [5]),
    ("อาวุธปืน", [5]), ("การพนัน", [5]),
]


def load(apps, schema_editor):
    CrimeGroup = apps.get_model("planning", "CrimeGroup")
    OffenceRule = apps.get_model("planning", "OffenceRule")
    groups = {}
    for number, th, en, target in GROUPS:
        groups[number], _ = CrimeGroup.objects.get_or_create(
            number=number, defaults={"name_th": th, "name_en": en, "counts_for_target": target})
    for contains, numbers in RULES:
        rule, _ = OffenceRule.objects.get_or_create(contains=contains)
        rule.groups.set([groups[n] for n in numbers])


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
