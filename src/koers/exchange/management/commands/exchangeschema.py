"""``koers exchangeschema [--write]``: the JSON Schema of the programme file (format version 2).

Printed, or with ``--write`` written to the published file in static (checked by the tests).
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from koers.exchange.schema import SCHEMA_FILE, schema_text


class Command(BaseCommand):
    help = _("Print the JSON Schema of the programme file (format version 2).")

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--write", action="store_true", help=_("Write it to the published schema file.")
        )

    def handle(self, *args, write: bool, **options) -> None:
        text = schema_text()
        if write:
            SCHEMA_FILE.write_text(text, encoding="utf-8", newline="\n")
            return
        self.stdout.write(text, ending="")
