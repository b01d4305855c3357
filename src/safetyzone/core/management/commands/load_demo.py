"""Load the demo province (Ang Thong) and municipality (Udon Thani), then print how to log in."""

import os
import time

from django.core.management.base import BaseCommand, CommandError

from safetyzone.cameras import tally
from safetyzone.core import demo

URL = f"http://{os.environ.get('SAFETYZONE_ADDR', '127.0.0.1:8000')}/"  # where `safetyzone demo` serves


class Command(BaseCommand):
    help = "Load deterministic demo data (Ang Thong province, Udon Thani city) and demo users."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=demo.DEFAULT_SEED,
                            help=f"random seed (default {demo.DEFAULT_SEED}); the same seed gives the same data")
        parser.add_argument("--reset", action="store_true",
                            help="delete the demo cameras and sites and build them again")

    def handle(self, *args, seed, reset, **options):
        started = time.monotonic()
        try:
            result = demo.load(seed=seed, reset=reset)
        except demo.DemoError as exc:
            raise CommandError(str(exc)) from exc
        if result.created:
            tally.rebuild()  # the bulk writers keep the dashboard's tally; a rebuild makes sure (ADR 0006)
            self.stdout.write(self.style.SUCCESS(
                f"Demo data loaded (seed {seed}): {result.cameras:,} cameras in "
                f"{time.monotonic() - started:.1f} s. / โหลดข้อมูลสาธิตแล้ว"))
        else:
            self.stdout.write(
                f"Demo data is already loaded ({result.cameras:,} cameras); nothing changed. "
                "Use --reset to rebuild it. / มีข้อมูลสาธิตอยู่แล้ว ไม่ได้เปลี่ยนแปลงอะไร")
        for username in result.skipped_users:
            self.stdout.write(f"User {username} already existed and was left unchanged "
                              "(its password may differ; --reset sets the demo password).")
        self.stdout.write(self.login_table(result.users))

    def login_table(self, users) -> str:
        rows = [("username", "role", "organisation")]
        rows += [(u.username, f"{u.role} ({u.get_role_display()})",
                  u.organisation.name if u.organisation else "-") for u in users]
        width = [max(len(r[i]) for r in rows) for i in range(2)]
        lines = ["", f"Open {URL} and log in as one of these users / เข้าสู่ระบบที่ {URL}",
                 f"Password for every demo user / รหัสผ่านของทุกบัญชี: {demo.PASSWORD}", ""]
        for i, (name, role, org) in enumerate(rows):
            lines.append(f"  {name.ljust(width[0])}  {role.ljust(width[1])}  {org}")
            if i == 0:
                lines.append(f"  {'-' * width[0]}  {'-' * width[1]}  {'-' * 12}")
        return "\n".join(lines) + "\n"
