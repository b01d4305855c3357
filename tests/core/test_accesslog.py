"""The access log is append-only and tampering with any row is detected."""

import pytest

from safetyzone.core import accesslog
from safetyzone.core.models import AccessLog

from tests.factories import CameraFactory, UserFactory


@pytest.fixture
def entries(db):
    user = UserFactory(role="investigator")
    camera = CameraFactory()
    return [accesslog.record(user, "view_contact", camera, purpose=f"case {i}") for i in range(5)]


def test_entries_chain_to_each_other(entries):
    assert entries[0].prev_hash == accesslog.GENESIS
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
    assert accesslog.verify_chain() is None


@pytest.mark.parametrize("field,value", [("purpose", "nothing to see"), ("username", "someone_else"),
                                         ("object_id", "999999")])
def test_editing_any_row_is_detected(entries, field, value):
    victim = entries[2]
    AccessLog.objects.filter(pk=victim.pk).update(**{field: value})  # bypasses save(), as raw SQL would
    assert accesslog.verify_chain() == victim.pk


def test_deleting_a_row_is_detected(entries):
    AccessLog.objects.filter(pk=entries[1].pk)._raw_delete(AccessLog.objects.db)
    assert accesslog.verify_chain() == entries[2].pk


def test_rows_cannot_be_changed_or_deleted_through_the_model(entries):
    entry = entries[0]
    entry.purpose = "changed"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    assert accesslog.verify_chain() is None
