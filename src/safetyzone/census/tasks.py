"""Background work of the census app (django-tasks; database backend by default)."""

from django_tasks import task


@task()
def run_import_job(job_id: int, commit: bool) -> str:
    """Check or import one uploaded spreadsheet; progress is kept on the ImportJob row."""
    from .services import run_job

    return run_job(job_id, commit)
