"""Long imports run in the background: the real database task backend and its worker,
and an import whose worker died leaves nothing behind and can be started again."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from safetyzone.cameras.models import Camera
from safetyzone.census import services
from safetyzone.census.models import STALLED_AFTER, ImportJob
from tests.census.helpers import camera_row, write_csv
from tests.factories import OrganisationFactory, UserFactory

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def committed_world(committed_areas):
    """Committed rows: the worker opens its own transactions."""
    org = OrganisationFactory(kind="local_admin", area_id="150101")
    yield org, UserFactory(organisation=org, role="editor")


def _job(tmp_path, org, user, n=40):
    write_csv(tmp_path / "a.csv", [camera_row(i) for i in range(n)])
    upload = SimpleUploadedFile("กล้อง.csv", (tmp_path / "a.csv").read_bytes())
    return services.create_job(user, org, upload)


@override_settings(TASKS=DATABASE_TASKS, IMPORT_SYNC_MAX_BYTES=0)
def test_the_database_worker_runs_a_queued_import(committed_world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    org, user = committed_world
    job = _job(tmp_path, org, user)
    services.start(job, commit=True)
    job.refresh_from_db()
    assert job.status == "importing" and Camera.objects.count() == 0  # queued, not run
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert job.status == "done" and job.counts["created"] == 40
    assert Camera.objects.filter(site__owner=org).count() == 40


def test_a_stalled_job_can_be_started_again(committed_world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    org, user = committed_world
    job = _job(tmp_path, org, user)
    # The worker died halfway: the job still says "importing" and its heartbeat is old.
    ImportJob.objects.filter(pk=job.pk).update(status="importing", processed_rows=20,
                                                heartbeat_at=timezone.now() - STALLED_AFTER * 2)
    job.refresh_from_db()
    assert job.stalled and Camera.objects.count() == 0
    services.start(job, commit=True)
    job.refresh_from_db()
    assert job.status == "done" and Camera.objects.count() == 40 and not job.stalled


def _install_failure(connection, table: str) -> None:
    """Make the database fail mid-import, as when the worker or the disk dies: a trigger that
    refuses the camera with asset code BOOM (rows before it in the batch are already in)."""
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute(f"CREATE TRIGGER boom BEFORE INSERT ON {table} WHEN NEW.asset_code = 'BOOM' "
                        "BEGIN SELECT RAISE(ABORT, 'disk failure'); END")
        else:
            cur.execute("CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN IF NEW.asset_code = 'BOOM' THEN "
                        "RAISE EXCEPTION 'disk failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql")
            cur.execute(f"CREATE TRIGGER boom BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION boom()")


def _remove_failure(connection, table: str) -> None:
    with connection.cursor() as cur:
        cur.execute(f"DROP TRIGGER boom{'' if connection.vendor == 'sqlite' else ' ON ' + table}")
        if connection.vendor != "sqlite":
            cur.execute("DROP FUNCTION boom()")


def test_an_import_that_dies_halfway_writes_nothing_and_can_run_again(committed_world, tmp_path, settings):
    from django.db import connection

    from safetyzone.cameras.models import Site

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    org, user = committed_world
    rows = [camera_row(i, **{"สถานที่ติดตั้ง": f"จุด {i}"}) for i in range(2600)]
    rows[2500]["รหัสครุภัณฑ์"] = "BOOM"  # the second write batch dies
    write_csv(tmp_path / "big.csv", rows)
    job = services.create_job(user, org, SimpleUploadedFile("big.csv", (tmp_path / "big.csv").read_bytes()))
    table = Camera._meta.db_table
    _install_failure(connection, table)
    try:
        services.start(job, commit=True)
        job.refresh_from_db()
        assert job.status == "failed" and "Nothing was written" in job.message_en
        assert Camera.objects.count() == 0 and Site.objects.count() == 0 and Camera.history.count() == 0
    finally:
        _remove_failure(connection, table)
    services.start(job, commit=True)
    job.refresh_from_db()
    assert job.status == "done" and Camera.objects.count() == 2600 and Camera.history.count() == 2600
