"""Reads of the decisions register: a programme's decisions and the changes made to it since it
was adopted, each with a fixed number of queries however many there are."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import Http404

from koers.programmes.models import Programme

from .models import Decision, ProgrammeChange


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
