"""What an import check reports: problems by row and column, samples of what changes, counts.

Pure data (no ORM, no I/O). The limits on cell lengths are the model's (``source`` is a
``CharField(max_length=300)``) or chosen to keep a runaway cell from filling the database.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# The delivery format. ``voorlopig`` (ja/nee) and ``bekend_sinds`` (the day from which the value
# is known) are optional extra columns; see the docs.
COLUMNS = ("programma", "indicator", "periode", "waarde", "bron", "opmerking")
OPTIONAL_COLUMNS = ("voorlopig", "bekend_sinds")
ALL_COLUMNS = COLUMNS + OPTIONAL_COLUMNS
REQUIRED_COLUMNS = ("programma", "indicator", "periode", "waarde")

MAX_PROBLEMS = 1000  # problem objects kept; all are counted
MAX_SAMPLES = 50  # added / changed samples kept for the preview
MAX_UPLOAD_BYTES = 200 * 1024 * 1024  # 1,000,000 rows of CSV are about 50 MB
MAX_ROWS = 1_000_000  # rows of a file (the header row not counted); checked while reading
MAX_UNPACKED_BYTES = 300 * 1024 * 1024  # a workbook of 1,000,000 rows unpacks to about 250 MB
MAX_SOURCE_CHARS = 300  # Measurement.source max_length
MAX_NOTE_CHARS = 1000
MAX_KEY_CHARS = 100  # programma, indicator, periode, waarde, voorlopig, bekend_sinds
MAX_INTEGER_DIGITS = 12  # DecimalField(max_digits=16, decimal_places=4)
MAX_DECIMALS = 4
VALUE_LIMIT = Decimal(10) ** MAX_INTEGER_DIGITS


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with the file. ``row`` is the 1-based row in the file (the header row is
    1), ``column`` a name from :data:`ALL_COLUMNS`; either may be None."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return _("row %(row)s, column %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.row is not None:
            return _("row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        if self.column:
            return _("column %(column)s: %(message)s") % {
                "column": self.column,
                "message": self.message,
            }
        return self.message


@dataclass(frozen=True)
class ChangeSample:
    """One row of the file that adds a value (``old_value`` None) or changes one."""

    row: int
    programme_slug: str
    goal_code: str
    indicator_name: str
    period_code: str
    period_label: str
    old_value: Decimal | None
    new_value: Decimal
    decimals: int | None
    unit: str
    source: str


@dataclass
class ImportCheck:
    """The outcome of checking (or importing) one file."""

    file_name: str
    rows_total: int = 0
    rows_valid: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    problems_total: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    added_samples: list[ChangeSample] = field(default_factory=list)
    changed_samples: list[ChangeSample] = field(default_factory=list)
    programmes: list[tuple[str, str]] = field(default_factory=list)
    # Filled by an import (apply_file): rows with problems that were skipped, and the batch.
    skipped: int = 0
    batch_id: int | None = None

    @property
    def is_valid(self) -> bool:
        return self.problems_total == 0

    @property
    def problems_more(self) -> int:
        """Problems counted but not kept in :attr:`problems`."""
        return self.problems_total - len(self.problems)


def check_to_dict(check: ImportCheck) -> dict:
    """The check as JSON-ready data (stored with the upload as its preview)."""
    data = asdict(check)
    for key in ("added_samples", "changed_samples"):
        for item in data[key]:
            for name in ("old_value", "new_value"):
                if item[name] is not None:
                    item[name] = str(item[name])
    return data


def check_from_dict(data: dict) -> ImportCheck:
    """The check stored by :func:`check_to_dict`."""
    data = dict(data)

    def samples(items) -> list[ChangeSample]:
        result = []
        for item in items:
            item = dict(item)
            for name in ("old_value", "new_value"):
                if item[name] is not None:
                    item[name] = Decimal(item[name])
            result.append(ChangeSample(**item))
        return result

    data["problems"] = [ImportProblem(**p) for p in data.get("problems", [])]
    data["added_samples"] = samples(data.get("added_samples", []))
    data["changed_samples"] = samples(data.get("changed_samples", []))
    data["programmes"] = [tuple(p) for p in data.get("programmes", [])]
    return ImportCheck(**data)


class ImportRefused(Exception):
    """The file has problems (and only the valid rows were not asked for): nothing was written."""

    def __init__(self, check: ImportCheck):
        self.check = check
        super().__init__(
            ngettext(
                "The file has %(count)s problem; nothing has been imported.",
                "The file has %(count)s problems; nothing has been imported.",
                check.problems_total,
            )
            % {"count": check.problems_total}
        )


class ProblemLog:
    """Collects problems: keeps the first :data:`MAX_PROBLEMS`, counts all, and remembers which
    rows have at least one."""

    def __init__(self, limit: int = MAX_PROBLEMS):
        self.limit = limit
        self.kept: list[ImportProblem] = []
        self.total = 0
        self.rows_with_problems = 0
        self._last_row: int | None = None

    @property
    def full(self) -> bool:
        return len(self.kept) >= self.limit

    def add(self, row: int | None, column: str | None, message: str) -> None:
        self.total += 1
        if row is not None and row != self._last_row:
            self.rows_with_problems += 1
            self._last_row = row
        if len(self.kept) < self.limit:
            self.kept.append(ImportProblem(row, column, message))

    def sorted(self) -> list[ImportProblem]:
        return sorted(self.kept, key=lambda p: (p.row or 0, _column_order(p.column)))


def _column_order(column: str | None) -> int:
    try:
        return ALL_COLUMNS.index(column) if column else -1
    except ValueError:
        return len(ALL_COLUMNS)


def shorten(text: object, limit: int = 40) -> str:
    """A cell's text for a message: at most ``limit`` characters."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
