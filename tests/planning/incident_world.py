"""Builders of incidents for the incident, hotspot and trend tests (kept apart from world.py,
which other parts edit at the same time)."""

from decimal import Decimal

from tests.planning.world import MUEANG_SUB


def incidents(owner, points, area=MUEANG_SUB, when=None, groups=(3,), offence="ลักทรัพย์"):
    """Incidents at (lat, lon) points (or (lat, lon, aware datetime)), written in bulk with their groups."""
    import datetime as dt

    from django.utils import timezone

    from safetyzone.planning.models import CrimeGroup, Incident

    when = when or timezone.now() - dt.timedelta(days=30)
    rows = []
    for p in points:
        at = p[2] if len(p) > 2 else when
        rows.append(Incident(organisation=owner, area_id=area, province_id=area[:2],
                             district_id=area[:4] if len(area) >= 4 else None, occurred_at=at, offence=offence,
                             lat=Decimal(f"{p[0]:.6f}"), lon=Decimal(f"{p[1]:.6f}")))
    Incident.objects.bulk_create(rows)
    ids = list(CrimeGroup.objects.filter(number__in=groups).values_list("pk", flat=True))
    through = Incident.groups.through
    through.objects.bulk_create([through(incident_id=i.pk, crimegroup_id=g) for i in rows for g in ids])
    return rows
