"""Contributions between programmes: the writes, the permission questions and the reads.

Who may do what (the views ask :func:`can_propose` and :func:`can_decide`; the services trust
their caller, like the other DIN services):

- **propose** a contribution of an effort to a goal of another programme, and **withdraw** it
  while it is pending: the staff of the *effort's* programme (``programmes.change_programme`` on
  it) who may also see the goal's programme. Not the effort's owner alone: committing an effort
  to another programme's goal is a matter between the programme managers ("afstemming tussen de
  programmamanagers"), and it puts work on the other programme's page.
- **accept** or **decline** (with a reason) a proposal, and **remove** an accepted contribution:
  the staff of the *goal's* programme. The goal's programme owns its goals; an accepted
  contribution changes its scope.

Change control: accepting a contribution to a goal of an *adopted* programme is a scope change of
that programme (``LINK_ADDED``) and needs one of its decisions; removing an accepted one likewise
(``LINK_REMOVED``). Both are recorded with the decision in the goal programme's register. The
effort's programme is not changed by either (its efforts and goals stay the same).

Every write takes keyword-only arguments, validates with ``full_clean()``, runs in a transaction,
records the actor in the history and refuses a stale ``expected_version``
(:class:`~koers.programmes.services.ConflictError`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .change_control import Change, ChangeKind, check_decision, record
from .models import (
    ContributionState,
    CrossProgrammeLink,
    Effort,
    OperationalGoal,
    Programme,
)
from .rules import _access
from .services import ConflictError, history_stamp, version_bump

__all__ = [
    "ConflictError",
    "accepted_for_programme",
    "can_decide",
    "can_propose",
    "contribution_accept",
    "contribution_decline",
    "contribution_propose",
    "contribution_remove",
    "contribution_withdraw",
    "goal_contributions",
    "effort_contributions",
    "goals_to_offer",
    "inbox",
]


# --- permissions ------------------------------------------------------------------------------


def can_propose(user, effort: Effort) -> bool:
    """May ``user`` propose (or withdraw) contributions of ``effort``?"""
    return user.has_perm("programmes.change_programme", effort.programme)


def can_decide(user, goal_programme: Programme) -> bool:
    """May ``user`` accept, decline or remove contributions to goals of ``goal_programme``?"""
    return user.has_perm("programmes.change_programme", goal_programme)


# --- writes -----------------------------------------------------------------------------------


def _change(link: CrossProgrammeLink, kind: str) -> Change:
    goal = link.operational_goal
    subject = _("%(code)s ↔ %(effort)s (programme %(programme)s)") % {
        "code": goal.code,
        "effort": link.effort.name,
        "programme": link.effort.programme.name,
    }
    return Change(goal.programme, kind, subject)


def _save(link: CrossProgrammeLink, *, actor, expected_version: int | None, reason=None) -> None:
    link.full_clean(exclude=["version"])
    version_bump(link, expected_version)
    history_stamp(link, actor, reason)
    link.save()


def contribution_propose(
    *, effort: Effort, operational_goal: OperationalGoal, contribution: str, actor
) -> CrossProgrammeLink:
    """Propose that ``effort`` serves ``operational_goal`` of another programme. A proposal that
    was declined before may be made again (the same record, proposed anew)."""
    with transaction.atomic():
        existing = (
            CrossProgrammeLink.objects.select_for_update()
            .filter(effort=effort, operational_goal=operational_goal)
            .first()
        )
        now = timezone.now()
        if existing is not None:
            if existing.state != ContributionState.DECLINED:
                raise ValidationError(
                    {"operational_goal": _("This effort has already been proposed for this goal.")}
                )
            existing.contribution = contribution
            existing.state = ContributionState.PROPOSED
            existing.proposed_by, existing.proposed_at = actor, now
            existing.decided_by, existing.decided_at, existing.decision_reason = None, None, ""
            _save(existing, actor=actor, expected_version=existing.version)
            return existing
        link = CrossProgrammeLink(
            effort=effort,
            operational_goal=operational_goal,
            contribution=contribution,
            state=ContributionState.PROPOSED,
            proposed_by=actor,
            proposed_at=now,
        )
        link.full_clean()
        history_stamp(link, actor, None)
        link.save()
    return link


def _refuse_unless_proposed(link: CrossProgrammeLink) -> None:
    if link.state != ContributionState.PROPOSED:
        raise ValidationError(
            _("This proposal has already been decided on: %(state)s.")
            % {"state": link.get_state_display()}
        )


def contribution_accept(
    *, link: CrossProgrammeLink, actor, expected_version: int | None, decision=None
) -> CrossProgrammeLink:
    """The goal's programme accepts the proposal. When that programme is adopted this is a scope
    change and needs one of its decisions (``ValidationError`` on ``decision`` otherwise)."""
    with transaction.atomic():
        _refuse_unless_proposed(link)
        change = _change(link, ChangeKind.LINK_ADDED)
        check_decision(change, decision)
        link.state = ContributionState.ACCEPTED
        link.decided_by, link.decided_at, link.decision_reason = actor, timezone.now(), ""
        _save(link, actor=actor, expected_version=expected_version)
        record(change, decision=decision, actor=actor)
    return link


def contribution_decline(
    *, link: CrossProgrammeLink, actor, expected_version: int | None, reason: str
) -> CrossProgrammeLink:
    """The goal's programme declines the proposal; the reason is required."""
    with transaction.atomic():
        _refuse_unless_proposed(link)
        link.state = ContributionState.DECLINED
        link.decided_by, link.decided_at = actor, timezone.now()
        link.decision_reason = (reason or "").strip()
        _save(link, actor=actor, expected_version=expected_version)
    return link


def _delete(link: CrossProgrammeLink, *, actor, expected_version: int | None) -> None:
    version_bump(link, expected_version)  # the same conditional UPDATE as an edit: race-free
    history_stamp(link, actor, None)
    link.delete()


def contribution_withdraw(*, link: CrossProgrammeLink, actor, expected_version: int | None) -> None:
    """The effort's programme takes back a proposal that was not accepted (pending or
    declined). An accepted contribution is removed by the goal's programme instead."""
    with transaction.atomic():
        if link.state == ContributionState.ACCEPTED:
            raise ValidationError(
                _(
                    "This contribution has been accepted; only the programme of the goal can "
                    "remove it."
                )
            )
        _delete(link, actor=actor, expected_version=expected_version)


def contribution_remove(
    *, link: CrossProgrammeLink, actor, expected_version: int | None, decision=None
) -> None:
    """The goal's programme ends an accepted contribution. When that programme is adopted this
    is a scope change and needs one of its decisions."""
    with transaction.atomic():
        change = _change(link, ChangeKind.LINK_REMOVED) if link.is_accepted else None
        if change is not None:
            check_decision(change, decision)
        _delete(link, actor=actor, expected_version=expected_version)
        if change is not None:
            record(change, decision=decision, actor=actor)


# --- reads ------------------------------------------------------------------------------------


def _links() -> QuerySet[CrossProgrammeLink]:
    return CrossProgrammeLink.objects.select_related(
        "effort__programme",
        "effort__owner",
        "operational_goal__programme",
        "proposed_by",
        "decided_by",
    )


def goal_contributions(goal: OperationalGoal) -> list[CrossProgrammeLink]:
    """The contributions of other programmes' efforts to ``goal``: accepted and pending ones
    (declined ones only on the effort's side and in the inbox). One query."""
    return list(
        _links()
        .filter(operational_goal=goal)
        .exclude(state=ContributionState.DECLINED)
        .order_by("effort__programme__name", "effort__name")
    )


def effort_contributions(effort: Effort) -> list[CrossProgrammeLink]:
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
class Inbox:
    incoming: list[CrossProgrammeLink]  # proposals and contributions to this programme's goals
    outgoing: list[CrossProgrammeLink]  # this programme's efforts for other programmes' goals

    @property
    def pending(self) -> list[CrossProgrammeLink]:
        return [link for link in self.incoming if link.is_proposed]


def inbox(programme: Programme) -> Inbox:
    """Every contribution to or from ``programme``, split by direction. One query."""
    links = list(
        _links()
        .filter(Q(operational_goal__programme=programme) | Q(effort__programme=programme))
        .order_by("state", "-proposed_at", "pk")
    )
    order = {ContributionState.PROPOSED: 0, ContributionState.ACCEPTED: 1}
    links.sort(key=lambda link: order.get(link.state, 2))
    return Inbox(
        incoming=[x for x in links if x.operational_goal.programme_id == programme.pk],
        outgoing=[x for x in links if x.effort.programme_id == programme.pk],
    )


def accepted_for_programme(programme: Programme) -> list[CrossProgrammeLink]:
    """The accepted contributions into and out of ``programme`` (for the DIN and its check). One
    query."""
    return list(
        CrossProgrammeLink.objects.filter(state=ContributionState.ACCEPTED)
        .filter(Q(operational_goal__programme=programme) | Q(effort__programme=programme))
        .select_related("effort__programme", "operational_goal__programme")
        .order_by("pk")
    )
