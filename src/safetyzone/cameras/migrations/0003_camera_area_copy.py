"""Cameras carry a copy of their site's area, province and district (docs/adr/0004).

Added nullable, filled from the sites in one UPDATE each, then made NOT NULL (district stays
nullable: a site may be placed on a whole province). The (lat, lon) index becomes
(lat, lon, status) so the map's cluster counts are answered from the index.
"""

import django.db.models.deletion
from django.db import migrations, models

BACKFILL = """
UPDATE cameras_camera SET
    area_id = (SELECT s.area_id FROM cameras_site s WHERE s.id = cameras_camera.site_id),
    province_id = (SELECT s.province_id FROM cameras_site s WHERE s.id = cameras_camera.site_id),
    district_id = (SELECT s.district_id FROM cameras_site s WHERE s.id = cameras_camera.site_id)
"""


def area_fk(null: bool):
    return models.ForeignKey(editable=False, db_index=False, null=null, on_delete=django.db.models.deletion.PROTECT,
                             related_name="+", to="core.adminarea")


class Migration(migrations.Migration):
    dependencies = [
        ("cameras", "0002_initial"),
        ("core", "0002_load_areas"),
    ]

    operations = [
        migrations.AddField("camera", "area", area_fk(True)),
        migrations.AddField("camera", "province", area_fk(True)),
        migrations.AddField("camera", "district", area_fk(True)),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        migrations.AlterField("camera", "area", area_fk(False)),
        migrations.AlterField("camera", "province", area_fk(False)),
        migrations.RemoveIndex("camera", "cameras_cam_lat_757433_idx"),
        migrations.AddIndex("camera", models.Index(fields=["lat", "lon", "status"], name="camera_lat_lon_status")),
        migrations.AddIndex("camera", models.Index(fields=["province", "id"], name="camera_province_id")),
        migrations.AddIndex("camera", models.Index(fields=["district", "id"], name="camera_district_id")),
        migrations.AddIndex("camera", models.Index(fields=["province", "district", "id"],
                                                   name="camera_province_district_id")),
        migrations.AddIndex("camera", models.Index(fields=["area", "id"], name="camera_area_id")),
    ]
