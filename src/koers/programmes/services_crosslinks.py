"""Contributions between programmes (cross-programme links): the writes. The reads are in
:mod:`.selectors_crosslinks`.

Who may do what (the views ask the rules ``programmes.propose_cross_link`` on the effort and
``programmes.decide_cross_link`` on the goal's programme, see :mod:`.rules`; the services trust
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

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .change_control import Change, ChangeKind, check_decision, record
from .constants import CrossLinkState
from .models import CrossProgrammeLink, Effort, OperationalGoal
from .services import ConflictError, history_stamp, text_normalise, version_bump

__all__ = [
    "ConflictError",
    "cross_link_accept",
    "cross_link_decline",
    "cross_link_propose",
    "cross_link_remove",
    "cross_link_withdraw",
]


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
    text_normalise(link)
    link.full_clean(exclude=["version"])
    version_bump(link, expected_version)
    history_stamp(link, actor, reason)
    link.save()


def cross_link_propose(
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
            if existing.state != CrossLinkState.DECLINED:
                raise ValidationError(
                    {"operational_goal": _("This effort has already been proposed for this goal.")}
                )
            existing.contribution = contribution
            existing.state = CrossLinkState.PROPOSED
            existing.proposed_by, existing.proposed_at = actor, now
            existing.decided_by, existing.decided_at, existing.decision_reason = None, None, ""
            _save(existing, actor=actor, expected_version=existing.version)
            return existing
        link = CrossProgrammeLink(
            effort=effort,
            operational_goal=operational_goal,
            contribution=contribution,
            state=CrossLinkState.PROPOSED,
            proposed_by=actor,
            proposed_at=now,
        )
        text_normalise(link)
        link.full_clean()
        history_stamp(link, actor, None)
        link.save()
    return link


def _refuse_unless_proposed(link: CrossProgrammeLink) -> None:
    if link.state != CrossLinkState.PROPOSED:
        raise ValidationError(
            _("This proposal has already been decided on: %(state)s.")
            % {"state": link.get_state_display()}
        )


def cross_link_accept(
    *, link: CrossProgrammeLink, actor, expected_version: int | None, decision=None
) -> CrossProgrammeLink:
    """The goal's programme accepts the proposal. When that programme is adopted this is a scope
    change and needs one of its decisions (``ValidationError`` on ``decision`` otherwise)."""
    with transaction.atomic():
        _refuse_unless_proposed(link)
        change = _change(link, ChangeKind.LINK_ADDED)
        check_decision(change, decision)
        link.state = CrossLinkState.ACCEPTED
        link.decided_by, link.decided_at, link.decision_reason = actor, timezone.now(), ""
        _save(link, actor=actor, expected_version=expected_version)
        record(change, decision=decision, actor=actor)
    return link


def cross_link_decline(
    *, link: CrossProgrammeLink, actor, expected_version: int | None, reason: str
) -> CrossProgrammeLink:
    """The goal's programme declines the proposal; the reason is required."""
    with transaction.atomic():
        _refuse_unless_proposed(link)
        link.state = CrossLinkState.DECLINED
        link.decided_by, link.decided_at = actor, timezone.now()
        link.decision_reason = (reason or "").strip()
        _save(link, actor=actor, expected_version=expected_version)
    return link


def _delete(link: CrossProgrammeLink, *, actor, expected_version: int | None) -> None:
    version_bump(link, expected_version)  # the same conditional UPDATE as an edit: race-free
    history_stamp(link, actor, None)
    link.delete()


def cross_link_withdraw(*, link: CrossProgrammeLink, actor, expected_version: int | None) -> None:
    """The effort's programme takes back a proposal that was not accepted (pending or
    declined). An accepted contribution is removed by the goal's programme instead."""
    with transaction.atomic():
        if link.state == CrossLinkState.ACCEPTED:
            raise ValidationError(
                _(
                    "This contribution has been accepted; only the programme of the goal can "
                    "remove it."
                )
            )
        _delete(link, actor=actor, expected_version=expected_version)


def cross_link_remove(
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
