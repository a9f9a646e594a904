"""Write the committed OpenAPI document of /api/v1 (``src/koers/api/openapi.json``) from the
code: ``koers api_schema``. ``koers api_schema --check`` only compares and fails on a
difference (the test suite does the same)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from koers.api.schema import generate, render
from koers.api.views import OPENAPI_PATH


class Command(BaseCommand):
    help = "Write (or --check) the committed OpenAPI document of the REST API."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Only compare; exit 1 on drift.")

    def handle(self, *args, check: bool = False, **options):
        schema = json.loads(json.dumps(generate(), default=str))
        if check:
            committed = json.loads(OPENAPI_PATH.read_text())
            if committed != schema:
                raise CommandError(
                    f"{OPENAPI_PATH} differs from the code; run `koers api_schema` to update it."
                )
            self.stdout.write("The committed OpenAPI document matches the code.")
            return
        OPENAPI_PATH.write_text(render(schema))
        self.stdout.write(f"Wrote {OPENAPI_PATH}.")
