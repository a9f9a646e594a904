"""Change proposals: a change that an adopted programme takes only with a decision is put in a
proposal instead of refused; registering the decision on the proposal applies all its changes in
one transaction, each recorded with that decision; a rejected proposal keeps its changes
unapplied; a decision allows only what it names."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from koers.decisions import proposals
from koers.decisions import services as decision_services
from koers.decisions.constants import ProposalStatus
from koers.decisions.models import Decision, PendingChange, ProgrammeChange
from koers.programmes import services
from koers.programmes.constants import ChangeKind
from koers.programmes.models import Effort, GoalEffortLink, OperationalGoal
from koers.programmes.proposing import operation_name

pytestmark = pytest.mark.django_db


def _goal(programme, code="1a") -> OperationalGoal:
    return OperationalGoal.objects.select_related("programme").get(programme=programme, code=code)


def _effort(programme) -> Effort:
    return Effort.objects.select_related("programme").get(programme=programme, name="Evenementen")


def _target_values(goal, value) -> dict:
    indicator = goal.indicator
    return {
        "indicator": {
            "name": indicator.name,
            "target_kind": indicator.target_kind,
            "target_value": Decimal(value),
            "target_date": indicator.target_date,
        },
        "statement": goal.statement,
    }


def _propose_target_and_link(programme, actor):
    proposal = proposals.proposal_create(actor=actor, programme=programme, title="Bijstelling")
    target = proposals.change_propose(
        proposal=proposal,
        actor=actor,
        operation=operation_name("doel", "update"),
        target=_goal(programme),
        values=_target_values(_goal(programme), "8000"),
        reason="De bezoekersaantallen groeien sneller dan verwacht.",
    )
    link = proposals.change_propose(
        proposal=proposal,
        actor=actor,
        operation=operation_name("koppeling", "create"),
        values={"operational_goal": _goal(programme, "1b"), "effort": _effort(programme)},
        reason="Evenementen dragen bij aan de beleving.",
    )
    return proposal, target, link


def test_a_proposal_holds_changes_that_are_not_in_force(adopted, admin_user):
    changes = ProgrammeChange.objects.count()
    versions = (_goal(adopted).version, _goal(adopted).indicator.version)
    proposal, target, link = _propose_target_and_link(adopted, admin_user)
    # Nothing applied: the target, the links, the versions and the change record are as before.
    assert _goal(adopted).indicator.target_value == Decimal("7000")
    assert (_goal(adopted).version, _goal(adopted).indicator.version) == versions
    assert not GoalEffortLink.objects.filter(operational_goal__code="1b").exists()
    assert ProgrammeChange.objects.count() == changes
    # Described as the change record would describe them, with only the values that change.
    assert [d["kind"] for d in target.described] == [ChangeKind.TARGET_CHANGED]
    assert "7.000" in target.described[0]["before"] and "8.000" in target.described[0]["after"]
    assert target.arguments == {"indicator": {"target_value": {"$decimal": "8000"}}}
    assert [d["kind"] for d in link.described] == [ChangeKind.LINK_ADDED]
    assert proposal.pending.count() == 2


def test_registering_the_decision_applies_every_change_with_it(adopted, admin_user):
    proposal, _target, _link = _propose_target_and_link(adopted, admin_user)
    decision = proposals.proposal_decide(
        proposal=proposal,
        actor=admin_user,
        expected_version=proposal.version,
        kind="college",
        date=dt.date(2026, 11, 24),
        number="2026/0311",
        title="Bijstelling programma",
        link="https://almelo.raadsinformatie.nl/besluit/2026-0311",
    )
    assert _goal(adopted).indicator.target_value == Decimal("8000")
    assert GoalEffortLink.objects.filter(operational_goal__code="1b").exists()
    recorded = ProgrammeChange.objects.filter(decision=decision)
    assert sorted(recorded.values_list("kind", flat=True)) == sorted(
        [ChangeKind.TARGET_CHANGED, ChangeKind.LINK_ADDED]
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECIDED
    assert decision.proposal == proposal
    assert sorted(decision.authorises) == sorted([ChangeKind.TARGET_CHANGED, ChangeKind.LINK_ADDED])
    assert all(p.applied_at for p in proposal.pending.all())
    # The decision allows exactly these changes: a later change cannot cite it.
    with pytest.raises(ValidationError) as exc_info:
        services.effort_create(
            actor=admin_user,
            programme=adopted,
            name="Nieuw",
            decision=Decision.objects.get(pk=decision.pk),
        )
    assert "wijzigingsvoorstel" in " ".join(exc_info.value.message_dict["decision"])
    # A decided proposal is part of the record.
    with pytest.raises(ValidationError):
        proposals.proposal_delete(proposal=proposal, actor=admin_user, expected_version=None)


def test_a_change_that_can_no_longer_apply_applies_nothing(adopted, admin_user):
    proposal, _target, _link = _propose_target_and_link(adopted, admin_user)
    effort = _effort(adopted)
    # Meanwhile the effort of the proposed link is removed (under a decision that allows it).
    removal = decision_services.decision_create(
        actor=admin_user,
        programme=adopted,
        date=dt.date(2026, 10, 1),
        title="Beëindiging evenementen",
        authorises=[ChangeKind.EFFORT_REMOVED],
    )
    services.object_delete(effort, actor=admin_user, expected_version=None, decision=removal)
    with pytest.raises(ValidationError) as exc_info:
        proposals.proposal_decide(
            proposal=proposal,
            actor=admin_user,
            expected_version=None,
            kind="college",
            date=dt.date(2026, 11, 24),
            title="Bijstelling",
        )
    assert "Wijziging 2" in " ".join(exc_info.value.messages)
    assert _goal(adopted).indicator.target_value == Decimal("7000")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.CONCEPT
    assert not Decision.objects.filter(title="Bijstelling").exists()


def test_a_rejected_proposal_keeps_its_changes_unapplied(adopted, admin_user):
    proposal, _target, _link = _propose_target_and_link(adopted, admin_user)
    proposals.proposal_reject(
        proposal=proposal,
        actor=admin_user,
        expected_version=proposal.version,
        date=dt.date(2026, 11, 24),
        note="Het college wil eerst de evaluatie.",
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert proposal.pending.count() == 2
    assert all(p.applied_at is None for p in proposal.pending.all())
    assert _goal(adopted).indicator.target_value == Decimal("7000")
    with pytest.raises(ValidationError):  # it can no longer take changes
        proposals.change_propose(
            proposal=proposal,
            actor=admin_user,
            operation=operation_name("inspanning", "delete"),
            target=_effort(adopted),
            reason="Klaar",
        )


def test_an_owner_stopping_their_effort_creates_a_pending_change(adopted, owner_user):
    proposal = proposals.proposal_create(actor=owner_user, programme=adopted)
    pending = proposals.change_propose(
        proposal=proposal,
        actor=owner_user,
        operation=operation_name("inspanning", "update"),
        target=_effort(adopted),
        values={"status": "gestopt", "description": _effort(adopted).description},
        reason="De subsidie voor evenementen is vervallen.",
    )
    assert pending.arguments == {"status": "gestopt"}
    assert [d["kind"] for d in pending.described] == [ChangeKind.EFFORT_STOPPED]
    assert _effort(adopted).status != "gestopt"


def test_a_change_without_need_of_a_decision_is_not_proposed(adopted, admin_user):
    proposal = proposals.proposal_create(actor=admin_user, programme=adopted)
    with pytest.raises(ValidationError) as exc_info:
        proposals.change_propose(
            proposal=proposal,
            actor=admin_user,
            operation=operation_name("inspanning", "update"),
            target=_effort(adopted),
            values={"description": "Meer evenementen."},
            reason="Beter beschreven.",
        )
    assert "geen besluit nodig" in " ".join(exc_info.value.message_dict["proposal"])
    with pytest.raises(ValidationError) as exc_info:  # and a reason is required
        proposals.change_propose(
            proposal=proposal,
            actor=admin_user,
            operation=operation_name("inspanning", "delete"),
            target=_effort(adopted),
            reason="  ",
        )
    assert "reason" in exc_info.value.message_dict
    assert not PendingChange.objects.exists()


def test_an_invalid_change_is_not_proposed(adopted, admin_user):
    proposal = proposals.proposal_create(actor=admin_user, programme=adopted)
    with pytest.raises(ValidationError):
        proposals.change_propose(
            proposal=proposal,
            actor=admin_user,
            operation=operation_name("inspanning", "create"),
            values={"name": ""},
            reason="Nieuw",
        )
    assert not PendingChange.objects.exists()


def test_a_decision_allows_only_the_kinds_of_change_it_names(adopted, admin_user):
    """The gap found: a link was added citing a decision about a target value."""
    about_target = decision_services.decision_create(
        actor=admin_user,
        programme=adopted,
        date=dt.date(2026, 3, 10),
        title="Streefwaarde 1a",
        authorises=[ChangeKind.TARGET_CHANGED],
    )
    with pytest.raises(ValidationError) as exc_info:
        services.goal_effort_link_create(
            operational_goal=_goal(adopted, "1b"),
            effort=_effort(adopted),
            actor=admin_user,
            decision=about_target,
        )
    message = " ".join(exc_info.value.message_dict["decision"])
    assert "staat deze wijziging niet toe" in message and "streefwaarde gewijzigd" in message
    assert not GoalEffortLink.objects.filter(operational_goal__code="1b").exists()
