"""A programme as an Excel workbook: one sheet per table, in the layout of
:mod:`.layout`, so that the workbook reads back in as a new programme
(:mod:`.process`); plus read-only sheets with the measurements, spending and risks.

Cells are typed: numbers as numbers (exact decimals, never floats), dates as dates shown
dd-mm-jjjj, euros with a currency format; each sheet has a bold, frozen header row and a filter.
The rows come in the order of the exchange (:mod:`koers.programmes.exchange`), so the same
programme gives the same cells; only the time of saving in the file's properties differs.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

from koers.finance.models import Spending
from koers.monitoring.models import Measurement
from koers.programmes.models import Programme
from koers.risks.models import Risk

from .layout import (
    ACTIVITIES_SHEET,
    AVAILABLE_SHEET,
    BUDGET_SHEET,
    EFFORTS_SHEET,
    ROLES_SHEET,
    SHEETS,
    SOURCES_SHEET,
    Column,
    Sheet,
)
from .selectors import WorkbookData, programme_workbook_data
from .write import new_workbook, write_key_values, write_table

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Read-only sheets: what happened in the programme (not read back by the import).
MEASUREMENTS_COLUMNS = (
    Column("doel", "goal", Measurement, "indicator", width=10),
    Column("indicator", "indicator", Measurement, "indicator", width=40),
    Column("soort periode", "period_kind", Measurement, "period_kind", width=14),
    Column("begin periode", "period_start", Measurement, "period_start", width=14),
    Column("eind periode", "period_end", Measurement, "period_end", width=14),
    Column("waarde", "value", Measurement, "value", width=14),
    Column("bron", "source", Measurement, "source", width=30),
    Column("voorlopig", "is_provisional", Measurement, "is_provisional", width=10),
    Column("fictief", "is_fictitious", Measurement, "is_fictitious", width=10),
    Column("toelichting", "note", Measurement, "note", width=40),
)
SPENDING_COLUMNS = (
    Column("bron", "source", Spending, "budget_line", width=30),
    Column("jaar", "year", Spending, "budget_line", width=10),
    Column("inspanning", "effort", Spending, "budget_line", width=40),
    Column("post", "item", Spending, "budget_line", width=30),
    Column("soort", "kind", Spending, "kind", width=14),
    Column("datum", "date", Spending, "date", width=12),
    Column("bedrag", "amount", Spending, "amount", money=True, width=16),
    Column("omschrijving", "description", Spending, "description", width=40),
    Column("kenmerk", "reference", Spending, "reference", width=20),
)
RISKS_COLUMNS = (
    Column("titel", "title", Risk, "title", width=40),
    Column("soort", "kind", Risk, "kind", width=12),
    Column("doelen", "goals", Risk, "goals", width=16),
    Column("inspanningen", "efforts", Risk, "efforts", width=40),
    Column("kans", "likelihood", Risk, "likelihood", width=8),
    Column("impact", "impact", Risk, "impact", width=8),
    Column("status", "status", Risk, "status", width=12),
    Column("eigenaar", "owner", Risk, "owner", width=25),
    Column("volgende beoordeling", "next_review", Risk, "next_review", width=14),
    Column("beheersmaatregel", "mitigation", Risk, "mitigation", width=50),
    Column("toelichting", "note", Risk, "note", width=40),
)
READ_ONLY_SHEETS = ("Metingen", "Uitgaven", "Risico's")


def lookup(element: dict[str, Any] | None, key: str) -> Any:
    """The value at a dotted key of an exchange element (``indicator.unit``, ``owner.name``)."""
    head, _dot, rest = key.partition(".")
    if element is None:
        return None
    value = element.get(head)
    return lookup(value, rest) if rest else value


def _rows(sheet: Sheet, elements: list[dict[str, Any]]) -> list[list[Any]]:
    return [[lookup(e, c.key) for c in sheet.columns] for e in elements]


def _activity_rows(efforts: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [effort["name"], a["year"], a["order"], a["description"]]
        for effort in efforts
        for a in effort["activities"]
    ]


def _role_rows(roles: list[dict[str, Any]]) -> list[list[Any]]:
    """One row per role and year of hours (a role without hours: one row)."""
    rows = []
    for role in roles:
        for hours in role["hours"] or [None]:
            rows.append(
                [lookup({**role, "hours": hours}, column.key) for column in ROLES_SHEET.columns]
            )
    return rows


def _budget_rows(data: WorkbookData) -> dict[str, list[list[Any]]]:
    return {
        SOURCES_SHEET.title: [[s.name, s.description, s.order, s.note] for s in data.sources],
        AVAILABLE_SHEET.title: [
            [s.name, a.year, a.amount, a.note] for s in data.sources for a in s.availabilities.all()
        ],
        BUDGET_SHEET.title: [
            [
                line.source.name,
                line.year,
                line.effort.name if line.effort_id else None,
                line.item or None,
                line.amount,
                line.note,
            ]
            for line in data.lines
        ],
    }


def _read_only_rows(data: WorkbookData) -> dict[str, tuple[tuple[Column, ...], list]]:
    measurements = [
        [
            m.indicator.operational_goal.code,
            m.indicator.name,
            m.period_kind,
            m.period_start,
            m.period_end,
            m.value,
            m.source,
            m.is_provisional,
            m.is_fictitious,
            m.note,
        ]
        for m in data.measurements
    ]
    spendings = [
        [
            s.budget_line.source.name,
            s.budget_line.year,
            s.budget_line.effort.name if s.budget_line.effort_id else None,
            s.budget_line.item or None,
            s.kind,
            s.date,
            s.amount,
            s.description,
            s.reference,
        ]
        for s in data.spendings
    ]
    risks = [
        [
            r.title,
            r.kind,
            "; ".join(g.code for g in r.goals.all()) or None,
            "; ".join(sorted(e.name for e in r.efforts.all())) or None,
            r.likelihood,
            r.impact,
            r.status,
            r.owner.name if r.owner_id else None,
            r.next_review,
            r.mitigation,
            r.note,
        ]
        for r in data.risks
    ]
    return {
        "Metingen": (MEASUREMENTS_COLUMNS, measurements),
        "Uitgaven": (SPENDING_COLUMNS, spendings),
        "Risico's": (RISKS_COLUMNS, risks),
    }


def build_workbook(data: WorkbookData) -> Workbook:
    """The workbook of the data read by :func:`programme_workbook_data` (no queries)."""
    workbook = new_workbook()
    workbook.properties.title = data.programme.name
    exchange = data.exchange
    budget = _budget_rows(data)
    for sheet in SHEETS:
        if sheet.key_value:
            write_key_values(workbook, sheet, exchange[sheet.section])
            continue
        if sheet is ACTIVITIES_SHEET:
            rows = _activity_rows(exchange[EFFORTS_SHEET.section])
        elif sheet is ROLES_SHEET:
            rows = _role_rows(exchange[sheet.section])
        elif sheet.title in budget:
            rows = budget[sheet.title]
        else:
            rows = _rows(sheet, exchange[sheet.section])
        write_table(workbook, sheet.title, sheet.columns, rows)
    for title, (columns, rows) in _read_only_rows(data).items():
        write_table(workbook, title, columns, rows, validations=False)
    return workbook


def programme_workbook(programme: Programme) -> Workbook:
    return build_workbook(programme_workbook_data(programme))


def programme_xlsx(programme: Programme) -> bytes:
    """The programme's workbook as the bytes of an .xlsx file."""
    buffer = io.BytesIO()
    programme_workbook(programme).save(buffer)
    return buffer.getvalue()
