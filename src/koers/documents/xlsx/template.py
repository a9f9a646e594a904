"""The empty template a new programme starts from, with the explanation sheet ``Uitleg`` that
describes every sheet and column from the data model."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from .layout import (
    DATE,
    DECIMAL,
    EXPLANATION_TITLE,
    INTEGER,
    LIST,
    MONEY,
    REFERENCES,
    SHEETS,
    Column,
    Sheet,
)
from .write import _bold_header, append, new_workbook, write_key_values, write_table


def _type_text(column: Column, sheet: Sheet | None = None) -> str:
    refers = REFERENCES.get((sheet.title, column.header)) if sheet is not None else None
    if refers is not None:
        what = _("names separated by ;") if column.kind == LIST else _("text")
        return _("%(what)s: the ‘%(column)s’ of a row on the sheet ‘%(sheet)s’") % {
            "what": what,
            "column": refers[1],
            "sheet": refers[0],
        }
    field = column.field
    kind = column.kind
    if column.choices:
        return _("choice: %(codes)s") % {
            "codes": ", ".join(f"{code} ({label})" for code, label in column.choices)
        }
    if kind == DATE:
        return _("date (dd-mm-yyyy)")
    if kind == MONEY:
        return _("amount in euros (at most two decimals)")
    if kind == DECIMAL:
        return _("number (decimal comma or point)")
    if kind == INTEGER:
        return _("whole number")
    if kind == LIST:
        return _("names separated by ;")
    max_length = getattr(field, "max_length", None)
    if isinstance(field, models.ForeignKey | models.CharField) and max_length:
        return _("text (at most %(n)s characters)") % {"n": max_length}
    return _("text")


def _meaning(column: Column) -> str:
    field = column.field
    text = str(field.verbose_name)
    if field.help_text:
        text = f"{text}: {field.help_text}"
    return text[:1].upper() + text[1:]


def write_explanation(workbook: Workbook) -> Worksheet:
    """The ``Uitleg`` sheet: every sheet and column with its meaning, type and allowed values."""
    ws = workbook.create_sheet(EXPLANATION_TITLE, 0)
    headers = [_("Sheet"), _("Column"), _("Required"), _("Type and allowed values"), _("Meaning")]
    _bold_header(ws, headers, [22, 26, 10, 50, 80])
    notes = [
        _(
            "One row per element below the header row. Dates as dates (or written dd-mm-yyyy or "
            "yyyy-mm-dd), numbers as numbers (or written with a decimal comma). Leave a cell "
            "empty for the default. Names refer to other sheets exactly as written there."
        ),
        _(
            "Programma has one field per row: the field in column A, its value in column B. "
            "Rollen: rows with the same kind, title, person and order are one role, one row per "
            "year of hours. Begroting: fill in an effort or a programme-level item, not both."
        ),
    ]
    for note in notes:
        append(ws, ["", "", "", "", note])
    for sheet in SHEETS:
        for column in sheet.columns:
            append(
                ws,
                [
                    sheet.title,
                    column.header,
                    _("yes") if column.required else _("no"),
                    _type_text(column, sheet),
                    _meaning(column),
                ],
            )
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.auto_filter.ref = f"A1:E{ws.max_row}"
    return ws


def template_workbook() -> Workbook:
    """The empty workbook a new programme is set up in: every sheet with its header row, the
    choice lists, and the ``Uitleg`` sheet first."""
    workbook = new_workbook()
    write_explanation(workbook)
    for sheet in SHEETS:
        if sheet.key_value:
            write_key_values(workbook, sheet, {})
        else:
            write_table(workbook, sheet.title, sheet.columns, [])
    return workbook
