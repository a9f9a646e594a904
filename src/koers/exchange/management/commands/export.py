"""``koers export SLUG [--met-geschiedenis] [-o FILE]``: a whole programme as one JSON file.

Format ``koers-programma`` version 2 (docs/uitwisseling.md): the DIN and everything of the
programme's record; ``koers import`` reads it back.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from koers.exchange import ExchangeError, write_programme
from koers.messages import os_error_text
from koers.programmes.models import Programme


class Command(BaseCommand):
    help = _(
        "Write a whole programme (the DIN and its measurements, reports, finance, risks, "
        "decisions, partners, meetings, initiatives, publication choices and cross-programme "
        "links) as JSON to standard output or to a file."
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
        parser.add_argument(
            "--met-geschiedenis",
            dest="history",
            action="store_true",
            help=_("Include the history: who changed what, when."),
        )

    def handle(self, *args, slug: str, output: str | None, history: bool, **options) -> None:
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
            if output is None:
                out = getattr(self.stdout, "_out", sys.stdout)
                stream = getattr(out, "buffer", None)
                if stream is None:  # a text stream (tests): write through a buffer
                    import io

                    buffer = io.BytesIO()
                    write_programme(buffer, programme, history=history)
                    self.stdout.write(buffer.getvalue().decode("utf-8"), ending="")
                else:
                    write_programme(stream, programme, history=history)
                    stream.flush()
                return
            with Path(output).open("wb") as file:
                write_programme(file, programme, history=history)
        except ExchangeError as exc:
            raise CommandError(
                _("The programme cannot be exported:") + "\n" + _indent(exc.problems)
            ) from exc
        except OSError as exc:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s")
                % {"file": output, "error": os_error_text(exc)}
            ) from exc


def _indent(problems) -> str:
    return "\n".join(f"  {problem}" for problem in problems)
