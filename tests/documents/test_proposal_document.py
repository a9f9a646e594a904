"""The change proposal (wijzigingsvoorstel) as a document for the college, PDF and Word: the
status, each change from what to what and why, the goals that gain or lose support, and the
budget of an effort that is stopped; who may download it; and the pure computation of the
consequences."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.decisions import proposals
from koers.decisions import services as decision_services
from koers.decisions.models import ChangeProposal, PendingChange
from koers.documents.proposal_effects import (
    EFFORT,
    GOAL,
    LINK,
    Line,
    Link,
    Proposed,
    budget_effects,
    goal_effects,
)
from koers.finance import services as finance
from koers.programmes import services
from koers.programmes.constants import ChangeKind
from koers.programmes.proposing import operation_name
from tests.builders import adopt
from tests.decisions.test_proposals import _effort, _goal, _propose_target_and_link
from tests.documents.conftest import docx_open, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted(programme, admin_user):
    """The fixture programme, adopted: its scope changes only by decision (as in the tests of
    the decisions register)."""
    adopt(admin_user, programme)
    return programme


def _url(proposal, fmt: str) -> str:
    name = "documents:proposal_pdf" if fmt == "pdf" else "documents:proposal_docx"
    return reverse(name, kwargs={"slug": proposal.programme.slug, "pk": proposal.pk})


def _docx_text(data: bytes) -> str:
    doc = docx_open(data)
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts).replace("\u00a0", " ").replace("\u202f", " ")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _download(client, user, proposal) -> tuple[str, str]:
    client.force_login(user)
    pdf = client.get(_url(proposal, "pdf"))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "wijzigingsvoorstel-" in pdf["Content-Disposition"]
    docx = client.get(_url(proposal, "docx"))
    assert docx.status_code == 200
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
    return _flat(pdf_text(pdf.content)), _flat(_docx_text(docx.content))


def test_addresses():
    assert (
        reverse("documents:proposal_pdf", kwargs={"slug": "p", "pk": 7})
        == "/programmas/p/besluiten/voorstellen/7/document.pdf"
    )
    assert (
        reverse("documents:proposal_docx", kwargs={"slug": "p", "pk": 7})
        == "/programmas/p/besluiten/voorstellen/7/document.docx"
    )


def test_the_proposal_of_a_target_and_a_link(client, adopted, admin_user):
    proposal, target, _link = _propose_target_and_link(adopted, admin_user)
    ChangeProposal.objects.filter(pk=proposal.pk).update(
        summary="De binnenstad trekt meer bezoekers dan verwacht."
    )
    before, after = target.described[0]["before"], target.described[0]["after"]
    pending = PendingChange.objects.count()
    for text in _download(client, admin_user, proposal):
        assert "Wijzigingsvoorstel Bijstelling" in text
        assert adopted.name in text
        assert "concept" in text
        assert "De binnenstad trekt meer bezoekers dan verwacht." in text
        # What changes, from what to what, and why.
        assert "Streefwaarde gewijzigd" in text
        assert _flat(before) in text and _flat(after) in text
        assert "7.000" in text and "8.000" in text
        assert "De bezoekersaantallen groeien sneller dan verwacht." in text
        assert "Evenementen dragen bij aan de beleving." in text
        assert "Voorgesteld door" in text
        # Goal 1b gains the support of Evenementen; nothing is stopped.
        assert "Gevolgen voor de doelen" in text
        assert re.search(r"1b Bezoekers voelen zich welkom\W*krijgt steun\W*Evenementen", text)
        assert "Budgetgevolgen" in text and "Geen budgetgevolgen" in text
    # A GET writes nothing.
    assert PendingChange.objects.count() == pending
    proposal.refresh_from_db()
    assert proposal.is_concept


@pytest.fixture
def stopping(adopted, admin_user):
    """Evenementen serves 1a (linked by decision) and has budget lines last year, this year and
    next year; a proposal stops it."""
    year = timezone.localdate().year
    decision = decision_services.decision_create(
        actor=admin_user,
        programme=adopted,
        date=dt.date(2020, 1, 7),
        title="Evenementen aan 1a",
        authorises=[ChangeKind.LINK_ADDED],
    )
    services.goal_effort_link_create(
        operational_goal=_goal(adopted),
        effort=_effort(adopted),
        actor=admin_user,
        decision=decision,
    )
    source = finance.source_create(actor=admin_user, programme=adopted, name="Gemeentebegroting")
    for offset, amount in ((-1, "1000.00"), (0, "12500.00"), (1, "7250.50")):
        finance.budget_line_create(
            actor=admin_user,
            programme=adopted,
            source=source,
            year=year + offset,
            amount=Decimal(amount),
            effort=_effort(adopted),
        )
    proposal = proposals.proposal_create(
        actor=admin_user, programme=adopted, title="Stoppen evenementen"
    )
    proposals.change_propose(
        proposal=proposal,
        actor=admin_user,
        operation=operation_name("inspanning", "update"),
        target=_effort(adopted),
        values={"status": "gestopt", "description": _effort(adopted).description},
        reason="De subsidie voor evenementen is vervallen.",
    )
    return proposal


def test_stopping_an_effort_costs_the_goals_its_support_and_frees_its_budget(
    client, stopping, admin_user
):
    for text in _download(client, admin_user, stopping):
        assert "Inspanning gestopt" in text
        assert "De subsidie voor evenementen is vervallen." in text
        assert re.search(r"1a Groei [^|]*?\W*verliest steun\W*Evenementen", text)
        # This year and next: 12.500 + 7.250,50; last year's line is not counted.
        assert "€ 19.750,50" in text
        assert "€ 12.500" in text and "€ 7.250,50" in text
        assert "€ 1.000" not in text
        assert "Geen budgetgevolgen" not in text


def test_a_decided_proposal_says_by_which_decision(client, adopted, admin_user):
    proposal, _target, _link = _propose_target_and_link(adopted, admin_user)
    proposals.proposal_decide(
        proposal=proposal,
        actor=admin_user,
        expected_version=proposal.version,
        kind="college",
        date=dt.date(2026, 11, 24),
        number="2026/0311",
        title="Bijstelling programma",
    )
    pdf, docx = _download(client, admin_user, proposal)
    for text in (pdf, docx):
        assert "besloten bij collegebesluit 2026/0311 van 24 november 2026" in text
        assert "Doorgevoerd op" in text


def test_a_rejected_proposal_says_so(client, adopted, admin_user):
    proposal, _target, _link = _propose_target_and_link(adopted, admin_user)
    proposals.proposal_reject(
        proposal=proposal,
        actor=admin_user,
        expected_version=proposal.version,
        date=dt.date(2026, 11, 24),
        note="Het college wil eerst de evaluatie.",
    )
    for text in _download(client, admin_user, proposal):
        assert "afgewezen op 24 november 2026" in text
        assert "Het college wil eerst de evaluatie." in text


def test_who_may_download(client, adopted, admin_user, reader_user, outsider_user, other_programme):
    proposal, _target, _link = _propose_target_and_link(adopted, admin_user)
    client.force_login(reader_user)
    assert client.get(_url(proposal, "docx")).status_code == 200
    client.force_login(outsider_user)
    assert client.get(_url(proposal, "pdf")).status_code == 403
    client.logout()
    assert client.get(_url(proposal, "pdf")).status_code in (302, 403)
    client.force_login(admin_user)
    elsewhere = reverse(
        "documents:proposal_docx", kwargs={"slug": other_programme.slug, "pk": proposal.pk}
    )
    assert client.get(elsewhere).status_code == 404
    missing = reverse("documents:proposal_pdf", kwargs={"slug": adopted.slug, "pk": 999999})
    assert client.get(missing).status_code == 404


def test_the_reads_do_not_grow_with_the_changes(adopted, admin_user):
    from koers.documents.selectors_proposal import proposal_data

    proposal, _target, _link = _propose_target_and_link(adopted, admin_user)
    today = timezone.localdate()
    proposals.change_propose(
        proposal=proposal,
        actor=admin_user,
        operation=operation_name("inspanning", "delete"),
        target=_effort(adopted),
        reason="Klaar",
    )
    with CaptureQueriesContext(connection) as few:
        proposal_data(adopted, proposal.pk, today=today)
    for name in ("Markt", "Verlichting"):
        proposals.change_propose(
            proposal=proposal,
            actor=admin_user,
            operation=operation_name("inspanning", "create"),
            values={"name": name},
            reason="Nieuw",
        )
    with CaptureQueriesContext(connection) as more:
        proposal_data(adopted, proposal.pk, today=today)
    assert len(more) == len(few)


# --- the pure computation -----------------------------------------------------------------------


def test_effects_of_links_efforts_and_goals():
    links = [Link(1, goal=10, effort=20), Link(2, goal=11, effort=20), Link(3, goal=12, effort=21)]
    changes = [
        Proposed(
            1,
            (ChangeKind.LINK_ADDED,),
            refs={"operational_goal": (GOAL, 13), "effort": (EFFORT, 21)},
        ),
        Proposed(2, (ChangeKind.EFFORT_STOPPED,), target=(EFFORT, 20)),
        Proposed(3, (ChangeKind.LINK_REMOVED,), target=(LINK, 3)),
        Proposed(4, (ChangeKind.GOAL_REMOVED,), target=(GOAL, 14)),
        Proposed(5, (ChangeKind.TARGET_CHANGED,), target=(GOAL, 10)),
    ]
    effects = goal_effects(changes, links)
    assert [(s.goal, s.effort, s.number) for s in effects.gains] == [(13, 21, 1)]
    assert [(s.goal, s.effort, s.number, s.kind) for s in effects.losses] == [
        (10, 20, 2, ChangeKind.EFFORT_STOPPED),
        (11, 20, 2, ChangeKind.EFFORT_STOPPED),
        (12, 21, 3, ChangeKind.LINK_REMOVED),
        (14, None, 4, ChangeKind.GOAL_REMOVED),
    ]
    assert effects.efforts_ending == {20}
    lines = [
        Line(20, 2025, "Rijk", Decimal("500.00")),
        Line(20, 2026, "Rijk", Decimal("1000.00")),
        Line(20, 2027, "Gemeente", Decimal("250.25")),
        Line(21, 2026, "Rijk", Decimal("9999.00")),  # an effort that goes on
    ]
    (effect,) = budget_effects(effects, lines, from_year=2026)
    assert (effect.effort, effect.number, effect.total) == (20, 2, Decimal("1250.25"))


def test_a_link_added_and_removed_again_changes_nothing():
    changes = [
        Proposed(
            1, (ChangeKind.LINK_ADDED,), refs={"operational_goal": (GOAL, 1), "effort": (EFFORT, 2)}
        ),
        Proposed(2, (ChangeKind.EFFORT_REMOVED,), target=(EFFORT, 2)),
    ]
    effects = goal_effects(changes, [Link(9, goal=1, effort=2)])
    assert effects.gains == () and effects.losses == ()
    assert budget_effects(effects, [], from_year=2026) == []
