"""``koers cleanup``: remove what is left behind, to run daily (see docs/beheer.md). Today: the
uploaded measurement files that were never confirmed or cancelled, once they are older than
``KOERS_UPLOAD_RETENTION_HOURS``."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from koers.monitoring.importing import batches_expire, retention_hours


class Command(BaseCommand):
    help = _(
        "Remove abandoned uploads: measurement files awaiting confirmation for longer than "
        "KOERS_UPLOAD_RETENTION_HOURS are cancelled and deleted. Run it daily."
    )

    def handle(self, *args, **options) -> None:
        cancelled, removed = batches_expire()
        if options["verbosity"] >= 1:
            self.stdout.write(
                _(
                    "Uploads older than %(hours)s hours: %(cancelled)s cancelled, %(removed)s "
                    "files removed."
                )
                % {"hours": retention_hours(), "cancelled": cancelled, "removed": removed}
            )
