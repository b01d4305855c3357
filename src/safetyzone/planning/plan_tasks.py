"""Background work of the plan pages (django-tasks; the database backend by default, run by
`safetyzone worker` / `manage.py db_worker`)."""

from django_tasks import task


@task()
def run_plan(plan_id: int, every_m: float, language: str = "th", user_id: int | None = None) -> str:
    """Compute one placement plan as the user who asked for it; its status and progress are
    kept on the plan's row."""
    from .plan_services import run_plan as run

    return run(plan_id, every_m, language, user_id)
