"""The reads of the proposal document (wijzigingsvoorstel): the proposal with its pending changes
and decision, the programme's goals, efforts and links, and the budget lines of the efforts it
removes or stops. Seven queries however many changes the proposal holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist

from koers.decisions.models import ChangeProposal, Decision, PendingChange
from koers.decisions.selectors import proposal_changes, proposal_get
from koers.finance.selectors import effort_budget_lines
from koers.programmes.models import Effort, GoalEffortLink, OperationalGoal, Programme
from koers.programmes.proposing import element_refs

from .proposal_effects import BudgetEffect, Effects, Line, Link, Proposed, budget_effects
from .proposal_effects import goal_effects as compute_goal_effects


@dataclass
class ProposalData:
    programme: Programme
    proposal: ChangeProposal
    decision: Decision | None
    changes: list[PendingChange]
    goals: dict[int, OperationalGoal]
    efforts: dict[int, Effort]
    effects: Effects
    budget: list[BudgetEffect]
    from_year: int


def _refs(arguments) -> dict[str, tuple[str, int]]:
    """The arguments that name one element: argument → (model label, key)."""
    if not isinstance(arguments, dict):
        return {}
    found = {}
    for name, value in arguments.items():
        refs = element_refs(value) if isinstance(value, dict) and "$ref" in value else set()
        if len(refs) == 1:
            found[name] = next(iter(refs))
    return found


def proposed(changes: list[PendingChange]) -> list[Proposed]:
    """The pending changes as the plain data of :mod:`.proposal_effects`, numbered from 1."""
    return [
        Proposed(
            number=i,
            kinds=tuple(d.get("kind", "") for d in change.described or []),
            target=(change.target_model, change.target_id)
            if change.target_model and change.target_id
            else None,
            refs=_refs(change.arguments),
        )
        for i, change in enumerate(changes, start=1)
    ]


def proposal_data(programme: Programme, pk: int, *, today: dt.date) -> ProposalData:
    """The proposal ``pk`` of ``programme`` (404 when there is none) with what the document says
    about it; budget effects from the year of ``today`` on."""
    proposal = proposal_get(programme, pk)
    changes = proposal_changes(proposal)
    try:
        decision = proposal.decision
    except ObjectDoesNotExist:
        decision = None
    links = [
        Link(pk, goal, effort)
        for pk, goal, effort in GoalEffortLink.objects.filter(
            operational_goal__programme=programme
        ).values_list("pk", "operational_goal_id", "effort_id")
    ]
    effects = compute_goal_effects(proposed(changes), links)
    lines = [
        Line(line.effort_id, line.year, line.source.name, line.amount)
        for line in effort_budget_lines(programme, effects.efforts_ending, from_year=today.year)
    ]
    return ProposalData(
        programme=programme,
        proposal=proposal,
        decision=decision,
        changes=changes,
        goals={g.pk: g for g in OperationalGoal.objects.filter(programme=programme)},
        efforts={e.pk: e for e in Effort.objects.filter(programme=programme)},
        effects=effects,
        budget=budget_effects(effects, lines, from_year=today.year),
        from_year=today.year,
    )
