"""``koers export SLUG --format json [-o FILE]``: a whole programme as one JSON file.

The format is described in docs/uitwisseling.md; ``koers import`` reads it back.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from koers.messages import os_error_text
from koers.programmes.exchange import ExchangeError, programme_to_json
from koers.programmes.models import Programme


class Command(BaseCommand):
    help = _(
        "Write a whole programme (goals, efforts, links, activities, roles, people, partner "
        "organisations) as JSON to standard output or to a file."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug", help=_("Short name of the programme."))
        parser.add_argument(
            "--format",
            default="json",
            help=_("File format (only json for now)."),
        )
        parser.add_argument(
            "-o",
            "--output",
            metavar="FILE",
            help=_("Write to this file instead of standard output."),
        )

    def handle(self, *args, slug: str, output: str | None, **options) -> None:
        if options["format"] != "json":
            raise CommandError(
                _("Unknown format %(format)s; Koers exports a programme as json.")
                % {"format": options["format"]}
            )
        programme = Programme.objects.filter(slug=slug).first()
        if programme is None:
            raise CommandError(
                _("There is no programme with the short name %(slug)s. See: koers programmes")
                % {"slug": slug}
            )
        try:
            text = programme_to_json(programme)
        except ExchangeError as exc:
            raise CommandError(
                _("The programme cannot be exported:") + "\n" + _indent(exc.problems)
            ) from exc
        if output is None:
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_text(text, encoding="utf-8", newline="\n")
        except OSError as exc:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s")
                % {"file": output, "error": os_error_text(exc)}
            ) from exc


def _indent(problems) -> str:
    return "\n".join(f"  {problem}" for problem in problems)
