"""The spending page: exhaustion of the budget per line, effort and source, with a warning on
overspend, and the list of commitments and expenditure; uploading a CSV of spending (check →
preview → book). Thin: permission, selector or service, render.

The upload keeps no file on the server between the two steps: the checked file travels back
with the preview as a hidden base64 field with its SHA-256, and the confirm step checks the whole
file again against the database as it is at that moment before booking it in one transaction
(:func:`koers.finance.spending_import.import_data`). The SHA-256 of every file booked is kept in
the session, so a second confirm of the same content (a double click, the back button) is
refused instead of booking everything twice.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.programmes.models import Programme
from koers.spreadsheet import csv_row
from koers.ui import already_confirmed, carried_file, carry_file, programme_for, remember_confirmed

from .forms import SpendingUploadForm
from .money import format_euro
from .spending import new_submission_key
from .spending_import import (
    COLUMNS,
    SpendingAlreadyBooked,
    SpendingCheck,
    SpendingImportRefused,
    SpendingSimilar,
    check_data,
    import_data,
    similar_rows,
)
from .spending_selectors import programme_spending

MAX_UPLOAD_BYTES = 1_500_000  # base64 in the confirm form stays below Django's 2.5 MB POST limit
SESSION_KEY = "finance_spending_booked"
SESSION_KEEP = 50


def _spending_url(programme: Programme) -> str:
    return reverse("finance:spending", args=[programme.slug])


def _crumbs(programme: Programme) -> list[tuple[str, str]]:
    return [(reverse("finance:budget", args=[programme.slug]), _("Budget"))]


def spending(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "finance.view_budget")
    return render(
        request,
        "finance/spending.html",
        {
            "programme": programme,
            "overview": programme_spending(programme),
            "crumbs": _crumbs(programme),
            "can_change": request.user.has_perm("finance.change_budget", programme),
        },
    )


def spending_template(request: HttpRequest, slug: str) -> HttpResponse:
    """An empty spending file: the header row, in the order the docs describe."""
    programme_for(request, slug, "finance.view_budget")
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerow(csv_row(COLUMNS))
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="koers-uitgaven-sjabloon.csv"'
    return response


def _per_line(check: SpendingCheck) -> list[dict]:
    """Per budget line: how many rows and how much (in the order of the budget)."""
    groups: dict[int, dict] = {}
    for row in check.rows:
        group = groups.setdefault(
            row.line.pk, {"line": row.line, "count": 0, "total": Decimal("0.00")}
        )
        group["count"] += 1
        group["total"] += row.amount

    def key(group):
        line = group["line"]
        return (line.source.order, line.source.name, line.year, line.label)

    return sorted(groups.values(), key=key)


def _similar(similar) -> list[str]:
    return [
        _("Row %(row)s: there is already spending of %(amount)s on %(date)s on this budget line.")
        % {
            "row": row.row,
            "amount": format_euro(existing.amount, cents=True),
            "date": f"{existing.date:%d-%m-%Y}",
        }
        for row, existing in similar
    ]


def _render(
    request,
    programme,
    *,
    form=None,
    check=None,
    data=b"",
    status=200,
    error="",
    similar=None,
    submission_key="",
):
    context = {
        "programme": programme,
        "form": form,
        "check": check,
        "error": error,
        "crumbs": [*_crumbs(programme), (_spending_url(programme), _("Spending"))],
        "columns": COLUMNS,
    }
    if check is not None:
        context["per_line"] = _per_line(check)
        context["total"] = format_euro(check.total_amount, cents=True)
        if check.is_valid and check.rows:
            context.update(carry_file(data))
            # The key of this preview: confirming it twice books once (also from two tabs).
            context["submission_key"] = submission_key or new_submission_key()
            if similar is None:
                similar = similar_rows(check)
            context["similar"] = _similar(similar)
    return render(request, "finance/spending_upload.html", context, status=status)


def spending_upload(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "finance.change_budget")
    if request.method != "POST":
        return _render(request, programme, form=SpendingUploadForm())
    if "content" in request.POST:
        return _confirm(request, programme)
    form = SpendingUploadForm(request.POST, request.FILES)
    if form.is_valid() and form.cleaned_data["file"].size > MAX_UPLOAD_BYTES:
        form.add_error(
            "file",
            _("The file is larger than %(size)s; split it into smaller files.")
            % {"size": "1,5 MB"},
        )
    if not form.is_valid():
        return _render(request, programme, form=form, status=400)
    upload = form.cleaned_data["file"]
    data = upload.read()
    check = check_data(data, file_name=upload.name, allowed_programme_ids=[programme.pk])
    if check.is_valid and not check.rows:
        form.add_error("file", _("The file has no rows to book."))
        return _render(request, programme, form=form, status=400)
    return _render(request, programme, check=check, data=data)


def _confirm(request: HttpRequest, programme: Programme) -> HttpResponse:
    data, digest = carried_file(request)
    file_name = request.POST.get("file_name", "")[:200]
    if data is None:
        return _render(
            request,
            programme,
            form=SpendingUploadForm(),
            status=400,
            error=_("The file did not arrive intact; nothing was booked. Upload it again."),
        )
    if already_confirmed(request, SESSION_KEY, digest):
        return _render(
            request,
            programme,
            form=SpendingUploadForm(),
            status=409,
            error=_(
                "This file has already been booked in this session; nothing was booked a second "
                "time. To book more spending, upload a file with the new rows only."
            ),
        )
    key = request.POST.get("submission", "")[:64]
    try:
        check = import_data(
            data,
            actor=request.user,
            file_name=file_name,
            allowed_programme_ids=[programme.pk],
            submission_key=key,
            allow_similar=bool(request.POST.get("confirm_similar")),
        )
    except SpendingImportRefused as exc:
        return _render(request, programme, check=exc.check, status=400)
    except SpendingSimilar as exc:
        return _render(
            request,
            programme,
            check=exc.check,
            data=data,
            status=409,
            similar=exc.similar,
            submission_key=key,
            error=_("Some rows may have been booked already; nothing was booked yet."),
        )
    except SpendingAlreadyBooked as exc:
        done = exc.submission
        messages.info(
            request,
            ngettext(
                "This file has already been booked (%(count)s entry, in total %(total)s); "
                "nothing was booked a second time.",
                "This file has already been booked (%(count)s entries, in total %(total)s); "
                "nothing was booked a second time.",
                done.spending_count,
            )
            % {
                "count": done.spending_count,
                "total": format_euro(done.total_amount, cents=True),
            },
        )
        return redirect(_spending_url(programme))
    remember_confirmed(request, SESSION_KEY, digest, SESSION_KEEP)
    messages.success(
        request,
        ngettext(
            "%(count)s entry booked, in total %(total)s.",
            "%(count)s entries booked, in total %(total)s.",
            check.created,
        )
        % {"count": check.created, "total": format_euro(check.total_amount, cents=True)},
    )
    return redirect(_spending_url(programme))
