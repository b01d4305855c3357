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


@pytest.fixture
def line_api(settings):
    """A local fake of the LINE Messaging API, with the settings pointing at it."""
    from tests.fakes import FakeLine

    fake = FakeLine()
    settings.LINE_API_HOST, settings.LINE_CHANNEL_ACCESS_TOKEN = fake.url, "test-channel-token"
    yield fake
    fake.close()


@pytest.fixture
def smtp_server(settings):
    """A local SMTP server; Django's SMTP backend sends to it."""
    from tests.fakes import FakeSmtp

    fake = FakeSmtp()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", fake.port
    yield fake
    fake.close()


@pytest.fixture
def committed_areas(transactional_db):
    """For tests whose rows must be committed (a worker opens its own transactions): the flush
    after each such test removes the Thai areas a data migration loaded, so load them back."""
    import importlib

    from django.apps import apps

    from safetyzone.core.models import AdminArea

    if not AdminArea.objects.exists():
        importlib.import_module("safetyzone.core.migrations.0002_load_areas").load_areas(apps, None)
