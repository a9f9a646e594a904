"""Archiving an effort or operational goal instead of deleting it (see :mod:`..deletion`).

An archived element leaves the working views (``.working()`` querysets), stays in the record,
the history and the documents of its time, and can be restored. Both writes go through the
versioned :func:`.versioning.object_update`, so they are stale-checked and in the history; in an
adopted programme archiving is a scope change like removing the element, restoring like adding
it (:func:`.changes.update_changes`), and so needs a decision or a change proposal. An indicator
goes with its goal."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Effort, OperationalGoal
from .versioning import object_update

Archivable = Effort | OperationalGoal

__all__ = [
    "effort_archive",
    "effort_restore",
    "element_archive",
    "element_restore",
    "operational_goal_archive",
    "operational_goal_restore",
]


def element_archive(
    instance: Archivable,
    *,
    actor,
    expected_version: int | None,
    decision=None,
    reason: str | None = None,
    on: dt.date | None = None,
) -> Archivable:
    """Archive ``instance`` on ``on`` (today when not given)."""
    if instance.archived_at is not None:
        raise ValidationError(_("%(item)s has already been archived.") % {"item": instance})
    return object_update(
        instance,
        actor=actor,
        expected_version=expected_version,
        decision=decision,
        reason=reason,
        archived_at=on or timezone.localdate(),
        archived_by=actor,
    )


def element_restore(
    instance: Archivable,
    *,
    actor,
    expected_version: int | None,
    decision=None,
    reason: str | None = None,
) -> Archivable:
    """Bring an archived ``instance`` back into the working views."""
    if instance.archived_at is None:
        raise ValidationError(_("%(item)s is not archived.") % {"item": instance})
    return object_update(
        instance,
        actor=actor,
        expected_version=expected_version,
        decision=decision,
        reason=reason,
        archived_at=None,
        archived_by=None,
    )


def effort_archive(*, effort: Effort, **kwargs) -> Effort:
    return element_archive(effort, **kwargs)


def effort_restore(*, effort: Effort, **kwargs) -> Effort:
    return element_restore(effort, **kwargs)


def operational_goal_archive(*, goal: OperationalGoal, **kwargs) -> OperationalGoal:
    return element_archive(goal, **kwargs)


def operational_goal_restore(*, goal: OperationalGoal, **kwargs) -> OperationalGoal:
    return element_restore(goal, **kwargs)
