"""A new programme from an Excel workbook in the layout of :mod:`.xlsx_template` (the template or
an export of another programme).

The workbook is read into the data of the JSON exchange (:mod:`koers.programmes.exchange`) and
checked and written by the exchange itself: every rule of a programme file holds for a workbook,
and each problem's JSON path is traced back to its sheet, row and column. The budget (sources,
availability, budget lines) is not part of the exchange; it is checked here and written through
the finance services after the programme, in the same transaction. Nothing is written unless the
whole workbook is correct.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from koers.finance import services as finance_services
from koers.finance.models import FundingSource
from koers.finance.spending_import import parse_date
from koers.monitoring.importing.problems import ImportProblem, shorten
from koers.numbers import NumberFormatError, parse_decimal
from koers.programmes.exchange import (
    ExchangeError,
    Problem,
    ProgrammeExistsError,
    decimal_to_str,
    programme_import,
    validate_programme_dict,
)
from koers.programmes.exchange.schema import FORMAT, FORMAT_VERSION, SECTIONS
from koers.programmes.models import Effort, Programme

from .xlsx_template import (
    ACTIVITIES_SHEET,
    AVAILABLE_SHEET,
    BUDGET_SHEET,
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
    SHEETS,
    SOURCES_SHEET,
    Column,
    Sheet,
)

MAX_ROWS = 5000  # per sheet; a programme has hundreds of rows, not thousands
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # a big programme's workbook unpacks to about 1 MB
_PATH_TOKEN = re.compile(r"\b[a-z_]+(?:\[\d+\])(?:\.[a-z_]+(?:\[\d+\])?)*")


@dataclass(frozen=True)
class SheetProblem(ImportProblem):
    """An :class:`ImportProblem` in a workbook: also the sheet and the column's letter.
    ``column`` is the column's header."""

    sheet: str | None = None
    letter: str | None = None

    def __str__(self) -> str:
        place = []
        if self.sheet:
            place.append(_("sheet ‘%(sheet)s’") % {"sheet": self.sheet})
        if self.row is not None:
            place.append(_("row %(row)s") % {"row": self.row})
        if self.letter:
            place.append(
                _("column %(letter)s (%(header)s)") % {"letter": self.letter, "header": self.column}
            )
        return f"{', '.join(place)}: {self.message}" if place else self.message


@dataclass(frozen=True)
class Location:
    sheet: str
    row: int | None = None
    letter: str | None = None
    header: str | None = None

    def problem(self, message: str) -> SheetProblem:
        message = message[:1].upper() + message[1:]
        return SheetProblem(self.row, self.header, message, self.sheet, self.letter)


@dataclass
class BudgetRow:
    """A row of Bronnen, Beschikbaar or Begroting, checked."""

    location: Location
    fields: dict[str, Any]


@dataclass
class XlsxCheck:
    """The outcome of checking a workbook: the problems, or the data to write."""

    file_name: str
    problems: list[SheetProblem] = field(default_factory=list)
    data: dict[str, Any] | None = None  # the exchange data
    budget: dict[str, list[BudgetRow]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    reader: Any = field(default=None, repr=False)  # where each exchange path is, for the write

    @property
    def is_valid(self) -> bool:
        return not self.problems and self.data is not None

    @property
    def programme(self) -> dict[str, Any]:
        return (self.data or {}).get(PROGRAMME_SHEET.section, {})

    def counts(self) -> list[tuple[str, int]]:
        """What the programme will hold: (label, number) for the preview."""
        data = self.data or {}
        goals = data.get("operationele_doelen", [])
        efforts = data.get("inspanningen", [])
        return [
            (_("Strategic goals"), len(data.get("strategische_doelen", []))),
            (_("Operational goals"), len(goals)),
            (_("Indicators"), sum(1 for g in goals if g.get("indicator"))),
            (_("Tracks"), len(data.get("sporen", []))),
            (_("Efforts"), len(efforts)),
            (_("Activities"), sum(len(e.get("activities", [])) for e in efforts)),
            (_("Links between goals and efforts"), len(data.get("koppelingen", []))),
            (_("Roles"), len(data.get("rollen", []))),
            (_("People"), len(data.get("personen", []))),
            (_("Partner organisations"), len(data.get("partnerorganisaties", []))),
            (_("Budget lines"), len(self.budget.get(BUDGET_SHEET.section, []))),
        ]

    def budget_per_source(self) -> list[dict[str, Any]]:
        """Per source: what it makes available and what the budget lines allocate."""
        sources = {
            row.fields["name"].casefold(): {
                "name": row.fields["name"],
                "available": Decimal("0.00"),
                "allocated": Decimal("0.00"),
            }
            for row in self.budget.get(SOURCES_SHEET.section, [])
        }
        for part, key in (
            (AVAILABLE_SHEET.section, "available"),
            (BUDGET_SHEET.section, "allocated"),
        ):
            for row in self.budget.get(part, []):
                sources[row.fields["source"].casefold()][key] += row.fields["amount"]
        return list(sources.values())


class XlsxImportRefused(Exception):
    """The workbook has problems: nothing was written."""

    def __init__(self, check: XlsxCheck):
        self.check = check
        count = len(check.problems)
        super().__init__(
            ngettext(
                "The workbook has %(count)s problem; nothing has been imported.",
                "The workbook has %(count)s problems; nothing has been imported.",
                count,
            )
            % {"count": count}
        )


# --- cells --------------------------------------------------------------------------------------


class _Invalid:
    """A cell that could not be read; its problem has been reported. Carries the raw text so the
    exchange's own check of the same value (reported at the same path) can be left out."""

    def __init__(self, raw: Any):
        self.raw = raw


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _convert(column: Column, value: Any) -> tuple[Any, str | None]:
    """The cell's value in the exchange's terms, or an _Invalid and the message."""
    kind = column.kind
    if kind == DATE:
        if isinstance(value, dt.datetime):
            return value.date().isoformat(), None
        if isinstance(value, dt.date):
            return value.isoformat(), None
        try:
            return parse_date(_text(value)).isoformat(), None
        except ValueError:
            return _Invalid(value), _(
                "‘%(text)s’ is not a date; enter a date or write for example 31-03-2019."
            ) % {"text": shorten(_text(value))}
    if kind in (DECIMAL, MONEY):
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int | Decimal):
            number = Decimal(value)
        elif isinstance(value, float):
            number = Decimal(repr(value))
        else:
            try:
                number = parse_decimal(_text(value))
            except NumberFormatError as exc:
                return _Invalid(value), str(exc)
        if number is None or not number.is_finite():
            return _Invalid(value), _("‘%(text)s’ is not a number.") % {
                "text": shorten(_text(value))
            }
        return Decimal(decimal_to_str(number)), None
    if kind == INTEGER:
        if isinstance(value, int) and not isinstance(value, bool):
            return value, None
        if isinstance(value, float) and value.is_integer():
            return int(value), None
        text = _text(value)
        if re.fullmatch(r"-?\d+", text):
            return int(text), None
        return _Invalid(value), _("‘%(text)s’ is not a whole number.") % {"text": shorten(text)}
    if kind == LIST:
        names = [n.strip() for n in _text(value).split(LIST_SEPARATOR)]
        return [n for n in names if n], None
    text = _text(value)
    codes = [code for code, _label in column.choices]
    for code in codes:
        if text.casefold() == code.casefold():
            return code, None
    return text, None


# --- reading sheets -----------------------------------------------------------------------------


@dataclass
class _Row:
    number: int
    cells: dict[str, Any]  # column key → converted value (only non-empty cells)
    locations: dict[str, Location]  # column key → where it is (every column of the sheet)
    location: Location  # the row itself


class _Reader:
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
            if _is_empty(value):
                continue
            text = _text(value)
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
        converted, message = _convert(column, value)
        if message is not None:
            self.add(where, message, path)
            return converted.raw
        return converted

    def rows(self, sheet: Sheet) -> list[_Row] | None:
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
            if all(_is_empty(v) for v in values):
                continue
            row = _Row(number, {}, {}, Location(sheet.title, number))
            for column in sheet.columns:
                index = positions.get(column.key)
                letter = get_column_letter(index + 1) if index is not None else None
                row.locations[column.key] = Location(sheet.title, number, letter, column.header)
                if index is None or index >= len(values) or _is_empty(values[index]):
                    continue
                row.cells[column.key] = values[index]
            rows.append(row)
        return rows

    def element(
        self, sheet: Sheet, row: _Row, path: str, keys: list[Column], prefix: str = ""
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
            if _is_empty(name):
                if not _is_empty(value):
                    self.add(
                        Location(sheet.title, number, "A", KEY_VALUE_HEADERS[0]),
                        _("Fill in which field this value is for."),
                    )
                continue
            column = by_header.get(_text(name).casefold())
            if column is None:
                self.add(
                    Location(sheet.title, number, "A", KEY_VALUE_HEADERS[0]),
                    _("Unknown field ‘%(name)s’; the fields are described on the sheet Uitleg.")
                    % {"name": shorten(_text(name))},
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
            if not _is_empty(value):
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
            name = None if name is None else _text(name)
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
            key = tuple(_text(row.cells.get(c.key, "")) for c in role_columns)
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


def _person_refs(elements: list[dict[str, Any]], key: str) -> None:
    """A person's name and e-mail address as the exchange's reference ``{"name", "email"}``."""
    for element in elements:
        if key in element:
            element[key] = {"name": "", "email": "", **element[key]}


# --- budget -------------------------------------------------------------------------------------


class _BudgetChecker:
    def __init__(self, reader: _Reader, effort_names: set[str]):
        self.reader = reader
        self.effort_names = effort_names

    def add(self, location: Location, message: str) -> None:
        self.reader.add(location, message)

    def fields(self, sheet: Sheet, row: _Row) -> dict[str, Any] | None:
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
            converted, message = _convert(column, row.cells[column.key])
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

    def unique(
        self, seen: dict[Any, int], key: Any, row: _Row, where: Location, shown: str
    ) -> None:
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
            name = _text(row.cells.get("name", ""))
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

    def references(self, sheet: Sheet, row: _Row, values: dict[str, Any], sources) -> bool:
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


def _locate(reader: _Reader, path: str) -> Location:
    """Where the element or cell at an exchange path is: the path itself or its nearest parent."""
    while path not in reader.paths:
        shorter = re.sub(r"(\.[a-z_]+|\[\d+\])$", "", path)
        if shorter == path:
            return Location("")
        path = shorter
    return reader.paths[path]


def _rewrite(reader: _Reader, message: str) -> str:
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


def _from_exchange(reader: _Reader, problems: list[Problem]) -> list[SheetProblem]:
    out = []
    for problem in problems:
        if problem.path in reader.reported:
            continue
        out.append(_locate(reader, problem.path).problem(_rewrite(reader, problem.message)))
    return out


# --- checking and importing ---------------------------------------------------------------------


def _unpacked_size(data: bytes) -> int:
    """What the workbook's zip unpacks to (a small file can unpack to gigabytes)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(info.file_size for info in archive.infolist())


def _open(data: bytes, check: XlsxCheck):
    try:
        if _unpacked_size(data) > MAX_UNPACKED_BYTES:
            check.problems.append(
                SheetProblem(
                    None,
                    None,
                    _("The workbook is too large to check; remove what is not needed."),
                )
            )
            return None
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any damage to an uploaded zip/XML is the same answer
        check.problems.append(
            SheetProblem(
                None,
                None,
                _(
                    "The file is not an Excel workbook (.xlsx). Save it in Excel as "
                    "‘Excel-werkmap (.xlsx)’ and try again."
                ),
            )
        )
        return None


def _sort_key(problem: SheetProblem) -> tuple:
    order = {s.title: i for i, s in enumerate(SHEETS)}
    return (order.get(problem.sheet or "", -1), problem.row or 0, problem.letter or "")


def check_workbook(data: bytes, *, file_name: str = "") -> XlsxCheck:
    """Read and check a whole workbook without writing anything; every problem at its sheet, row
    and column. ``check.data`` and ``check.budget`` hold what is to be written when it is valid
    (the short name is checked against the programmes that exist now)."""
    check = XlsxCheck(file_name=file_name)
    workbook = _open(data, check)
    if workbook is None:
        return check
    try:
        reader = _Reader(workbook)
        exchange: dict[str, Any] = {"format": FORMAT, "format_version": FORMAT_VERSION}
        exchange[PROGRAMME_SHEET.section] = reader.programme()
        for sheet in SHEETS:
            if (
                sheet.key_value
                or sheet is ROLES_SHEET
                or sheet.section not in {s.key for s in SECTIONS}
            ):
                continue
            exchange[sheet.section] = reader.table(sheet)
        reader.activities(exchange[EFFORTS_SHEET.section])
        exchange[ROLES_SHEET.section] = reader.roles()
        _person_refs(exchange[EFFORTS_SHEET.section], "owner")
        _person_refs(exchange[ROLES_SHEET.section], "person")
        efforts = {
            e["name"] for e in exchange[EFFORTS_SHEET.section] if isinstance(e.get("name"), str)
        }
        budget = _BudgetChecker(reader, efforts).check()
    finally:
        workbook.close()
    if reader.structure:
        # Without a sheet or column, what refers to its elements cannot be judged: the structure
        # first.
        problems = reader.structure
    else:
        problems = reader.problems + _from_exchange(reader, validate_programme_dict(exchange))
    slug = exchange[PROGRAMME_SHEET.section].get("slug")
    if not problems and Programme.objects.filter(slug=slug).exists():
        problems = _from_exchange(reader, ProgrammeExistsError(slug).problems)
    check.problems = sorted(problems, key=_sort_key)
    check.reader = reader
    if not check.problems:
        check.data = exchange
        check.budget = budget
    return check


class _BudgetWriteError(Exception):
    pass


def _write_budget(programme: Programme, check: XlsxCheck, actor) -> None:
    problems: list[SheetProblem] = []

    def attempt(row: BudgetRow, create, **kwargs):
        try:
            return create(actor=actor, **kwargs)
        except ValidationError as exc:
            problems.extend(row.location.problem(m) for m in exc.messages)
            return None

    sources: dict[str, FundingSource] = {}
    for row in check.budget.get(SOURCES_SHEET.section, []):
        source = attempt(row, finance_services.source_create, programme=programme, **row.fields)
        if source is not None:
            sources[source.name.casefold()] = source
    for row in check.budget.get(AVAILABLE_SHEET.section, []):
        fields = dict(row.fields)
        source = sources.get(fields.pop("source").casefold())
        if source is not None:
            attempt(row, finance_services.availability_create, source=source, **fields)
    efforts = {e.name: e for e in Effort.objects.filter(programme=programme)}
    for row in check.budget.get(BUDGET_SHEET.section, []):
        fields = dict(row.fields)
        source = sources.get(fields.pop("source").casefold())
        effort_name = fields.pop("effort")
        effort = efforts.get(effort_name) if effort_name else None
        if source is not None:
            attempt(
                row,
                finance_services.budget_line_create,
                programme=programme,
                source=source,
                effort=effort,
                **fields,
            )
    if problems:
        check.problems = problems
        raise _BudgetWriteError


def import_workbook(data: bytes, *, actor, file_name: str = "") -> tuple[Programme, XlsxCheck]:
    """Check the workbook and, when it is correct, write the programme with its budget in one
    transaction. Raises :class:`XlsxImportRefused` (nothing written) on any problem."""
    check = check_workbook(data, file_name=file_name)
    if not check.is_valid:
        raise XlsxImportRefused(check)
    try:
        with transaction.atomic():
            programme = programme_import(check.data, actor=actor, notes=check.notes)
            _write_budget(programme, check, actor)
    except ExchangeError as exc:
        check.problems = _from_exchange(check.reader, exc.problems)
        check.data = None
        raise XlsxImportRefused(check) from exc
    except _BudgetWriteError as exc:
        check.data = None
        raise XlsxImportRefused(check) from exc
    return programme, check
