"""No text that Koers writes runs as a formula in a spreadsheet (pure: no ORM, no I/O).

A spreadsheet reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and a
leading tab or carriage return lets a CSV field slip past that check ("CSV injection", OWASP).
Ordinary text does start like that (``-5 stuks``, ``+31 …``, ``=HYPERLINK(…)`` typed by
someone), so every CSV and XLSX file Koers writes passes its text through this module, by one
rule, :func:`starts_like_formula`:

- **CSV** (:func:`csv_safe`, :func:`csv_row`): such text gets a leading ``'``, as OWASP and Excel
  themselves do; Excel shows the text, not a formula. Koers' own CSV imports take the quote off
  again (:func:`csv_unquote`), so a file read back gives the same text.
- **XLSX** (:func:`xlsx_protect`): the cell is stored as a text cell with Excel's *quote prefix*
  style, not as a formula, and its value is the text exactly (no apostrophe in the data): Excel
  shows ``=HYPERLINK(…)`` as text and keeps it text when the cell is edited, and reading the
  workbook back (Koers' own workbook import) gives the same text without anything to strip.

Only text is touched: numbers, dates and booleans are written as themselves, so ``-5`` stays a
number and ``-5 stuks`` becomes safe text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

__all__ = [
    "FORMULA_START",
    "csv_row",
    "csv_safe",
    "csv_unquote",
    "starts_like_formula",
    "xlsx_protect",
]

#: The first characters that make a spreadsheet run a cell, or skip past the check.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(value: Any) -> bool:
    """Whether ``value`` is text that a spreadsheet would run as a formula (the one rule)."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_safe(value: Any) -> Any:
    """A CSV field's value: text that starts like a formula with a leading ``'``; anything else
    (numbers, dates, other text) unchanged. Apply it before numbers are formatted as text."""
    return "'" + value if starts_like_formula(value) else value


def csv_row(values: Iterable[Any], *, number: Callable[[Any], str] | None = None) -> list[Any]:
    """A CSV row: :func:`csv_safe` of every text; a number (Decimal, int, float; not a bool)
    written by ``number`` when given (e.g. with a decimal comma), so ``-5`` stays ``-5``."""
    return [
        number(value)
        if number is not None
        and isinstance(value, Decimal | int | float)
        and not isinstance(value, bool)
        else csv_safe(value)
        for value in values
    ]


def csv_unquote(text: str) -> str:
    """Undo :func:`csv_safe` when reading a CSV back (``'=x`` → ``=x``); other text unchanged."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_START:
        return text[1:]
    return text


def xlsx_protect(cells: Iterable[Any]) -> None:
    """Make each openpyxl cell (already holding its value) whose text starts like a formula a
    text cell with Excel's quote prefix. openpyxl would otherwise write text starting with
    ``=`` as a live formula, which Excel runs and which a read with ``data_only`` gives back as
    empty."""
    for cell in cells:
        if starts_like_formula(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True
