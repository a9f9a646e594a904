"""``koers xlsx_import FILE [--user USERNAME] [--check]``: a new programme from an Excel workbook
in the layout of the template (docs/excel.md). The whole workbook is checked first; on any
problem nothing is written and the command lists every problem with its sheet, row and column and
exits with status 1."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.documents.xlsx import (
    XlsxCheck,
    XlsxImportRefused,
    check_workbook,
    import_workbook,
)
from koers.messages import os_error_text


class Command(BaseCommand):
    help = _(
        "Set up a new programme from an Excel workbook in the layout of the template. Nothing is "
        "written when the workbook has any problem."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", metavar="FILE", help=_("The workbook (.xlsx)."))
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help=_("Record the changes in the history under this user."),
        )
        parser.add_argument(
            "--check", action="store_true", help=_("Only check the workbook; write nothing.")
        )

    def handle(self, *args, file: str, user: str | None, check: bool, **options) -> None:
        actor = None
        if user is not None:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(_("There is no user %(user)s.") % {"user": user})
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": os_error_text(exc)}
            ) from exc
        name = Path(file).name
        try:
            if check:
                result = check_workbook(data, file_name=name)
                if not result.is_valid:
                    raise XlsxImportRefused(result)
                self.stdout.write(_("The workbook is correct; nothing has been written."))
                return
            programme, result = import_workbook(data, actor=actor, file_name=name)
        except XlsxImportRefused as exc:
            raise CommandError(self.problems(exc.check)) from exc
        for note in result.notes:
            self.stderr.write(self.style.WARNING(note))
        self.stdout.write(
            self.style.SUCCESS(
                _("Programme %(slug)s (%(name)s) has been loaded.")
                % {"slug": programme.slug, "name": programme.name}
            )
        )

    def problems(self, result: XlsxCheck) -> str:
        count = len(result.problems)
        return (
            ngettext(
                "The workbook has not been loaded; nothing has been written. %(count)d problem:",
                "The workbook has not been loaded; nothing has been written. %(count)d problems:",
                count,
            )
            % {"count": count}
            + "\n"
            + "\n".join(f"  {problem}" for problem in result.problems)
        )
