"""``koers import FILE [--replace [--force]] [--user USERNAME]``: load a programme from a file.

FILE is a file written by ``koers export`` (format version 2, or version 1 of older Koers;
docs/uitwisseling.md), or ``-`` for standard input. The whole file is checked; only when it has
no problem at all is the programme written, in one transaction. On any problem nothing is written
and the command exits with status 1 after listing every problem with its place in the file.

``--replace`` first lists, per kind, what the programme with the same short name has now (all of
it is removed) and what the file brings, and stops there. With ``--force`` as well, the programme
is first exported completely to a file whose name is printed, and then replaced.
"""

import io
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.exchange import (
    ExchangeError,
    ProgrammeExistsError,
    import_programme,
    read_programme_file,
    replace_backup,
    replace_plan,
)
from koers.messages import os_error_text
from koers.programmes.models import Programme


class Command(BaseCommand):
    help = _(
        "Load a whole programme from a JSON file written by 'koers export' (FILE, or - for "
        "standard input). Nothing is written when the file has any problem."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", metavar="FILE", help=_("The file, or - for stdin."))
        parser.add_argument(
            "--replace",
            action="store_true",
            help=_(
                "Replace the programme with the same short name, if there is one: lists what "
                "would be removed and stops, unless --force is given as well."
            ),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=_(
                "With --replace: really replace, after exporting the programme being replaced "
                "to a file whose name is printed."
            ),
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help=_("Record the changes in the history under this user."),
        )

    def handle(
        self, *args, file: str, replace: bool, force: bool, user: str | None, **options
    ) -> None:
        actor = None
        if user is not None:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(_("There is no user %(user)s.") % {"user": user})
        try:
            if replace:
                existing = self.existing(file)
                if existing is not None:
                    self.confirm_replace(existing, file, force)
            with self.open(file) as stream:
                notes: list[str] = []
                programme = import_programme(
                    read_programme_file(stream),
                    actor=actor,
                    replace=replace,
                    notes=notes,
                    before_replace=self.backup,
                )
        except ProgrammeExistsError as exc:
            raise CommandError(
                _(
                    "A programme with the short name %(slug)s already exists; nothing has been "
                    "written. Use --replace to replace it."
                )
                % {"slug": exc.slug}
            ) from exc
        except ExchangeError as exc:
            count = len(exc.problems)
            raise CommandError(
                ngettext(
                    "The file has not been loaded; nothing has been written. %(count)d problem:",
                    "The file has not been loaded; nothing has been written. %(count)d problems:",
                    count,
                )
                % {"count": count}
                + "\n"
                + "\n".join(f"  {problem}" for problem in exc.problems)
            ) from exc
        for note in notes:
            self.stderr.write(self.style.WARNING(note))
        self.stdout.write(
            self.style.SUCCESS(
                _("Programme %(slug)s (%(name)s) has been loaded.")
                % {"slug": programme.slug, "name": programme.name}
            )
        )

    def existing(self, file: str) -> Programme | None:
        with self.open(file) as stream:
            header = read_programme_file(stream).header
        slug = (header.get("programma") or {}).get("slug") if isinstance(header, dict) else None
        return Programme.objects.filter(slug=slug).first() if isinstance(slug, str) else None

    def confirm_replace(self, existing: Programme, file: str, force: bool) -> None:
        with self.open(file) as stream:
            plan = replace_plan(existing, stream)
        self.stdout.write(
            _("Replacing programme %(slug)s (%(name)s) removes all it has now:")
            % {"slug": existing.slug, "name": existing.name}
        )
        for line in plan:
            self.stdout.write(f"  {line}")
        if not force:
            raise CommandError(
                _(
                    "Nothing has been changed. Give --force as well to replace the programme; "
                    "it is exported to a file first."
                )
            )

    def backup(self, existing: Programme) -> None:
        """Called by the import once the file is found good, before the old one is removed."""
        path = replace_backup(existing)
        self.stdout.write(
            _("The programme as it was has been exported to %(file)s.") % {"file": path}
        )

    def open(self, file: str):
        if file == "-":
            if not hasattr(self, "_stdin"):
                self._stdin = sys.stdin.buffer.read()
            return io.BytesIO(self._stdin)
        try:
            return Path(file).open("rb")
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": os_error_text(exc)}
            ) from exc
