"""``koers restore FILE [--force]``: put a backup of ``koers backup`` back (see docs/beheer.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from koers.messages import os_error_text
from koers.ops.backup import BackupError, database_restore


class Command(BaseCommand):
    help = _(
        "Restore a backup made by koers backup into an empty database. Stop Koers (web "
        "processes and workers) first."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", metavar="FILE", help=_("The backup file."))
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Also restore into a database that holds data: everything in it is replaced."),
        )
        parser.add_argument(
            "--database",
            default="default",
            help=_("The database to restore into (a name from the settings; default: default)."),
        )

    def handle(self, *args, file: str, force: bool, database: str, **options) -> None:
        source = Path(file)
        try:
            result = database_restore(source=source, using=database, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": source, "error": os_error_text(exc)}
            ) from exc
        if options["verbosity"] >= 1:
            self.stdout.write(_("The backup %(file)s is restored.") % {"file": source})
        if result.unknown_migrations:
            self.stderr.write(
                _(
                    "Warning: the backup comes from a newer version of Koers (%(count)s "
                    "migrations unknown here, e.g. %(example)s). Install that version."
                )
                % {
                    "count": len(result.unknown_migrations),
                    "example": result.unknown_migrations[0],
                }
            )
        elif result.pending_migrations:
            self.stdout.write(
                _("The backup comes from an older version of Koers: run koers migrate now.")
            )
