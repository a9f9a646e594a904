"""Which writes to the DIN are controlled changes of an adopted programme (see
:mod:`koers.programmes.change_control`): adding or removing a goal, an effort or a link, changing
an indicator's target, changing the programme's status. The generic writes of
:mod:`.versioning` ask these functions before they write; for any other object they answer
``None``."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _

from ..change_control import Change, ChangeKind, is_controlled
from ..constants import ProgrammeStatus
from ..models import (
    Effort,
    GoalEffortLink,
    Indicator,
    OperationalGoal,
    Programme,
    StrategicGoal,
)
from ..presentation import target_sentence

__all__ = ["controlled_state", "scope_change", "target_change", "update_change"]

SCOPE_KINDS: dict[type[models.Model], tuple[str, str]] = {
    StrategicGoal: (ChangeKind.STRATEGIC_GOAL_ADDED, ChangeKind.STRATEGIC_GOAL_REMOVED),
    OperationalGoal: (ChangeKind.GOAL_ADDED, ChangeKind.GOAL_REMOVED),
    Effort: (ChangeKind.EFFORT_ADDED, ChangeKind.EFFORT_REMOVED),
    GoalEffortLink: (ChangeKind.LINK_ADDED, ChangeKind.LINK_REMOVED),
}


def scope_change(instance: models.Model, *, added: bool) -> Change | None:
    """The scope change that adding or removing ``instance`` is, if it is one."""
    kinds = SCOPE_KINDS.get(type(instance))
    if kinds is None:
        return None
    if isinstance(instance, GoalEffortLink):
        goal = instance.operational_goal
        programme = goal.programme
        subject = f"{goal.code} ↔ {instance.effort.name}"
    else:
        programme = instance.programme
        subject = str(instance)
    if not is_controlled(programme):
        return None
    return Change(programme, kinds[0] if added else kinds[1], subject)


def _target_words(indicator: Indicator | None) -> str:
    if indicator is None:
        return _("no indicator")
    return target_sentence(indicator) or _("no target")


def controlled_state(instance: models.Model):
    """What change control compares after an update: a programme's stored status, an
    indicator's stored target (one query, for those two kinds only)."""
    if isinstance(instance, Programme):
        return Programme.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    if isinstance(instance, Indicator):
        return Indicator.objects.filter(pk=instance.pk).first()
    return None


def update_change(instance: models.Model, before) -> tuple[Change | None, bool | None]:
    """The controlled change an update makes, and whether the programme was adopted before."""
    if isinstance(instance, Programme) and before is not None and before != instance.status:
        # Adopting is the college decision the record counts from; leaving the adopted status
        # undoes it: both need a decision.
        adopting = instance.status == ProgrammeStatus.ADOPTED
        return (
            Change(
                instance,
                ChangeKind.ADOPTED if adopting else ChangeKind.STATUS_CHANGED,
                str(instance),
                ProgrammeStatus(before).label,
                ProgrammeStatus(instance.status).label,
            ),
            adopting or before == ProgrammeStatus.ADOPTED,
        )
    if isinstance(instance, Indicator) and before is not None:
        return target_change(instance.operational_goal, before, instance), None
    return None, None


def target_change(goal: OperationalGoal, old: Indicator | None, new: Indicator | None):
    """A changed target of ``goal`` (its kind, value or date), or None."""
    fields = ("target_kind", "target_value", "target_date", "target_date_precision")

    def key(indicator):
        return None if indicator is None else tuple(getattr(indicator, f) for f in fields)

    if key(old) == key(new) or not is_controlled(goal.programme):
        return None
    return Change(
        goal.programme, ChangeKind.TARGET_CHANGED, str(goal), _target_words(old), _target_words(new)
    )
