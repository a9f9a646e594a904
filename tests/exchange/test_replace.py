"""``koers import --replace`` lists what goes and refuses without ``--force``; with it, the old
programme is exported first to a file whose name is printed."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from koers.exchange import export_programme, replace_plan
from koers.programmes.models import Programme

from .test_round_trip import demo  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = [t for t in connection.introspection.table_names(cursor) if "session" not in t]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.fixture
def smaller_file(demo, tmp_path):  # noqa: F811
    """The file of the binnenstad programme without most of its measurements and risks."""
    binnenstad = demo[0]
    text = export_programme(binnenstad).decode()
    lines = text.splitlines(keepends=True)
    start = lines.index('  "metingen": [\n')
    end = lines.index("  ]\n", start)
    kept = lines[: start + 1] + [lines[start + 1].rstrip(",\n") + "\n"] + lines[end:]
    path = tmp_path / "binnenstad.json"
    path.write_text("".join(kept), encoding="utf-8")
    return binnenstad, path


def test_replace_without_force_changes_nothing_and_lists_every_kind(smaller_file, settings):
    programme, path = smaller_file
    settings.VAR_DIR = path.parent / "var"
    before = row_counts()
    out = io.StringIO()
    with pytest.raises(CommandError, match="--force"):
        call_command("import", str(path), "--replace", stdout=out)
    assert row_counts() == before
    listed = out.getvalue()
    measurements = programme_measurements(programme)
    assert f"metingen: {measurements} nu, verwijderd; 1 in het bestand" in listed
    for kind in ("voortgangsrapportages", "begrotingsregels", "risico", "besluiten"):
        assert re.search(kind, listed), kind
    assert "inspanningen: 9 nu" in listed
    assert not (path.parent / "var").exists()  # no backup either


def programme_measurements(programme) -> int:
    from koers.monitoring.models import Measurement

    return Measurement.objects.filter(indicator__operational_goal__programme=programme).count()


def test_replace_plan_counts_per_kind(smaller_file):
    programme, path = smaller_file
    plan = {line.section: line for line in replace_plan(programme, path.read_bytes())}
    assert plan["metingen"].in_database == programme_measurements(programme)
    assert plan["metingen"].in_file == 1
    assert plan["uitgaven"].in_database == plan["uitgaven"].in_file == 1
    assert plan["programmakoppelingen"].in_database == 2


def test_replace_with_force_exports_first_and_prints_the_file(smaller_file, settings):
    programme, path = smaller_file
    settings.VAR_DIR = path.parent / "var"
    original = export_programme(programme, history=True)
    out = io.StringIO()
    call_command("import", str(path), "--replace", "--force", stdout=out, stderr=io.StringIO())
    found = re.search(r"geëxporteerd naar (\S+)\.\n", out.getvalue())
    assert found, out.getvalue()
    backup = Path(found.group(1))
    assert backup.parent == path.parent / "var" / "exports"
    # The backup is the complete programme as it was (its history written up to the export).
    assert backup.read_bytes()[:2000] == original[:2000]
    assert programme_measurements(Programme.objects.get(slug=programme.slug)) == 1
    # The backup brings everything back.
    call_command("import", str(backup), "--replace", "--force", stdout=io.StringIO())
    restored = Programme.objects.get(slug=programme.slug)
    assert export_programme(restored) == export_programme_without(original)


def export_programme_without(data: bytes) -> bytes:
    """The file without its history section (just before the measurements), as a plain export
    writes it."""
    text = data.decode()
    start = text.index('  "geschiedenis": [')
    end = text.index('  "metingen": [')
    return (text[:start] + text[end:]).encode()
