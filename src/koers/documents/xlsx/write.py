"""Writing the sheets of a programme workbook: typed cells, a bold frozen header row with a
filter, choice lists, and the two-column sheet of a programme's fields. Every row goes in by
:func:`append`, so no text runs as a formula (:mod:`koers.spreadsheet`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from koers.programmes.exchange import decimal_to_str
from koers.spreadsheet import xlsx_protect

from .layout import (
    DATE,
    DATE_FORMAT,
    DECIMAL,
    FIXED_TIMESTAMP,
    KEY_VALUE_HEADERS,
    LIST,
    LIST_SEPARATOR,
    MONEY,
    MONEY_FORMAT,
    VALIDATION_ROWS,
    Column,
    Sheet,
)


def new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "Koers"
    workbook.properties.created = FIXED_TIMESTAMP
    return workbook


def append(ws: Worksheet, values: list[Any]) -> None:
    """Append a row; text that starts like a formula is stored as text, never as a formula
    (:func:`koers.spreadsheet.xlsx_protect`), so it reads back as written."""
    ws.append(values)
    xlsx_protect(ws[ws.max_row])


def _bold_header(ws: Worksheet, headers: list[str], widths: list[int]) -> None:
    append(ws, headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"


def cell_value(column: Column, value: Any) -> Any:
    """A value as a typed cell: a Decimal (exact) for numbers, a date for dates, text as is."""
    if value is None or value == "":
        return None
    kind = column.kind
    if kind in (DECIMAL, MONEY):
        return Decimal(decimal_to_str(Decimal(str(value))))
    if kind == DATE:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    if kind == LIST and not isinstance(value, str):
        return f"{LIST_SEPARATOR} ".join(value) or None
    return value


def _format(ws: Worksheet, column_index: int, kind: str, last_row: int) -> None:
    number_format = {DATE: DATE_FORMAT, MONEY: MONEY_FORMAT}.get(kind)
    if number_format is None:
        return
    for (cell,) in ws.iter_rows(
        min_row=2, max_row=last_row, min_col=column_index, max_col=column_index
    ):
        cell.number_format = number_format


def _choice_lists(ws: Worksheet, columns: list[tuple[int, Column]], first_row: int = 2) -> None:
    for index, column in columns:
        codes = [code for code, _label in column.choices]
        if not codes:
            continue
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(codes) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=column.header,
            error=_("Choose one of: %(codes)s") % {"codes": ", ".join(codes)},
        )
        letter = get_column_letter(index)
        ws.add_data_validation(validation)
        validation.add(f"{letter}{first_row}:{letter}{VALIDATION_ROWS}")


def write_table(
    workbook: Workbook,
    title: str,
    columns: tuple[Column, ...],
    rows: list[list[Any]],
    *,
    validations: bool = True,
) -> Worksheet:
    """One sheet: bold frozen header row, typed cells, number formats, a filter over the data and
    (for the sheets that are read back) choice lists on the choice columns."""
    ws = workbook.create_sheet(title)
    _bold_header(ws, [c.header for c in columns], [c.width for c in columns])
    for row in rows:
        append(ws, [cell_value(c, v) for c, v in zip(columns, row, strict=True)])
    last_row = max(ws.max_row, 1)
    for index, column in enumerate(columns, start=1):
        _format(ws, index, column.kind, last_row)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last_row}"
    if validations:
        _choice_lists(ws, list(enumerate(columns, start=1)))
    return ws


def write_key_values(workbook: Workbook, sheet: Sheet, values: dict[str, Any]) -> Worksheet:
    """The ``Programma`` sheet: one field per row, its header in column A, the value in B."""
    ws = workbook.create_sheet(sheet.title)
    _bold_header(ws, list(KEY_VALUE_HEADERS), [28, 70])
    for row, column in enumerate(sheet.columns, start=2):
        append(ws, [column.header, cell_value(column, values.get(column.key))])
        ws.cell(row, 1).font = Font(bold=True)
        cell = ws.cell(row, 2)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if column.kind == DATE:
            cell.number_format = DATE_FORMAT
        codes = [code for code, _label in column.choices]
        if codes:
            validation = DataValidation(
                type="list", formula1='"' + ",".join(codes) + '"', allow_blank=True
            )
            ws.add_data_validation(validation)
            validation.add(f"B{row}")
    ws.auto_filter.ref = f"A1:B{ws.max_row}"
    return ws
