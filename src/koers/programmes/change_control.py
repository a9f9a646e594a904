"""Change control of an adopted programme.

"Wijzigingen in de scope gebeuren uitsluitend middels een collegebesluit." Once a programme is
*vastgesteld*, adding or removing goals or efforts (or the links between them) and changing a
target need a decision. The DIN's services call :func:`controlled_change` before they write; it
refuses the change when the programme is adopted and no decision is given, and has the change
recorded (with its decision) by whoever registered a recorder: the decisions register of
:mod:`koers.risks`, which sits above this app and so cannot be imported from here.

The decision is opaque to this module: any object with ``pk`` and ``programme_id``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .constants import ProgrammeStatus


class ChangeKind(models.TextChoices):
    STRATEGIC_GOAL_ADDED = "strategisch_doel_toegevoegd", gettext_lazy("strategic goal added")
    STRATEGIC_GOAL_REMOVED = "strategisch_doel_verwijderd", gettext_lazy("strategic goal removed")
    GOAL_ADDED = "doel_toegevoegd", gettext_lazy("operational goal added")
    GOAL_REMOVED = "doel_verwijderd", gettext_lazy("operational goal removed")
    TARGET_CHANGED = "streefwaarde_gewijzigd", gettext_lazy("target changed")
    EFFORT_ADDED = "inspanning_toegevoegd", gettext_lazy("effort added")
    EFFORT_REMOVED = "inspanning_verwijderd", gettext_lazy("effort removed")
    LINK_ADDED = "koppeling_toegevoegd", gettext_lazy("link between goal and effort added")
    LINK_REMOVED = "koppeling_verwijderd", gettext_lazy("link between goal and effort removed")
    STATUS_CHANGED = "status_gewijzigd", gettext_lazy("programme status changed")
    BUDGET_MOVED = "budget_verschoven", gettext_lazy("budget moved between efforts")


# Changes that an adopted programme accepts only with a decision (a status change: leaving the
# adopted status; adopting is recorded, with its decision when one is given, but needs none).
# Moving budget is recorded, with its decision when one is given, but does not need one.
NEEDS_DECISION = frozenset(
    {
        ChangeKind.STATUS_CHANGED,
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


@dataclass(frozen=True)
class Change:
    """One change to an adopted programme, described for people: what kind, about what, and the
    situation before and after in words."""

    programme: Any  # Programme
    kind: str
    subject: str
    before: str = ""
    after: str = ""


Recorder = Callable[[Change, Any, Any], None]
_recorders: list[Recorder] = []


def register_recorder(recorder: Recorder) -> None:
    """Have ``recorder(change, decision, actor)`` called for every change to an adopted
    programme (the decisions register does this when its app is ready)."""
    if recorder not in _recorders:
        _recorders.append(recorder)


def is_controlled(programme) -> bool:
    return programme is not None and programme.status == ProgrammeStatus.ADOPTED


def check_decision(change: Change, decision, *, controlled: bool | None = None) -> None:
    """Refuse ``change`` when the programme is adopted (``controlled`` overrides: whether it was
    adopted before this change) and it needs a decision that is missing or belongs to another
    programme. Raises ``ValidationError`` on the field ``decision``."""
    if controlled is None:
        controlled = is_controlled(change.programme)
    if decision is not None and getattr(decision, "programme_id", None) != change.programme.pk:
        raise ValidationError({"decision": _("This decision belongs to another programme.")})
    if decision is None and change.kind in NEEDS_DECISION and controlled:
        raise ValidationError(
            {
                "decision": _(
                    "The programme ‘%(programme)s’ has been adopted: %(change)s (%(subject)s) "
                    "requires a decision. Choose the decision that allows this change, or "
                    "record the decision first."
                )
                % {
                    "programme": change.programme,
                    "change": ChangeKind(change.kind).label,
                    "subject": change.subject,
                }
            }
        )


def record(change: Change, *, decision, actor) -> None:
    """Hand ``change`` to the recorders when the programme is adopted (or the change is the
    programme's own status change, which is recorded both ways)."""
    if is_controlled(change.programme) or change.kind == ChangeKind.STATUS_CHANGED:
        for recorder in _recorders:
            recorder(change, decision, actor)


def controlled_change(change: Change, *, decision, actor) -> None:
    """Check and record in one call, for changes whose subject is known before the write."""
    check_decision(change, decision)
    record(change, decision=decision, actor=actor)


# Where the decisions of a programme come from (registered by the decisions register), so that the
# DIN's forms can offer them without importing the app above this one.
_decision_sources: list[Callable[[Any], Any]] = []


def register_decision_source(source: Callable[[Any], Any]) -> None:
    """``source(programme)`` returns a queryset of that programme's decisions, newest first."""
    if source not in _decision_sources:
        _decision_sources.append(source)


def decisions_for(programme):
    """The programme's decisions as a queryset, or None when no register is installed."""
    return _decision_sources[0](programme) if _decision_sources else None


def needs_decision_on_create(model) -> bool:
    return model.__name__ in {"StrategicGoal", "OperationalGoal", "Effort", "GoalEffortLink"}


def needs_decision_on_update(model) -> bool:
    """An edit form that can change something controlled: a goal's target, a programme's
    status."""
    return model.__name__ in {"OperationalGoal", "Programme"}
