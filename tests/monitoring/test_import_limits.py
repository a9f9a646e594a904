"""Issue 18, hole 3: the measurement import caps what a file may unpack to and its rows (the
messages say the limits), keeps a capped problem list, and checks an upload once."""

from __future__ import annotations

import io
import time
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from koers.monitoring.importing import COLUMNS, batches, check_file, problems
from koers.monitoring.models import ImportBatch

pytestmark = pytest.mark.django_db

HEADER = ";".join(COLUMNS)


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def _bomb(unpacked: int) -> bytes:
    """A valid workbook whose first sheet holds one huge shared string: small when zipped."""
    wb = openpyxl.Workbook()
    wb.active.append(list(COLUMNS))
    buffer = io.BytesIO()
    wb.save(buffer)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info, source.read(info))
        padding = b"A" * unpacked
        target.writestr(
            "xl/sharedStrings.xml",
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<si><t>" + padding + b"</t></si></sst>",
        )
    return out.getvalue()


def test_a_zip_bomb_is_refused_quickly_with_the_limits_named(tmp_path, monkeypatch):
    monkeypatch.setattr(problems, "MAX_UNPACKED_BYTES", 5 * 1024 * 1024)
    data = _bomb(40 * 1024 * 1024)
    assert len(data) < 200_000  # small compressed, 40 MB unpacked
    path = tmp_path / "bom.xlsx"
    path.write_bytes(data)
    started = time.monotonic()
    check = check_file(path, file_name="bom.xlsx", allowed_programme_ids=None)
    assert time.monotonic() - started < 2
    assert not check.is_valid and check.problems_total == 1
    message = str(check.problems[0])
    assert "5 MB" in message and "1.000.000 rijen" in message
    assert "uitgepakt" in message


def test_the_default_unpacked_limit_refuses_the_reported_bomb():
    assert problems.MAX_UNPACKED_BYTES < 594 * 1024 * 1024


def test_too_many_rows_is_refused_with_the_limit_named(tmp_path, monkeypatch):
    monkeypatch.setattr(problems, "MAX_ROWS", 10)
    path = tmp_path / "veel.csv"
    rows = [HEADER] + [f"x;1a;{2000 + n};1;;" for n in range(12)]
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    check = check_file(path, file_name="veel.csv", allowed_programme_ids=None)
    assert not check.is_valid
    assert any("meer dan 10 rijen" in str(p) for p in check.problems)
    assert check.rows_total == 10  # reading stopped at the limit


def test_the_problem_list_is_capped(client, admin_user, monkeypatch):
    monkeypatch.setattr(problems, "MAX_PROBLEMS", 5)
    client.force_login(admin_user)
    rows = [HEADER] + [f"bestaat-niet;1a;{2000 + n};1;;" for n in range(20)]
    upload = SimpleUploadedFile("m.csv", ("\r\n".join(rows) + "\r\n").encode())
    monkeypatch.setattr(problems.ProblemLog.__init__, "__defaults__", (5,))
    response = client.post(reverse("monitoring:import"), {"file": upload})
    batch = ImportBatch.objects.get()
    page = client.get(reverse("monitoring:import_preview", args=[batch.pk]))
    assert response.status_code == 302
    text = page.content.decode()
    assert "en nog 15 problemen" in text
    assert len(ImportBatch.objects.get().preview["check"]["problems"]) == 5


def test_the_preview_is_computed_once_and_stored_with_the_upload(client, admin_user, monkeypatch):
    client.force_login(admin_user)
    calls = []
    real = batches.check_file

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(batches, "check_file", counting)
    rows = [HEADER, "bestaat-niet;1a;2019;1;;"]
    upload = SimpleUploadedFile("m.csv", ("\r\n".join(rows) + "\r\n").encode())
    client.post(reverse("monitoring:import"), {"file": upload})
    batch = ImportBatch.objects.get()
    url = reverse("monitoring:import_preview", args=[batch.pk])
    first = client.get(url).content.decode()
    second = client.get(url).content.decode()
    assert len(calls) == 1
    assert ImportBatch.objects.get().preview is not None
    assert "bestaat-niet" in first and "bestaat-niet" in second
