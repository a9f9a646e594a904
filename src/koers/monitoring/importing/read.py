"""Reading a delivery file (CSV or XLSX) as a stream of rows, one row at a time.

:func:`open_rows` reads the header row, maps its column names to :data:`ALL_COLUMNS` and then
yields ``(row_number, cells)`` for every non-empty data row, where ``cells`` has one entry per
column of :data:`ALL_COLUMNS` (None for a column the file does not have) and ``extra`` says
whether the row has filled cells beyond the named columns. Nothing is kept of rows already
read, so a file of a million rows is read in constant memory.

CSV: UTF-8 with or without byte order mark; the separator (``;``, ``,`` or tab) is the one the
header row uses most. Each line is decoded on its own, so a wrong encoding is reported at the
row where it occurs. XLSX: the first sheet, read with openpyxl in read-only mode; numbers are
exact (``Decimal(str(cell))``), a date in ``periode`` is a day (or a month or year when the cell
shows no day), a whole number there a year.
"""

from __future__ import annotations

import csv
import datetime as dt
import operator
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext as _

from koers.workbook_limits import rows_message, too_large_message, unpacked_size

from . import problems as limits
from .problems import ALL_COLUMNS, REQUIRED_COLUMNS, ProblemLog, shorten

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls (Excel 97-2003)
UTF8_BOM = b"\xef\xbb\xbf"
SEPARATORS = (";", "\t", ",")


class FileUnreadable(Exception):
    """The file as a whole cannot be read (already logged as a problem)."""


def is_xlsx_name(file_name: str) -> bool:
    return file_name.lower().endswith((".xlsx", ".xlsm"))


# Header names as people also write them (after normalising: no spaces, lower case).
HEADER_ALIASES = {"bekendsinds": "bekend_sinds", "bekend-sinds": "bekend_sinds"}


def normalise_header(name: object) -> str:
    text = re.sub(r"\s+", "", str(name if name is not None else "")).replace("\ufeff", "").lower()
    return HEADER_ALIASES.get(text, text)


def _encoding_message() -> str:
    return _(
        "The file is not in UTF-8, so letters such as ë or é cannot be read. In Excel, save it "
        'with "Save as" and the type "CSV UTF-8 (comma delimited)", then upload it again.'
    )


class RowReader:
    """Iterate over the data rows of a file; problems with the file go into ``log``.

    After construction, ``ok`` says whether the header was usable. Iterating yields
    ``(row_number, cells, extra)``; reading stops (with a problem) at a row that cannot be read.
    """

    def __init__(self, path: Path, *, file_name: str, log: ProblemLog):
        self.path = Path(path)
        self.file_name = file_name
        self.log = log
        self.ok = False
        self.stopped = False  # reading stopped early at a row that could not be read
        self.width = 0  # number of named columns in the header row
        self.positions: list[int | None] = [None] * len(ALL_COLUMNS)
        self.delimiter = ";"
        self._closers: list = []
        self._rows: Iterator[tuple[int, list]] | None = None
        try:
            with open(self.path, "rb") as f:
                head = f.read(8192)
        except OSError as exc:
            self.log.add(None, None, _("The file cannot be read: %(error)s") % {"error": exc})
            return
        if not head.strip(UTF8_BOM + b" \t\r\n"):
            self.log.add(None, None, _("The file is empty."))
            return
        try:
            header = self._open_xlsx(head) if is_xlsx_name(file_name) else self._open_csv(head)
        except FileUnreadable:
            self.close()
            return
        self.ok = self._map_header(header)
        if not self.ok:
            self.close()

    # --- CSV ------------------------------------------------------------------------------------

    def _open_csv(self, head: bytes) -> list:
        if head.startswith(ZIP_MAGIC):
            self._fail(
                _(
                    "This file is an Excel workbook (XLSX) but its name ends in something else "
                    "than .xlsx. Rename it to .xlsx, or save it in Excel as CSV UTF-8."
                )
            )
        if head.startswith(OLE_MAGIC):
            self._fail(_old_excel_message())
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            self._fail(_encoding_message())
        if b"\x00" in head or head.startswith(b"%PDF"):
            self._fail(
                _(
                    "This is not a CSV text file. Upload a CSV file (saved as CSV UTF-8) or an "
                    "Excel workbook (.xlsx)."
                )
            )
        f = open(self.path, "rb")  # noqa: SIM115 - closed by close()
        self._closers.append(f)
        # Old Excel for Mac ends lines with a carriage return only.
        binary_lines = _cr_lines(f) if b"\n" not in head and b"\r" in head else iter(f)
        first = next(binary_lines, b"")
        if first.startswith(UTF8_BOM):
            first = first[len(UTF8_BOM) :]
        try:
            first_text = first.decode("utf-8")
        except UnicodeDecodeError:
            self._fail(_encoding_message(), row=1)
        counts = {sep: first_text.count(sep) for sep in SEPARATORS}
        best = max(SEPARATORS, key=lambda sep: counts[sep])
        self.delimiter = best if counts[best] else ";"
        state = {"row": 1}

        def lines() -> Iterator[str]:
            yield first_text
            for raw in binary_lines:
                try:
                    yield raw.decode("utf-8")
                except UnicodeDecodeError:
                    self.log.add(state["row"] + 1, None, _encoding_message())
                    self.stopped = True
                    return

        reader = csv.reader(lines(), delimiter=self.delimiter)
        try:
            header = next(reader)
        except csv.Error as exc:
            self._fail(_csv_error_message(exc), row=1)
        except StopIteration:
            self._fail(_("The file is empty."))

        def rows() -> Iterator[tuple[int, list]]:
            row = 1
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    self.log.add(row + 1, None, _csv_error_message(exc))
                    self.stopped = True
                    return
                row += 1
                state["row"] = row
                yield row, cells

        self._rows = rows()
        return header

    # --- XLSX -----------------------------------------------------------------------------------

    def _open_xlsx(self, head: bytes) -> list:
        if head.startswith(OLE_MAGIC):
            self._fail(_old_excel_message())
        if not head.startswith(ZIP_MAGIC):
            self._fail(_not_a_workbook_message())
        try:
            size = unpacked_size(self.path)
        except Exception:  # noqa: BLE001 - a damaged zip directory
            self._fail(_not_a_workbook_message())
        if size > limits.MAX_UNPACKED_BYTES:
            self._fail(
                too_large_message(max_bytes=limits.MAX_UNPACKED_BYTES, max_rows=limits.MAX_ROWS)
            )
        import openpyxl

        try:
            wb = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 - any failure to open means: not a usable workbook
            self._fail(_not_a_workbook_message())
        self._closers.append(wb)
        try:
            ws = wb.worksheets[0]
            ws.reset_dimensions()  # the stored size is often wrong; read what is there
            first = next(ws.iter_rows(min_row=1, max_row=1), ())
            header = [cell.value for cell in first]
        except Exception:  # noqa: BLE001
            self._fail(_not_a_workbook_message())

        def rows() -> Iterator[tuple[int, list]]:
            row = 1
            try:
                for row, cells in enumerate(ws.iter_rows(min_row=2), start=2):  # noqa: B007
                    yield row, cells
            except Exception:  # noqa: BLE001 - a damaged sheet part
                self.log.add(row + 1, None, _not_a_workbook_message())
                self.stopped = True

        self._rows = rows()
        return header

    # --- header ---------------------------------------------------------------------------------

    def _map_header(self, header: list) -> bool:
        names = [normalise_header(name) for name in header]
        while names and not names[-1]:
            names.pop()
        if not names:
            self.log.add(
                1,
                None,
                _("Row 1 must be the header row with the column names: %(columns)s.")
                % {"columns": ", ".join(ALL_COLUMNS[:6])},
            )
            return False
        self.width = len(names)
        ok = True
        for number, name in enumerate(names):
            if not name:
                self.log.add(
                    1,
                    None,
                    _("Column %(number)s of the header row has no name.") % {"number": number + 1},
                )
                ok = False
            elif name not in ALL_COLUMNS:
                self.log.add(
                    1,
                    None,
                    _("Unknown column ‘%(name)s’. The columns are: %(columns)s.")
                    % {"name": shorten(header[number]), "columns": ", ".join(ALL_COLUMNS)},
                )
                ok = False
            else:
                index = ALL_COLUMNS.index(name)
                if self.positions[index] is not None:
                    self.log.add(
                        1,
                        name,
                        _("The column %(column)s appears twice in the header row.")
                        % {"column": name},
                    )
                    ok = False
                else:
                    self.positions[index] = number
        for name in REQUIRED_COLUMNS:
            if self.positions[ALL_COLUMNS.index(name)] is None:
                self.log.add(
                    1,
                    name,
                    _(
                        "The column %(column)s is missing. The header row needs at least the "
                        "columns programma, indicator, periode and waarde."
                    )
                    % {"column": name},
                )
                ok = False
        return ok

    # --- rows -----------------------------------------------------------------------------------

    def __iter__(self) -> Iterator[tuple[int, tuple, bool]]:
        if not self.ok or self._rows is None:
            return
        width = self.width
        # Absent columns read the empty sentinel appended to every row (index -1).
        getter = operator.itemgetter(*[-1 if pos is None else pos for pos in self.positions])
        xlsx = is_xlsx_name(self.file_name)
        periode = ALL_COLUMNS.index("periode")
        present = [
            (index, pos, _xlsx_period if index == periode else _xlsx_value)
            for index, pos in enumerate(self.positions)
            if pos is not None
        ]
        empty = [None] * len(self.positions)
        last_row = limits.MAX_ROWS + 1  # the header row is row 1
        try:
            for row, raw in self._rows:
                if row > last_row:
                    self.log.add(row, None, rows_message(max_rows=limits.MAX_ROWS))
                    self.stopped = True
                    return
                if xlsx:
                    cells = empty.copy()
                    n = len(raw)
                    for index, pos, convert in present:
                        if pos < n:
                            value = raw[pos].value
                            cells[index] = value if value.__class__ is str else convert(raw[pos])
                    extra = n > width and any(
                        cell.value is not None and str(cell.value).strip() for cell in raw[width:]
                    )
                    if not extra and all(
                        c is None or (c.__class__ is str and not c.strip()) for c in cells
                    ):
                        continue
                    yield row, tuple(cells), extra
                    continue
                n = len(raw)
                extra = False
                if n != width:
                    if n < width:
                        raw += [""] * (width - n)
                    else:
                        extra = any(c.strip() for c in raw[width:])
                if not raw[0].strip() and not "".join(raw).strip():
                    continue  # an empty line, or one of only separators
                raw.append("")
                yield row, getter(raw), extra
        finally:
            self.close()

    def close(self) -> None:
        while self._closers:
            try:
                self._closers.pop().close()
            except Exception:  # noqa: BLE001, S110 - closing a broken file
                pass

    def _fail(self, message: str, row: int | None = None):
        self.log.add(row, None, message)
        raise FileUnreadable


def _cr_lines(f) -> Iterator[bytes]:
    """The lines of a file whose lines end in a carriage return only, read in chunks."""
    rest = b""
    while chunk := f.read(1 << 16):
        parts = (rest + chunk).split(b"\r")
        rest = parts.pop()
        for part in parts:
            yield part + b"\n"
    if rest:
        yield rest


def _old_excel_message() -> str:
    return _(
        "This is an old Excel file (.xls). Save it in Excel as Excel workbook (.xlsx) or as CSV "
        "UTF-8, then upload it again."
    )


def _not_a_workbook_message() -> str:
    return _(
        "This is not a valid Excel workbook (.xlsx); it cannot be opened. Save it in Excel as "
        "Excel workbook (.xlsx) or as CSV UTF-8, then upload it again."
    )


def _csv_error_message(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return _(
            "A cell in this row is far too long (over %(limit)s characters); perhaps a "
            "quotation mark is not closed. The rest of the file has not been read."
        ) % {"limit": f"{csv.field_size_limit():,}".replace(",", ".")}
    return _(
        "This row cannot be read as CSV (%(error)s). The rest of the file has not been read."
    ) % {"error": shorten(text, 80)}


# --- XLSX cells ---------------------------------------------------------------------------------


def _xlsx_value(cell):
    """A cell's value for the import: text stays text, numbers become exact Decimals."""
    value = cell.value
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    return value  # date, datetime, time: the validator says what is wrong


_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def _xlsx_period(cell) -> str | None:
    """``periode`` as text: a whole number is a year, a date a day — or the month or year when
    the cell's format shows no day (Excel turns a typed 2019-07 into 1 July 2019 shown as
    jul-19)."""
    value = cell.value
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        if value == int(value):
            return str(int(value))
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        fmt = _QUOTED.sub("", str(getattr(cell, "number_format", "") or "").lower())
        if "d" not in fmt and "m" in fmt:
            return f"{day.year}-{day.month:02d}"
        if "d" not in fmt and "m" not in fmt and "y" in fmt:
            return f"{day.year}"
        return day.isoformat()
    return str(value)
