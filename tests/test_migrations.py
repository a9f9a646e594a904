"""The test databases are created from the models, without running the migrations (fast). That is
only sound while the migrations describe exactly those models: this test runs Django's own check."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_migrations_describe_the_models(settings):
    settings.MIGRATION_MODULES = {}  # the real migrations, not the test run's "none"
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:  # makemigrations --check exits 1 when a migration is missing
        pytest.fail(f"Migrations missing (exit {exc.code}):\n{out.getvalue()}")
    assert "No changes detected" in out.getvalue()
