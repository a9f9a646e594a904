"""``koers import FILE [--replace] [--user USERNAME]``: load a programme from a JSON file.

FILE is a file written by ``koers export`` (format described in docs/uitwisseling.md), or ``-``
for standard input. The whole file is checked first; only when it has no problem at all is the
programme written, in one transaction. On any problem nothing is written and the command exits
with status 1 after listing every problem with its place in the file.
"""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.messages import os_error_text
from koers.programmes.exchange import (
    ExchangeError,
    ProgrammeExistsError,
    parse_programme_json,
    programme_import,
)


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
                "Replace the programme with the same short name, if there is one (in the same "
                "transaction; access of users to it is kept)."
            ),
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help=_("Record the changes in the history under this user."),
        )

    def handle(self, *args, file: str, replace: bool, user: str | None, **options) -> None:
        actor = None
        if user is not None:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(_("There is no user %(user)s.") % {"user": user})
        raw = self.read(file)
        notes: list[str] = []
        try:
            data = parse_programme_json(raw)
            programme = programme_import(data, actor=actor, replace=replace, notes=notes)
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

    def read(self, file: str) -> bytes:
        if file == "-":
            return sys.stdin.buffer.read()
        try:
            return Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": os_error_text(exc)}
            ) from exc
