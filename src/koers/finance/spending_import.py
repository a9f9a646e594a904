"""Importing spending from a CSV export of the financial system.

Columns (header row, names in any order and case; separator ``;``, ``,`` or tab; UTF-8 with or
without byte order mark): ``programma`` (slug), ``bron`` (source name), ``jaar``, ``inspanning``
(effort name) or ``post`` (programme-level item), ``soort`` (``verplichting`` or ``uitgave``),
``datum`` (YYYY-MM-DD or DD-MM-YYYY), ``bedrag`` (Dutch or international notation, see
:func:`koers.numbers.parse_decimal`; more than zero, at most two decimals), ``omschrijving``,
``kenmerk`` (the document number; optional, but unique per budget line and kind, in the file and
against what is already booked).

The whole file is checked first; every problem is reported with its row (the header is row 1)
and column. Nothing is written unless every row is valid. The file is read into memory: an
export of spending has thousands of rows, not millions. Lookups take a fixed number of queries.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.monitoring.importing.problems import ImportProblem, shorten
from koers.numbers import NumberFormatError, parse_decimal
from koers.programmes.models import Effort, Programme

from .constants import SpendingKind
from .models import BudgetLine, FundingSource, Spending, SpendingSubmission
from .spending import spending_create, submission_done

COLUMNS = (
    "programma",
    "bron",
    "jaar",
    "inspanning",
    "post",
    "soort",
    "datum",
    "bedrag",
    "omschrijving",
    "kenmerk",
)
REQUIRED_COLUMNS = ("programma", "bron", "jaar", "soort", "datum", "bedrag")
OPTIONAL_COLUMNS = ("omschrijving", "kenmerk")
SEPARATORS = (";", "\t", ",")
MAX_AMOUNT = Decimal(10) ** 12  # DecimalField(max_digits=14, decimal_places=2)
MAX_DESCRIPTION = 500
MAX_REFERENCE = 100
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DUTCH = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


@dataclass
class SpendingRow:
    """One valid row, ready to write."""

    row: int
    line: BudgetLine
    kind: str
    date: dt.date
    amount: Decimal
    description: str
    reference: str


@dataclass
class SpendingCheck:
    file_name: str
    rows_total: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    rows: list[SpendingRow] = field(default_factory=list)
    created: int = 0
    first_spending_id: int | None = None

    @property
    def is_valid(self) -> bool:
        return not self.problems

    @property
    def total_amount(self) -> Decimal:
        return sum((r.amount for r in self.rows), Decimal("0.00"))


class SpendingImportRefused(Exception):
    """The file has problems: nothing was written."""

    def __init__(self, check: SpendingCheck):
        self.check = check
        count = len(check.problems)
        super().__init__(
            ngettext(
                "The file has %(count)s problem; nothing has been imported.",
                "The file has %(count)s problems; nothing has been imported.",
                count,
            )
            % {"count": count}
        )


class SpendingAlreadyBooked(Exception):
    """The upload's key was used already: nothing was booked a second time. ``submission``
    says what the first confirmation booked."""

    def __init__(self, submission: SpendingSubmission):
        self.submission = submission
        super().__init__(submission.key)


class SpendingSimilar(Exception):
    """Rows of the file have the same budget line, date and amount as spending booked already,
    and booking them anyway was not confirmed: nothing was booked."""

    def __init__(self, check: SpendingCheck, similar: list[tuple[SpendingRow, Spending]]):
        self.check = check
        self.similar = similar
        super().__init__(len(similar))


def similar_rows(check: SpendingCheck) -> list[tuple[SpendingRow, Spending]]:
    """The file's rows whose budget line, date and amount are booked already (perhaps the same
    file, without ``kenmerk``, booked from another session), each with the first such entry."""
    if not check.rows:
        return []
    dates = [row.date for row in check.rows]
    existing: dict[tuple, Spending] = {}
    for spending in Spending.objects.filter(
        budget_line_id__in={row.line.pk for row in check.rows},
        date__range=(min(dates), max(dates)),
    ).order_by("-pk"):
        existing[(spending.budget_line_id, spending.date, spending.amount)] = spending
    return [
        (row, existing[key])
        for row in check.rows
        if (key := (row.line.pk, row.date, row.amount)) in existing
    ]


def parse_date(text: str) -> dt.date:
    """YYYY-MM-DD or DD-MM-YYYY; ValueError otherwise."""
    text = text.strip()
    if m := _ISO.match(text):
        year, month, day = m.groups()
    elif m := _DUTCH.match(text):
        day, month, year = m.groups()
    else:
        raise ValueError(text)
    return dt.date(int(year), int(month), int(day))


def _read_csv(data: bytes, check: SpendingCheck) -> tuple[dict[str, int], list] | None:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        check.problems.append(
            ImportProblem(
                None, None, _("The file is not in UTF-8; save it as CSV UTF-8 and try again.")
            )
        )
        return None
    if not text.strip():
        check.problems.append(ImportProblem(None, None, _("The file is empty.")))
        return None
    first = text.splitlines()[0]
    delimiter = max(SEPARATORS, key=first.count)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        check.problems.append(ImportProblem(None, None, str(exc)))
        return None
    header = [re.sub(r"\s+", "", h).lower() for h in records[0]]
    positions = {name: header.index(name) for name in COLUMNS if name in header}
    missing = [name for name in REQUIRED_COLUMNS if name not in positions]
    if "inspanning" not in positions and "post" not in positions:
        missing.append("inspanning")
    for name in missing:
        check.problems.append(
            ImportProblem(1, name, _("The column is missing from the header row."))
        )
    if missing:
        return None
    return positions, records[1:]


def check_data(data: bytes, *, file_name: str = "", allowed_programme_ids=None) -> SpendingCheck:
    """Check every row of a CSV file; ``check.rows`` holds the rows when all are valid."""
    check = SpendingCheck(file_name=file_name)
    read = _read_csv(data, check)
    if read is None:
        return check
    positions, records = read
    rows = []
    for number, cells in enumerate(records, start=2):
        if not any(c.strip() for c in cells):
            continue
        rows.append(
            (
                number,
                {
                    name: (cells[i].strip() if i < len(cells) else "")
                    for name, i in positions.items()
                },
            )
        )
    check.rows_total = len(rows)
    lookup = _Lookup({r["programma"] for _n, r in rows}, allowed_programme_ids)
    seen: dict[tuple, int] = {}
    for number, cells in rows:
        valid = _check_row(number, cells, lookup, check.problems, seen)
        if valid is not None:
            check.rows.append(valid)
    lookup.check_existing(check)
    check.problems.sort(key=lambda p: (p.row or 0, _order(p.column)))
    if check.problems:
        check.rows = []
    return check


def _order(column: str | None) -> int:
    return COLUMNS.index(column) if column in COLUMNS else -1


class _Lookup:
    """Programmes, sources, efforts and budget lines of the file's programmes: four queries."""

    def __init__(self, slugs: set[str], allowed_programme_ids):
        programmes = Programme.objects.filter(slug__in=slugs)
        if allowed_programme_ids is not None:
            programmes = programmes.filter(pk__in=allowed_programme_ids)
        self.programmes = {p.slug: p for p in programmes}
        ids = [p.pk for p in self.programmes.values()]
        self.sources = {
            (s.programme_id, s.name.casefold()): s
            for s in FundingSource.objects.filter(programme_id__in=ids)
        }
        self.lines: dict[tuple, BudgetLine] = {}
        self.efforts: set[tuple] = set()
        for line in BudgetLine.objects.filter(programme_id__in=ids).select_related(
            "effort", "source"
        ):
            what = (
                ("e", line.effort.name.casefold())
                if line.effort_id
                else ("i", line.item.casefold())
            )
            self.lines[(line.source_id, line.year, what)] = line
        self.efforts = {
            (pid, name.casefold())
            for pid, name in Effort.objects.filter(programme_id__in=ids).values_list(
                "programme_id", "name"
            )
        }

    def check_existing(self, check: SpendingCheck) -> None:
        """Problems for references already booked (one query)."""
        refs = {(r.line.pk, r.kind, r.reference): r for r in check.rows if r.reference}
        if not refs:
            return
        existing = Spending.objects.filter(
            budget_line_id__in={k[0] for k in refs}, reference__in={k[2] for k in refs}
        ).values_list("budget_line_id", "kind", "reference")
        for key in existing:
            row = refs.get(tuple(key))
            if row is not None:
                check.problems.append(
                    ImportProblem(
                        row.row,
                        "kenmerk",
                        _(
                            "‘%(reference)s’ has already been booked on this budget line as "
                            "%(kind)s."
                        )
                        % {
                            "reference": shorten(row.reference),
                            "kind": SpendingKind(row.kind).label,
                        },
                    )
                )


def _what(line: BudgetLine) -> tuple[str, str]:
    return ("e", line.effort.name.casefold()) if line.effort_id else ("i", line.item.casefold())


def _kind(kind: str) -> str:
    return str(SpendingKind(kind).label)


def _check_row(number, cells, lookup: _Lookup, problems, seen) -> SpendingRow | None:
    before = len(problems)

    def problem(column, message):
        problems.append(ImportProblem(number, column, message))

    slug = cells["programma"]
    programme = lookup.programmes.get(slug)
    if not slug:
        problem("programma", _("Fill in the programme."))
    elif programme is None:
        problem("programma", _("There is no programme ‘%(slug)s’.") % {"slug": shorten(slug)})
    source = None
    name = cells["bron"]
    if not name:
        problem("bron", _("Fill in the funding source."))
    elif programme is not None:
        source = lookup.sources.get((programme.pk, name.casefold()))
        if source is None:
            problem(
                "bron",
                _("The programme has no funding source ‘%(name)s’.") % {"name": shorten(name)},
            )
    year = None
    try:
        year = int(cells["jaar"])
        if not 2000 <= year <= 2100:
            raise ValueError
    except ValueError:
        problem("jaar", _("‘%(text)s’ is not a year.") % {"text": shorten(cells["jaar"])})
        year = None
    effort_name = cells.get("inspanning", "")
    item = cells.get("post", "")
    what = None
    if effort_name and item:
        problem("post", _("Fill in an effort or an item, not both."))
    elif not effort_name and not item:
        problem("inspanning", _("Fill in an effort or an item."))
    elif effort_name:
        what = ("e", effort_name.casefold())
        if programme is not None and (programme.pk, what[1]) not in lookup.efforts:
            problem(
                "inspanning",
                _("The programme has no effort ‘%(name)s’.") % {"name": shorten(effort_name)},
            )
            what = None
    else:
        what = ("i", item.casefold())
    line = None
    if source is not None and year is not None and what is not None:
        line = lookup.lines.get((source.pk, year, what))
        if line is None:
            problem(
                "inspanning" if what[0] == "e" else "post",
                _("There is no budget line for ‘%(what)s’ from ‘%(source)s’ in %(year)s.")
                % {
                    "what": shorten(effort_name or item),
                    "source": source.name,
                    "year": year,
                },
            )
    kind = cells["soort"].lower()
    if kind not in SpendingKind.values:
        problem(
            "soort",
            _("‘%(text)s’ is not a kind; write verplichting or uitgave.")
            % {"text": shorten(cells["soort"])},
        )
    date = None
    try:
        date = parse_date(cells["datum"])
    except ValueError:
        problem(
            "datum",
            _("‘%(text)s’ is not a date; write for example 2019-03-31 or 31-03-2019.")
            % {"text": shorten(cells["datum"])},
        )
    amount = _amount(cells["bedrag"], problem)
    description = cells.get("omschrijving", "")
    if len(description) > MAX_DESCRIPTION:
        problem("omschrijving", _("At most %(n)s characters.") % {"n": MAX_DESCRIPTION})
    reference = cells.get("kenmerk", "")
    if len(reference) > MAX_REFERENCE:
        problem("kenmerk", _("At most %(n)s characters.") % {"n": MAX_REFERENCE})
    elif reference and line is not None and kind in SpendingKind.values:
        key = (line.pk, kind, reference)
        if key in seen:
            problem(
                "kenmerk",
                _("‘%(reference)s’ is already in row %(row)s for this budget line and kind.")
                % {"reference": shorten(reference), "row": seen[key]},
            )
        else:
            seen[key] = number
    if len(problems) > before:
        return None
    return SpendingRow(number, line, kind, date, amount, description, reference)


def _amount(text: str, problem) -> Decimal | None:
    try:
        value = parse_decimal(text)
    except NumberFormatError as exc:
        problem("bedrag", str(exc))
        return None
    if value <= 0:
        problem("bedrag", _("The amount must be more than zero."))
    elif value != value.quantize(Decimal("0.01")):
        problem("bedrag", _("An amount has at most two decimals (cents)."))
    elif value >= MAX_AMOUNT:
        problem("bedrag", _("The amount is too large."))
    else:
        return value.quantize(Decimal("0.01"))
    return None


def import_data(
    data: bytes,
    *,
    actor,
    file_name: str = "",
    dry_run: bool = False,
    allowed_programme_ids=None,
    submission_key: str = "",
    allow_similar: bool = True,
) -> SpendingCheck:
    """Check the file and, when every row is valid and not ``dry_run``, book every row in one
    transaction. Raises :class:`SpendingImportRefused` (nothing written) on any problem.

    ``submission_key`` (the preview's random key): a second confirmation with the same key
    books nothing and raises :class:`SpendingAlreadyBooked`. Without ``allow_similar``, rows
    with the budget line, date and amount of spending booked already raise
    :class:`SpendingSimilar` (nothing written) so that the user is asked first."""
    check = check_data(data, file_name=file_name, allowed_programme_ids=allowed_programme_ids)
    if not check.is_valid:
        raise SpendingImportRefused(check)
    if dry_run:
        return check
    key = (submission_key or "")[:64]
    if key and (done := submission_done(key)) is not None:
        raise SpendingAlreadyBooked(done)
    if not allow_similar and (similar := similar_rows(check)):
        raise SpendingSimilar(check, similar)
    try:
        with transaction.atomic():
            receipt = SpendingSubmission.objects.create(key=key) if key else None
            _book(check, actor)
            if receipt is not None:
                receipt.spending_count = check.created
                receipt.total_amount = check.total_amount
                receipt.first_spending_id = check.first_spending_id
                receipt.save()
    except IntegrityError:
        if key and (done := submission_done(key)) is not None:  # another request was first
            raise SpendingAlreadyBooked(done) from None
        raise
    return check


def _book(check: SpendingCheck, actor) -> None:
    with transaction.atomic():
        for row in check.rows:
            spending = spending_create(
                actor=actor,
                budget_line=row.line,
                kind=row.kind,
                date=row.date,
                amount=row.amount,
                description=row.description,
                reference=row.reference,
            )
            check.created += 1
            if check.first_spending_id is None:
                check.first_spending_id = spending.pk


def import_file(path: Path | str, **kwargs) -> SpendingCheck:
    path = Path(path)
    return import_data(path.read_bytes(), file_name=path.name, **kwargs)
