"""The Excel export of a programme and the empty template, opened with openpyxl: typed cells,
number formats, frozen header rows, filters, choice lists; the export's query count."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from koers.demo.synthetic import synthetic_programme_create
from koers.documents.xlsx import (
    EXPLANATION_TITLE,
    READ_ONLY_SHEETS,
    SHEETS,
    programme_xlsx,
    template_workbook,
)
from koers.finance import services as finance
from koers.programmes import services
from koers.programmes.constants import RoleKind
from koers.programmes.models import Programme, ProgrammeRole

pytestmark = pytest.mark.django_db


def open_export(programme: Programme):
    return load_workbook(io.BytesIO(programme_xlsx(programme)))


def table(ws) -> list[dict]:
    """The rows of a sheet as dicts by header (cells, for their value and format)."""
    headers = [c.value for c in ws[1]]
    return [dict(zip(headers, row, strict=True)) for row in ws.iter_rows(min_row=2)]


def add_budget_and_role(programme, admin_user, effort):
    source = finance.source_create(actor=admin_user, programme=programme, name="Programmageld")
    finance.availability_create(
        actor=admin_user, source=source, year=2019, amount=Decimal("100000")
    )
    finance.budget_line_create(
        actor=admin_user,
        programme=programme,
        source=source,
        year=2019,
        amount=Decimal("60000.50"),
        effort=effort,
    )
    role = services.object_create(
        ProgrammeRole, actor=admin_user, programme=programme, kind=RoleKind.ADVISER
    )
    services.role_hours_set(role=role, actor=admin_user, year=2019, planned_hours=Decimal("7.5"))
    return programme


@pytest.fixture
def with_budget(programme, admin_user):
    return add_budget_and_role(programme, admin_user, programme.efforts.get(name="Evenementen"))


def test_every_sheet_with_a_bold_frozen_header_and_a_filter(with_budget):
    wb = open_export(with_budget)
    assert wb.sheetnames == [s.title for s in SHEETS] + list(READ_ONLY_SHEETS)
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref, ws.title
        assert ws.auto_filter.ref.startswith("A1:")
        assert ws.auto_filter.ref.endswith(str(max(ws.max_row, 1)))
        assert all(cell.font.b for cell in ws[1] if cell.value), ws.title
        assert ws.column_dimensions["A"].width > 8
    headers = [c.value for c in wb["Operationele doelen"][1]]
    assert headers[:3] == ["code", "strategisch doel", "doel"]
    assert "streefwaarde" in headers and "meetfrequentie" in headers


def test_cells_are_typed(with_budget):
    wb = open_export(with_budget)
    programme = {row[0].value: row[1] for row in wb["Programma"].iter_rows(min_row=2)}
    assert programme["korte naam"].value == "test-programma"
    start = programme["begin looptijd"]
    assert isinstance(start.value, dt.datetime) and start.value.date() == dt.date(2019, 1, 1)
    assert start.number_format == "dd-mm-yyyy"

    goal = table(wb["Operationele doelen"])[0]
    assert goal["code"].value == "1a"
    assert goal["strategisch doel"].value == "1"  # a code is text, even when it looks like a number
    assert goal["nulmeting"].value == 93000 and isinstance(goal["nulmeting"].value, int)
    assert goal["nulmeting"].data_type == "n"
    assert goal["tolerantie (%)"].value == 10
    assert isinstance(goal["streefdatum"].value, dt.datetime)
    assert goal["streefdatum"].number_format == "dd-mm-yyyy"
    assert table(wb["Operationele doelen"])[1]["indicator"].value is None  # qualitative

    line = table(wb["Begroting"])[0]
    assert line["bedrag"].value == 60000.5 and line["bedrag"].data_type == "n"
    assert Decimal(str(line["bedrag"].value)) == Decimal("60000.50")
    assert "€" in line["bedrag"].number_format and "0.00" in line["bedrag"].number_format
    assert line["jaar"].value == 2019 and isinstance(line["jaar"].value, int)
    assert line["inspanning"].value == "Evenementen" and line["post"].value is None
    available = table(wb["Beschikbaar"])[0]
    assert available["bedrag"].value == 100000 and "€" in available["bedrag"].number_format

    hours = table(wb["Rollen"])[0]
    assert hours["geplande uren"].value == 7.5 and isinstance(hours["geplande uren"].value, float)
    assert hours["jaar"].value == 2019


def test_choice_columns_have_lists(with_budget):
    wb = open_export(with_budget)
    ws = wb["Inspanningen"]
    lists = {str(v.sqref): v.formula1 for v in ws.data_validations.dataValidation}
    status = next(c.column_letter for c in ws[1] if c.value == "status")
    formula = next(f for ref, f in lists.items() if ref.startswith(f"{status}2:"))
    assert formula == '"gepland,voorbereiding,uitvoering,afgerond,gestopt"'


def test_read_only_sheets_of_the_demo(admin_user):
    call_command("demo", "--no-users", verbosity=0)
    wb = open_export(Programme.objects.get(slug="almelo-binnenstad"))
    measurements = table(wb["Metingen"])
    assert measurements
    assert isinstance(measurements[0]["begin periode"].value, dt.datetime)
    assert measurements[0]["waarde"].data_type == "n"
    risks = table(wb["Risico's"])
    assert risks and risks[0]["titel"].value
    begroting = table(wb["Begroting"])
    assert sum(Decimal(str(r["bedrag"].value)) for r in begroting) == Decimal("1749200")


def test_the_same_programme_gives_the_same_cells(with_budget):
    def cells(wb):
        return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb}

    first, second = open_export(with_budget), open_export(with_budget)
    assert cells(first) == cells(second)
    assert first.properties.created == dt.datetime(2000, 1, 1)


def test_query_count_does_not_depend_on_the_size(with_budget, admin_user):
    with CaptureQueriesContext(connection) as small:
        programme_xlsx(with_budget)
    big = synthetic_programme_create(actor=admin_user, efforts=60, operational_goals=20)
    add_budget_and_role(big, admin_user, big.efforts.order_by("pk").first())
    with CaptureQueriesContext(connection) as large:
        programme_xlsx(big)
    assert len(small) == len(large) == 17, [q["sql"] for q in large.captured_queries]


def test_the_template(admin_user):
    wb = template_workbook()
    assert wb.sheetnames == [EXPLANATION_TITLE] + [s.title for s in SHEETS]
    for sheet in SHEETS:
        ws = wb[sheet.title]
        assert ws.freeze_panes == "A2"
        if sheet.key_value:
            assert [r[0].value for r in ws.iter_rows(min_row=2)] == [
                c.header for c in sheet.columns
            ]
            assert all(r[1].value is None for r in ws.iter_rows(min_row=2))
        else:
            assert [c.value for c in ws[1]] == [c.header for c in sheet.columns]
            assert ws.max_row == 1  # no example rows: the template imports as it is
    explained = {(r[0].value, r[1].value) for r in wb[EXPLANATION_TITLE].iter_rows(min_row=2)}
    for sheet in SHEETS:
        for column in sheet.columns:
            assert (sheet.title, column.header) in explained
    kinds = [
        r[3].value
        for r in wb[EXPLANATION_TITLE].iter_rows(min_row=2)
        if (r[0].value, r[1].value) == ("Inspanningen", "status")
    ]
    assert "uitvoering" in kinds[0]


def test_references_name_existing_columns():
    from koers.documents.xlsx import REFERENCES

    columns = {(s.title, c.header) for s in SHEETS for c in s.columns}
    for source, target in REFERENCES.items():
        assert source in columns and target in columns
