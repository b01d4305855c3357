"""Load every Thai province, district and subdistrict (DOPA codes) from `geothai`."""

from django.db import migrations


def load_areas(apps, schema_editor):
    import geothai

    AdminArea = apps.get_model("core", "AdminArea")
    rows = []
    for p in geothai.provinces():
        rows.append(AdminArea(code=p.code, level="province", name_th=p.name_th, name_en=p.name_en))
        for d in geothai.districts(p.code):
            rows.append(AdminArea(code=d.code, level="district", name_th=d.name_th,
                                  name_en=d.name_en, parent_id=p.code))
            rows.extend(
                AdminArea(code=s.code, level="subdistrict", name_th=s.name_th,
                          name_en=s.name_en, parent_id=d.code)
                for s in geothai.subdistricts(d.code)
            )
    AdminArea.objects.bulk_create(rows, batch_size=2000)


def unload_areas(apps, schema_editor):
    apps.get_model("core", "AdminArea").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load_areas, unload_areas)]
