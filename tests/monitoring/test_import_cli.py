"""``koers measurements import`` and ``koers measurements template``: exit status, output,
progress, nothing written on an invalid file."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from koers.monitoring.management.commands.measurements import ProgressReport
from koers.monitoring.models import ImportBatch, Measurement

from .test_import_fixtures import CORPUS, HistoricalMeasurement, counts, values, write_csv

pytestmark = pytest.mark.django_db

P = "test-programma"


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


def _run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("measurements", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_writes_and_summarises(tmp_path, programme, admin_user):
    path = write_csv(
        tmp_path, [(P, "1a", "2019", "93.500", "", ""), (P, "1a", "2020", "1", "", "")]
    )
    out, _err = _run("import", str(path), "--user", "beheer")
    assert (
        "metingen.csv geïmporteerd: 2 toegevoegd, 0 gewijzigd, 0 ongewijzigd, 0 overgeslagen" in out
    )
    assert values(programme) == {("1a", "2019"): Decimal("93500"), ("1a", "2020"): Decimal("1")}
    assert ImportBatch.objects.get().uploaded_by == admin_user
    assert set(HistoricalMeasurement.objects.values_list("history_user", flat=True)) == {
        admin_user.pk
    }
    out, _err = _run("import", str(path))
    assert "0 toegevoegd, 0 gewijzigd, 2 ongewijzigd" in out


def test_invalid_file_exits_with_problems_and_writes_nothing(tmp_path, programme):
    rows = [(P, "1a", str(1900 + i), "fout", "", "") for i in range(60)]
    path = write_csv(tmp_path, rows)
    before = counts()
    with pytest.raises(CommandError) as exc:
        _run("import", str(path))
    text = str(exc.value)
    assert text.startswith(
        "metingen.csv is niet geïmporteerd; er is niets geschreven. 60 problemen:"
    )
    assert "rij 2, kolom waarde: ‘fout’ is geen getal" in text
    assert text.rstrip().endswith("en nog 10 problemen")
    assert counts() == before
    assert ImportBatch.objects.count() == 0


def test_only_valid_and_dry_run(tmp_path, programme):
    path = write_csv(tmp_path, [(P, "1a", "2019", "1", "", ""), (P, "9z", "2019", "1", "", "")])
    out, err = _run("import", str(path), "--dry-run", "--only-valid")
    assert "er is niets geschreven" in out and "1 rijen toevoegen" in out
    assert "rij 3, kolom indicator" in err
    assert Measurement.objects.count() == 0
    with pytest.raises(CommandError):
        _run("import", str(path), "--dry-run")
    out, err = _run("import", str(path), "--only-valid")
    assert "1 toegevoegd" in out and "1 overgeslagen" in out
    assert "Overgeslagen rijen:" in err
    assert Measurement.objects.count() == 1


def test_unknown_file_and_user(tmp_path, programme):
    with pytest.raises(CommandError, match="Er is geen bestand"):
        _run("import", str(tmp_path / "weg.csv"))
    path = write_csv(tmp_path, [(P, "1a", "2019", "1", "", "")])
    with pytest.raises(CommandError, match="niemand"):
        _run("import", str(path), "--user", "niemand")


def test_template(tmp_path):
    out, _err = _run("template", "--format", "csv")
    assert out.startswith("\ufeffprogramma;indicator;periode;waarde;bron;opmerking")
    target = tmp_path / "sjabloon.xlsx"
    _run("template", "--format", "xlsx", "-o", str(target))
    assert target.read_bytes().startswith(b"PK")


def test_progress_bar_and_lines():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    tty = Tty()
    report = ProgressReport(tty)
    report.stage("check", None)
    report(10_000)
    report.stage("write", 40_000)
    report(20_000)
    report.end()
    text = tty.getvalue()
    assert "\rControleren: 10.000 rijen" in text
    assert "\rSchrijven [" + "#" * 15 + "-" * 15 + "]  50% 20.000/40.000" in text

    plain = io.StringIO()
    report = ProgressReport(plain)
    report.stage("check", None)
    for rows in range(10_000, 250_001, 10_000):
        report(rows)
    assert plain.getvalue().splitlines() == [
        "Controleren: 100.000 rijen",
        "Controleren: 200.000 rijen",
    ]


def test_exit_status_of_the_real_command(tmp_path, programme, settings):
    """The console script itself: status 1 on a bad file (run against a throwaway database)."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("runs the command against its own SQLite database")
    env = {**os.environ, "KOERS_VAR_DIR": str(tmp_path), "DATABASE_URL": ""}
    env.pop("DATABASE_URL")
    koers = [sys.executable, "-m", "koers"]
    subprocess.run([*koers, "migrate", "-v", "0"], env=env, check=True)
    bad = subprocess.run(
        [*koers, "measurements", "import", str(CORPUS / "onbekend-programma.csv")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1
    assert "rij 2, kolom programma" in bad.stderr or "row 2, column programma" in bad.stderr
