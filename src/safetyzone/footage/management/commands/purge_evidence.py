"""safetyzone purge_evidence: delete evidence files whose retention has ended (run it daily)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from safetyzone.footage import retention


class Command(BaseCommand):
    help = ("Delete evidence files whose retention has ended (the records and custody log stay), abandoned "
            "uploads, and chunk or partial files a crash left in the upload directory (each recorded).")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):  # reasons are stored in the site's language
            deleted = retention.purge()
            stale = retention.purge_stale_uploads()
            leftovers = retention.sweep_upload_leftovers()
        for evidence in deleted:
            self.stdout.write(f"deleted evidence #{evidence.pk} ({evidence.original_name}): {evidence.deleted_reason}")
        for record in leftovers:
            self.stdout.write(f"removed upload file {record.name} ({record.size} bytes): {record.reason}")
        self.stdout.write(f"{len(deleted)} evidence files deleted, {stale} abandoned uploads removed, "
                          f"{len(leftovers)} leftover upload files removed.")
