"""Imports in the web interface (upload → preview → confirm/cancel) and the template."""

from __future__ import annotations

import io
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import translation

from koers.monitoring.constants import ImportState
from koers.monitoring.importing import (
    MAX_UPLOAD_BYTES,
    ImportRefused,
    batch_cancel,
    batch_check,
    batch_confirm,
    batch_create,
    check_file,
    template_csv,
    template_xlsx,
)
from koers.monitoring.importing.batches import stored_path
from koers.monitoring.importing.template import EXAMPLE_ROWS
from koers.monitoring.models import ImportBatch, Measurement

from .test_import_fixtures import csv_bytes, values

pytestmark = pytest.mark.django_db

P = "test-programma"


@pytest.fixture(autouse=True)
def _dutch(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    with translation.override("nl"):
        yield


def _upload(rows, name="levering.csv", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, csv_bytes(rows, **kwargs), content_type="text/csv")


def test_upload_preview_confirm(programme, staff_user, django_capture_on_commit_callbacks):
    upload = _upload([(P, "1a", "2019", "93.500", "Monitor", "")])
    batch = batch_create(upload=upload, actor=staff_user, only_valid=False)
    assert batch.state == ImportState.PREVIEW
    assert batch.file_name == "levering.csv"
    path = stored_path(batch)
    assert path.is_file() and path.parent.name == "imports" and path.name != "levering.csv"

    check = batch_check(batch=batch, allowed_programme_ids={programme.pk})
    assert (check.added, check.changed, check.is_valid) == (1, 0, True)
    assert Measurement.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        result = batch_confirm(batch=batch, actor=staff_user, allowed_programme_ids={programme.pk})
    assert result.added == 1
    assert values(programme) == {("1a", "2019"): Decimal("93500")}
    batch.refresh_from_db()
    assert (batch.state, batch.rows_added, batch.uploaded_by) == (
        ImportState.IMPORTED,
        1,
        staff_user,
    )
    assert Measurement.objects.get().import_batch == batch
    assert not path.exists()  # the stored file is removed after the import

    with pytest.raises(ValidationError):  # a second confirmation writes nothing
        batch_confirm(batch=batch, actor=staff_user, allowed_programme_ids=None)
    with pytest.raises(ValidationError):
        batch_check(batch=batch, allowed_programme_ids=None)
    with pytest.raises(ValidationError):
        batch_cancel(batch=batch, actor=staff_user)


def test_a_stale_confirmation_is_refused_atomically(programme, admin_user):
    """Two confirmations of the same batch (two tabs): the one that loses the race finds the
    state no longer PREVIEW in its own transaction and writes nothing."""
    batch = batch_create(
        upload=_upload([(P, "1a", "2019", "1", "", "")]), actor=admin_user, only_valid=False
    )
    stale = ImportBatch.objects.get(pk=batch.pk)  # the second tab's copy, still PREVIEW
    batch_confirm(batch=batch, actor=admin_user, allowed_programme_ids=None)
    stored_path(batch).parent.mkdir(exist_ok=True)
    stored_path(batch).write_bytes(csv_bytes([(P, "1a", "2020", "2", "", "")]))
    with pytest.raises(ValidationError):
        batch_confirm(batch=stale, actor=admin_user, allowed_programme_ids=None)
    assert Measurement.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_confirmations_import_once(programme, admin_user):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite in-memory test databases are not shared between threads")
    batch = batch_create(
        upload=_upload([(P, "1a", str(2000 + i), str(i), "", "") for i in range(200)]),
        actor=admin_user,
        only_valid=False,
    )
    outcomes: list[str] = []

    def confirm():
        try:
            batch_confirm(
                batch=ImportBatch.objects.get(pk=batch.pk),
                actor=admin_user,
                allowed_programme_ids=None,
            )
            outcomes.append("imported")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["imported", "refused"]
    assert Measurement.objects.count() == 200


def test_confirm_refuses_a_file_that_became_invalid(programme, admin_user):
    batch = batch_create(
        upload=_upload([(P, "1a", "2019", "1", "", "")]), actor=admin_user, only_valid=False
    )
    assert batch_check(batch=batch, allowed_programme_ids=None).is_valid
    # The user lost their rights on the programme between preview and confirmation.
    with pytest.raises(ImportRefused):
        batch_confirm(batch=batch, actor=admin_user, allowed_programme_ids=set())
    batch.refresh_from_db()
    assert batch.state == ImportState.PREVIEW  # still awaiting a (valid) confirmation
    assert Measurement.objects.count() == 0
    assert stored_path(batch).is_file()


def test_only_valid_batch(programme, admin_user):
    batch = batch_create(
        upload=_upload([(P, "1a", "2019", "1", "", ""), (P, "1b", "2019", "2", "", "")]),
        actor=admin_user,
        only_valid=True,
    )
    check = batch_check(batch=batch, allowed_programme_ids=None)
    assert (check.rows_total, check.rows_valid, check.problems_total) == (2, 1, 1)
    result = batch_confirm(batch=batch, actor=admin_user, allowed_programme_ids=None)
    assert (result.added, result.skipped) == (1, 1)
    batch.refresh_from_db()
    assert batch.rows_skipped == 1


def test_cancel_removes_the_file(programme, admin_user, django_capture_on_commit_callbacks):
    batch = batch_create(
        upload=_upload([(P, "1a", "2019", "1", "", "")]), actor=admin_user, only_valid=False
    )
    path = stored_path(batch)
    with django_capture_on_commit_callbacks(execute=True):
        batch_cancel(batch=batch, actor=admin_user)
    batch.refresh_from_db()
    assert batch.state == ImportState.CANCELLED
    assert not path.exists()
    batch_cancel(batch=batch, actor=admin_user)  # twice is fine
    with pytest.raises(ValidationError):
        batch_confirm(batch=batch, actor=admin_user, allowed_programme_ids=None)
    assert Measurement.objects.count() == 0


def test_missing_stored_file(programme, admin_user):
    batch = batch_create(
        upload=_upload([(P, "1a", "2019", "1", "", "")]), actor=admin_user, only_valid=False
    )
    stored_path(batch).unlink()
    with pytest.raises(FileNotFoundError):
        batch_check(batch=batch, allowed_programme_ids=None)


def test_upload_refuses_other_extensions_and_large_files(admin_user, monkeypatch):
    with pytest.raises(ValidationError) as exc:
        batch_create(
            upload=SimpleUploadedFile("metingen.xls", b"x"), actor=admin_user, only_valid=False
        )
    assert "Alleen CSV-bestanden (.csv) en Excel-werkmappen (.xlsx)" in exc.value.messages[0]
    big = SimpleUploadedFile("metingen.csv", b"x")
    big.size = MAX_UPLOAD_BYTES + 1
    with pytest.raises(ValidationError) as exc:
        batch_create(upload=big, actor=admin_user, only_valid=False)
    assert "groter dan" in exc.value.messages[0]
    assert ImportBatch.objects.count() == 0


def test_template_csv_and_xlsx(programme, tmp_path):
    data = template_csv()
    assert data.startswith(b"\xef\xbb\xbfprogramma;indicator;periode;waarde;bron;opmerking\r\n")
    assert len(data.decode("utf-8-sig").splitlines()) == 1 + len(EXAMPLE_ROWS)

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(template_xlsx()))
    assert wb.sheetnames == ["Metingen", "Toelichting"]
    rows = list(wb["Metingen"].iter_rows(values_only=True))
    assert rows[0] == ("programma", "indicator", "periode", "waarde", "bron", "opmerking")
    assert wb["Metingen"]["C2"].number_format == "@"  # periods stay text in Excel
    explained = {row[0] for row in wb["Toelichting"].iter_rows(values_only=True)}
    assert {"programma", "indicator", "periode", "waarde", "bron", "opmerking"} <= explained

    # Example rows left in the template are refused.
    for name, content in (("sjabloon.csv", data), ("sjabloon.xlsx", template_xlsx())):
        path = tmp_path / name
        path.write_bytes(content)
        check = check_file(path, file_name=name, allowed_programme_ids=None)
        example_rows = {
            p.row for p in check.problems if p.column == "opmerking" and "voorbeeldrij" in p.message
        }
        assert example_rows == {2, 3}
