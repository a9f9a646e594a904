"""``koers configdocs``: print the configuration reference (docs/configuration.md) as Markdown.

The reference is generated from the environment variables declared in the settings through
:func:`koers.conf.env.config`, so it cannot drift from the code; ``make configdocs`` writes it and
``tests/test_configuration.py`` checks that the committed file is up to date.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy

from koers.conf import env

#: Shown instead of the absolute path of the checkout, so the document is the same everywhere.
PROJECT_DIR_PLACEHOLDER = "<projectmap>"


def configuration_markdown() -> str:
    """The configuration reference, with defaults that depend on the checkout made portable."""
    # Reading a setting imports the settings module, which registers every variable.
    project_dir = str(settings.PROJECT_DIR)
    return env.render_markdown().replace(project_dir, PROJECT_DIR_PLACEHOLDER)


class Command(BaseCommand):
    help = gettext_lazy(
        "Print the configuration reference (every environment variable Koers reads) as Markdown."
    )
    requires_system_checks: list[str] = []

    def create_parser(self, prog_name: str, subcommand: str, **kwargs):
        # argparse cannot format a lazy translation; resolve it in the active language.
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def handle(self, *args, **options) -> None:
        self.stdout.write(configuration_markdown(), ending="\n")
