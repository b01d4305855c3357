"""Province totals in the camera tally (docs/adr/0006): the country view sums ~1,000 of them
instead of ~100,000 area rows. Built here from the area rows (SQL frozen, as in 0004)."""

from django.db import migrations, models

BUILD = """
INSERT INTO cameras_cameratally (area_id, province_id, district_id, kind, status, network_link, name, n, maint,
                                 cost, with_maint, rollup)
SELECT province_id, province_id, NULL, kind, status, network_link, name, SUM(n), SUM(maint), SUM(cost),
       SUM(with_maint), TRUE
FROM cameras_cameratally WHERE NOT rollup GROUP BY province_id, kind, status, network_link, name
"""


class Migration(migrations.Migration):

    dependencies = [
        ('cameras', '0004_camera_tally'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='cameratally',
            name='tally_kind',
        ),
        migrations.AddField(
            model_name='cameratally',
            name='rollup',
            field=models.BooleanField(db_default=False, default=False),
        ),
        migrations.AddIndex(
            model_name='cameratally',
            index=models.Index(fields=['rollup', 'kind'], name='tally_rollup_kind'),
        ),
        migrations.RunSQL(BUILD, "DELETE FROM cameras_cameratally WHERE rollup"),
    ]
