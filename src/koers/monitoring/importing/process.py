"""Checking and importing a delivery file: :func:`check_file` and :func:`apply_file`.

An import reads the file twice: once to check every row (nothing is written unless the file is
valid, or the valid rows are asked for), once to write, in one transaction. See
:mod:`.check` and :mod:`.write`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..constants import ImportState
from ..models import ImportBatch
from .check import scan
from .problems import ImportCheck, ImportRefused, ProblemLog
from .write import count_written, record_history, record_old_values, write_rows

Progress = Callable[[int], None]
Stage = Callable[[str, int | None], None]


def check_file(
    path: Path,
    *,
    file_name: str,
    allowed_programme_ids: set[int] | None,
    progress: Progress | None = None,
    on_stage: Stage | None = None,
) -> ImportCheck:
    """Read and validate the whole file and compare it with the database; write nothing.

    ``allowed_programme_ids`` None means every programme; otherwise rows of other programmes
    are problems. ``progress(rows)`` is called every 10,000 rows; ``on_stage("check", None)``
    when the reading starts.
    """
    if on_stage is not None:
        on_stage("check", None)
    return scan(
        Path(path),
        file_name=file_name,
        allowed_programme_ids=allowed_programme_ids,
        progress=progress,
    ).check


def _actor_id(actor) -> int | None:
    return getattr(actor, "pk", None) if actor is not None else None


def apply_file(
    path: Path,
    *,
    file_name: str,
    actor,
    allowed_programme_ids: set[int] | None,
    only_valid: bool,
    batch: ImportBatch | None = None,
    progress: Progress | None = None,
    on_stage: Stage | None = None,
    claim_from: str | None = None,
) -> ImportCheck:
    """Check the file and write it in one transaction (see the module docstring).

    Raises :class:`ImportRefused` (nothing written) when the file has problems and
    ``only_valid`` is False — or, even with ``only_valid``, when the file as a whole could not
    be read (empty, wrong columns, wrong encoding part-way). With ``only_valid`` rows with
    problems are skipped. ``claim_from``: only import when ``batch`` is still in this state,
    checked and changed atomically (a second confirmation raises ValidationError).
    """
    path = Path(path)
    if on_stage is not None:
        on_stage("check", None)
    first = scan(
        path, file_name=file_name, allowed_programme_ids=allowed_programme_ids, progress=progress
    )
    check = first.check
    if first.fatal or (not check.is_valid and not only_valid):
        raise ImportRefused(check)
    actor_id = _actor_id(actor)
    now = timezone.now()
    with transaction.atomic():
        if batch is None:
            batch = ImportBatch.objects.create(
                file_name=file_name[:255],
                uploaded_by_id=actor_id,
                only_valid_rows=only_valid,
                state=ImportState.IMPORTED,
                imported_at=now,
            )
        elif claim_from is not None:
            claimed = ImportBatch.objects.filter(pk=batch.pk, state=claim_from).update(
                state=ImportState.IMPORTED, imported_at=now
            )
            if not claimed:
                raise ValidationError(
                    _("This import has already been confirmed or cancelled; nothing was done.")
                )
        if on_stage is not None:
            on_stage("write", check.rows_total)
        record_old_values(indicator_ids=first.indicators_with_values, file_name=file_name)
        log = ProblemLog()
        written = write_rows(
            path,
            file_name=file_name,
            log=log,
            allowed_programme_ids=allowed_programme_ids,
            evidence=first.evidence,
            skip_rows=first.duplicate_rows,
            batch_id=batch.pk,
            actor_id=actor_id,
            now=now,
            stop_on_problem=not only_valid,
            progress=progress,
        )
        if not written.complete or (log.total and not only_valid):
            # The data changed between the two passes (e.g. a goal was removed): refuse.
            refused = ImportCheck(
                file_name=file_name,
                rows_total=check.rows_total,
                problems=log.sorted(),
                problems_total=log.total,
            )
            raise ImportRefused(refused)
        record_history(batch_id=batch.pk, actor_id=actor_id, now=now, file_name=file_name)
        added, changed = count_written(batch.pk)
        unchanged = written.rows_total - written.skipped - added - changed
        batch.rows_total = written.rows_total
        batch.rows_added = added
        batch.rows_changed = changed
        batch.rows_unchanged = unchanged
        batch.rows_skipped = written.skipped
        batch.state = ImportState.IMPORTED
        batch.imported_at = now
        batch.save(
            update_fields=[
                "rows_total",
                "rows_added",
                "rows_changed",
                "rows_unchanged",
                "rows_skipped",
                "state",
                "imported_at",
            ]
        )
    check.added, check.changed, check.unchanged = added, changed, unchanged
    check.skipped = written.skipped
    check.batch_id = batch.pk
    return check
