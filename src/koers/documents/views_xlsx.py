"""The programme as an Excel workbook, the empty template, and a new programme from a workbook
(upload → check → preview → confirm). Thin: permission, check or service, render.

The upload keeps no file on the server between the two steps, as the spending upload does
(:mod:`koers.finance.views_spending`): the checked workbook travels back with the preview as a
hidden base64 field with its SHA-256; the confirm step checks it again completely and imports it
in one transaction. The SHA-256 of every workbook imported is kept in the session, so a second
confirm of the same content (a double click, the back button) is refused.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from koers.programmes.exchange import ExchangeError
from koers.programmes.selectors import programme_get
from koers.ui import already_confirmed, carried_file, carry_file, remember_confirmed

from .forms import WorkbookUploadForm
from .xlsx import (
    CONTENT_TYPE,
    SHEETS,
    XlsxCheck,
    XlsxImportRefused,
    check_workbook,
    import_workbook,
    programme_xlsx,
    template_workbook,
)

MAX_UPLOAD_BYTES = 1_500_000  # base64 in the confirm form stays below Django's 2.5 MB POST limit
SESSION_KEY = "documents_xlsx_imported"
SESSION_KEEP = 20
TEMPLATE_FILE_NAME = "koers-programma-sjabloon.xlsx"


def urlpatterns(path):
    return [
        path("nieuw/excel", xlsx_import, name="xlsx_import"),
        path("nieuw/excel/sjabloon.xlsx", xlsx_template, name="xlsx_template"),
        path("<slug:slug>/export.xlsx", xlsx_export, name="xlsx_export"),
    ]


def _require(request: HttpRequest, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _xlsx_response(data: bytes, file_name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def xlsx_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The whole programme as a workbook, one sheet per table."""
    programme = programme_get(slug)
    _require(request, "programmes.view_programme", programme)
    try:
        data = programme_xlsx(programme)
    except ExchangeError as exc:
        messages.error(request, " ".join(str(p) for p in exc.problems))
        return redirect(programme)
    return _xlsx_response(data, f"{programme.slug}.xlsx")


def xlsx_template(request: HttpRequest) -> HttpResponse:
    """The empty workbook a new programme is set up in."""
    _require(request, "programmes.add_programme")
    buffer = io.BytesIO()
    template_workbook().save(buffer)
    return _xlsx_response(buffer.getvalue(), TEMPLATE_FILE_NAME)


def _render(request, *, form=None, check: XlsxCheck | None = None, data=b"", status=200, error=""):
    context = {
        "form": form,
        "check": check,
        "error": error,
        "sheets": [s.title for s in SHEETS],
    }
    if check is not None and check.is_valid:
        context.update(carry_file(data))
    return render(request, "documents/xlsx_import.html", context, status=status)


def xlsx_import(request: HttpRequest) -> HttpResponse:
    _require(request, "programmes.add_programme")
    if request.method != "POST":
        return _render(request, form=WorkbookUploadForm())
    if "content" in request.POST:
        return _confirm(request)
    form = WorkbookUploadForm(request.POST, request.FILES)
    if form.is_valid() and form.cleaned_data["file"].size > MAX_UPLOAD_BYTES:
        form.add_error(
            "file",
            _("The file is larger than %(size)s; remove what is not needed.") % {"size": "1,5 MB"},
        )
    if not form.is_valid():
        return _render(request, form=form, status=400)
    upload = form.cleaned_data["file"]
    data = upload.read()
    check = check_workbook(data, file_name=upload.name)
    return _render(request, check=check, data=data, status=200 if check.is_valid else 400)


def _confirm(request: HttpRequest) -> HttpResponse:
    data, digest = carried_file(request)
    file_name = request.POST.get("file_name", "")[:200]
    if data is None:
        error = _("The file did not arrive intact; nothing was imported. Upload it again.")
        return _render(request, form=WorkbookUploadForm(), status=400, error=error)
    if already_confirmed(request, SESSION_KEY, digest):
        error = _(
            "This workbook has already been imported in this session; nothing was imported a "
            "second time."
        )
        return _render(request, form=WorkbookUploadForm(), status=409, error=error)
    try:
        programme, check = import_workbook(data, actor=request.user, file_name=file_name)
    except XlsxImportRefused as exc:
        return _render(request, check=exc.check, status=400)
    remember_confirmed(request, SESSION_KEY, digest, SESSION_KEEP)
    messages.success(
        request, _("Programme ‘%(name)s’ imported from the workbook.") % {"name": programme.name}
    )
    for note in check.notes:
        messages.info(request, note)
    return redirect(programme)
