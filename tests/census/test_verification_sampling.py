"""The secretariat draws a reproducible sample of every agency's cameras and assigns it; nobody
outside the province can assign its cameras."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from safetyzone.cameras.models import Camera
from safetyzone.census import verification
from safetyzone.census.models import Inspection
from tests.census.verification_helpers import *  # noqa: F403  (fixtures)
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory


@pytest.fixture
def agencies(db):
    """Three agencies with 30, 5 and 1 cameras."""
    made = {}
    for name, n in (("เทศบาลเมืองอ่างทอง", 30), ("อบต.ไชโย", 5), ("สถานีตำรวจภูธรเมืองอ่างทอง", 1)):
        org = OrganisationFactory(name=name, area_id="150101")
        site = SiteFactory(owner=org)
        made[org.pk] = [CameraFactory(site=site).pk for _ in range(n)]
    return made


def _owners(ids):
    return {pk: owner for pk, owner in Camera.objects.filter(pk__in=ids).values_list("id", "site__owner_id")}


def test_sample_takes_ten_percent_of_each_agency_and_at_least_one(agencies):
    ids = verification.sample(Camera.objects.all(), 10, seed=7)
    per_owner = {}
    for owner in _owners(ids).values():
        per_owner[owner] = per_owner.get(owner, 0) + 1
    assert {org: per_owner.get(org, 0) for org in agencies} == dict(zip(agencies, [3, 1, 1]))


def test_sample_is_the_same_for_the_same_seed_and_differs_for_another(agencies):
    first = verification.sample(Camera.objects.all(), 10, seed=2569)
    assert verification.sample(Camera.objects.all(), 10, seed=2569) == first
    assert verification.sample(Camera.objects.all(), 10, seed=2570) != first


def test_secretariat_assigns_a_sample_to_an_inspector(agencies, secretariat, inspector):
    ids = verification.sample(verification.assignable_cameras(secretariat), 10, seed=1)
    made = verification.assign(secretariat, ids, inspector)
    assert len(made) == 5
    assert set(Inspection.objects.filter(inspector=inspector).values_list("camera_id", flat=True)) == set(ids)
    # assigning the same cameras again does not double the inspector's work
    assert verification.assign(secretariat, ids, inspector) == []
    assert Inspection.objects.count() == 5


def test_a_pasted_list_of_ids_and_asset_codes(secretariat, inspector, camera, town):
    other = CameraFactory(site=SiteFactory(owner=town), asset_code="AT-002")
    ids = verification.resolve_list(secretariat, f"AT-001\n{other.pk}, AT-001")
    assert ids == [camera.pk, other.pk]
    with pytest.raises(ValidationError) as exc:
        verification.resolve_list(secretariat, "AT-001 NO-SUCH-CODE")
    assert "NO-SUCH-CODE" in str(exc.value)


def test_a_long_pasted_list_takes_a_few_queries(secretariat, camera, town, django_assert_max_num_queries):
    site = SiteFactory(owner=town)
    more = [CameraFactory(site=site, asset_code=f"AT-{i:04d}") for i in range(100, 160)]
    text = "\n".join([c.asset_code for c in more] + [str(c.pk) for c in more[:5]] + ["AT-001"])
    with django_assert_max_num_queries(6):
        ids = verification.resolve_list(secretariat, text)
    assert ids == [c.pk for c in more] + [camera.pk]


def test_secretariat_of_another_province_cannot_assign_here(udon_secretariat, camera, inspector):
    assert verification.sample(verification.assignable_cameras(udon_secretariat), 100, seed=1) == []
    with pytest.raises(ValidationError):
        verification.resolve_list(udon_secretariat, "AT-001")
    udon_inspector = UserFactory(organisation=udon_secretariat.organisation, role="committee")
    with pytest.raises(PermissionDenied):
        verification.assign(udon_secretariat, [camera.pk], udon_inspector)
    assert not Inspection.objects.exists()


def test_inspector_must_work_in_the_province(secretariat, camera, udon_secretariat):
    with pytest.raises(ValidationError) as exc:
        verification.assign(secretariat, [camera.pk], udon_secretariat)
    assert "inspector" in exc.value.message_dict
    assert not Inspection.objects.exists()


@pytest.mark.parametrize("role", ["viewer", "editor", "org_admin", "committee"])
def test_only_the_secretariat_assigns(role, town, camera, inspector):
    user = UserFactory(organisation=town, role=role)
    with pytest.raises(PermissionDenied):
        verification.assign(user, [camera.pk], inspector)
