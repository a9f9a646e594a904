"""``koers report``: the documents on the command line, and its errors in plain words."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from koers.reporting.models import ReportingCalendar


def test_contract_to_a_file(programme, tmp_path, capsys):
    target = tmp_path / "contract.docx"
    call_command(
        "report", programme.slug, "--kind", "contract", "--format", "docx", "-o", str(target)
    )
    assert target.read_bytes()[:2] == b"PK"
    assert str(target) in capsys.readouterr().out


def test_default_file_name(programme, tmp_path, monkeypatch):
    ReportingCalendar.objects.create(
        programme=programme, frequency="kwartaal", start_date=dt.date(2019, 1, 1)
    )
    monkeypatch.chdir(tmp_path)
    call_command(
        "report",
        programme.slug,
        "--kind",
        "voortgang",
        "--format",
        "pdf",
        "--periode",
        "2019-04-01",
        "--op",
        "2019-06-30",
    )
    written = tmp_path / f"voortgang-{programme.slug}-2019-04-01.pdf"
    assert written.read_bytes()[:5] == b"%PDF-"


def test_to_standard_output(programme, capsysbinary):
    call_command("report", programme.slug, "--kind", "voortgang", "--format", "docx", "-o", "-")
    assert capsysbinary.readouterr().out[:2] == b"PK"


@pytest.mark.parametrize(
    "args",
    [
        ["onbekend", "--kind", "contract"],
        ["test-programma", "--kind", "voortgang", "--periode", "morgen"],
        ["test-programma", "--kind", "voortgang", "--op", "2019-13-01"],
        ["test-programma", "--kind", "voortgang", "--periode", "2019-04-01"],  # no calendar
        ["test-programma", "--kind", "contract", "--periode", "2019-04-01"],
    ],
)
def test_errors(programme, args):
    with pytest.raises(CommandError):
        call_command("report", *args)


def test_no_period_begins_that_day(programme):
    ReportingCalendar.objects.create(
        programme=programme, frequency="kwartaal", start_date=dt.date(2019, 1, 1)
    )
    with pytest.raises(CommandError, match="2019-04-02"):
        call_command("report", programme.slug, "--kind", "voortgang", "--periode", "2019-04-02")
