"""Abandoned uploads (issue 18, hole 8): a measurement file that is neither confirmed nor
cancelled is removed by the daily ``koers cleanup`` after ``KOERS_UPLOAD_RETENTION_HOURS``, and
the upload page says how long it is kept."""

from __future__ import annotations

import io
import os
import time
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from koers.monitoring.constants import ImportState
from koers.monitoring.importing import batch_create
from koers.monitoring.importing.batches import import_dir, stored_path
from koers.monitoring.models import ImportBatch

from .test_import_fixtures import csv_bytes

pytestmark = pytest.mark.django_db

P = "test-programma"


@pytest.fixture(autouse=True)
def _var(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    with translation.override("nl"):
        yield


def _batch(actor, hours_ago: float) -> ImportBatch:
    upload = SimpleUploadedFile(
        "levering.csv", csv_bytes([(P, "1a", "2019", "93.500", "Monitor", "")])
    )
    batch = batch_create(upload=upload, actor=actor, only_valid=False)
    then = timezone.now() - timedelta(hours=hours_ago)
    ImportBatch.objects.filter(pk=batch.pk).update(uploaded_at=then)
    os.utime(stored_path(batch), (then.timestamp(), then.timestamp()))
    return batch


def _cleanup() -> str:
    out = io.StringIO()
    call_command("cleanup", stdout=out)
    return out.getvalue()


def test_cleanup_removes_abandoned_uploads_only(programme, staff_user):
    old = _batch(staff_user, hours_ago=49)
    fresh = _batch(staff_user, hours_ago=47)
    orphan = import_dir() / "achtergelaten.csv"  # a file without a batch (a crash mid-upload)
    orphan.write_bytes(b"x")
    week_ago = time.time() - 7 * 24 * 3600
    os.utime(orphan, (week_ago, week_ago))
    new_orphan = import_dir() / "net-geschreven.csv"  # being uploaded right now
    new_orphan.write_bytes(b"x")

    output = _cleanup()

    assert "48 uur: 1 geannuleerd, 2 bestanden verwijderd" in output
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.state == ImportState.CANCELLED and not stored_path(old).exists()
    assert fresh.state == ImportState.PREVIEW and stored_path(fresh).is_file()
    assert not orphan.exists() and new_orphan.exists()
    # Imported and cancelled uploads are left as they are; running twice changes nothing more.
    assert "0 geannuleerd, 0 bestanden verwijderd" in _cleanup()


def test_the_retention_time_is_a_setting(programme, staff_user, settings):
    settings.UPLOAD_RETENTION_HOURS = 2
    batch = _batch(staff_user, hours_ago=3)
    assert "2 uur: 1 geannuleerd, 1 bestanden verwijderd" in _cleanup()
    batch.refresh_from_db()
    assert batch.state == ImportState.CANCELLED


def test_an_expired_preview_sends_the_user_back_to_upload(client, programme, staff_user):
    batch = _batch(staff_user, hours_ago=49)
    _cleanup()
    client.force_login(staff_user)
    page = client.get(reverse("monitoring:import_preview", args=[batch.pk]))
    assert page.status_code == 200
    assert 'name="action" value="confirm"' not in page.content.decode()


def test_the_upload_page_says_how_long_a_preview_is_kept(client, staff_user, settings):
    client.force_login(staff_user)
    page = client.get(reverse("monitoring:import")).content.decode()
    assert "blijft 48 uur bewaard voor het voorbeeld" in page
    settings.UPLOAD_RETENTION_HOURS = 1
    page = client.get(reverse("monitoring:import")).content.decode()
    assert "blijft 1 uur bewaard voor het voorbeeld" in page
