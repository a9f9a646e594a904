"""The Excel pages: export and template downloads, and a new programme from a workbook (upload →
every problem by sheet, row and column with nothing written, or a preview → confirm; a second
confirm of the same workbook is refused); who may do what."""

from __future__ import annotations

import base64
import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from koers.documents.xlsx import CONTENT_TYPE
from koers.programmes.models import Programme

from .test_xlsx_import import row_counts, to_bytes, unknown_goal_in_link, valid_workbook

pytestmark = pytest.mark.django_db
IMPORT_URL = "/programmas/nieuw/excel"


def _upload(client, data: bytes, name="programma.xlsx"):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, data, CONTENT_TYPE)})


def _confirm(client, data: bytes, digest=None):
    return client.post(
        IMPORT_URL,
        {
            "content": base64.b64encode(data).decode(),
            "sha256": digest or hashlib.sha256(data).hexdigest(),
            "file_name": "programma.xlsx",
        },
    )


def test_urls():
    assert reverse("documents:xlsx_import") == IMPORT_URL
    assert reverse("documents:xlsx_template") == "/programmas/nieuw/excel/sjabloon.xlsx"
    assert reverse("documents:xlsx_export", args=["x"]) == "/programmas/x/export.xlsx"


def test_export_download(client, programme, reader_user):
    client.force_login(reader_user)
    response = client.get(reverse("documents:xlsx_export", args=[programme.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    assert 'filename="test-programma.xlsx"' in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert wb["Programma"]["B2"].value == "test-programma"


@pytest.mark.parametrize("role", ["outsider", "anonymous"])
def test_export_needs_read_access(client, programme, outsider_user, role):
    if role == "outsider":
        client.force_login(outsider_user)
    response = client.get(reverse("documents:xlsx_export", args=[programme.slug]))
    assert response.status_code == (403 if role == "outsider" else 302)


def test_template_download(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("documents:xlsx_template"))
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames[:2] == ["Uitleg", "Programma"]


@pytest.mark.parametrize("role", ["reader", "owner", "outsider"])
def test_only_who_may_create_programmes_may_import(
    client, programme, reader_user, owner_user, outsider_user, role
):
    user = {"reader": reader_user, "owner": owner_user, "outsider": outsider_user}[role]
    client.force_login(user)
    data = to_bytes(valid_workbook())
    assert client.get(IMPORT_URL).status_code == 403
    assert client.get(reverse("documents:xlsx_template")).status_code == 403
    assert _upload(client, data).status_code == 403
    assert _confirm(client, data).status_code == 403
    assert not Programme.objects.filter(slug="uit-excel").exists()


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302 and "inloggen" in response["Location"]


def test_upload_form(client, staff_user):
    client.force_login(staff_user)
    response = client.get(IMPORT_URL)
    assert response.status_code == 200
    assert b'type="file"' in response.content
    assert reverse("documents:xlsx_template").encode() in response.content


def test_problems_by_sheet_row_and_column_and_nothing_written(client, staff_user):
    client.force_login(staff_user)
    wb = valid_workbook()
    unknown_goal_in_link(wb)
    before = row_counts()
    response = _upload(client, to_bytes(wb))
    assert response.status_code == 400
    assert row_counts() == before
    page = response.content.decode()
    assert "koers-upload-problems" in page
    assert "Koppelingen" in page and "9z" in page
    assert 'name="content"' not in page  # no confirm button


def test_not_a_workbook(client, staff_user):
    client.force_login(staff_user)
    response = _upload(client, b"geen werkmap", name="programma.csv")
    assert response.status_code == 400
    assert ".xlsx" in response.content.decode()


def test_no_file(client, staff_user):
    client.force_login(staff_user)
    assert client.post(IMPORT_URL, {}).status_code == 400


def test_too_large(client, staff_user, monkeypatch):
    from koers.documents import views_xlsx

    monkeypatch.setattr(views_xlsx, "MAX_UPLOAD_BYTES", 100)
    client.force_login(staff_user)
    response = _upload(client, to_bytes(valid_workbook()))
    assert response.status_code == 400
    assert not Programme.objects.filter(slug="uit-excel").exists()


def test_preview_then_confirm_then_a_second_confirm_is_refused(client, staff_user):
    client.force_login(staff_user)
    data = to_bytes(valid_workbook())
    before = row_counts()
    response = _upload(client, data)
    assert response.status_code == 200
    assert row_counts() == before  # the preview writes nothing
    page = response.content.decode()
    assert "Programma uit Excel" in page and "uit-excel" in page
    assert "koers-xlsx-counts" in page and "koers-xlsx-budget" in page
    assert "Programmageld" in page and "100.000,00" in page
    assert hashlib.sha256(data).hexdigest() in page

    response = _confirm(client, data)
    programme = Programme.objects.get(slug="uit-excel")
    assert response.status_code == 302 and response["Location"] == programme.get_absolute_url()
    assert programme.efforts.count() == 2 and programme.budget_lines.count() == 3
    # the creator may open what they imported
    assert client.get(response["Location"]).status_code == 200

    after = row_counts()
    response = _confirm(client, data)
    assert response.status_code == 409
    assert row_counts() == after


def test_confirm_of_a_damaged_file_is_refused(client, staff_user):
    client.force_login(staff_user)
    data = to_bytes(valid_workbook())
    assert _confirm(client, data, digest="0" * 64).status_code == 400
    response = client.post(IMPORT_URL, {"content": "!!!", "sha256": "x"})
    assert response.status_code == 400
    assert not Programme.objects.filter(slug="uit-excel").exists()


def test_confirm_checks_again(client, staff_user, admin_user, programme):
    """Between preview and confirm someone took the short name: refused, nothing written."""
    client.force_login(staff_user)
    wb = valid_workbook()
    from .test_xlsx_import import set_programme_field

    set_programme_field(wb, "korte naam", "later-bezet")
    data = to_bytes(wb)
    assert _upload(client, data).status_code == 200
    from koers.programmes import services

    services.programme_update(
        programme=programme, actor=admin_user, expected_version=None, slug="later-bezet"
    )
    before = row_counts()
    response = _confirm(client, data)
    assert response.status_code == 400
    assert row_counts() == before
    assert "later-bezet" in response.content.decode()
