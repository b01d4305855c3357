"""Send the census reminders due today (run daily, e.g. from cron: `safetyzone send_reminders`)."""

from django.core.management.base import BaseCommand

from safetyzone.census.reminders import send_due


class Command(BaseCommand):
    help = "Remind agencies that have not answered an open census round (e-mail and LINE)."

    def handle(self, *args, **options):
        agencies, messages = send_due()
        self.stdout.write(f"{agencies} agencies reminded, {messages} messages sent")
