"""Small builders of planning records for tests (real Thai areas: Ang Thong 15, Udon Thani 41)."""

from decimal import Decimal

from safetyzone.planning.models import RiskPoint, SafetyZone
from tests.factories import OrganisationFactory

# Mueang Ang Thong district (1501) and one of its subdistricts; Wiset Chai Chan (1504)
MUEANG, MUEANG_SUB, OTHER_DISTRICT_SUB = "1501", "150101", "150401"
SQUARE = [[14.5890, 100.4500], [14.5890, 100.4600], [14.5980, 100.4600], [14.5980, 100.4500]]  # ~1.08 km x 1.0 km


def org(kind="government_agency", area=MUEANG_SUB, **kw):
    return OrganisationFactory(kind=kind, area_id=area, **kw)


def risk_point(owner, area=MUEANG_SUB, lat="14.5935", lon="100.4550", **kw):
    fields = {"name": "ซอยเปลี่ยวหลังตลาด", "category": "lonely_road", "space_class": "public", "severity": 3,
              "source": "network_meeting"} | kw
    return RiskPoint.objects.create(organisation=owner, area_id=area, lat=Decimal(lat), lon=Decimal(lon), **fields)


def zone(owner, area=MUEANG_SUB, polygon=SQUARE, **kw):
    fields = {"name": "ชุมชนตลาดเก่า", "area_km2": Decimal("1.0800"), "centroid_lat": Decimal("14.5935"),
              "centroid_lon": Decimal("100.4550")} | kw
    return SafetyZone.objects.create(organisation=owner, area_id=area, polygon=polygon, **fields)


def road_file(owner, streets, area=MUEANG_SUB, name="ถนนในเขตเทศบาล"):
    """A RoadFile with its segments: `streets` = [(road class, name, [[lat, lon], ...]), ...]."""
    from safetyzone.geo.roads import Segment
    from safetyzone.planning import road_services
    from safetyzone.planning.models import RoadFile

    import numpy as np

    segments = [Segment(np.array([p[0] for p in pts], float), np.array([p[1] for p in pts], float), cls, label)
                for cls, label, pts in streets]
    rows = road_services.segment_rows(segments)
    rf = RoadFile.objects.create(organisation=owner, area_id=area, name=name, format="geojson",
                                 segment_count=len(rows), length_m=int(sum(r.length_m for r in rows)))
    for r in rows:
        r.road_file = rf
    rf.segments.bulk_create(rows)
    return rf
