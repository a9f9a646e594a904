"""The writing pass: read the file again and upsert its valid rows with raw SQL, in batches.

Runs inside the caller's transaction. Per batch of rows one ``cursor.executemany`` of
multi-row

    INSERT ... VALUES ... ON CONFLICT (indicator_id, period_start, period_end) DO UPDATE SET ...
    WHERE <value, source, note, provisional or fictitious differs>

(PostgreSQL and SQLite ≥ 3.24 alike), so an unchanged value is left alone (its version and
history stay as they are) and a changed one gets ``version + 1``. On PostgreSQL the rows are
first copied (COPY) into a temporary table and upserted from there with the same statement.

A new row is known from its ``bekend_sinds`` cell, or else from the end of its period (never
later than the import's day, never before the period starts). The upsert leaves ``known_from``
of an existing row alone; the rows whose ``bekend_sinds`` cell gives another day are set
afterwards by :func:`set_known_from` (one ``executemany`` of keyed UPDATEs), so an empty cell
keeps the day a value is already known from.

Every row written points to the import batch; the history then gets one record per added ('+')
or changed ('~') row in one set-based ``INSERT ... SELECT``. Measurements that had no history
yet (entered before history existed, or loaded in bulk) first get a record of their old values,
so a correction never hides what was there before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Measurement
from ..periods import default_known_from
from .check import PROGRESS_EVERY
from .problems import ProblemLog
from .read import RowReader
from .validate import RowChecker

PARAMS_PER_ROW = 10
ROWS_PER_STATEMENT = 500  # fewer if the database allows fewer parameters (SQLite: 999)
ID_CHUNK = 500


@dataclass
class Written:
    rows_total: int = 0
    skipped: int = 0
    complete: bool = False  # the file was read to its end
    indicator_ids: set[int] = field(default_factory=set)  # indicators with rows written


def _tables() -> tuple[str, str, list[str]]:
    """Quoted names of the measurement table, its history table, and the columns they share."""
    qn = connection.ops.quote_name
    history = Measurement.history.model
    own = {f.column for f in Measurement._meta.concrete_fields}
    shared = [
        f.column
        for f in history._meta.concrete_fields
        if not f.name.startswith("history_") and f.column in own
    ]
    return qn(Measurement._meta.db_table), qn(history._meta.db_table), [qn(c) for c in shared]


_INSERT_COLUMNS = (
    "version, indicator_id, period_kind, period_start, period_end, value, source, note, "
    "is_provisional, is_fictitious, entered_by_id, entered_at, import_batch_id, known_from"
)
_ROW_COLUMNS = "indicator_id, period_kind, period_start, period_end, value, source, note, "
_ROW_COLUMNS += "is_provisional, entered_at, known_from"  # the ten values each row brings


def _upsert_sql(
    table: str, actor_id: int | None, batch_id: int, rows: int = 1, stage: str | None = None
) -> str:
    """The upsert of ``rows`` rows of parameters (or of every row of the ``stage`` table).

    Its UPDATE part leaves the foreign keys (entered_by, import_batch) alone: on SQLite, a DO
    UPDATE that sets a foreign key column makes every row of the statement three times slower
    (foreign key bookkeeping); :func:`mark_updated` sets them afterwards."""
    actor = "NULL" if actor_id is None else str(int(actor_id))
    batch = str(int(batch_id))
    if stage is None:
        one = f"(1, %s, %s, %s, %s, %s, %s, %s, %s, FALSE, {actor}, %s, {batch}, %s)"
        source = "VALUES " + ", ".join([one] * rows)
    else:
        source = (
            "SELECT 1, indicator_id, period_kind, period_start, period_end, value, source, "
            f"note, is_provisional, FALSE, {actor}, entered_at, {batch}, known_from FROM {stage}"
        )
    changed = " OR ".join(
        [
            f"{table}.value <> excluded.value",
            f"{table}.source <> excluded.source",
            f"{table}.note <> excluded.note",
            f"{table}.is_provisional <> excluded.is_provisional",
            f"{table}.is_fictitious",
        ]
    )
    return (
        f"INSERT INTO {table} ({_INSERT_COLUMNS}) {source} "
        "ON CONFLICT (indicator_id, period_start, period_end) DO UPDATE SET "
        f"version = {table}.version + 1, period_kind = excluded.period_kind, "
        "value = excluded.value, source = excluded.source, note = excluded.note, "
        "is_provisional = excluded.is_provisional, is_fictitious = FALSE, "
        "entered_at = excluded.entered_at "
        f"WHERE {changed}"
    )


class _StatementWriter:
    """Upserts rows with ``executemany`` of multi-row INSERT statements (any database)."""

    chunk = 2_000

    def __init__(self, cursor, table: str, actor_id: int | None, batch_id: int):
        self.cursor = cursor
        self.sql_for = lambda rows: _upsert_sql(table, actor_id, batch_id, rows=rows)
        limit = connection.features.max_query_params or 65_535
        self.per_statement = max(1, min(ROWS_PER_STATEMENT, limit // PARAMS_PER_ROW))
        self.full = self.sql_for(self.per_statement)

    def write(self, rows: list[tuple]) -> None:
        n = self.per_statement
        statements = []
        for start in range(0, len(rows), n):
            part = rows[start : start + n]
            flat = [value for row in part for value in row]
            if len(part) == n:
                statements.append(flat)
            else:
                self.cursor.execute(self.sql_for(len(part)), flat)
        if statements:
            self.cursor.executemany(self.full, statements)

    def close(self) -> None:
        pass


class _CopyWriter:
    """PostgreSQL: COPY the rows into a temporary table, then one set-based upsert per chunk.
    Several times faster than row statements there (each of which is planned and run on its
    own); the upsert itself is the same."""

    chunk = 10_000
    stage = "pg_temp.koers_import_stage"  # never a permanent table of that name

    def __init__(self, cursor, table: str, actor_id: int | None, batch_id: int):
        self.cursor = cursor
        cursor.execute(f"DROP TABLE IF EXISTS {self.stage}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {self.stage} (indicator_id bigint, period_kind "
            "varchar(10), period_start date, period_end date, value numeric(16, 4), source "
            "varchar(300), note text, is_provisional boolean, entered_at timestamptz, "
            "known_from date)"
        )
        self.sql = _upsert_sql(table, actor_id, batch_id, stage=self.stage)

    def write(self, rows: list[tuple]) -> None:
        with self.cursor.copy(f"COPY {self.stage} ({_ROW_COLUMNS}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        self.cursor.execute(self.sql)
        self.cursor.execute(f"TRUNCATE {self.stage}")

    def close(self) -> None:
        self.cursor.execute(f"DROP TABLE IF EXISTS {self.stage}")


def _writer(cursor, table: str, actor_id: int | None, batch_id: int):
    if connection.vendor == "postgresql" and hasattr(cursor.cursor, "copy"):
        return _CopyWriter(cursor, table, actor_id, batch_id)
    return _StatementWriter(cursor, table, actor_id, batch_id)


def set_known_from(known: list[tuple], *, stamp) -> None:
    """Give existing rows the day of their ``bekend_sinds`` cell where it differs: ``known``
    holds (day, indicator id, start, end), adapted for the database. A row the upsert left
    alone becomes changed by this import (version + 1, this import's time stamp, so that
    :func:`mark_updated` and :func:`record_history` take it along)."""
    if not known:
        return
    table = connection.ops.quote_name(Measurement._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET known_from = %s, "
            "version = version + CASE WHEN entered_at = %s THEN 0 ELSE 1 END, "
            "is_fictitious = FALSE, entered_at = %s "
            "WHERE indicator_id = %s AND period_start = %s AND period_end = %s "
            "AND known_from <> %s",
            [(day, stamp, stamp, ind, start, end, day) for day, ind, start, end in known],
        )


def mark_updated(*, indicator_ids: set[int], stamp, batch_id: int, actor_id: int | None) -> None:
    """Point the rows the upsert updated (entered_at is this import's time stamp, but the batch
    is not yet theirs) to the batch and the actor."""
    if not indicator_ids:
        return
    table = connection.ops.quote_name(Measurement._meta.db_table)
    ids = sorted(indicator_ids)
    with connection.cursor() as cursor:
        for start in range(0, len(ids), ID_CHUNK):
            chunk = ids[start : start + ID_CHUNK]
            cursor.execute(
                f"UPDATE {table} SET import_batch_id = %s, entered_by_id = %s "
                f"WHERE indicator_id IN ({', '.join(['%s'] * len(chunk))}) AND entered_at = %s "
                "AND (import_batch_id IS NULL OR import_batch_id <> %s)",
                [batch_id, actor_id, *chunk, stamp, batch_id],
            )


def record_old_values(*, indicator_ids: set[int], file_name: str) -> None:
    """Give every measurement of these indicators that has no history yet a record of its
    current values (dated when it was entered), before the import changes anything."""
    if not indicator_ids:
        return
    table, history, shared = _tables()
    cols = ", ".join(shared)
    source_cols = ", ".join(f"m.{c}" for c in shared)
    reason = _("Value before import %(file)s") % {"file": file_name}
    ids = sorted(indicator_ids)
    with connection.cursor() as cursor:
        for start in range(0, len(ids), ID_CHUNK):
            chunk = ids[start : start + ID_CHUNK]
            cursor.execute(
                f"INSERT INTO {history} ({cols}, history_date, history_change_reason, "
                "history_type, history_user_id) "
                f"SELECT {source_cols}, m.entered_at, %s, '+', m.entered_by_id FROM {table} m "
                f"WHERE m.indicator_id IN ({', '.join(['%s'] * len(chunk))}) "
                f"AND NOT EXISTS (SELECT 1 FROM {history} h WHERE h.id = m.id)",
                [reason, *chunk],
            )


def record_history(*, batch_id: int, actor_id: int | None, now, file_name: str) -> None:
    """One history record per row the batch added ('+', version 1) or changed ('~')."""
    table, history, shared = _tables()
    cols = ", ".join(shared)
    reason = _("Import %(file)s") % {"file": file_name}
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {history} ({cols}, history_date, history_change_reason, history_type, "
            "history_user_id) "
            f"SELECT {cols}, %s, %s, CASE WHEN version = 1 THEN '+' ELSE '~' END, %s "
            f"FROM {table} WHERE import_batch_id = %s",
            [connection.ops.adapt_datetimefield_value(now), reason, actor_id, batch_id],
        )


def count_written(batch_id: int) -> tuple[int, int]:
    """(added, changed) by the batch: a row it inserted has version 1."""
    table = connection.ops.quote_name(Measurement._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(SUM(CASE WHEN version = 1 THEN 1 ELSE 0 END), 0), COUNT(*) "
            f"FROM {table} WHERE import_batch_id = %s",
            [batch_id],
        )
        added, total = cursor.fetchone()
    return int(added), int(total) - int(added)


def write_rows(
    path: Path,
    *,
    file_name: str,
    log: ProblemLog,
    allowed_programme_ids: set[int] | None,
    evidence: tuple[int, str] | None,
    skip_rows: set[int],
    batch_id: int,
    actor_id: int | None,
    now,
    stop_on_problem: bool,
    progress: Callable[[int], None] | None = None,
) -> Written:
    """Read the file again and upsert every valid row; rows with problems (logged in ``log``)
    and ``skip_rows`` are skipped. With ``stop_on_problem`` the first problem ends the pass
    (the caller then rolls back)."""
    table, _history, _shared = _tables()
    adapt_date = connection.ops.adapt_datefield_value
    stamp = connection.ops.adapt_datetimefield_value(now)
    reader = RowReader(path, file_name=file_name, log=log)
    today = timezone.localdate(now)
    checker = RowChecker(
        log=log, allowed_programme_ids=allowed_programme_ids, evidence=evidence, today=today
    )
    result = Written()
    touched = result.indicator_ids
    dates: dict[int, tuple] = {}
    pending: list[tuple] = []
    given: list[tuple] = []  # (known_from, indicator, start, end) of rows that give it
    with connection.cursor() as cursor:
        writer = _writer(cursor, table, actor_id, batch_id)
        chunk = writer.chunk
        for row, cells, extra in reader:
            result.rows_total += 1
            if progress is not None and result.rows_total % PROGRESS_EVERY == 0:
                progress(result.rows_total)
            parsed = checker.check(row, cells, extra)
            if parsed is None or row in skip_rows:
                result.skipped += 1
                if parsed is None and stop_on_problem:
                    return result
                continue
            ref, period, value, source, note, provisional, known = parsed
            touched.add(ref.id)
            adapted = dates.get(period.key)
            if adapted is None:
                if len(dates) > 5_000:
                    dates.clear()
                p = period.period
                default = adapt_date(default_known_from(p.start, p.end, today))
                adapted = dates[period.key] = (
                    (p.kind, adapt_date(p.start), adapt_date(p.end)),
                    default,
                )
            key, default = adapted
            if known is None:
                known_value = default
            else:
                known_value = adapt_date(known)
                given.append((known_value, ref.id, key[1], key[2]))
            pending.append((ref.id, *key, value, source, note, provisional, stamp, known_value))
            if len(pending) >= chunk:
                writer.write(pending)
                set_known_from(given, stamp=stamp)
                pending, given = [], []
        if pending:
            writer.write(pending)
            set_known_from(given, stamp=stamp)
        writer.close()
    result.complete = reader.ok and not reader.stopped
    mark_updated(indicator_ids=touched, stamp=stamp, batch_id=batch_id, actor_id=actor_id)
    if progress is not None and result.rows_total % PROGRESS_EVERY:
        progress(result.rows_total)
    return result
