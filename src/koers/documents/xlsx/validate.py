"""Checking what the exchange does not: the budget sheets (sources, availability, budget lines)
against the finance models and the efforts; and the exchange's own problems traced back from
their JSON paths to the cells of the workbook."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from koers.monitoring.importing.problems import shorten
from koers.programmes.exchange import Problem

from .layout import (
    AVAILABLE_SHEET,
    BUDGET_SHEET,
    EFFORTS_SHEET,
    INTEGER,
    LIST,
    MONEY,
    SHEETS,
    SOURCES_SHEET,
    Sheet,
)
from .problems import BudgetRow, Location, SheetProblem
from .read import Reader, Row, cell_text, convert_cell

_PATH_TOKEN = re.compile(r"\b[a-z_]+(?:\[\d+\])(?:\.[a-z_]+(?:\[\d+\])?)*")


class BudgetChecker:
    def __init__(self, reader: Reader, effort_names: set[str]):
        self.reader = reader
        self.effort_names = effort_names

    def add(self, location: Location, message: str) -> None:
        self.reader.add(location, message)

    def fields(self, sheet: Sheet, row: Row) -> dict[str, Any] | None:
        """The row's values, each checked against its model field; None on any problem."""
        values: dict[str, Any] = {}
        ok = True
        for column in sheet.columns:
            where = row.locations[column.key]
            if column.key not in row.cells:
                if column.required:
                    self.add(where, _("Fill in this cell."))
                    ok = False
                values[column.key] = "" if column.kind not in (INTEGER, MONEY) else None
                continue
            converted, message = convert_cell(column, row.cells[column.key])
            if message is not None:
                self.add(where, message)
                ok = False
                continue
            model_field = column.field
            if column.kind != LIST and not model_field.is_relation:
                try:
                    converted = model_field.clean(converted, None)
                except ValidationError as exc:
                    for text in exc.messages:
                        self.add(where, text)
                    ok = False
                    continue
            values[column.key] = converted
        return values if ok else None

    def unique(self, seen: dict[Any, int], key: Any, row: Row, where: Location, shown: str) -> None:
        if key in seen:
            self.add(
                where,
                _("‘%(value)s’ occurs more than once (also in row %(row)s).")
                % {"value": shorten(shown), "row": seen[key]},
            )
        else:
            seen[key] = row.number

    def check(self) -> dict[str, list[BudgetRow]]:
        budget: dict[str, list[BudgetRow]] = {}
        seen: dict[Any, int] = {}
        sources: set[str] | None = set()
        rows = self.reader.rows(SOURCES_SHEET)
        if rows is None:
            sources = None
        for row in rows or []:
            values = self.fields(SOURCES_SHEET, row)
            name = cell_text(row.cells.get("name", ""))
            if name:
                self.unique(seen, name.casefold(), row, row.locations["name"], name)
                sources.add(name.casefold())
            if values is not None:
                values["order"] = values["order"] or 0
                budget.setdefault(SOURCES_SHEET.section, []).append(BudgetRow(row.location, values))
        for sheet in (AVAILABLE_SHEET, BUDGET_SHEET):
            seen = {}
            for row in self.reader.rows(sheet) or []:
                values = self.fields(sheet, row)
                if values is None:
                    continue
                if not self.references(sheet, row, values, sources):
                    continue
                source = values["source"].casefold()
                if sheet is AVAILABLE_SHEET:
                    key = (source, values["year"])
                    shown = f"{values['source']} {values['year']}"
                    where = row.locations["year"]
                else:
                    what = (
                        ("e", values["effort"])
                        if values["effort"]
                        else ("i", values["item"].casefold())
                    )
                    key = (source, values["year"], what)
                    shown = (
                        f"{values['effort'] or values['item']}, {values['source']} {values['year']}"
                    )
                    where = row.locations["effort" if values["effort"] else "item"]
                before = len(self.reader.problems)
                self.unique(seen, key, row, where, shown)
                if len(self.reader.problems) == before:
                    budget.setdefault(sheet.section, []).append(BudgetRow(row.location, values))
        return budget

    def references(self, sheet: Sheet, row: Row, values: dict[str, Any], sources) -> bool:
        ok = True
        if sources is not None and values["source"].casefold() not in sources:
            self.add(
                row.locations["source"],
                _("There is no source named ‘%(name)s’ on the sheet ‘%(sheet)s’.")
                % {"name": shorten(values["source"]), "sheet": SOURCES_SHEET.title},
            )
            ok = False
        if sheet is BUDGET_SHEET:
            effort, item = values["effort"], values["item"]
            if effort and item:
                self.add(row.locations["item"], _("Fill in an effort or an item, not both."))
                ok = False
            elif not effort and not item:
                self.add(row.locations["effort"], _("Fill in an effort or an item."))
                ok = False
            elif effort and effort not in self.effort_names:
                self.add(
                    row.locations["effort"],
                    _("There is no effort named ‘%(name)s’ on the sheet ‘%(sheet)s’.")
                    % {"name": shorten(effort), "sheet": EFFORTS_SHEET.title},
                )
                ok = False
        return ok and sources is not None


# --- exchange problems back to cells ------------------------------------------------------------


def _locate(reader: Reader, path: str) -> Location:
    """Where the element or cell at an exchange path is: the path itself or its nearest parent."""
    while path not in reader.paths:
        shorter = re.sub(r"(\.[a-z_]+|\[\d+\])$", "", path)
        if shorter == path:
            return Location("")
        path = shorter
    return reader.paths[path]


def _rewrite(reader: Reader, message: str) -> str:
    """An exchange message in the words of the workbook: paths as sheet and row, section keys
    as sheet names, JSON-isms as what to do in the cell."""
    replacements = {
        _("is missing"): _("Fill in this cell."),
        _("may not be null"): _("Fill in this cell."),
        _('a measurable goal needs an indicator (an object with at least "name")'): _(
            "A measurable goal needs an indicator: fill in at least the column ‘indicator’."
        ),
        _("a qualitative goal has no indicator: null"): _(
            "A qualitative goal has no indicator: leave the indicator columns empty."
        ),
    }
    if message in replacements:
        return replacements[message]

    def place(match: re.Match) -> str:
        where = _locate(reader, match.group(0))
        if where.row is None:
            return match.group(0)
        return _("row %(row)s") % {"row": where.row}

    message = _PATH_TOKEN.sub(place, message)
    for sheet in SHEETS:
        message = message.replace(f'"{sheet.section}"', f"‘{sheet.title}’")
    return message


def from_exchange(reader: Reader, problems: list[Problem]) -> list[SheetProblem]:
    out = []
    for problem in problems:
        if problem.path in reader.reported:
            continue
        out.append(_locate(reader, problem.path).problem(_rewrite(reader, problem.message)))
    return out
