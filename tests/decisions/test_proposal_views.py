"""The pages of a change proposal: a manager puts a target change in a new proposal from the
goal's form, takes the suggested statement into it, adds a link from the link form, registers
the college's decision on the proposal; both changes apply with that decision and appear in the
contract's amendments. A rejection keeps the changes unapplied; a change is withdrawn from a
concept; readers see the proposal but cannot act on it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from koers.decisions.models import ChangeProposal, Decision, PendingChange, ProgrammeChange
from koers.documents.contract import build_contract
from koers.programmes.constants import ChangeKind
from koers.programmes.models import GoalEffortLink, OperationalGoal

from .test_views import SLUG, _goal_data

pytestmark = pytest.mark.django_db


def _proposal_url(proposal, suffix=""):
    return reverse("decisions:proposal", args=[SLUG, proposal.pk]) + suffix


def test_propose_in_the_forms_then_decide(client, staff_user, adopted):
    client.force_login(staff_user)
    goal = OperationalGoal.objects.get(code="1a")
    edit = reverse("programmes:element_edit", args=[SLUG, "doel", goal.pk])
    page = client.get(edit).content.decode()
    assert 'name="proposal"' in page and 'name="reason"' in page
    # Both a decision and a proposal: refused.
    both = client.post(
        edit,
        _goal_data(goal, decision=adopted.decisions.get().pk, proposal="nieuw", reason="Groei"),
    )
    assert both.status_code == 400 and not ChangeProposal.objects.exists()
    # Without a reason: refused, named on the field.
    bare = client.post(edit, _goal_data(goal, proposal="nieuw"))
    assert bare.status_code == 400 and "reason" in bare.context["form"].errors
    assert not ChangeProposal.objects.exists()
    proposed = client.post(edit, _goal_data(goal, proposal="nieuw", reason="Meer bezoekers."))
    proposal = ChangeProposal.objects.get()
    assert proposed.status_code == 302 and proposed["Location"] == _proposal_url(proposal)
    goal.refresh_from_db()
    assert goal.indicator.target_value == Decimal("7000")

    # The proposal page offers the statement rewritten for the new target.
    detail = client.get(_proposal_url(proposal)).content.decode()
    assert "nog niet van kracht" in detail.lower()
    assert "met 8.000" in detail and "statement" in detail
    pending = PendingChange.objects.get()
    client.post(
        _proposal_url(proposal, f"wijzigingen/{pending.pk}/tekst"),
        {"statement": "Groei van het aantal bezoekers per week met 8.000"},
    )
    pending.refresh_from_db()
    assert pending.arguments["statement"] == "Groei van het aantal bezoekers per week met 8.000"

    # A link, into the same proposal.
    effort = adopted.efforts.get(name="Evenementen")
    link_form = reverse("programmes:element_create", args=[SLUG, "koppeling"])
    goal_b = OperationalGoal.objects.get(code="1b")
    response = client.post(
        link_form,
        {
            "operational_goal": goal_b.pk,
            "effort": effort.pk,
            "contribution": "",
            "proposal": str(proposal.pk),
            "reason": "Evenementen maken de binnenstad gastvrij.",
        },
    )
    assert response.status_code == 302
    assert proposal.pending.count() == 2
    assert not GoalEffortLink.objects.filter(operational_goal=goal_b).exists()

    # The college decides.
    decide = _proposal_url(proposal, "besluit")
    assert client.get(decide).status_code == 200
    response = client.post(
        decide,
        {
            "version": proposal.version,
            "kind": "college",
            "date": "2026-11-24",
            "number": "2026/0311",
            "title": "Bijstelling bezoekersdoel",
            "link": "https://almelo.raadsinformatie.nl/besluit/2026-0311",
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get(number="2026/0311")
    goal.refresh_from_db()
    assert goal.indicator.target_value == Decimal("8000")
    assert goal.statement.endswith("met 8.000")
    assert GoalEffortLink.objects.filter(operational_goal=goal_b, effort=effort).exists()
    assert set(
        ProgrammeChange.objects.filter(decision=decision).values_list("kind", flat=True)
    ) == {
        ChangeKind.TARGET_CHANGED,
        ChangeKind.LINK_ADDED,
    }
    # The decision's page names what it allowed; the contract lists the amendments.
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "Bijstelling bezoekersdoel" in page and proposal.title in page
    with translation.override("nl"):
        text = build_contract(SLUG, today=timezone.localdate()).plain_text()
    assert "2026/0311" in text and "1b" in text


def test_reject_and_withdraw(client, staff_user, reader_user, adopted):
    client.force_login(staff_user)
    goal = OperationalGoal.objects.get(code="1a")
    edit = reverse("programmes:element_edit", args=[SLUG, "doel", goal.pk])
    client.post(edit, _goal_data(goal, proposal="nieuw", reason="Meer bezoekers."))
    client.post(edit, _goal_data(goal, "9000", proposal="nieuw", reason="Nog meer."))
    first, second = ChangeProposal.objects.order_by("pk")
    # Withdraw the change of the second; delete that (empty) concept.
    pending = second.pending.get()
    client.post(_proposal_url(second, f"wijzigingen/{pending.pk}/intrekken"))
    assert not second.pending.exists()
    # A reader sees the first but cannot act on it.
    client.force_login(reader_user)
    assert client.get(_proposal_url(first)).status_code == 200
    assert client.get(_proposal_url(first, "besluit")).status_code == 403
    client.force_login(staff_user)
    response = client.post(
        _proposal_url(first, "afwijzen"),
        {"version": first.version, "date": "2026-11-24", "note": "Eerst de evaluatie."},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == "afgewezen" and first.rejected_on == dt.date(2026, 11, 24)
    goal.refresh_from_db()
    assert goal.indicator.target_value == Decimal("7000")
    assert first.pending.count() == 1
    page = client.get(_proposal_url(first)).content.decode()
    assert "afgewezen" in page.lower() and "Eerst de evaluatie." in page
    # A rejected proposal cannot be decided any more.
    decided = client.post(
        _proposal_url(first, "besluit"),
        {"version": first.version, "kind": "college", "date": "2026-12-01", "title": "Toch"},
    )
    assert decided.status_code == 400 and not Decision.objects.filter(title="Toch").exists()
