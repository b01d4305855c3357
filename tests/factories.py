"""factory-boy factories on real Thai areas (Ang Thong = 15, Udon Thani = 41)."""

from decimal import Decimal

import factory

from safetyzone.cameras.models import Camera, Site
from safetyzone.core.models import Organisation, User


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"หน่วยงานทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test agency {n}")
    kind = "government_agency"
    area_id = "150101"
    province_id = factory.LazyAttribute(lambda o: o.area_id[:2])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = "viewer"
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", "pass-12345")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    owner = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"จุดติดตั้ง {n}")
    area_id = factory.LazyAttribute(lambda s: s.owner.area_id if len(s.owner.area_id) == 6 else s.owner.area_id + "01")
    place_type = "road"


class CameraFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Camera

    site = factory.SubFactory(SiteFactory)
    lat = factory.Sequence(lambda n: Decimal("14.589600") + Decimal(n % 100) / 10000)
    lon = factory.Sequence(lambda n: Decimal("100.455000") + Decimal(n % 100) / 10000)
    sector = "public"
    camera_type = "bullet"
    signal = "ip"
    status = "working"
    fov_deg = 90
    bearing_deg = 45
    range_m = 50
    network_link = "centre"
    recorder = "nvr"
    retention_days = 30
    playback = True
