"""Remind camera owners before requested footage is overwritten (run every 15 minutes from
cron: `safetyzone send_footage_reminders`); also retries footage messages that failed."""

from django.core.management.base import BaseCommand

from safetyzone.footage.reminders import send_due


class Command(BaseCommand):
    help = "Escalating reminders (24 h, 6 h, 1 h before overwrite) for footage requests; retries failed messages."

    def handle(self, *args, **options):
        owners, messages = send_due()
        self.stdout.write(f"{owners} owners reminded, {messages} messages sent")
