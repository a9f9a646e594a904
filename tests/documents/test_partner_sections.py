"""The partners' contributions in the programme contract (what each partner commits per effort
and year, and its interests) and in the progress report (committed versus delivered in the
year of the report's period), in the PDF and the Word file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from koers.documents.contract import build_contract
from koers.documents.model import Table
from koers.documents.pdf import render_pdf
from koers.documents.progress import build_progress
from koers.documents.word import render_docx
from koers.partners import services
from koers.partners.constants import ContributionKind
from koers.programmes import services as din
from koers.programmes.models import PartnerOrganisation

from .conftest import docx_open, pdf_text

pytestmark = pytest.mark.django_db
D = Decimal
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def contributions(admin_user, programme):
    effort = programme.efforts.get(name="Evenementen")
    kennis = din.object_create(PartnerOrganisation, actor=admin_user, name="Kennispunt Twente")
    bomen = din.object_create(PartnerOrganisation, actor=admin_user, name="Bomenstad")
    services.contribution_create(
        actor=admin_user, partner=kennis, effort=effort, year=2020, kind="geld",
        committed_amount=D("7500.50"), delivered_amount=D("2500.25"),
    )  # fmt: skip
    services.contribution_create(
        actor=admin_user, partner=kennis, effort=effort, year=2020, kind="uren",
        committed_hours=D("120.5"), delivered_hours=D("80"),
    )  # fmt: skip
    services.contribution_create(
        actor=admin_user, partner=bomen, effort=effort, year=2021, kind="product",
        description="Boomplan voor de Grotestraat",
    )  # fmt: skip
    services.interest_save(
        actor=admin_user, programme=programme, partner=kennis,
        interests="Betere cijfers over de binnenstad", expected_version=None,
    )  # fmt: skip
    return effort


def _section(doc, heading: str) -> list:
    """The blocks of the chapter ``heading`` (up to the next chapter)."""
    start = next(i for i, b in enumerate(doc.blocks) if getattr(b, "text", None) == heading)
    end = next(
        (
            i
            for i, b in enumerate(doc.blocks[start + 1 :], start + 1)
            if b.kind == "heading" and b.level == 2
        ),
        len(doc.blocks),
    )
    return doc.blocks[start:end]


def test_contract_has_the_partners_section(programme, contributions):
    with translation.override("nl"):
        doc = build_contract(programme.slug, today=TODAY)
        heading = _("Contributions of partners")
        blocks = _section(doc, heading)
        table = next(b for b in blocks if isinstance(b, Table))
        texts = [[c.text for c in row.cells] for row in table.rows]
        assert texts[0] == ["Bomenstad"]  # a group row per partner, by name
        money = str(ContributionKind.MONEY.label).capitalize()
        assert ["Evenementen", "2020", money, "€\u00a07.500,50"] in texts
        total = texts[-1]
        assert total[0].endswith("Kennispunt Twente") and "€\u00a07.500,50" in total[-1]
        assert "120,5" in total[-1]
        assert "Betere cijfers over de binnenstad" in doc.plain_text()
        text = pdf_text(render_pdf(doc))
        assert heading in text and "Boomplan voor de Grotestraat" in text
        assert "€ 7.500,50" in text
        docx = docx_open(render_docx(doc))
        assert heading in [p.text for p in docx.paragraphs if p.style.name == "Heading 1"]


def test_progress_report_has_committed_versus_delivered_in_the_period_year(
    programme, contributions
):
    with translation.override("nl"):
        doc = build_progress(programme, period=None, as_of=dt.date(2020, 6, 30))
        heading = _("Contributions of partners in %(year)s") % {"year": 2020}
        table = next(b for b in _section(doc, heading) if isinstance(b, Table))
        rows = [[c.text for c in row.cells] for row in table.rows]
        assert rows[0][0] == "Kennispunt Twente"  # Bomenstad contributes in 2021 only
        assert rows[0][1:] == ["€\u00a07.500,50", "€\u00a02.500,25", "120,5", "80", "0 / 0"]
        assert rows[-1][1] == "€\u00a07.500,50"
        text = pdf_text(render_pdf(doc))
        assert heading in text and "€ 2.500,25" in text
        docx = docx_open(render_docx(doc))
        assert heading in [p.text for p in docx.paragraphs if p.style.name == "Heading 1"]


def test_empty_sections_say_so(programme):
    with translation.override("nl"):
        contract = build_contract(programme.slug, today=TODAY)
        assert _("No contributions of partners recorded.") in contract.plain_text()
        progress = build_progress(programme, period=None, as_of=dt.date(2021, 6, 30))
        blocks = _section(progress, _("Contributions of partners in %(year)s") % {"year": 2021})
        assert blocks[1].text == _("No contributions of partners recorded for %(year)s.") % {
            "year": 2021
        }
