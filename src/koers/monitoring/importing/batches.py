"""Imports in the web interface: upload (stored, state PREVIEW) → preview → confirm or cancel.

The uploaded file is kept under ``VAR_DIR/imports`` with a random name until it is imported or
cancelled, or until ``koers cleanup`` removes it once it is older than
``UPLOAD_RETENTION_HOURS`` (:func:`batches_expire`). Confirming is atomic: the batch is claimed
with a conditional UPDATE on its state in the import's own transaction, so a double click or a
second tab imports nothing twice.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..constants import ImportState
from ..models import ImportBatch
from .problems import MAX_UPLOAD_BYTES, ImportCheck, check_from_dict, check_to_dict
from .process import apply_file, check_file

EXTENSIONS = (".csv", ".xlsx")


def import_dir() -> Path:
    return Path(settings.VAR_DIR) / "imports"


def stored_path(batch: ImportBatch) -> Path:
    """Where the batch's file is kept (only the name is stored, so no path can escape)."""
    return import_dir() / Path(batch.stored_file).name


def _remove(batch: ImportBatch) -> None:
    if batch.stored_file:
        stored_path(batch).unlink(missing_ok=True)


def batch_create(*, upload, actor, only_valid: bool) -> ImportBatch:
    """Store an uploaded CSV or XLSX file for checking; refuse other files and files over
    :data:`MAX_UPLOAD_BYTES`."""
    name = Path(str(upload.name or "")).name
    extension = Path(name).suffix.lower()
    if extension not in EXTENSIONS:
        raise ValidationError(
            _("Only CSV files (.csv) and Excel workbooks (.xlsx) can be imported."),
            code="extension",
        )
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is larger than %(size)s MB; split it into smaller files.")
            % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)},
            code="size",
        )
    folder = import_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stored = f"{secrets.token_hex(16)}{extension}"
    target = folder / stored
    size = 0
    with open(target, "wb") as out:
        for chunk in upload.chunks():
            size += len(chunk)
            if size > MAX_UPLOAD_BYTES:
                out.close()
                target.unlink(missing_ok=True)
                raise ValidationError(
                    _("The file is larger than %(size)s MB; split it into smaller files.")
                    % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)},
                    code="size",
                )
            out.write(chunk)
    try:
        return ImportBatch.objects.create(
            file_name=name[:255] or stored,
            stored_file=stored,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
            only_valid_rows=only_valid,
            state=ImportState.PREVIEW,
        )
    except Exception:
        target.unlink(missing_ok=True)
        raise


def _require_preview(batch: ImportBatch) -> None:
    if batch.state == ImportState.IMPORTED:
        raise ValidationError(_("This file has already been imported."), code="imported")
    if batch.state == ImportState.CANCELLED:
        raise ValidationError(_("This import has been cancelled."), code="cancelled")


def batch_preview_store(*, batch: ImportBatch, allowed_programme_ids: set[int] | None) -> None:
    """Check the file once, when it is uploaded (a POST), and store the outcome with the batch:
    the preview pages read it (a GET writes nothing)."""
    batch_check(batch=batch, allowed_programme_ids=allowed_programme_ids, store=True)


def batch_check(
    *, batch: ImportBatch, allowed_programme_ids: set[int] | None, store: bool = False
) -> ImportCheck:
    """The preview: the file checked against the database, once at upload (``store``, see
    :func:`batch_preview_store`) — the outcome is stored with the batch and shown again on every
    later view; a viewer with other rights gets a fresh check, not stored (confirming checks the
    file again, so what is written is always checked against the database as it is then).
    Raises FileNotFoundError when the stored file is gone, ValidationError when the batch is no
    longer awaiting confirmation."""
    _require_preview(batch)
    path = stored_path(batch)
    if not batch.stored_file or not path.is_file():
        raise FileNotFoundError(path)
    # Stored with the rights it was checked with: another viewer (a functional administrator
    # looking at someone's upload) may see rows the uploader may not import.
    rights = None if allowed_programme_ids is None else sorted(allowed_programme_ids)
    stored = batch.preview or {}
    if "check" in stored and stored.get("rights", "") == rights:
        return check_from_dict(stored["check"])
    check = check_file(path, file_name=batch.file_name, allowed_programme_ids=allowed_programme_ids)
    if store:
        batch.preview = {"rights": rights, "check": check_to_dict(check)}
        ImportBatch.objects.filter(pk=batch.pk, state=ImportState.PREVIEW).update(
            preview=batch.preview
        )
    return check


def batch_confirm(
    *, batch: ImportBatch, actor, allowed_programme_ids: set[int] | None
) -> ImportCheck:
    """Import the stored file (only from state PREVIEW; a second confirmation raises
    ValidationError and writes nothing). Raises ImportRefused when the file now has problems
    and the batch was not for the valid rows only. Removes the stored file afterwards."""
    _require_preview(batch)
    path = stored_path(batch)
    if not batch.stored_file or not path.is_file():
        raise FileNotFoundError(path)
    with transaction.atomic():
        check = apply_file(
            path,
            file_name=batch.file_name,
            actor=actor,
            allowed_programme_ids=allowed_programme_ids,
            only_valid=batch.only_valid_rows,
            batch=batch,
            claim_from=ImportState.PREVIEW,
        )
        transaction.on_commit(lambda: _remove(batch))
    batch.refresh_from_db()
    return check


def batch_cancel(*, batch: ImportBatch, actor) -> None:
    """Cancel an import awaiting confirmation and remove its file (cancelling twice is fine;
    cancelling an imported file is refused)."""
    with transaction.atomic():
        cancelled = ImportBatch.objects.filter(pk=batch.pk, state=ImportState.PREVIEW).update(
            state=ImportState.CANCELLED
        )
        if not cancelled:
            state = ImportBatch.objects.filter(pk=batch.pk).values_list("state", flat=True).first()
            if state == ImportState.IMPORTED:
                raise ValidationError(
                    _("This file has already been imported; it can no longer be cancelled."),
                    code="imported",
                )
        transaction.on_commit(lambda: _remove(batch))
    batch.state = ImportState.CANCELLED


def retention_hours() -> int:
    """How long an upload awaiting confirmation is kept (``KOERS_UPLOAD_RETENTION_HOURS``)."""
    return max(int(settings.UPLOAD_RETENTION_HOURS), 1)


def batches_expire(*, now: datetime | None = None) -> tuple[int, int]:
    """Cancel the uploads still awaiting confirmation that are older than the retention time and
    remove their files, and remove files in the import folder older than that which no upload
    awaiting confirmation refers to (left behind by a crash). Returns (uploads cancelled, files
    removed)."""
    cutoff = (now or timezone.now()) - timedelta(hours=retention_hours())
    expired = ImportBatch.objects.filter(state=ImportState.PREVIEW, uploaded_at__lt=cutoff)
    cancelled = removed = 0
    for batch in expired.only("pk", "stored_file"):
        # Conditional on the state: a confirmation at the same moment wins, its file is its own.
        if ImportBatch.objects.filter(pk=batch.pk, state=ImportState.PREVIEW).update(
            state=ImportState.CANCELLED
        ):
            cancelled += 1
            if batch.stored_file and stored_path(batch).is_file():
                _remove(batch)
                removed += 1
    folder = import_dir()
    if not folder.is_dir():
        return cancelled, removed
    waiting = set(
        ImportBatch.objects.filter(state=ImportState.PREVIEW).values_list("stored_file", flat=True)
    )
    for path in folder.iterdir():
        if not path.is_file() or path.name in waiting:
            continue
        try:
            modified = datetime.fromtimestamp(path.stat().st_mtime, tz=cutoff.tzinfo)
            if modified < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # removed by a confirmation or a cancel meanwhile
            continue
    return cancelled, removed
