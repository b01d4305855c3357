"""A small Ang Thong census round built through the real services, ready to certify."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from safetyzone.census import rounds
from safetyzone.census.models import RoundStatus, Submission
from tests.census.round_fixtures import office, secretariat  # noqa: F401 (fixtures)
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory


@pytest.fixture
def committee(office):
    return UserFactory(organisation=office, role="committee")


@pytest.fixture
def town(db):
    return OrganisationFactory(name="เทศบาลเมืองอ่างทอง", kind="local_admin", area_id="150101")


@pytest.fixture
def temple(db):
    return OrganisationFactory(name="วัดไชโยวรวิหาร", kind="government_agency", area_id="150201")


@pytest.fixture
def school(db):
    """Answers that it has no cameras."""
    return OrganisationFactory(name="โรงเรียนอ่างทองปัทมโรจน์", kind="government_agency", area_id="150101")


def add_cameras(org, n, **fields):
    site = SiteFactory(owner=org)
    return [CameraFactory(site=site, **fields) for _ in range(n)]


def answer(round_, org, has_cameras=True):
    editor = UserFactory(organisation=org, role="editor")
    sub = Submission.objects.get(round=round_, organisation=org)
    return rounds.submit(editor, sub, has_cameras=has_cameras)


def accept(secretariat, sub):
    return rounds.review(secretariat, sub, accept=True)


@pytest.fixture
def cameras(town, temple):
    """Town: 3 working linked, 1 broken with a 5,000-baht budget, 1 not working, unlinked.
    Temple: 2 working, local only, no maintenance budget."""
    return {
        "town_ok": add_cameras(town, 3, maintenance_budget=Decimal("2000"), budget_source="own"),
        "town_broken": add_cameras(town, 1, status="broken", maintenance_budget=Decimal("5000"),
                                   budget_source="provincial"),
        "town_dead": add_cameras(town, 1, status="not_working", network_link="none", budget_source="own"),
        "temple": add_cameras(temple, 2, network_link="local"),
    }


@pytest.fixture
def open_round(secretariat, town, temple, school, cameras):
    today = timezone.localdate()
    round_ = rounds.create_round(secretariat, province_id="15", title="สำรวจกล้อง CCTV 2569", opens_on=today,
                                 deadline=today + timedelta(days=30), organisations=[town, temple, school])
    rounds.move_round(secretariat, round_, RoundStatus.OPEN)
    return round_


@pytest.fixture
def closed_round(open_round, secretariat, town, temple, school):
    """Every organisation answered and was accepted; the round is closed for review."""
    for org, has in ((town, True), (temple, True), (school, False)):
        accept(secretariat, answer(open_round, org, has))
    rounds.move_round(secretariat, open_round, RoundStatus.CLOSED)
    return open_round
