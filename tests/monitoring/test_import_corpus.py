"""A corpus of bad delivery files (tests/monitoring/import_corpus/): each is refused with the
right message at the right row and column, and nothing is written — no measurement and no
history record."""

from __future__ import annotations

import pytest
from django.utils import translation

from koers.monitoring.importing import (
    MAX_PROBLEMS,
    ImportProblem,
    ImportRefused,
    apply_file,
    check_file,
)

from .test_import_fixtures import (  # noqa: F401 - fixtures
    CORPUS,
    counts,
    rating_goal_fixture,
    write_csv,
)

pytestmark = pytest.mark.django_db

P = "test-programma"

# file → [(row, column, a fragment of the Dutch message)]; every expected problem must be found.
EXPECTED: dict[str, list[tuple[int | None, str | None, str]]] = {
    "leeg.csv": [(None, None, "Het bestand is leeg")],
    "alleen-kopregel.csv": [(None, None, "alleen de kopregel")],
    "lege-kopregel.csv": [(1, None, "Rij 1 moet de kopregel zijn")],
    "geen-kopregel.csv": [
        (1, None, "Onbekende kolom ‘test-programma’"),
        (1, "waarde", "De kolom waarde ontbreekt"),
    ],
    "kolom-ontbreekt.csv": [(1, "waarde", "De kolom waarde ontbreekt")],
    "onbekende-kolom.csv": [(1, None, "Onbekende kolom ‘eenheid’")],
    "dubbele-kolom.csv": [(1, "waarde", "De kolom waarde staat twee keer in de kopregel")],
    "onbekend-programma.csv": [
        (2, "programma", "Er is geen programma met de korte naam ‘bestaat-niet’")
    ],
    "onbekende-indicator.csv": [
        (2, "indicator", "Programma ‘test-programma’ heeft geen operationeel doel met code ‘9z’")
    ],
    "kwalitatief-doel.csv": [(2, "indicator", "Doel 1b is kwalitatief")],
    "lege-cellen.csv": [
        (2, "programma", "Vul de korte naam van het programma in"),
        (2, "indicator", "Vul de code van het operationele doel in"),
    ],
    "slecht-getal.csv": [
        (2, "waarde", "abc"),
        (3, "waarde", "1,2,3"),
        (4, "waarde", "Vul de waarde in"),
        (5, "waarde", "€ 5"),
    ],
    "slechte-periode.csv": [
        (2, "periode", "13"),
        (3, "periode", "2019-Q5"),
        (4, "periode", "19"),
        (5, "periode", "2019-Q3"),  # empty: the message gives examples
        (6, "periode", "53"),
    ],
    "dubbel.csv": [(4, "periode", "Doel 1a heeft in rij 2 al een waarde voor 2019")],
    "latin1.csv": [(3, None, "niet in UTF-8")],
    "utf16.csv": [(None, None, "CSV UTF-8")],
    "lange-opmerking.csv": [(2, "opmerking", "1500 tekens; ten hoogste 1000")],
    "lange-bron.csv": [(2, "bron", "301 tekens; ten hoogste 300")],
    "te-veel-kolommen.csv": [(3, None, "meer cellen dan de kopregel kolommen heeft")],
    "dubbelzinnig.csv": [
        (2, "waarde", "‘7.000’ is dubbelzinnig"),
        (2, "waarde", "rij 3 van dit bestand gebruikt een punt als decimaalteken (‘7.5’)"),
        (4, "waarde", "‘8.000’ is dubbelzinnig"),
    ],
    "dubbelzinnig-decimalen.csv": [(2, "waarde", "indicator 1c wordt met decimalen geschreven")],
    "nul-punt.csv": [(3, "waarde", "dubbelzinnig")],  # 0.125 shows a decimal point
    "te-veel-decimalen.csv": [(2, "waarde", "meer dan 4 decimalen")],
    "te-groot.csv": [(2, "waarde", "te groot")],
    "voorbeeldrij.csv": [(2, "opmerking", "voorbeeldrij")],
    "voorlopig-onzin.csv": [(2, "voorlopig", "Schrijf ja of nee")],
    "pdf.csv": [(None, None, "geen CSV-tekstbestand")],
    "oud-excel.xls": [(None, None, "oud Excel-bestand (.xls)")],
    "csv-is-xlsx.csv": [(None, None, "Excel-werkmap (XLSX), maar de naam eindigt niet op .xlsx")],
    "kapot.xlsx": [(None, None, "geen geldige Excel-werkmap")],
    "tekst.xlsx": [(None, None, "geen geldige Excel-werkmap")],
    "xlsx-fouten.xlsx": [
        (2, "waarde", "geen getal"),
        (3, "waarde", "geen getal"),
        (4, "periode", "2019.5"),
        (5, "waarde", "meer dan 4 decimalen"),
        (6, None, "meer cellen"),
    ],
}


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


def _matches(problem: ImportProblem, row, column, fragment) -> bool:
    return problem.row == row and problem.column == column and fragment in problem.message


def test_every_corpus_file_is_listed():
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_is_refused_with_its_message(name, programme, rating_goal):
    path = CORPUS / name
    check = check_file(path, file_name=name, allowed_programme_ids=None)
    assert not check.is_valid
    for row, column, fragment in EXPECTED[name]:
        assert any(_matches(p, row, column, fragment) for p in check.problems), (
            (row, column, fragment),
            [str(p) for p in check.problems],
        )
    before = counts()
    with pytest.raises(ImportRefused) as refused:
        apply_file(path, file_name=name, actor=None, allowed_programme_ids=None, only_valid=False)
    assert refused.value.check.problems_total == check.problems_total
    assert counts() == before


def test_problem_text_names_row_and_column(programme):
    check = check_file(
        CORPUS / "onbekend-programma.csv", file_name="x.csv", allowed_programme_ids=None
    )
    assert str(check.problems[0]) == (
        "rij 2, kolom programma: Er is geen programma met de korte naam ‘bestaat-niet’."
    )


def test_a_cell_beyond_the_csv_field_limit_stops_reading(tmp_path, programme):
    path = tmp_path / "ontspoord.csv"
    path.write_text(
        "programma;indicator;periode;waarde;bron;opmerking\r\n"
        f'{P};1a;2019;93000;"niet gesloten;{"x" * 200_000}\r\n{P};1a;2020;1;;\r\n',
        encoding="utf-8",
    )
    check = check_file(path, file_name=path.name, allowed_programme_ids=None)
    assert [(p.row, p.column) for p in check.problems] == [(2, None)]
    assert "veel te lang" in check.problems[0].message
    with pytest.raises(ImportRefused):
        apply_file(
            path, file_name=path.name, actor=None, allowed_programme_ids=None, only_valid=True
        )


def test_problems_are_counted_beyond_the_ones_kept(tmp_path, programme):
    rows = [(P, "1a", str(2000 + i % 200), "x", "", "") for i in range(MAX_PROBLEMS + 500)]
    path = write_csv(tmp_path, rows)
    check = check_file(path, file_name=path.name, allowed_programme_ids=None)
    assert check.problems_total == MAX_PROBLEMS + 500
    assert len(check.problems) == MAX_PROBLEMS
    assert check.problems_more == 500
    assert check.rows_valid == 0


def test_separators_and_header_spelling(tmp_path, programme):
    for sep in (";", ",", "\t"):
        path = write_csv(
            tmp_path,
            [(P, "1a", "2019", "93000", "Monitor, 2019", "")],
            header=(" Programma", "INDICATOR", "periode ", "Waarde", "bron", "Opmerking"),
            sep=sep,
            bom=sep != ",",
        )
        check = check_file(path, file_name=path.name, allowed_programme_ids=None)
        assert check.is_valid, (sep, check.problems)
        assert check.added_samples[0].source == "Monitor, 2019"


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_line_endings(tmp_path, programme, newline):
    path = tmp_path / "regels.csv"
    lines = ["programma;indicator;periode;waarde", f"{P};1a;2019;1", f"{P};1a;2020;2", ""]
    path.write_bytes(newline.join(lines).encode())
    check = check_file(path, file_name=path.name, allowed_programme_ids=None)
    assert (check.is_valid, check.rows_total, check.added) == (True, 2, 2)
