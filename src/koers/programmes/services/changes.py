"""Which writes to the DIN are controlled changes of an adopted programme (see
:mod:`koers.programmes.change_control`): adding or removing (archiving, restoring) a goal, an
effort or a link, changing an indicator's target, changing the programme's status or period,
stopping an effort, moving its end date past the programme or before today, moving it to another
track. The generic writes of :mod:`.versioning` ask these functions before they write; for any
other object they answer ``None``."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from ..change_control import Change, ChangeKind, is_controlled
from ..constants import EffortStatus, ProgrammeStatus
from ..models import (
    Effort,
    GoalEffortLink,
    Indicator,
    OperationalGoal,
    Programme,
    StrategicGoal,
)
from ..presentation import format_date, target_sentence

__all__ = ["controlled_state", "scope_change", "target_change", "update_changes"]

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
    """What change control compares after an update (one query, for the kinds it controls):
    a programme's stored status and period, an effort's stored status, end date and track, an
    indicator's stored target."""
    if isinstance(instance, Programme):
        return (
            Programme.objects.filter(pk=instance.pk)
            .values("status", "period_start", "period_end")
            .first()
        )
    if isinstance(instance, Effort):
        return (
            Effort.objects.filter(pk=instance.pk)
            .values(
                "status",
                "end_date",
                "track_id",
                "track__name",
                "programme__period_end",
                "archived_at",
            )
            .first()
        )
    if isinstance(instance, OperationalGoal):
        return OperationalGoal.objects.filter(pk=instance.pk).values("archived_at").first()
    if isinstance(instance, Indicator):
        return Indicator.objects.filter(pk=instance.pk).first()
    return None


def _period_words(start, end) -> str:
    return f"{format_date(start)} – {format_date(end)}"


def _programme_changes(programme: Programme, before: dict) -> list[tuple[Change, bool]]:
    found = []
    adopted_before = before["status"] == ProgrammeStatus.ADOPTED
    if before["status"] != programme.status:
        # Adopting is the college decision the record counts from; leaving the adopted status
        # undoes it: both need a decision.
        adopting = programme.status == ProgrammeStatus.ADOPTED
        found.append(
            (
                Change(
                    programme,
                    ChangeKind.ADOPTED if adopting else ChangeKind.STATUS_CHANGED,
                    str(programme),
                    ProgrammeStatus(before["status"]).label,
                    ProgrammeStatus(programme.status).label,
                ),
                adopting or adopted_before,
            )
        )
    period = (programme.period_start, programme.period_end)
    if adopted_before and (before["period_start"], before["period_end"]) != period:
        found.append(
            (
                Change(
                    programme,
                    ChangeKind.PERIOD_CHANGED,
                    str(programme),
                    _period_words(before["period_start"], before["period_end"]),
                    _period_words(*period),
                ),
                True,
            )
        )
    return found


def _effort_changes(effort: Effort, before: dict) -> list[tuple[Change, bool]]:
    """An adopted programme's effort that stops (or starts again), whose end date moves past
    the programme's end or before today, or that moves to another track: changes of scope."""
    programme = effort.programme
    if not is_controlled(programme):
        return []
    found = []
    stopped = EffortStatus.STOPPED
    if (before["status"] == stopped) != (effort.status == stopped):
        kind = ChangeKind.EFFORT_STOPPED if effort.status == stopped else ChangeKind.EFFORT_RESUMED
        found.append(
            Change(
                programme,
                kind,
                str(effort),
                EffortStatus(before["status"]).label,
                EffortStatus(effort.status).label,
            )
        )
    end = effort.end_date
    if end != before["end_date"] and end is not None:
        if end > programme.period_end or end < timezone.localdate():
            found.append(
                Change(
                    programme,
                    ChangeKind.EFFORT_END_MOVED,
                    str(effort),
                    format_date(before["end_date"]) if before["end_date"] else _("no end date"),
                    format_date(end),
                )
            )
    if before["track_id"] != effort.track_id:
        found.append(
            Change(
                programme,
                ChangeKind.EFFORT_TRACK_MOVED,
                str(effort),
                before["track__name"] or _("no track"),
                effort.track.name if effort.track_id else _("no track"),
            )
        )
    return [(change, True) for change in found]


def update_changes(instance: models.Model, before) -> list[tuple[Change, bool | None]]:
    """The controlled changes an update makes, each with whether it needs the adopted
    programme's decision (None: as the programme's status says)."""
    if before is None:
        return []
    if isinstance(instance, Programme):
        return _programme_changes(instance, before)
    if isinstance(instance, Effort):
        return _effort_changes(instance, before) + _archive_changes(instance, before)
    if isinstance(instance, OperationalGoal):
        return _archive_changes(instance, before)
    if isinstance(instance, Indicator):
        change = target_change(instance.operational_goal, before, instance)
        return [(change, None)] if change is not None else []
    return []


def _archive_changes(instance: models.Model, before: dict) -> list[tuple[Change, bool | None]]:
    """Archiving an effort or goal of an adopted programme is a scope change like removing it,
    restoring one like adding it: both need a decision."""
    archived_before = before.get("archived_at") is not None
    if archived_before == (instance.archived_at is not None):
        return []
    change = scope_change(instance, added=archived_before)
    if change is None:
        return []
    before_words, after_words = _("in use"), _("archived")
    if archived_before:
        before_words, after_words = after_words, before_words
    return [
        (Change(change.programme, change.kind, change.subject, before_words, after_words), None)
    ]


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
