"""Documents as of their date: the programme contract is the adopted baseline followed by the
amendments since adoption (each with its decision), as it read on any date (``--op``, the date
on the documents page); the progress report over a past period shows the targets, budget and
risk scores of that period, not today's. Built through the services, rendered to PDF and Word
and read back."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from koers.documents.contract import build_contract
from koers.documents.pdf import render_pdf
from koers.documents.progress import build_progress
from koers.documents.selectors import contract_data, progress_data
from koers.documents.word import render_docx
from koers.finance import services as finance
from koers.programmes import services
from koers.programmes.constants import GoalKind
from koers.risks import services as risk_services
from koers.risks.constants import RiskKind
from tests.builders import adopt, amendment_build

from .conftest import docx_open

pytestmark = pytest.mark.django_db

OCTOBER = dt.date(2019, 10, 31)


def _today() -> dt.date:
    """Today in the programme's time zone: the amendments of the fixture are made now."""
    from django.utils import timezone

    return timezone.localdate()


@pytest.fixture
def amended(programme, admin_user):
    """The fixture programme with contract date March 2019, a risk and a budget line, adopted;
    then by a college decision of 2026 the 1a target from +7,000 to +8,000, goal 1b removed and
    goal 1c added; the risk's score and the budget line changed later without a decision."""
    programme = services.programme_update(
        programme=programme,
        actor=admin_user,
        expected_version=None,
        contract_version="versie maart 2019",
        contract_date=dt.date(2019, 3, 12),
    )
    effort = programme.efforts.get(name="Evenementen")
    services.goal_effort_link_create(
        actor=admin_user, operational_goal=programme.operational_goals.get(code="1b"), effort=effort
    )
    risk = risk_services.risk_create(
        actor=admin_user,
        programme=programme,
        title="Minder evenementen door krappe budgetten",
        kind=RiskKind.GOALS,
        likelihood=2,
        impact=3,
    )
    source = finance.source_create(actor=admin_user, programme=programme, name="Programmabudget")
    line = finance.budget_line_create(
        actor=admin_user,
        programme=programme,
        source=source,
        year=2019,
        amount=Decimal("100000"),
        effort=effort,
    )
    adopt(admin_user, programme)
    decision = amendment_build(admin_user, programme, title="Bijstelling programma Binnenstad")
    gone = programme.operational_goals.get(code="1b")
    services.operational_goal_delete(
        goal=gone, actor=admin_user, expected_version=gone.version, decision=decision
    )
    risk.refresh_from_db()
    risk_services.risk_update(
        risk=risk, actor=admin_user, expected_version=risk.version, likelihood=5
    )
    line.refresh_from_db()
    finance.budget_line_update(
        line=line, actor=admin_user, expected_version=line.version, amount=Decimal("250000")
    )
    return programme


def pdftotext(data: bytes) -> str:
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is needed"
    out = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return " ".join(out.replace("\u00a0", " ").replace("\u202f", " ").split())


def docx_text(data: bytes) -> str:
    """The text of the Word file in the order of its body (paragraphs and tables)."""
    from docx.table import Table

    parts = []
    for block in docx_open(data).iter_inner_content():
        if isinstance(block, Table):
            parts.extend(" | ".join(c.text for c in row.cells) for row in block.rows)
        else:
            parts.append(block.text)
    return " ".join(" ".join(parts).replace("\u00a0", " ").split())


def _split(text: str) -> tuple[str, str]:
    """(the body, the amendments section) of the contract's text (whitespace collapsed)."""
    marker = "Wijzigingen sinds vaststelling Na de vaststelling"
    if marker not in text:
        marker = "Wijzigingen sinds vaststelling Geen wijzigingen"
    assert marker in text
    head, _sep, tail = text.partition(marker)
    return head, marker + tail


def test_contract_pdf_shows_the_2019_target_and_the_amendment_with_its_decision(amended):
    with translation.override("nl"):
        document = build_contract(amended.slug, today=_today())
        text = pdftotext(render_pdf(document))
    body, amendments = _split(text)
    assert "versie maart 2019" in body
    assert "Vastgestelde basis, zoals vastgelegd bij de vaststelling in Koers" in body
    assert "toename met 7.000" in body and "8.000" not in body
    assert "Bezoekers voelen zich welkom" in body  # 1b: removed after adoption
    assert "Later toegevoegd doel" not in body  # 1c: added after adoption
    assert "2026/0042" in amendments and "10 maart 2026" in amendments
    assert "Bijstelling programma Binnenstad" in amendments
    assert "streefwaarde gewijzigd" in amendments
    assert "7.000" in amendments and "8.000" in amendments
    assert "W1" in amendments and "W3" in amendments
    # The risk and the budget of the baseline, not today's.
    assert "€ 100.000" in body and "€ 250.000" not in body


def test_contract_docx_says_the_same(amended):
    with translation.override("nl"):
        text = docx_text(render_docx(build_contract(amended.slug, today=_today())))
    body, amendments = _split(text)
    assert "toename met 7.000" in body and "8.000" not in body
    assert "2026/0042" in amendments and "8.000" in amendments
    doc = docx_open(render_docx(build_contract(amended.slug, today=_today())))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Wijzigingen sinds vaststelling" in headings


def test_contract_as_of_a_date_before_the_decision_has_no_amendment(amended, tmp_path):
    target = tmp_path / "contract.pdf"
    with translation.override("nl"):
        call_command(
            "report", amended.slug, "--kind", "contract", "--op", "2025-12-31", "-o", str(target)
        )
    text = pdftotext(target.read_bytes())
    body, amendments = _split(text)
    assert "toename met 7.000" in body
    assert "Geen wijzigingen sinds vaststelling tot en met 31 december 2025" in amendments
    assert "2026/0042" not in text
    with translation.override("nl"):
        data = contract_data(amended.slug, today=_today(), as_of=dt.date(2026, 3, 10))
    assert len(data.amendments) == 3


def test_contract_of_a_programme_not_adopted_is_its_record_on_the_date(programme):
    with translation.override("nl"):
        text = build_contract(programme.slug, today=_today()).plain_text()
    assert "Het programma is (nog) niet vastgesteld" in text
    assert "toename met 7.000" in text


def test_progress_report_over_october_2019_shows_the_targets_and_scores_of_then(amended):
    with translation.override("nl"):
        document = build_progress(amended, period=None, as_of=OCTOBER)
        pdf = pdftotext(render_pdf(document))
        docx = docx_text(render_docx(document))
    for text in (pdf, docx):
        assert "Stand per 31 oktober 2019" in text
        assert "toename met 7.000" in text and "8.000" not in text
        assert "Bezoekers voelen zich welkom" in text  # removed in 2026: still there in 2019
        assert "Later toegevoegd doel" not in text
        assert "zoals eerst vastgelegd" in text  # entered in Koers after October 2019
        assert "2026/0042" not in text  # the decision of 2026 is not in a report of 2019
    data = progress_data(amended, period=None, as_of=OCTOBER)
    assert [(r.title, r.score) for r in data.risks] == [
        ("Minder evenementen door krappe budgetten", 6)
    ]
    assert data.exhaustion.total.budget == Decimal("100000")
    today = progress_data(amended, period=None, as_of=_today())
    assert today.risks[0].score == 15
    assert today.exhaustion.total.budget == Decimal("250000")
    assert [g.goal.code for g in today.monitor.goals] == ["1a", "1c"]
    assert today.monitor.goals[0].indicator.target_value == Decimal("8000")


def test_contract_page_offers_the_date_and_the_download_reads_it(amended, admin_user, client):
    client.force_login(admin_user)
    url = reverse("documents:document_list", kwargs={"slug": amended.slug})
    page = client.get(url, {"contract_op": "2025-12-31"})
    assert page.status_code == 200
    assert "programmacontract.pdf?op=2025-12-31" in page.content.decode()
    download = reverse("documents:document_contract", kwargs={"slug": amended.slug, "fmt": "docx"})
    response = client.get(download, {"op": "2025-12-31"})
    assert response.status_code == 200
    assert "programmacontract-test-programma-2025-12-31.docx" in response["Content-Disposition"]
    text = docx_text(response.content)
    assert "2026/0042" not in text
    assert client.get(download, {"op": "2999-01-01"}).status_code == 404
    assert client.get(download, {"op": "gisteren"}).status_code == 404


def _more(programme, admin_user, n: int) -> None:
    sg = programme.strategic_goals.get(code="1")
    decision = programme.decisions.first()
    for i in range(n):
        services.operational_goal_create(
            actor=admin_user,
            programme=programme,
            strategic_goal=sg,
            code=f"1x{i}",
            statement=f"Extra doel {i}",
            kind=GoalKind.QUALITATIVE,
            decision=decision,
        )
        risk_services.risk_create(
            actor=admin_user,
            programme=programme,
            title=f"Extra risico {i}",
            kind=RiskKind.EFFORTS,
            likelihood=1,
            impact=1,
        )


def test_the_as_of_reads_have_a_fixed_number_of_queries(amended, admin_user):
    def count(read) -> int:
        with CaptureQueriesContext(connection) as queries:
            read()
        return len(queries)

    def contract():
        return contract_data(amended.slug, today=_today())

    def progress():
        return progress_data(amended, period=None, as_of=_today())

    small = (count(contract), count(progress))
    _more(amended, admin_user, 5)
    assert (count(contract), count(progress)) == small
    assert small == (CONTRACT_QUERIES, PROGRESS_QUERIES)


CONTRACT_QUERIES = 41
PROGRESS_QUERIES = 26


def test_contract_date_in_the_future_is_refused_on_the_page_and_the_choices_are_kept(
    amended, admin_user, client
):
    client.force_login(admin_user)
    url = reverse("documents:document_list", kwargs={"slug": amended.slug})
    with translation.override("nl"):
        page = client.get(url, {"contract_op": "2999-01-01"}).content.decode()
    assert "Kies een datum tot en met vandaag." in page
    assert "programmacontract.pdf?op" not in page  # the download stays today's contract
    page = client.get(url, {"contract_op": "2025-12-31", "op": "2019-10-31"}).content.decode()
    assert 'name="contract_op" value="2025-12-31"' in page
    assert 'type="hidden" name="op" value="2019-10-31"' in page


def test_report_command_refuses_a_contract_date_in_the_future(amended):
    from django.core.management.base import CommandError

    with translation.override("nl"), pytest.raises(CommandError, match="toekomst"):
        call_command("report", amended.slug, "--kind", "contract", "--op", "2999-01-01", "-o", "-")
