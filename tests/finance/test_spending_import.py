"""Importing spending from the financial system: every refusal by row and column with nothing
written, a good import to the cent, and the command's exit codes."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from koers.finance.models import Spending
from koers.finance.spending import spending_create
from koers.finance.spending_import import SpendingImportRefused, check_data, import_data

pytestmark = pytest.mark.django_db

HEADER = "programma;bron;jaar;inspanning;post;soort;datum;bedrag;omschrijving;kenmerk"
GOOD = [
    "test-programma;Programmageld;2019;Evenementen;;verplichting;2019-03-01;20.000,25;Opdracht;V-1",
    "test-programma;programmageld;2019;evenementen;;uitgave;15-04-2019;1234.56;Factuur;F-1",
    "test-programma;Programmageld;2019;;Organisatie;uitgave;2019-05-01;0,01;;",
]


def _csv(*rows, header=HEADER):
    return ("\ufeff" + "\n".join([header, *rows]) + "\n").encode()


def _problems(data):
    check = check_data(data)
    return [(p.row, p.column) for p in check.problems], check


def test_good_import_to_the_cent(admin_user, budget):
    check = import_data(_csv(*GOOD), actor=admin_user)
    assert check.created == 3
    assert check.total_amount == Decimal("21234.82")
    entries = {e.reference or "-": e for e in Spending.objects.all()}
    assert entries["V-1"].amount == Decimal("20000.25")
    assert entries["V-1"].kind == "verplichting" and entries["V-1"].budget_line == budget["line"]
    assert entries["F-1"].date.isoformat() == "2019-04-15"
    assert entries["-"].budget_line == budget["item"] and entries["-"].amount == Decimal("0.01")
    assert entries["F-1"].history.first().history_user == admin_user


def test_dry_run_writes_nothing(admin_user, budget):
    check = import_data(_csv(*GOOD), actor=admin_user, dry_run=True)
    assert len(check.rows) == 3 and check.created == 0
    assert not Spending.objects.exists()


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("onbekend;Programmageld;2019;Evenementen;;uitgave;2019-03-01;10;;", "programma"),
        ("test-programma;Subsidie;2019;Evenementen;;uitgave;2019-03-01;10;;", "bron"),
        ("test-programma;Programmageld;2020;Evenementen;;uitgave;2019-03-01;10;;", "inspanning"),
        ("test-programma;Programmageld;2019;Onbekend;;uitgave;2019-03-01;10;;", "inspanning"),
        ("test-programma;Programmageld;2019;;Catering;uitgave;2019-03-01;10;;", "post"),
        (
            "test-programma;Programmageld;2019;Evenementen;Organisatie;uitgave;2019-03-01;10;;",
            "post",
        ),
        ("test-programma;Programmageld;twee;Evenementen;;uitgave;2019-03-01;10;;", "jaar"),
        ("test-programma;Programmageld;2019;Evenementen;;gift;2019-03-01;10;;", "soort"),
        ("test-programma;Programmageld;2019;Evenementen;;uitgave;31-02-2019;10;;", "datum"),
        ("test-programma;Programmageld;2019;Evenementen;;uitgave;2019/03/01;10;;", "datum"),
        ("test-programma;Programmageld;2019;Evenementen;;uitgave;2019-03-01;tien;;", "bedrag"),
        ("test-programma;Programmageld;2019;Evenementen;;uitgave;2019-03-01;1,234;;", "bedrag"),
        ("test-programma;Programmageld;2019;Evenementen;;uitgave;2019-03-01;0;;", "bedrag"),
        ("test-programma;Programmageld;2019;Evenementen;;uitgave;2019-03-01;-5;;", "bedrag"),
    ],
)
def test_refusals_name_row_and_column_and_write_nothing(admin_user, budget, row, column):
    problems, check = _problems(_csv(GOOD[0], row))
    assert problems == [(3, column)], [str(p) for p in check.problems]
    text = str(check.problems[0])
    assert "3" in text and column in text
    with pytest.raises(SpendingImportRefused):
        import_data(_csv(GOOD[0], row), actor=admin_user)
    assert not Spending.objects.exists()


def test_every_problem_of_the_file_is_reported(budget):
    bad = "onbekend;Programmageld;twee;Evenementen;;gift;gisteren;tien;;"
    problems, _check = _problems(_csv(bad, GOOD[1], bad))
    assert problems == [
        (2, "programma"),
        (2, "jaar"),
        (2, "soort"),
        (2, "datum"),
        (2, "bedrag"),
        (4, "programma"),
        (4, "jaar"),
        (4, "soort"),
        (4, "datum"),
        (4, "bedrag"),
    ]


def test_duplicate_reference_in_file_and_database(admin_user, budget):
    problems, check = _problems(_csv(GOOD[0], GOOD[1], GOOD[1]))
    assert problems == [(4, "kenmerk")]
    assert "rij 3" in check.problems[0].message  # names the first row with it
    spending_create(
        actor=admin_user,
        budget_line=budget["line"],
        kind="uitgave",
        date=check_data(_csv(GOOD[1])).rows[0].date,
        amount=Decimal("1"),
        reference="F-1",
    )
    problems, _check = _problems(_csv(*GOOD))
    assert problems == [(3, "kenmerk")]
    with pytest.raises(SpendingImportRefused):
        import_data(_csv(*GOOD), actor=admin_user)
    assert Spending.objects.count() == 1


def test_missing_column(budget):
    header = "programma;bron;jaar;inspanning;soort;datum;omschrijving"
    problems, check = _problems(_csv("x", header=header))
    assert problems == [(1, "bedrag")]
    assert "bedrag" in str(check.problems[0])
    header = "programma;bron;jaar;soort;datum;bedrag"
    assert _problems(_csv("x", header=header))[0] == [(1, "inspanning")]


def test_comma_separated_and_not_utf8(budget):
    rows = [r.replace(";", ",").replace("20.000,25", "20000.25") for r in GOOD[:2]]
    assert check_data(_csv(*rows, header=HEADER.replace(";", ","))).is_valid
    problems, _check = _problems(HEADER.encode() + "\nbé".encode("latin-1"))
    assert problems == [(None, None)]


def test_lookups_take_a_fixed_number_of_queries(budget, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert check_data(_csv(*(GOOD * 1))).is_valid
    many = [GOOD[2].replace(";;", f";r{i}", 1) for i in range(50)]
    with django_assert_max_num_queries(6):
        check_data(_csv(*many))


# Command ---------------------------------------------------------------------------------------


def test_command_imports_and_exits_zero(tmp_path, admin_user, budget, capsys):
    path = tmp_path / "uitgaven.csv"
    path.write_bytes(_csv(*GOOD))
    call_command("spending", "import", str(path), "--dry-run")
    assert not Spending.objects.exists()
    call_command("spending", "import", str(path), "--user", admin_user.username)
    assert Spending.objects.count() == 3
    assert Spending.objects.first().history.first().history_user == admin_user


def test_command_exits_one_on_invalid_file(tmp_path, budget):
    path = tmp_path / "uitgaven.csv"
    path.write_bytes(_csv(GOOD[0], GOOD[1].replace("1234.56", "tien")))
    with pytest.raises(CommandError) as exc:
        call_command("spending", "import", str(path))
    assert "bedrag" in str(exc.value) and "3" in str(exc.value)
    assert not Spending.objects.exists()
    with pytest.raises(CommandError):
        call_command("spending", "import", str(tmp_path / "missing.csv"))
    with pytest.raises(CommandError):
        call_command("spending", "import", str(path), "--user", "nobody")


def test_command_exit_code_in_a_subprocess(tmp_path):
    """The real CLI exits 1 on an invalid file (CommandError)."""
    import subprocess
    import sys

    path = tmp_path / "leeg.csv"
    path.write_bytes(b"programma;bron\n")
    result = subprocess.run(
        [sys.executable, "-m", "django", "spending", "import", str(path), "--dry-run"],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "koers.settings"},
    )
    assert result.returncode == 1, result.stderr
