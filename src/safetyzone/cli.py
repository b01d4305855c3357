"""The `safetyzone` command: demo, serve, worker, and every Django management command.

    safetyzone demo      migrate, load the demo province and municipality, serve on :8000
    safetyzone serve     migrate and serve (with a background worker) on :8000
    safetyzone worker    run background tasks (imports) only
    safetyzone <cmd>     any Django management command (migrate, createsuperuser, ...)
"""

import os
import subprocess
import sys


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safetyzone.settings")
    import django

    django.setup()


def _serve(addr: str) -> None:
    from django.core.management import call_command

    # The database task backend needs a worker process beside the web server.
    worker = None
    if os.environ.get("TASKS_BACKEND", "database") == "database":
        worker = subprocess.Popen([sys.executable, "-m", "safetyzone.cli", "worker"])
    try:
        call_command("runserver", addr, "--noreload")
    finally:
        if worker:
            worker.terminate()


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    cmd = argv[0] if argv else "help"
    _setup()
    from django.core.management import call_command, execute_from_command_line

    if cmd == "demo":
        call_command("migrate", "--no-input", verbosity=0)
        call_command("load_demo", *argv[1:])
        _serve(os.environ.get("SAFETYZONE_ADDR", "127.0.0.1:8000"))
    elif cmd == "serve":
        call_command("migrate", "--no-input", verbosity=0)
        _serve(argv[1] if len(argv) > 1 else os.environ.get("SAFETYZONE_ADDR", "127.0.0.1:8000"))
    elif cmd == "worker":
        call_command("db_worker", *argv[1:])
    elif cmd in ("help", "-h", "--help"):
        print(__doc__)
    else:
        execute_from_command_line(["safetyzone", *argv])


if __name__ == "__main__":
    main()
