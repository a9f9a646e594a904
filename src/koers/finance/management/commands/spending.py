"""``koers spending``: import commitments and expenditure from the financial system.

    koers spending import FILE [--dry-run] [--user USERNAME]

The whole file is checked first; with any problem nothing is written and the command exits with
status 1 after listing every problem by row and column. ``--dry-run`` only checks. The columns
are described in :mod:`koers.finance.spending_import`.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.finance.money import format_euro
from koers.finance.spending_import import SpendingImportRefused, import_file

SHOW_PROBLEMS = 50


class Command(BaseCommand):
    help = _("Import commitments and expenditure from a CSV export of the financial system.")

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        imp = actions.add_parser(
            "import", help=_("Import a CSV file (nothing is written when it has a problem).")
        )
        imp.add_argument("file", metavar="FILE", help=_("The CSV file."))
        imp.add_argument(
            "--dry-run", action="store_true", help=_("Only check the file; write nothing.")
        )
        imp.add_argument("--user", metavar="USERNAME", help=_("Record the import under this user."))

    def handle(self, *args, action: str, file: str, dry_run: bool, user: str | None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("There is no file %(file)s.") % {"file": file})
        actor = None
        if user is not None:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(_("There is no user %(user)s.") % {"user": user})
        try:
            check = import_file(path, actor=actor, dry_run=dry_run)
        except SpendingImportRefused as exc:
            problems = exc.check.problems
            lines = [
                ngettext(
                    "%(file)s has not been imported; nothing has been written. %(count)s problem:",
                    "%(file)s has not been imported; nothing has been written. %(count)s problems:",
                    len(problems),
                )
                % {"file": path.name, "count": len(problems)}
            ]
            lines += [f"  {problem}" for problem in problems[:SHOW_PROBLEMS]]
            if len(problems) > SHOW_PROBLEMS:
                lines.append(
                    _("  … and %(count)s more.") % {"count": len(problems) - SHOW_PROBLEMS}
                )
            raise CommandError("\n".join(lines)) from exc
        values = {
            "file": path.name,
            "count": len(check.rows),
            "amount": format_euro(check.total_amount, cents=True),
        }
        if dry_run:
            self.stdout.write(
                _(
                    "Checked %(file)s; nothing has been written. An import would book %(count)s "
                    "entries totalling %(amount)s."
                )
                % values
            )
        else:
            values["count"] = check.created
            self.stdout.write(
                _("Imported %(file)s: %(count)s entries booked, totalling %(amount)s.") % values
            )
