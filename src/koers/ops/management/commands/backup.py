"""``koers backup [-o FILE]``: a consistent copy of the whole database (see docs/beheer.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from koers.messages import os_error_text
from koers.ops.backup import BackupError, backup_default_path, database_backup


class Command(BaseCommand):
    help = _(
        "Write a consistent copy of the whole database to a file: SQLite with its online backup "
        "API, PostgreSQL with pg_dump (custom format). Koers may keep running meanwhile."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "-o",
            "--output",
            metavar="FILE",
            help=_(
                "Write the backup to this file (default: backups/koers-DATE-TIME in the var "
                "directory)."
            ),
        )
        parser.add_argument(
            "--database",
            default="default",
            help=_("The database to back up (a name from the settings; default: default)."),
        )

    def handle(self, *args, output: str | None, database: str, **options) -> None:
        target = Path(output) if output else backup_default_path(using=database)
        try:
            written = database_backup(target=target, using=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s")
                % {"file": target, "error": os_error_text(exc)}
            ) from exc
        if options["verbosity"] >= 1:
            self.stdout.write(
                _("Backup written to %(file)s (%(size)s bytes).")
                % {"file": written, "size": written.stat().st_size}
            )
