"""The camera tally (docs/adr/0006): per area, the counts and sums the dashboard's country and
province views read; built here from the existing cameras with the same GROUP BYs as
cameras/tally.py (frozen here: a migration must not change when that module does)."""

import django.db.models.deletion
from django.db import migrations, models


BUILD = """
INSERT INTO cameras_cameratally (area_id, province_id, district_id, kind, status, network_link, name, n, maint,
                                 cost, with_maint)
SELECT area_id, province_id, district_id, 'c', status, network_link, '', COUNT(*), SUM(maintenance_budget),
       SUM(purchase_cost), COUNT(maintenance_budget)
FROM cameras_camera GROUP BY area_id, province_id, district_id, status, network_link
UNION ALL
SELECT area_id, province_id, district_id, 'm', '', '', maintainer, COUNT(*), SUM(maintenance_budget), NULL, 0
FROM cameras_camera WHERE status <> 'working' GROUP BY area_id, province_id, district_id, maintainer
UNION ALL
SELECT area_id, province_id, district_id, 'n', '', '', network_name, COUNT(*), NULL, NULL, 0
FROM cameras_camera WHERE network_link = 'centre' GROUP BY area_id, province_id, district_id, network_name
"""


class Migration(migrations.Migration):

    dependencies = [
        ('cameras', '0003_camera_area_copy'),
        ('core', '0002_load_areas'),
    ]

    operations = [
        migrations.CreateModel(
            name='CameraTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=1)),
                ('status', models.CharField(blank=True, max_length=15)),
                ('network_link', models.CharField(blank=True, max_length=10)),
                ('name', models.CharField(blank=True, max_length=200)),
                ('n', models.PositiveIntegerField()),
                ('maint', models.DecimalField(decimal_places=2, max_digits=18, null=True)),
                ('cost', models.DecimalField(decimal_places=2, max_digits=18, null=True)),
                ('with_maint', models.PositiveIntegerField()),
                ('area', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.adminarea')),
                ('district', models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.adminarea')),
                ('province', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.adminarea')),
            ],
            options={
                'indexes': [models.Index(fields=['area'], name='tally_area'), models.Index(fields=['province', 'kind'], name='tally_province_kind'), models.Index(fields=['kind'], name='tally_kind')],
            },
        ),
        migrations.RunSQL(BUILD, migrations.RunSQL.noop),
    ]
