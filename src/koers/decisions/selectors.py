"""Reads of the decisions register: a programme's decisions and the changes made to it since it
was adopted, each with a fixed number of queries however many there are."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import Http404

from koers.programmes import proposing
from koers.programmes.models import Programme

from .constants import ProposalStatus
from .models import ChangeProposal, Decision, PendingChange, ProgrammeChange


def programme_decisions(programme: Programme) -> QuerySet[Decision]:
    """The programme's decisions, newest first (the choices of the decision fields)."""
    return Decision.objects.filter(programme=programme).order_by("-date", "-pk")


def decision_get(programme: Programme, pk: int | None) -> Decision:
    decision = Decision.objects.filter(programme=programme, pk=pk).first()
    if decision is None:
        raise Http404
    decision.programme = programme
    return decision


def programme_changes(programme: Programme, limit: int | None = None) -> list[ProgrammeChange]:
    """The recorded changes of the programme, newest first, with decision and author: one
    query."""
    changes = (
        ProgrammeChange.objects.filter(programme=programme)
        .select_related("decision", "changed_by")
        .order_by("-changed_at", "-pk")
    )
    if limit is not None:
        changes = changes[:limit]
    result = list(changes)
    for change in result:
        change.programme = programme
        if change.decision is not None:
            change.decision.programme = programme
    return result


def decision_changes(decision: Decision) -> list[ProgrammeChange]:
    return list(decision.changes.select_related("changed_by").order_by("-changed_at", "-pk"))


@dataclass
class DecisionsRegister:
    programme: Programme
    decisions: list[Decision]
    changes: list[ProgrammeChange]
    without_decision: int


def decisions_register(programme: Programme) -> DecisionsRegister:
    """Every decision with the number of changes it allowed, and every recorded change: two
    queries."""
    decisions = list(
        programme_decisions(programme)
        .annotate(change_count=Count("changes"))
        .order_by("-date", "-pk")
    )
    for decision in decisions:
        decision.programme = programme
    changes = programme_changes(programme)
    return DecisionsRegister(
        programme,
        decisions,
        changes,
        sum(1 for c in changes if c.decision_id is None),
    )


def programme_proposals(programme: Programme) -> list[ChangeProposal]:
    """The programme's change proposals, concepts first, with their pending changes: two
    queries."""
    proposals = list(
        ChangeProposal.objects.filter(programme=programme)
        .select_related("decision", "created_by")
        .prefetch_related("pending")
        .order_by("status", "-created_at", "-pk")
    )
    for proposal in proposals:
        proposal.programme = programme
    return proposals


def concept_proposals(programme: Programme):
    """The programme's proposals that can still take changes (the choices of the proposal
    field)."""
    return ChangeProposal.objects.filter(
        programme=programme, status=ProposalStatus.CONCEPT
    ).order_by("-created_at", "-pk")


def proposal_get(programme: Programme, pk: int | None) -> ChangeProposal:
    proposal = (
        ChangeProposal.objects.filter(programme=programme, pk=pk)
        .select_related("created_by")
        .first()
    )
    if proposal is None:
        raise Http404
    proposal.programme = programme
    return proposal


def proposal_changes(proposal: ChangeProposal) -> list[PendingChange]:
    changes = list(proposal.pending.select_related("created_by").order_by("created_at", "pk"))
    for change in changes:
        change.proposal = proposal
    return changes


def pending_changes(programme: Programme) -> list[PendingChange]:
    """The changes of the programme's concept proposals: proposed, not yet in force. One
    query."""
    changes = list(
        PendingChange.objects.filter(
            proposal__programme=programme, proposal__status=ProposalStatus.CONCEPT
        )
        .select_related("proposal")
        .order_by("proposal__created_at", "proposal_id", "created_at", "pk")
    )
    for change in changes:
        change.proposal.programme = programme
    return changes


def pending_for(changes: list[PendingChange], element) -> list[PendingChange]:
    """Of ``changes``, those about ``element``: acting on it, or referring to it (a link to be
    added to a goal, a goal to be added under a strategic goal)."""
    key = (element._meta.label_lower, element.pk)
    return [
        c
        for c in changes
        if (c.target_model, c.target_id) == key or key in proposing.element_refs(c.arguments)
    ]


def decision_authorised(decision: Decision) -> list[str]:
    """The kinds of change ``decision`` allows, in words (a decision on a change proposal: that
    proposal's)."""
    from koers.programmes.constants import ChangeKind

    return [str(ChangeKind(k).label) for k in decision.authorises if k in ChangeKind.values]


def statement_suggestions(changes: list[PendingChange]) -> dict[int, str]:
    """For each pending target change of a goal whose statement would then disagree with its
    target ("met 7.000" after the target became 8.000), the statement rewritten to agree (see
    :func:`koers.din.checks.text.suggest_statement`), by pending change. One query for the
    goals."""
    from dataclasses import replace

    from koers.din.checks.data import IndicatorData
    from koers.din.checks.text import suggest_statement
    from koers.programmes.constants import ChangeKind
    from koers.programmes.models import Indicator, OperationalGoal

    candidates = [
        c
        for c in changes
        if c.operation == proposing.operation_name("doel", "update")
        and "statement" not in c.arguments
        and isinstance(c.arguments.get("indicator"), dict)
        and any(d["kind"] == ChangeKind.TARGET_CHANGED for d in c.described)
    ]
    if not candidates:
        return {}
    goals = OperationalGoal.objects.select_related("indicator").in_bulk(
        [c.target_id for c in candidates]
    )
    fields = ("unit", "baseline_value", "baseline_date", "target_kind", "target_value")
    found = {}
    for change in candidates:
        goal = goals.get(change.target_id)
        try:
            indicator = goal.indicator if goal is not None else None
        except Indicator.DoesNotExist:
            indicator = None
        if indicator is None or not goal.statement:
            continue
        old = IndicatorData(
            name=indicator.name,
            target_date=indicator.target_date,
            **{f: getattr(indicator, f) for f in fields},
        )
        proposed = proposing.from_json(change.arguments["indicator"])
        new = replace(old, **{k: v for k, v in proposed.items() if k in (*fields, "target_date")})
        suggestion = suggest_statement(goal.statement, old, new)
        if suggestion:
            found[change.pk] = suggestion
    return found
