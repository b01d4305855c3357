"""Background work of the footage requests (django-tasks; database backend by default)."""

from django_tasks import task


@task()
def send_request_notices(request_id: int) -> str:
    """Send the owners of a new request their e-mail and LINE messages (queued by create_request)."""
    from .notices import send_request

    return f"{send_request(request_id)} messages sent"


@task()
def send_footage_reminders() -> str:
    """The escalating reminders and the retry of failed messages (also a management command)."""
    from .reminders import send_due

    owners, sent = send_due()
    return f"{owners} owners reminded, {sent} messages sent"


@task()
def send_footage_notices(keys_prefix: str) -> str:
    """Send the footage messages queued under a key prefix (an answer to the investigator, a
    request's end to the owners; outcome_notices.py)."""
    from .notices import send_pending

    return f"{send_pending(keys_prefix)} messages sent"
