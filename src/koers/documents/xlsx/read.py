"""Reading a programme workbook: each cell converted to the exchange's terms (dates, numbers,
choices, lists of names), each sheet into the elements of the JSON exchange, and where each
exchange path is in the workbook (sheet, row, column)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from koers.finance.spending_import import parse_date
from koers.monitoring.importing.problems import shorten
from koers.numbers import NumberFormatError, parse_decimal
from koers.programmes.exchange import decimal_to_str

from .layout import (
    ACTIVITIES_SHEET,
    DATE,
    DECIMAL,
    EFFORTS_SHEET,
    INTEGER,
    KEY_VALUE_HEADERS,
    LIST,
    LIST_SEPARATOR,
    MONEY,
    PROGRAMME_SHEET,
    ROLES_SHEET,
    Column,
    Sheet,
)
from .problems import Location, SheetProblem

MAX_ROWS = 5000  # per sheet; a programme has hundreds of rows, not thousands


class _Invalid:
    """A cell that could not be read; its problem has been reported. Carries the raw text so the
    exchange's own check of the same value (reported at the same path) can be left out."""

    def __init__(self, raw: Any):
        self.raw = raw


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def convert_cell(column: Column, value: Any) -> tuple[Any, str | None]:
    """The cell's value in the exchange's terms, or an _Invalid and the message."""
    kind = column.kind
    if kind == DATE:
        if isinstance(value, dt.datetime):
            return value.date().isoformat(), None
        if isinstance(value, dt.date):
            return value.isoformat(), None
        try:
            return parse_date(cell_text(value)).isoformat(), None
        except ValueError:
            return _Invalid(value), _(
                "‘%(text)s’ is not a date; enter a date or write for example 31-03-2019."
            ) % {"text": shorten(cell_text(value))}
    if kind in (DECIMAL, MONEY):
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int | Decimal):
            number = Decimal(value)
        elif isinstance(value, float):
            number = Decimal(repr(value))
        else:
            try:
                number = parse_decimal(cell_text(value))
            except NumberFormatError as exc:
                return _Invalid(value), str(exc)
        if number is None or not number.is_finite():
            return _Invalid(value), _("‘%(text)s’ is not a number.") % {
                "text": shorten(cell_text(value))
            }
        return Decimal(decimal_to_str(number)), None
    if kind == INTEGER:
        if isinstance(value, int) and not isinstance(value, bool):
            return value, None
        if isinstance(value, float) and value.is_integer():
            return int(value), None
        text = cell_text(value)
        if re.fullmatch(r"-?\d+", text):
            return int(text), None
        return _Invalid(value), _("‘%(text)s’ is not a whole number.") % {"text": shorten(text)}
    if kind == LIST:
        names = [n.strip() for n in cell_text(value).split(LIST_SEPARATOR)]
        return [n for n in names if n], None
    text = cell_text(value)
    codes = [code for code, _label in column.choices]
    for code in codes:
        if text.casefold() == code.casefold():
            return code, None
    return text, None


# --- reading sheets -----------------------------------------------------------------------------


@dataclass
class Row:
    number: int
    cells: dict[str, Any]  # column key → converted value (only non-empty cells)
    locations: dict[str, Location]  # column key → where it is (every column of the sheet)
    location: Location  # the row itself


class Reader:
    def __init__(self, workbook) -> None:
        self.workbook = workbook
        self.problems: list[SheetProblem] = []
        self.paths: dict[str, Location] = {}  # exchange path → location
        self.reported: set[str] = set()  # exchange paths whose cell has a problem already
        self.structure: list[SheetProblem] = []  # missing sheets and columns, unknown columns

    def add_structure(self, location: Location, message: str) -> None:
        self.add(location, message)
        self.structure.append(self.problems[-1])

    def add(self, location: Location, message: str, path: str | None = None) -> None:
        self.problems.append(location.problem(message))
        if path is not None:
            self.reported.add(path)

    def worksheet(self, sheet: Sheet):
        if sheet.title not in self.workbook.sheetnames:
            self.add_structure(
                Location(sheet.title),
                _("The sheet ‘%(sheet)s’ is missing from the workbook.") % {"sheet": sheet.title},
            )
            return None
        return self.workbook[sheet.title]

    def records(self, ws, sheet: Sheet) -> list[tuple[int, tuple]]:
        records = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + 1:
                self.add(
                    Location(sheet.title, number),
                    _("The sheet has more than %(n)s rows.") % {"n": MAX_ROWS},
                )
                break
            records.append((number, values))
        return records

    def header(self, sheet: Sheet, values: tuple) -> dict[str, int] | None:
        known = {c.header.casefold(): c for c in sheet.columns}
        positions: dict[str, int] = {}
        ok = True
        for index, value in enumerate(values):
            if is_empty(value):
                continue
            text = cell_text(value)
            letter = get_column_letter(index + 1)
            column = known.get(text.casefold())
            where = Location(sheet.title, 1, letter, text)
            if column is None:
                self.add_structure(
                    where,
                    _("Unknown column ‘%(header)s’; the columns are described on the sheet Uitleg.")
                    % {"header": shorten(text)},
                )
                ok = False
            elif column.key in positions:
                self.add_structure(where, _("The column occurs twice in the header row."))
                ok = False
            else:
                positions[column.key] = index
        for column in sheet.columns:
            if column.required and column.key not in positions:
                self.add_structure(
                    Location(sheet.title, 1, None, column.header),
                    _("The column ‘%(header)s’ is missing from the header row.")
                    % {"header": column.header},
                )
                ok = False
        return positions if ok else None

    def cell(self, sheet: Sheet, column: Column, value: Any, where: Location, path: str) -> Any:
        converted, message = convert_cell(column, value)
        if message is not None:
            self.add(where, message, path)
            return converted.raw
        return converted

    def rows(self, sheet: Sheet) -> list[Row] | None:
        """The non-empty rows of a table sheet with converted cells; None when the sheet or a
        column is missing (then its rows cannot be judged)."""
        ws = self.worksheet(sheet)
        if ws is None:
            return None
        records = self.records(ws, sheet)
        if not records:
            self.add_structure(Location(sheet.title, 1), _("The header row is missing."))
            return None
        positions = self.header(sheet, records[0][1])
        if positions is None:
            return None
        rows = []
        for number, values in records[1:]:
            if all(is_empty(v) for v in values):
                continue
            row = Row(number, {}, {}, Location(sheet.title, number))
            for column in sheet.columns:
                index = positions.get(column.key)
                letter = get_column_letter(index + 1) if index is not None else None
                row.locations[column.key] = Location(sheet.title, number, letter, column.header)
                if index is None or index >= len(values) or is_empty(values[index]):
                    continue
                row.cells[column.key] = values[index]
            rows.append(row)
        return rows

    def element(
        self, sheet: Sheet, row: Row, path: str, keys: list[Column], prefix: str = ""
    ) -> dict[str, Any]:
        """An exchange element from the cells of ``keys`` (without ``prefix``); nested keys
        (``indicator.unit``) go into a nested object, created only when one of its cells is
        filled in."""
        self.paths[path] = row.location
        element: dict[str, Any] = {}
        for column in keys:
            key = column.key.removeprefix(prefix)
            head, _dot, rest = key.partition(".")
            child = f"{path}.{key}"
            self.paths[child] = row.locations[column.key]
            if rest:
                self.paths.setdefault(f"{path}.{head}", row.locations[column.key])
            if column.key not in row.cells:
                continue
            value = self.cell(
                sheet, column, row.cells[column.key], row.locations[column.key], child
            )
            if rest:
                element.setdefault(head, {})[rest] = value
            else:
                element[key] = value
        return element

    # sheets

    def programme(self) -> dict[str, Any]:
        sheet = PROGRAMME_SHEET
        path = sheet.section
        self.paths[path] = Location(sheet.title)
        by_header = {c.header.casefold(): c for c in sheet.columns}
        for column in sheet.columns:
            self.paths[f"{path}.{column.key}"] = Location(sheet.title, None, "A", column.header)
        ws = self.worksheet(sheet)
        if ws is None:
            return {}
        values: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for number, record in self.records(ws, sheet)[1:]:
            name = record[0] if record else None
            value = record[1] if len(record) > 1 else None
            if is_empty(name):
                if not is_empty(value):
                    self.add(
                        Location(sheet.title, number, "A", KEY_VALUE_HEADERS[0]),
                        _("Fill in which field this value is for."),
                    )
                continue
            column = by_header.get(cell_text(name).casefold())
            if column is None:
                self.add(
                    Location(sheet.title, number, "A", KEY_VALUE_HEADERS[0]),
                    _("Unknown field ‘%(name)s’; the fields are described on the sheet Uitleg.")
                    % {"name": shorten(cell_text(name))},
                )
                continue
            where = Location(sheet.title, number, "B", column.header)
            child = f"{path}.{column.key}"
            if column.key in seen:
                self.add(
                    where,
                    _("The field ‘%(name)s’ is already in row %(row)s.")
                    % {"name": column.header, "row": seen[column.key]},
                    child,
                )
                continue
            seen[column.key] = number
            self.paths[child] = where
            if not is_empty(value):
                values[column.key] = self.cell(sheet, column, value, where, child)
        for column in sheet.columns:
            if column.required and column.key not in seen:
                self.add(
                    Location(sheet.title, None, "A", KEY_VALUE_HEADERS[0]),
                    _(
                        "The field ‘%(name)s’ is missing: add a row with ‘%(name)s’ in column A "
                        "and its value in column B."
                    )
                    % {"name": column.header},
                    f"{path}.{column.key}",
                )
        return values

    def table(self, sheet: Sheet) -> list[dict[str, Any]]:
        self.paths[sheet.section] = Location(sheet.title)
        rows = self.rows(sheet) or []
        return [
            self.element(sheet, row, f"{sheet.section}[{i}]", list(sheet.columns))
            for i, row in enumerate(rows)
        ]

    def activities(self, efforts: list[dict[str, Any]]) -> None:
        """Each activity under its effort (by name)."""
        sheet = ACTIVITIES_SHEET
        rows = self.rows(sheet) or []
        index = {}
        for i, effort in enumerate(efforts):
            effort["activities"] = []
            if isinstance(effort.get("name"), str):
                index.setdefault(effort["name"], i)
        for row in rows:
            where = row.locations["effort"]
            name = row.cells.get("effort")
            name = None if name is None else cell_text(name)
            if not name:
                self.add(where, _("Fill in the effort."))
                continue
            if name not in index:
                self.add(
                    where,
                    _("There is no effort named ‘%(name)s’ on the sheet ‘%(sheet)s’.")
                    % {"name": shorten(name), "sheet": EFFORTS_SHEET.title},
                )
                continue
            activities = efforts[index[name]]["activities"]
            path = f"{EFFORTS_SHEET.section}[{index[name]}].activities[{len(activities)}]"
            columns = [c for c in sheet.columns if c.key != "effort"]
            activities.append(self.element(sheet, row, path, columns))

    def roles(self) -> list[dict[str, Any]]:
        """Rows with the same role columns are one role; each row adds a year of hours."""
        sheet = ROLES_SHEET
        self.paths[sheet.section] = Location(sheet.title)
        role_columns = [c for c in sheet.columns if not c.key.startswith("hours.")]
        hours_columns = [c for c in sheet.columns if c.key.startswith("hours.")]
        roles: list[dict[str, Any]] = []
        index: dict[tuple, int] = {}
        for row in self.rows(sheet) or []:
            key = tuple(cell_text(row.cells.get(c.key, "")) for c in role_columns)
            if key not in index:
                index[key] = len(roles)
                path = f"{sheet.section}[{len(roles)}]"
                role = self.element(sheet, row, path, role_columns)
                role["hours"] = []
                roles.append(role)
            role = roles[index[key]]
            if any(c.key in row.cells for c in hours_columns):
                path = f"{sheet.section}[{index[key]}].hours[{len(role['hours'])}]"
                role["hours"].append(self.element(sheet, row, path, hours_columns, "hours."))
        return roles


def person_refs(elements: list[dict[str, Any]], key: str) -> None:
    """A person's name and e-mail address as the exchange's reference ``{"name", "email"}``."""
    for element in elements:
        if key in element:
            element[key] = {"name": "", "email": "", **element[key]}
