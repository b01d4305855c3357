"""Background work of the census app (django-tasks; database backend by default)."""

from django_tasks import task


@task()
def run_import_job(job_id: int, commit: bool) -> str:
    """Check or import one uploaded spreadsheet; progress is kept on the ImportJob row."""
    from .services import run_job

    return run_job(job_id, commit)


@task()
def send_round_reminders(round_id: int) -> str:
    """The secretariat's "remind now": e-mail and LINE to every agency that has not answered
    (outside the web request: 55 agencies are up to 110 calls to mail and LINE servers)."""
    from .models import Round
    from .reminders import send_due

    agencies, sent = send_due(round_=Round.objects.get(pk=round_id), manual=True)
    return f"{agencies} agencies reminded, {sent} messages sent"
