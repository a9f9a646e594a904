"""Contributions between programmes (cross-programme links): the reads of their pages, the
DIN and the quality check, each one query."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from .constants import CrossLinkState
from .models import CrossProgrammeLink, Effort, OperationalGoal, Programme
from .rules import _access

__all__ = [
    "CrossLinkInbox",
    "accepted_for_programme",
    "cross_link_inbox",
    "effort_cross_links",
    "goal_cross_links",
    "goals_to_offer",
    "visible_programme_ids",
]


def _links() -> QuerySet[CrossProgrammeLink]:
    return CrossProgrammeLink.objects.select_related(
        "effort__programme",
        "effort__owner",
        "operational_goal__programme",
        "proposed_by",
        "decided_by",
    )


def goal_cross_links(goal: OperationalGoal) -> list[CrossProgrammeLink]:
    """The contributions of other programmes' efforts to ``goal``: accepted and pending ones
    (declined ones only on the effort's side and in the inbox). One query."""
    return list(
        _links()
        .filter(operational_goal=goal)
        .exclude(state=CrossLinkState.DECLINED)
        .order_by("effort__programme__name", "effort__name")
    )


def effort_cross_links(effort: Effort) -> list[CrossProgrammeLink]:
    """The contributions of ``effort`` to goals of other programmes, in every state. One
    query."""
    return list(
        _links()
        .filter(effort=effort)
        .order_by("operational_goal__programme__name", "operational_goal__code")
    )


def visible_programme_ids(user) -> set[int] | None:
    """The programmes ``user`` may see (None: all, for a functional administrator)."""
    if user.is_authenticated and user.is_functional_admin:
        return None
    if not user.is_authenticated:
        return set()
    levels, owned = _access(user)
    return set(levels) | set(owned.values())


def goals_to_offer(user, effort: Effort) -> list[tuple[str, list[OperationalGoal]]]:
    """The operational goals of the other programmes ``user`` may see, grouped by programme
    (name, goals), for the proposal form. One query."""
    qs = (
        OperationalGoal.objects.exclude(programme=effort.programme_id)
        .select_related("programme")
        .order_by("programme__name", "strategic_goal__order", "order", "code")
    )
    visible = visible_programme_ids(user)
    if visible is not None:
        qs = qs.filter(programme_id__in=visible)
    groups: dict[int, tuple[str, list[OperationalGoal]]] = {}
    for goal in qs:
        groups.setdefault(goal.programme_id, (goal.programme.name, []))[1].append(goal)
    return list(groups.values())


@dataclass(frozen=True)
class CrossLinkInbox:
    incoming: list[CrossProgrammeLink]  # proposals and contributions to this programme's goals
    outgoing: list[CrossProgrammeLink]  # this programme's efforts for other programmes' goals

    @property
    def pending(self) -> list[CrossProgrammeLink]:
        return [link for link in self.incoming if link.is_proposed]


def cross_link_inbox(programme: Programme) -> CrossLinkInbox:
    """Every contribution to or from ``programme``, split by direction. One query."""
    links = list(
        _links()
        .filter(Q(operational_goal__programme=programme) | Q(effort__programme=programme))
        .order_by("state", "-proposed_at", "pk")
    )
    order = {CrossLinkState.PROPOSED: 0, CrossLinkState.ACCEPTED: 1}
    links.sort(key=lambda link: order.get(link.state, 2))
    return CrossLinkInbox(
        incoming=[x for x in links if x.operational_goal.programme_id == programme.pk],
        outgoing=[x for x in links if x.effort.programme_id == programme.pk],
    )


def accepted_for_programme(programme: Programme) -> list[CrossProgrammeLink]:
    """The accepted contributions into and out of ``programme`` (for the DIN and its check). One
    query."""
    return list(
        CrossProgrammeLink.objects.filter(state=CrossLinkState.ACCEPTED)
        .filter(Q(operational_goal__programme=programme) | Q(effort__programme=programme))
        .select_related("effort__programme", "operational_goal__programme")
        .order_by("pk")
    )
