"""The demo data as a fixture: loaded once per test module inside a transaction that is rolled
back at the end of the module; each test runs in a savepoint within it, so tests may change
data freely. Import `loaded` into a test module to use it."""

import pytest
from django.db import transaction

from safetyzone.core import demo


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield demo.load()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
