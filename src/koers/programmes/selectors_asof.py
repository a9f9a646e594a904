"""Reading the record as it stood at a moment, from the history every model keeps
(django-simple-history): the DIN of a programme on a date, and the same rule for any other
model with history (risks, budget lines) through :func:`rows_as_of`.

The rule (see ``docs/documenten.md``, "Stand per datum"):

* A row with history on or before the moment shows as its last version up to then; a row
  whose last version up to then is its removal is absent (a goal removed *after* the date
  still shows).
* A row whose history starts after the moment was either entered later as part of the
  record of that time (demo data, an import, a programme typed in after its adoption by the
  college) or added later to the programme. Koers tells them apart by the programme's
  adoption in Koers (its first version with the status *vastgesteld*): a row first recorded
  after that moment is a later addition (an adopted programme's scope changes only by
  decision, and the change record has it) and is absent; a row first recorded before it, or
  in a programme never adopted in Koers, shows **as first recorded** and is marked so
  (``as_first_recorded``), so a document can say so.

A fixed number of queries per call, however long the history. The choice of the version is a
pure function (:func:`version_as_of`) over plain records.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.utils import timezone

from .constants import GoalKind, ProgrammeStatus
from .models import (
    Effort,
    GoalEffortLink,
    Indicator,
    OperationalGoal,
    Person,
    Programme,
    StrategicGoal,
    Track,
)

REMOVED = "-"


class Record(Protocol):
    history_date: dt.datetime
    history_type: str


def version_as_of(
    records: Sequence[Record], *, before: dt.datetime, entered_until: dt.datetime | None
) -> tuple[Record, bool] | None:
    """The version of one row that counts at ``before`` (exclusive), as (record, as first
    recorded), or None when the row is absent then. ``records``: the row's history, oldest
    first; ``entered_until``: the moment after which a first record is a later addition (None:
    never). Pure."""
    if not records:
        return None
    earlier = [r for r in records if r.history_date < before]
    if earlier:
        last = earlier[-1]
        return None if last.history_type == REMOVED else (last, False)
    first = records[0]
    if first.history_type == REMOVED:
        return None
    if entered_until is not None and first.history_date > entered_until:
        return None  # a later addition
    return first, True


def day_after(date: dt.date) -> dt.datetime:
    """The start of the day after ``date`` in the local time zone: "as of the end of
    ``date``" is "before this moment"."""
    return timezone.make_aware(dt.datetime.combine(date + dt.timedelta(days=1), dt.time.min))


def adopted_at(programme: Programme) -> dt.datetime | None:
    """When the programme was first recorded as adopted (vastgesteld) in Koers: one query."""
    return (
        Programme.history.filter(id=programme.pk, status=ProgrammeStatus.ADOPTED)
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )


def rows_as_of(
    model,
    *,
    before: dt.datetime,
    entered_until: dt.datetime | None,
    current: Any = None,
    **filters: Any,
) -> list:
    """The rows of ``model`` (narrowed by ``filters`` on its historical table) as they stood
    before ``before``, as model instances (not saved, not to be saved), by the rule of this
    module. Each carries ``as_first_recorded`` and ``recorded_at`` (the time of its version).
    ``current``: the same rows in the model's own table; a row there without any history
    (written around the services, e.g. by a bulk load) is taken as it is now, as first recorded
    with ``recorded_at`` None. One query, two with ``current``."""
    history = model.history.model.objects.filter(**filters)
    by_id: dict[int, list] = defaultdict(list)
    for record in history.order_by("id", "history_date", "history_id"):
        by_id[record.id].append(record)
    result = []
    for records in by_id.values():
        found = version_as_of(records, before=before, entered_until=entered_until)
        if found is None:
            continue
        record, first = found
        instance = record.instance
        instance.as_first_recorded = first
        instance.recorded_at = record.history_date
        result.append(instance)
    if current is not None:
        for instance in current.exclude(pk__in=history.values("id")):
            instance.as_first_recorded = True
            instance.recorded_at = None
            result.append(instance)
    return result


def _cache(descriptor, instance, value) -> None:
    """Set a related object's cache so that reading it does not query."""
    field_ = getattr(descriptor, "related", None) or descriptor.field
    field_.set_cached_value(instance, value)


@dataclass
class DinAsOf:
    """The DIN of a programme as it stood before ``before``. Every object is an unsaved model
    instance with ``as_first_recorded``; the related objects the documents read are attached
    (no queries): ``strategic[i].goals``, ``goal.indicator``, ``effort.track``,
    ``effort.owner``, ``effort.goal_codes``."""

    programme: Programme
    before: dt.datetime
    adopted_at: dt.datetime | None
    strategic: list[StrategicGoal]
    goals: list[OperationalGoal]
    tracks: list[Track]
    efforts: list[Effort]
    links: list[GoalEffortLink]
    first_recorded: list[Any] = field(default_factory=list)  # the rows shown as first recorded

    @property
    def first_recorded_since(self) -> dt.datetime | None:
        """The earliest time at which a row shown as first recorded was entered."""
        return min((r.recorded_at for r in self.first_recorded if r.recorded_at), default=None)


def _archived(row) -> bool:
    """Was the goal or effort archived in the version that counts? Then it was no longer part
    of the programme at that moment (before, it shows as it stood)."""
    return getattr(row, "archived_at", None) is not None


def _ordered(rows: Iterable, key) -> list:
    return sorted(rows, key=key)


def din_as_of(
    programme: Programme, *, before: dt.datetime, adopted: dt.datetime | None = None
) -> DinAsOf:
    """The strategic goals, operational goals with their indicators, tracks, efforts (with their
    owners) and links of ``programme`` as they stood before ``before`` (rule: see the module).
    ``adopted``: the adoption moment (:func:`adopted_at`; read when None). Twelve queries
    (thirteen when efforts have owners), and one more when ``adopted`` is not given."""
    if adopted is None:
        adopted = adopted_at(programme)
    rule = {"before": before, "entered_until": adopted}
    mine = {"programme_id": programme.pk}
    strategic = _ordered(
        rows_as_of(StrategicGoal, current=StrategicGoal.objects.filter(**mine), **mine, **rule),
        lambda s: (s.order, s.code.casefold(), s.pk),
    )
    by_strategic = {s.pk: s for s in strategic}
    goal_rows = rows_as_of(
        OperationalGoal, current=OperationalGoal.objects.filter(**mine), **mine, **rule
    )
    # Every goal the programme ever had, as a subquery (no long list of parameters).
    goal_ids = (
        OperationalGoal.history.model.objects.filter(programme_id=programme.pk)
        .values("id")
        .distinct()
    )
    indicators = {
        i.operational_goal_id: i
        for i in rows_as_of(
            Indicator,
            current=Indicator.objects.filter(operational_goal__programme_id=programme.pk),
            operational_goal_id__in=goal_ids,
            **rule,
        )
    }
    goals, attached = [], []
    for g in goal_rows:
        sg = by_strategic.get(g.strategic_goal_id)
        if sg is None or _archived(g):
            continue
        g.programme = programme
        g.strategic_goal = sg
        indicator = indicators.get(g.pk) if g.kind == GoalKind.MEASURABLE else None
        _cache(OperationalGoal.indicator, g, indicator)
        if indicator is not None:
            indicator.operational_goal = g
            attached.append(indicator)
        goals.append(g)
    goals.sort(key=lambda g: (g.strategic_goal.order, g.order, g.code.casefold(), g.pk))
    for sg in strategic:
        sg.programme = programme
        sg.goals = [g for g in goals if g.strategic_goal_id == sg.pk]
    tracks = _ordered(
        rows_as_of(Track, current=Track.objects.filter(**mine), **mine, **rule),
        lambda t: (t.order, t.name.casefold(), t.pk),
    )
    by_track = {t.pk: t for t in tracks}
    efforts = _ordered(
        (
            e
            for e in rows_as_of(Effort, current=Effort.objects.filter(**mine), **mine, **rule)
            if not _archived(e)
        ),
        lambda e: (e.order, e.name.casefold(), e.pk),
    )
    owners = {p.pk: p for p in Person.objects.filter(pk__in={e.owner_id for e in efforts})}
    by_goal = {g.pk: g for g in goals}
    by_effort = {e.pk: e for e in efforts}
    links = []
    for link in rows_as_of(
        GoalEffortLink,
        current=GoalEffortLink.objects.filter(effort__programme_id=programme.pk),
        operational_goal_id__in=goal_ids,
        **rule,
    ):
        goal, effort = by_goal.get(link.operational_goal_id), by_effort.get(link.effort_id)
        if goal is None or effort is None:
            continue
        link.operational_goal, link.effort = goal, effort
        links.append(link)
    links.sort(key=lambda x: (x.operational_goal.code.casefold(), x.effort.name.casefold()))
    for e in efforts:
        e.programme = programme
        e.track = by_track.get(e.track_id)
        e.owner = owners.get(e.owner_id)
        e.goal_codes = [x.operational_goal.code for x in links if x.effort_id == e.pk]
    first = [
        row
        for rows in (strategic, goals, attached, tracks, efforts, links)
        for row in rows
        if row.as_first_recorded
    ]
    return DinAsOf(programme, before, adopted, strategic, goals, tracks, efforts, links, first)
