"""Fixtures of the import/export tests: an Ang Thong municipality with an editor."""

import pytest

from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def town(db):
    return OrganisationFactory(name="เทศบาลเมืองอ่างทอง", name_en="Ang Thong Town", kind="local_admin",
                               area_id="150101")


@pytest.fixture
def town_editor(town):
    return UserFactory(organisation=town, role="editor")


@pytest.fixture
def neighbour(db):
    return OrganisationFactory(name="อบต.ไชโย", name_en="Chaiyo SAO", kind="local_admin", area_id="150201")


@pytest.fixture
def neighbour_editor(neighbour):
    return UserFactory(organisation=neighbour, role="editor")
