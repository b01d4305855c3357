"""Fixtures of the census round tests: Ang Thong's provincial office with its secretariat, and
the provincial-capital municipality with an editor. Import the ones a test module uses."""

import pytest

from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def office(db):
    return OrganisationFactory(name="สำนักงานจังหวัดอ่างทอง", kind="provincial_office", area_id="15")


@pytest.fixture
def secretariat(office):
    return UserFactory(organisation=office, role="secretariat")


@pytest.fixture
def agency(db):
    return OrganisationFactory(name="เทศบาลเมืองอ่างทอง", kind="local_admin", area_id="150101")


@pytest.fixture
def editor(agency):
    return UserFactory(organisation=agency, role="editor")
