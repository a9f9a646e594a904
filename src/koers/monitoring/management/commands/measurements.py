"""``koers measurements``: import measurements from a delivery file, or write the template.

    koers measurements import FILE [--only-valid] [--dry-run] [--user USERNAME]
    koers measurements template --format csv|xlsx [-o FILE]

``import`` checks the whole file first; with any problem nothing is written and the command
exits with status 1 after listing the problems (the first 50, then how many more). With
``--only-valid`` the rows with problems are skipped and the rest is imported. ``--dry-run`` only
checks and says what an import would do. Large files show their progress on standard error: a
bar on a terminal, a line every 100,000 rows otherwise. The format is described in
docs/metingen-importeren.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.monitoring.importing import (
    ImportCheck,
    ImportRefused,
    apply_file,
    check_file,
    template_csv,
    template_xlsx,
)
from koers.programmes.presentation import format_number

SHOW_PROBLEMS = 50
LINE_EVERY = 100_000
BAR_WIDTH = 30


class ProgressReport:
    """Progress on standard error: a redrawn bar on a terminal, periodic lines otherwise."""

    def __init__(self, stream):
        self.stream = stream
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.label = ""
        self.total: int | None = None
        self.drawn = False
        self.next_line = LINE_EVERY

    def stage(self, name: str, total: int | None) -> None:
        self.end()
        self.label = {"check": _("Checking"), "write": _("Writing")}.get(name, name)
        self.total = total
        self.next_line = LINE_EVERY

    def __call__(self, rows: int) -> None:
        count = format_number(rows)
        if self.tty:
            if self.total:
                done = min(rows / self.total, 1.0)
                filled = int(done * BAR_WIDTH)
                bar = "#" * filled + "-" * (BAR_WIDTH - filled)
                text = f"{self.label} [{bar}] {done:4.0%} {count}/{format_number(self.total)}"
            else:
                text = _("%(label)s: %(count)s rows") % {"label": self.label, "count": count}
            self.stream.write("\r" + text)
            self.stream.flush()
            self.drawn = True
        elif rows >= self.next_line:
            self.stream.write(
                _("%(label)s: %(count)s rows") % {"label": self.label, "count": count}
            )
            self.stream.write("\n")
            self.stream.flush()
            while self.next_line <= rows:
                self.next_line += LINE_EVERY

    def end(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False


class Command(BaseCommand):
    help = _(
        "Import measurements from a CSV or XLSX file in the delivery format, or write the "
        "template of that format."
    )

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        imp = actions.add_parser(
            "import",
            help=_("Import a delivery file (nothing is written when it has a problem)."),
        )
        imp.add_argument("file", metavar="FILE", help=_("The CSV or XLSX file."))
        imp.add_argument(
            "--only-valid",
            action="store_true",
            help=_("Import the rows without problems and skip the others."),
        )
        imp.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Only check the file and say what an import would do; write nothing."),
        )
        imp.add_argument("--user", metavar="USERNAME", help=_("Record the import under this user."))
        tpl = actions.add_parser("template", help=_("Write the delivery template."))
        tpl.add_argument("--format", choices=("csv", "xlsx"), default="csv", dest="fmt")
        tpl.add_argument(
            "-o", "--output", metavar="FILE", help=_("Write to this file instead of stdout.")
        )

    def handle(self, *args, action: str, **options) -> None:
        if action == "template":
            self.template(options["fmt"], options.get("output"))
        else:
            self.import_file(
                options["file"],
                only_valid=options["only_valid"],
                dry_run=options["dry_run"],
                user=options["user"],
            )

    # --- template -------------------------------------------------------------------------------

    def template(self, fmt: str, output: str | None) -> None:
        content = template_xlsx() if fmt == "xlsx" else template_csv()
        if output:
            try:
                Path(output).write_bytes(content)
            except OSError as exc:
                raise CommandError(
                    _("Cannot write %(file)s: %(error)s") % {"file": output, "error": exc}
                ) from exc
            return
        stream = getattr(self.stdout, "_out", sys.stdout)
        buffer = getattr(stream, "buffer", None)
        if fmt == "xlsx" and (buffer is None or stream.isatty()):
            raise CommandError(_("An XLSX file cannot be shown here; write it with -o FILE."))
        if buffer is None:
            stream.write(content.decode("utf-8"))
            return
        stream.flush()
        buffer.write(content)
        buffer.flush()

    # --- import ---------------------------------------------------------------------------------

    def import_file(self, file: str, *, only_valid: bool, dry_run: bool, user: str | None) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("There is no file %(file)s.") % {"file": file})
        actor = None
        if user is not None:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(_("There is no user %(user)s.") % {"user": user})
        report = ProgressReport(getattr(self.stderr, "_out", sys.stderr))
        kwargs = {
            "file_name": path.name,
            "allowed_programme_ids": None,
            "progress": report,
            "on_stage": report.stage,
        }
        try:
            if dry_run:
                check = check_file(path, **kwargs)
            else:
                check = apply_file(path, actor=actor, only_valid=only_valid, **kwargs)
        except ImportRefused as exc:
            report.end()
            raise CommandError(self.refusal(exc.check)) from exc
        report.end()
        if dry_run:
            self.dry_run_summary(check, only_valid)
        else:
            if check.problems_total:
                self.stderr.write(self.problem_list(check, _("Skipped rows:")))
            self.stdout.write(
                _(
                    "Imported %(file)s: %(added)s added, %(changed)s changed, %(unchanged)s "
                    "unchanged, %(skipped)s skipped."
                )
                % {
                    "file": path.name,
                    "added": format_number(check.added),
                    "changed": format_number(check.changed),
                    "unchanged": format_number(check.unchanged),
                    "skipped": format_number(check.skipped),
                }
            )

    def dry_run_summary(self, check: ImportCheck, only_valid: bool) -> None:
        skipped = check.rows_total - check.rows_valid
        if check.problems_total:
            self.stderr.write(self.problem_list(check, _("Problems:")))
        message = _(
            "Checked %(file)s; nothing has been written. An import would add %(added)s, change "
            "%(changed)s, leave %(unchanged)s unchanged and skip %(skipped)s rows."
        ) % {
            "file": check.file_name,
            "added": format_number(check.added),
            "changed": format_number(check.changed),
            "unchanged": format_number(check.unchanged),
            "skipped": format_number(skipped),
        }
        self.stdout.write(message)
        if check.problems_total and not only_valid:
            raise CommandError(
                _("The file has problems; without --only-valid it would not be imported.")
            )

    def refusal(self, check: ImportCheck) -> str:
        count = check.problems_total
        head = ngettext(
            "%(file)s has not been imported; nothing has been written. %(count)s problem:",
            "%(file)s has not been imported; nothing has been written. %(count)s problems:",
            count,
        ) % {"file": check.file_name, "count": format_number(count)}
        return self.problem_list(check, head)

    @staticmethod
    def problem_list(check: ImportCheck, head: str) -> str:
        lines = [head]
        lines += [f"  {problem}" for problem in check.problems[:SHOW_PROBLEMS]]
        more = check.problems_total - min(len(check.problems), SHOW_PROBLEMS)
        if more > 0:
            lines.append(
                "  "
                + ngettext("and %(count)s more problem", "and %(count)s more problems", more)
                % {"count": format_number(more)}
            )
        return "\n".join(lines)
