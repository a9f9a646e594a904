"""Downloads of the generated documents: the page listing them (with the choice of the period
of the progress report), the programme contract, the progress report and a change proposal
(wijzigingsvoorstel) as PDF and Word.
Thin views: permission, selector, the document builder, render."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control

from koers.programmes.constants import ProgrammeStatus
from koers.programmes.models import Programme
from koers.programmes.selectors import programme_get
from koers.ui import programme_for
from koers.ui.bounds import bounded_date

from . import selectors
from .contract import build_contract
from .forms import ContractChoiceForm, ProgressChoiceForm
from .pdf import render_pdf
from .progress import build_progress
from .proposal import build_proposal
from .sections import period_label
from .word import render_docx

FORMATS = {
    "pdf": ("application/pdf", render_pdf),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        render_docx,
    ),
}


def urlpatterns(path):
    return [
        path("<slug:slug>/documenten/", documents, name="document_list"),
        path(
            "<slug:slug>/documenten/programmacontract.<str:fmt>",
            contract_download,
            name="document_contract",
        ),
        path(
            "<slug:slug>/documenten/voortgang.<str:fmt>",
            progress_download,
            name="document_progress",
        ),
        path(
            "<slug:slug>/documenten/voortgang-<str:period>.<str:fmt>",
            progress_download,
            name="document_progress_period",
        ),
        path(
            "<slug:slug>/besluiten/voorstellen/<int:pk>/document.pdf",
            proposal_download,
            {"fmt": "pdf"},
            name="proposal_pdf",
        ),
        path(
            "<slug:slug>/besluiten/voorstellen/<int:pk>/document.docx",
            proposal_download,
            {"fmt": "docx"},
            name="proposal_docx",
        ),
    ]


def _programme(request: HttpRequest, slug: str) -> Programme:
    programme = programme_get(slug)
    if not request.user.has_perm("programmes.view_programme", programme):
        raise PermissionDenied
    return programme


def documents(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    today = timezone.localdate()
    choice = selectors.period_choice(programme, today=today)
    form = ProgressChoiceForm(request.GET or None, choice=choice)
    period, as_of = choice.default, None
    if form.is_valid():
        key = form.cleaned_data["periode"]
        period = next((p for p in choice.periods if p.key == key), period)
        as_of = form.cleaned_data["op"]
    query = f"?op={as_of.isoformat()}" if as_of else ""
    contract_form = ContractChoiceForm(request.GET or None, today=today)
    contract_as_of = None
    if contract_form.is_valid():
        contract_as_of = contract_form.cleaned_data["contract_op"]
    contract_query = f"?op={contract_as_of.isoformat()}" if contract_as_of else ""
    formats = (("pdf", "PDF"), ("docx", "Word (DOCX)"))

    def progress_url(fmt: str) -> str:
        if period is None:
            return reverse("documents:document_progress", kwargs={"slug": slug, "fmt": fmt}) + query
        kwargs = {"slug": slug, "period": period.key, "fmt": fmt}
        return reverse("documents:document_progress_period", kwargs=kwargs) + query

    return render(
        request,
        "documents/doc_list.html",
        {
            "programme": programme,
            "choice": choice,
            "form": form,
            "period": period,
            "period_label": period_label(period) if period else "",
            "as_of": as_of or (period.end if period else today),
            "contract_form": contract_form,
            "contract_as_of": contract_as_of or today,
            "contract": [
                (
                    label,
                    reverse("documents:document_contract", kwargs={"slug": slug, "fmt": fmt})
                    + contract_query,
                )
                for fmt, label in formats
            ],
            "progress": [(label, progress_url(fmt)) for fmt, label in formats],
            # The archive package (koers.archive): a functional administrator, closed programme.
            "can_archive": programme.status == ProgrammeStatus.CLOSED
            and request.user.has_perm("archive.make_package", programme),
        },
    )


def _download(document, fmt: str, filename: str) -> HttpResponse:
    content_type, renderer = FORMATS[fmt]
    response = HttpResponse(renderer(document), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response


def contract_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    programme = _programme(request, slug)
    if fmt not in FORMATS:
        raise Http404(fmt)
    today = timezone.localdate()
    as_of = _date(request.GET.get("op"))
    if as_of is not None and as_of > today:
        raise Http404(request.GET.get("op"))
    document = build_contract(programme.slug, today=today, as_of=as_of)
    suffix = f"-{as_of.isoformat()}" if as_of else ""
    return _download(document, fmt, f"programmacontract-{programme.slug}{suffix}")


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return bounded_date(value)
    except ValueError as exc:
        raise Http404(value) from exc


def progress_download(
    request: HttpRequest, slug: str, fmt: str, period: str | None = None
) -> HttpResponse:
    programme = _programme(request, slug)
    if fmt not in FORMATS:
        raise Http404(fmt)
    today = timezone.localdate()
    start = _date(period or request.GET.get("periode"))
    _calendar, found = selectors.period_find(programme, start, today=today)
    if start is not None and (found is None or found.start > today):
        raise Http404(period)
    as_of = _date(request.GET.get("op"))
    document = build_progress(programme, period=found, as_of=as_of)
    name = f"voortgang-{programme.slug}" + (f"-{found.key}" if found else "")
    return _download(document, fmt, name)


def proposal_download(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    """A change proposal as the document for the college; for whoever may see the programme's
    decisions. Writes nothing."""
    programme = programme_for(request, slug, "decisions.view_decisions")
    document = build_proposal(programme, pk, today=timezone.localdate())
    return _download(document, fmt, f"wijzigingsvoorstel-{programme.slug}-{pk}")
