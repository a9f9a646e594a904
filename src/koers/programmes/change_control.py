"""Change control of an adopted programme.

"Wijzigingen in de scope gebeuren uitsluitend middels een collegebesluit." Once a programme is
*vastgesteld*, adding or removing goals or efforts (or the links between them) and changing a
target need a decision. The DIN's services (and the budget's transfers) call
:func:`check_decision` before they write and :func:`record` after, or
:func:`controlled_change` for both; a refused change raises ``ValidationError`` on the field
``decision`` and nothing is written. Every change to an adopted programme is written, with its
decision, to the change record of :mod:`koers.decisions`.

Dependencies: :mod:`koers.decisions` sits above this app (its models point at ``Programme``, its
services use this app's versioned writes), and this app never imports it at import time, so
loading the models has one direction. The places where change control needs the app above —
writing the record (:func:`record`), offering a programme's decisions and proposals
(:func:`decisions_for`, :func:`proposals_for`) and putting a change in a proposal
(:func:`propose`) — import :mod:`koers.decisions` inside the function, at call time, here and
nowhere else in the DIN. That is a direct call, not a registry filled from another app's
``AppConfig.ready()``: a change cannot go unrecorded because a hook was not installed, and grep
finds the one caller.

The decision itself is opaque to this module: any object with ``pk`` and ``programme_id``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .constants import ChangeKind, ProgrammeStatus

# Changes that an adopted programme accepts only with a decision (a status change: leaving the
# adopted status), and adopting itself: the adopting decision (the college decision on the
# programme contract) is the baseline every later change counts from. Moving budget is
# recorded, with its decision when one is given, but does not need one.
NEEDS_DECISION = frozenset(
    {
        ChangeKind.ADOPTED,
        ChangeKind.STATUS_CHANGED,
        ChangeKind.PERIOD_CHANGED,
        ChangeKind.EFFORT_STOPPED,
        ChangeKind.EFFORT_RESUMED,
        ChangeKind.EFFORT_END_MOVED,
        ChangeKind.EFFORT_TRACK_MOVED,
        ChangeKind.STRATEGIC_GOAL_ADDED,
        ChangeKind.STRATEGIC_GOAL_REMOVED,
        ChangeKind.GOAL_ADDED,
        ChangeKind.GOAL_REMOVED,
        ChangeKind.TARGET_CHANGED,
        ChangeKind.EFFORT_ADDED,
        ChangeKind.EFFORT_REMOVED,
        ChangeKind.LINK_ADDED,
        ChangeKind.LINK_REMOVED,
    }
)


# What a change proposal can carry: what needs a decision, and moving budget between efforts
# (which a decision may cover).
PROPOSABLE = NEEDS_DECISION | {ChangeKind.BUDGET_MOVED}


@dataclass(frozen=True)
class Change:
    """One change to an adopted programme, described for people: what kind, about what, and the
    situation before and after in words."""

    programme: Any  # Programme
    kind: str
    subject: str
    before: str = ""
    after: str = ""


def is_controlled(programme) -> bool:
    return programme is not None and programme.status == ProgrammeStatus.ADOPTED


# While a write is tried out for a change proposal (:func:`capturing`), the changes that need a
# decision are collected here instead of being refused, and nothing is recorded; the caller rolls
# the write back. While a proposal's decision applies its changes (:func:`applying`), that
# decision authorises them.
_captured: ContextVar[list[Change] | None] = ContextVar("koers_captured_changes", default=None)
_applying: ContextVar[int | None] = ContextVar("koers_applying_decision", default=None)


@contextmanager
def capturing() -> Iterator[list[Change]]:
    """Collect, instead of refusing, the changes that need a decision (see
    :func:`koers.programmes.proposing.try_out`)."""
    found: list[Change] = []
    token = _captured.set(found)
    try:
        yield found
    finally:
        _captured.reset(token)


@contextmanager
def applying(decision) -> Iterator[None]:
    """Let ``decision`` (a decision on a change proposal) authorise the changes it applies."""
    token = _applying.set(decision.pk)
    try:
        yield
    finally:
        _applying.reset(token)


def _authorisation_refused(change: Change, decision) -> str | None:
    """Why ``decision`` does not allow ``change``, or None: a decision on a change proposal
    allows only that proposal's changes, applied with it; a decision recorded on its own allows
    the kinds of change it names."""
    if _applying.get() == decision.pk:
        return None
    label = ChangeKind(change.kind).label
    if getattr(decision, "proposal_id", None) is not None:
        return _(
            "The decision ‘%(decision)s’ was taken on a change proposal and allows only the "
            "changes of that proposal. Put this change (%(change)s) in a new proposal, or "
            "choose another decision."
        ) % {"decision": decision, "change": label}
    kinds = getattr(decision, "authorises", None) or []
    if change.kind in kinds:
        return None
    allowed = ", ".join(str(ChangeKind(k).label) for k in kinds if k in ChangeKind.values)
    return _(
        "The decision ‘%(decision)s’ does not allow this change (%(change)s: %(subject)s); it "
        "allows: %(allowed)s. Choose the decision that allows it, or add this kind of change "
        "to what the decision allows."
    ) % {
        "decision": decision,
        "change": label,
        "subject": change.subject,
        "allowed": allowed or _("no changes"),
    }


def check_decision(change: Change, decision, *, controlled: bool | None = None) -> None:
    """Refuse ``change`` when the programme is adopted (``controlled`` overrides: whether it was
    adopted before this change) and it needs a decision that is missing, belongs to another
    programme or does not allow this change. Raises ``ValidationError`` on the field
    ``decision``. While :func:`capturing`, a change that needs a decision is collected
    instead."""
    if controlled is None:
        controlled = is_controlled(change.programme)
    if decision is not None and getattr(decision, "programme_id", None) != change.programme.pk:
        raise ValidationError({"decision": _("This decision belongs to another programme.")})
    captured = _captured.get()
    if captured is not None:
        if change.kind == ChangeKind.ADOPTED or (change.kind in PROPOSABLE and controlled):
            captured.append(change)
        return
    if decision is not None:
        refused = _authorisation_refused(change, decision)
        if refused:
            raise ValidationError({"decision": refused})
        return
    if change.kind == ChangeKind.ADOPTED:
        raise ValidationError(
            {
                "decision": _(
                    "Adopting the programme ‘%(programme)s’ is a decision: choose the decision "
                    "that adopts it (the college decision on the programme contract), or record "
                    "that decision first."
                )
                % {"programme": change.programme}
            }
        )
    if change.kind in NEEDS_DECISION and controlled:
        raise ValidationError(
            {
                "decision": _(
                    "The programme ‘%(programme)s’ has been adopted: %(change)s (%(subject)s) "
                    "requires a decision. Put the change in a change proposal for the college, "
                    "or choose the decision that allows it."
                )
                % {
                    "programme": change.programme,
                    "change": ChangeKind(change.kind).label,
                    "subject": change.subject,
                }
            }
        )


def record(change: Change, *, decision, actor) -> None:
    """Write ``change`` to the programme's change record when the programme is adopted (or the
    change is the programme's own status change, which is recorded both ways). Runs inside the
    caller's transaction; records nothing while :func:`capturing`."""
    if _captured.get() is not None:
        return
    if is_controlled(change.programme) or change.kind in (
        ChangeKind.STATUS_CHANGED,
        ChangeKind.ADOPTED,
    ):
        from koers.decisions.services import change_record  # the app above; see the docstring

        change_record(change, decision, actor)


def controlled_change(change: Change, *, decision, actor) -> None:
    """Check and record in one call, for changes whose subject is known before the write."""
    check_decision(change, decision)
    record(change, decision=decision, actor=actor)


def decisions_for(programme):
    """The programme's decisions as a queryset, newest first (the choices of the decision
    fields)."""
    from koers.decisions.selectors import programme_decisions  # the app above; see the docstring

    return programme_decisions(programme)


def proposals_for(programme):
    """The programme's change proposals that can still take changes (the choices of the
    proposal fields)."""
    from koers.decisions.selectors import concept_proposals  # the app above; see the docstring

    return concept_proposals(programme)


def propose(*, programme, choice: str, actor, operation: str, target, values: dict, reason: str):
    """Put a write in the change proposal ``choice`` (its key, or ``"nieuw"`` for a new one)
    instead of making it; the pending change (see :mod:`koers.decisions.proposals`)."""
    from koers.decisions.proposals import change_propose_into  # the app above; see the docstring

    return change_propose_into(
        programme=programme,
        choice=choice,
        actor=actor,
        operation=operation,
        target=target,
        values=values,
        reason=reason,
    )


def needs_decision_on_create(model) -> bool:
    return model.__name__ in {"StrategicGoal", "OperationalGoal", "Effort", "GoalEffortLink"}


def needs_decision_on_update(model) -> bool:
    """An edit form that can change something controlled: a goal's target, a programme's
    status or period, an effort's status, end date or track."""
    return model.__name__ in {"OperationalGoal", "Programme", "Effort"}
