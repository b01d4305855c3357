"""Recompute the camera tally (the dashboard's per-area counts) from the cameras:
`safetyzone rebuild_tally`. The registry's writers keep it up to date; run this after
writing cameras with raw SQL outside them (docs/adr/0006)."""

import time

from django.core.management.base import BaseCommand

from safetyzone.cameras import tally


class Command(BaseCommand):
    help = "Recompute the camera tally that the dashboard's country and province views read."

    def handle(self, *args, **options):
        started = time.monotonic()
        rows = tally.rebuild()
        self.stdout.write(f"Camera tally rebuilt: {rows:,} rows in {time.monotonic() - started:.1f} s. "
                          "/ คำนวณสรุปจำนวนกล้องใหม่แล้ว")
