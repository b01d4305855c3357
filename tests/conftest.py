"""Shared fixtures: organisations and users of every role, cameras, API clients."""

import pytest

from tests.factories import CameraFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 costs ~0.3 s per user on this machine; tests create hundreds of users."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # demo users' stored hashes
    ]


@pytest.fixture
def make_org(db):
    return OrganisationFactory


@pytest.fixture
def make_user(db):
    return UserFactory


@pytest.fixture
def make_camera(db):
    return CameraFactory


@pytest.fixture
def agency(db):
    """A municipality in Mueang Ang Thong district."""
    return OrganisationFactory(name="เทศบาลเมืองอ่างทอง", kind="local_admin", area_id="1501")


@pytest.fixture
def editor(agency):
    return UserFactory(organisation=agency, role="editor")
