"""Documents are slow to generate (WeasyPrint, vl-convert, Graphviz): the demo's programme
contract and progress report are generated once per test session, inside a transaction that is
rolled back, and the tests open the bytes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

#: The demo period with submitted reports (biweekly calendar from 2 September 2019).
PERIOD = dt.date(2019, 10, 14)
TODAY = dt.date(2026, 11, 23)


def pytest_configure(config):
    config.addinivalue_line("markers", "office: runs LibreOffice (soffice), takes seconds")


@dataclass
class Generated:
    contract: object  # the Document
    contract_pdf: bytes
    contract_docx: bytes
    progress: object
    progress_pdf: bytes
    progress_docx: bytes
    budget_total: object
    goal_codes: list[str]


@pytest.fixture(scope="session")
def generated(django_db_setup, django_db_blocker) -> Generated:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import translation

    from koers.documents.contract import build_contract
    from koers.documents.pdf import render_pdf
    from koers.documents.progress import build_progress
    from koers.documents.selectors import period_find
    from koers.documents.word import render_docx
    from koers.finance.selectors import programme_budget
    from koers.programmes.models import Programme

    with django_db_blocker.unblock(), translation.override("nl"), transaction.atomic():
        call_command("demo", "--no-users", verbosity=0)
        programme = Programme.objects.get(slug="almelo-binnenstad")
        contract = build_contract(programme.slug, today=TODAY)
        _calendar, period = period_find(programme, PERIOD, today=TODAY)
        progress = build_progress(programme, period=period)
        result = Generated(
            contract=contract,
            contract_pdf=render_pdf(contract),
            contract_docx=render_docx(contract),
            progress=progress,
            progress_pdf=render_pdf(progress),
            progress_docx=render_docx(progress),
            budget_total=programme_budget(programme).total,
            goal_codes=list(
                programme.operational_goals.order_by("code").values_list("code", flat=True)
            ),
        )
        transaction.set_rollback(True)
    return result


def pdf_text(data: bytes) -> str:
    """The text of every page, with no-break spaces as plain spaces."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def docx_open(data: bytes):
    import io

    from docx import Document

    return Document(io.BytesIO(data))
