"""The checking pass: read the whole file once, validate every row, find duplicates and compare
with the values already in the database (added / changed / unchanged). Writes nothing.

Memory stays bounded: rows are not kept; duplicates are found with a dict of one int per valid
row; existing values are looked up per chunk of rows, and only for indicators that already have
measurements.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import connection
from django.utils.translation import gettext as _

from ..models import Measurement
from ..periods import period_label
from .problems import MAX_SAMPLES, ChangeSample, ImportCheck, ProblemLog
from .read import RowReader
from .validate import IndicatorRef, PeriodRef, RowChecker, row_key

PROGRESS_EVERY = 10_000
LOOKUP_CHUNK = 500


@dataclass
class Scan:
    """A check plus what the writing pass needs to skip the same rows."""

    check: ImportCheck
    evidence: tuple[int, str] | None = None
    duplicate_rows: set[int] = field(default_factory=set)
    indicators_with_values: set[int] = field(default_factory=set)
    fatal: bool = False  # the file as a whole could not be read (or not to the end)


def db_decimal(value) -> Decimal:
    """A DecimalField value read with a raw cursor (SQLite gives int or float)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def db_date(value):
    """A DateField value read with a raw cursor (SQLite may give text)."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def sample(
    row: int, ref: IndicatorRef, period: PeriodRef, value: Decimal, source: str, old
) -> ChangeSample:
    return ChangeSample(
        row=row,
        programme_slug=ref.programme_slug,
        goal_code=ref.goal_code,
        indicator_name=ref.name,
        period_code=period.code,
        period_label=period_label(period.period.kind, period.period.start),
        old_value=old,
        new_value=value,
        decimals=ref.decimals,
        unit=ref.unit,
        source=source,
    )


class Comparer:
    """Counts what a valid row would do to the database, looking existing values up in chunks."""

    def __init__(self, check: ImportCheck):
        self.check = check
        self.pending: list[tuple] = []
        table = connection.ops.quote_name(Measurement._meta.db_table)
        # A join with the keys as a VALUES list: both databases look each key up in the unique
        # index (SQLite would scan the whole table for "(a, b, c) IN (VALUES ...)").
        self._select = (
            "WITH k (i, s, e) AS (VALUES {values}) "
            "SELECT m.indicator_id, m.period_start, m.period_end, m.value, m.source, m.note, "
            f"m.is_provisional, m.is_fictitious, m.known_from FROM k JOIN {table} m "
            "ON m.indicator_id = k.i AND m.period_start = k.s AND m.period_end = k.e"
        )

    def add(
        self, row, ref: IndicatorRef, period: PeriodRef, value, source, note, provisional, known
    ):
        if not ref.has_measurements:
            self._added(row, ref, period, value, source)
            return
        self.pending.append((row, ref, period, value, source, note, provisional, known))
        if len(self.pending) >= LOOKUP_CHUNK:
            self.flush()

    def _added(self, row, ref, period, value, source) -> None:
        check = self.check
        check.added += 1
        if len(check.added_samples) < MAX_SAMPLES:
            check.added_samples.append(sample(row, ref, period, value, source, None))

    def flush(self) -> None:
        if not self.pending:
            return
        params: list = []
        for _row, ref, period, *_rest in self.pending:
            params += [ref.id, period.period.start, period.period.end]
        sql = self._select.format(values=", ".join(["(%s, %s, %s)"] * len(self.pending)))
        existing = {}
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for ind, start, end, value, source, note, provisional, fictitious, known in cursor:
                start, end, known = db_date(start), db_date(end), db_date(known)
                key = (ind << 29) | (start.toordinal() << 9) | (end - start).days
                existing[key] = (
                    db_decimal(value),
                    source,
                    note,
                    bool(provisional),
                    fictitious,
                    known,
                )
        check = self.check
        for row, ref, period, value, source, note, provisional, known in self.pending:
            old = existing.get(row_key(ref.id, period))
            if old is None:
                self._added(row, ref, period, value, source)
            elif (
                old[0] == value
                and old[1:4] == (source, note, provisional)
                and not old[4]
                and (known is None or known == old[5])
            ):
                check.unchanged += 1
            else:
                check.changed += 1
                if len(check.changed_samples) < MAX_SAMPLES:
                    check.changed_samples.append(sample(row, ref, period, value, source, old[0]))
        self.pending = []


def duplicate_message(ref: IndicatorRef, period: PeriodRef, first: int) -> str:
    return _(
        "Goal %(code)s already has a value for %(period)s in row %(row)s; give each indicator "
        "one value per period."
    ) % {"code": ref.goal_code, "period": period.code, "row": first}


def scan(
    path: Path,
    *,
    file_name: str,
    allowed_programme_ids: set[int] | None,
    progress: Callable[[int], None] | None = None,
    evidence: tuple[int, str] | None = None,
) -> Scan:
    """Check the whole file (see the module docstring)."""
    check = ImportCheck(file_name=file_name)
    log = ProblemLog()
    reader = RowReader(path, file_name=file_name, log=log)
    checker = RowChecker(log=log, allowed_programme_ids=allowed_programme_ids, evidence=evidence)
    comparer = Comparer(check)
    seen: dict[int, int] = {}
    duplicates: set[int] = set()
    with_values: set[int] = set()
    rows = valid = 0
    for row, cells, extra in reader:
        rows += 1
        if progress is not None and rows % PROGRESS_EVERY == 0:
            progress(rows)
        parsed = checker.check(row, cells, extra)
        if parsed is None:
            continue
        ref, period, value, source, note, provisional, known = parsed
        key = row_key(ref.id, period)
        first = seen.setdefault(key, row)
        if first != row:
            log.add(row, "periode", duplicate_message(ref, period, first))
            duplicates.add(row)
            continue
        valid += 1
        if ref.has_measurements:
            with_values.add(ref.id)
        comparer.add(row, ref, period, value, source, note, provisional, known)
    comparer.flush()
    del seen
    if checker.needs_rerun:
        # An ambiguous 7.000 came before the first 7.5: check again, now knowing the notation.
        return scan(
            path,
            file_name=file_name,
            allowed_programme_ids=allowed_programme_ids,
            progress=progress,
            evidence=checker.evidence,
        )
    if progress is not None and rows % PROGRESS_EVERY:
        progress(rows)
    if reader.ok and rows == 0 and not reader.stopped:
        log.add(
            None, None, _("The file has only the header row and no measurements underneath it.")
        )
    check.rows_total = rows
    check.rows_valid = valid
    check.problems = log.sorted()
    check.problems_total = log.total
    check.programmes = sorted(checker.resolver.touched.values())
    return Scan(
        check=check,
        evidence=checker.evidence,
        duplicate_rows=duplicates,
        indicators_with_values=with_values,
        fatal=not reader.ok or reader.stopped or (rows == 0),
    )
