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
