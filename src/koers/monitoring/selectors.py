"""Every read the monitor's pages and commands need, with a fixed number of queries.

The status itself is computed by the pure engine in :mod:`koers.monitoring.status`; these
functions fetch the data it needs and hand back plain structures for the templates.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch

from koers.programmes.models import (
    GoalEffortLink,
    Indicator,
    OperationalGoal,
    Programme,
    StrategicGoal,
)

from .charts import chart_svg, indicator_chart_spec
from .constants import Status
from .models import GoalJudgement, ImportBatch, Measurement
from .status import Evaluation, IndicatorSpec, Point, evaluate, roll_up


def indicator_spec(indicator: Indicator) -> IndicatorSpec:
    return IndicatorSpec(
        target_kind=indicator.target_kind,
        target_value=indicator.target_value,
        target_date=indicator.target_date,
        baseline_value=indicator.baseline_value,
        baseline_date=indicator.baseline_date,
        tolerance_percent=indicator.tolerance_percent,
        measuring_frequency=indicator.measuring_frequency,
        decimals=indicator.decimals,
    )


@dataclass
class GoalState:
    """Where one operational goal stands on the reference date."""

    goal: OperationalGoal
    indicator: Indicator | None
    status: str
    reason: str = ""
    evaluation: Evaluation | None = None
    points: list[Point] = field(default_factory=list)
    judgement: GoalJudgement | None = None
    fictitious: bool = False

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def decimals(self) -> int:
        """Decimals for computed values (expected now, forecast): the indicator's setting, or
        else as many as the measurements and the target are written with (at most 2)."""
        if self.indicator is None:
            return 0
        if self.indicator.decimals is not None:
            return self.indicator.decimals
        values = [p.value for p in self.points] + [
            v for v in (self.indicator.baseline_value, self.indicator.target_value) if v is not None
        ]
        places = [max(0, -v.normalize().as_tuple().exponent) for v in values]
        return min(max(places, default=0), 2)

    @property
    def last_measured(self) -> dt.date | None:
        return self.points[-1].date if self.points else None


@dataclass
class StrategicState:
    goal: StrategicGoal
    status: str
    goals: list[GoalState]

    @property
    def status_label(self) -> str:
        return Status(self.status).label


@dataclass
class ProgrammeMonitor:
    programme: Programme
    as_of: dt.date
    status: str
    strategic: list[StrategicState]
    fictitious: bool
    # Measurements known only after as_of (counted only when asked: ``count_later``).
    later: int = 0

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def goals(self) -> list[GoalState]:
        return [g for s in self.strategic for g in s.goals]

    def counts(self) -> list[tuple[str, str, int]]:
        """(status value, label, number of operational goals) for every status that occurs."""
        found: dict[str, int] = defaultdict(int)
        for g in self.goals:
            found[g.status] += 1
        return [(s.value, s.label, found[s.value]) for s in Status if found[s.value]]


def goal_chart(state: GoalState, *, as_of: dt.date | None) -> str:
    """The chart of one goal's indicator as inline SVG (rendered once per spec, then cached), or
    "" when there is nothing to draw: the monitor, the public pages and the documents use it."""
    if state.indicator is None or state.evaluation is None or not state.points:
        return ""
    ind = state.indicator
    spec = indicator_chart_spec(
        title=ind.name,
        unit=ind.unit,
        decimals=ind.decimals,
        points=state.points,
        evaluation=state.evaluation,
        spec=indicator_spec(ind),
        fictitious=state.fictitious,
        as_of=as_of,
    )
    return chart_svg(spec)


def measurement_point(m: Measurement) -> Point:
    """One measurement as the status engine's point (no queries)."""
    return Point(
        m.period_end, m.value, m.period_start, m.period_kind, m.is_provisional, m.known_from
    )


def known_points(
    measurements: Iterable[Measurement], as_of: dt.date
) -> tuple[list[Point], bool, int]:
    """Of the given measurements (in period order), the points known on ``as_of``, whether one
    of those is fictitious, and how many are known only after ``as_of`` (no queries): the rule
    every status uses, also for the public pages' published measurements."""
    points: list[Point] = []
    fictitious = False
    later = 0
    for m in measurements:
        if m.known_from <= as_of:
            points.append(measurement_point(m))
            fictitious = fictitious or m.is_fictitious
        else:
            later += 1
    return points, fictitious, later


def points_by_indicator(indicator_ids, as_of: dt.date) -> tuple[dict[int, list[Point]], set[int]]:
    """The measurements of the given indicators known on ``as_of`` (``known_from <= as_of``) as
    the status engine's points, and the indicators with a fictitious (demo) value: one query."""
    rows = (
        Measurement.objects.filter(indicator_id__in=indicator_ids, known_from__lte=as_of)
        .order_by("indicator_id", "period_end", "period_start")
        .values_list(
            "indicator_id",
            "period_end",
            "value",
            "period_start",
            "period_kind",
            "is_provisional",
            "is_fictitious",
            "known_from",
        )
    )
    points: dict[int, list[Point]] = defaultdict(list)
    fictitious: set[int] = set()
    for ind, end, value, start, kind, provisional, fict, known in rows:
        points[ind].append(Point(end, value, start, kind, provisional, known))
        if fict:
            fictitious.add(ind)
    return points, fictitious


def later_count(indicator_ids, as_of: dt.date) -> int:
    """How many measurements of the given indicators become known only after ``as_of``: one
    query."""
    return Measurement.objects.filter(indicator_id__in=indicator_ids, known_from__gt=as_of).count()


def latest_judgements(goal_ids, as_of: dt.date) -> dict[int, GoalJudgement]:
    """Per operational goal its latest judgement on or before ``as_of``: one query."""
    latest: dict[int, GoalJudgement] = {}
    judgements = GoalJudgement.objects.filter(
        operational_goal_id__in=goal_ids, date__lte=as_of
    ).order_by("operational_goal_id", "-date", "-pk")
    for j in judgements:
        latest.setdefault(j.operational_goal_id, j)
    return latest


def has_indicator(goal: OperationalGoal) -> bool:
    """Whether the goal has an indicator (without a query when it was select_related)."""
    try:
        return goal.indicator is not None
    except Indicator.DoesNotExist:
        return False


def goal_states(
    goals: list[OperationalGoal],
    *,
    as_of: dt.date,
    points: dict[int, list[Point]] | None = None,
    fictitious: set[int] | None = None,
    judgements: dict[int, GoalJudgement] | None = None,
) -> dict[int, GoalState]:
    """The status on ``as_of`` of each operational goal, by goal id: the one loop the monitor,
    the portfolio and the public pages share. ``goals`` come with their indicator
    (``select_related("indicator")``). The measurements up to ``as_of`` and the latest
    judgements are fetched in one query each, unless given (the public pages give only the
    published measurements and no judgements)."""
    if points is None:
        ids = [g.indicator.pk for g in goals if has_indicator(g)]
        points, found = points_by_indicator(ids, as_of)
        fictitious = found if fictitious is None else fictitious
    fictitious = fictitious or set()
    if judgements is None:
        judgements = latest_judgements([g.pk for g in goals], as_of)
    states = {}
    for goal in goals:
        ind = goal.indicator.pk if has_indicator(goal) else None
        states[goal.pk] = goal_state(
            goal,
            as_of=as_of,
            points=points.get(ind, []),
            fictitious=ind in fictitious,
            judgement=judgements.get(goal.pk),
        )
    return states


def goal_state(
    goal: OperationalGoal,
    *,
    as_of: dt.date,
    points: list[Point],
    fictitious: bool,
    judgement: GoalJudgement | None,
) -> GoalState:
    indicator = getattr(goal, "indicator", None) if goal.is_measurable else None
    if indicator is None:
        # Qualitative (or not yet given an indicator): the programme manager's judgement counts.
        return GoalState(
            goal=goal,
            indicator=None,
            status=judgement.status if judgement else Status.NOT_MEASURABLE,
            judgement=judgement,
        )
    evaluation = evaluate(indicator_spec(indicator), points, as_of=as_of)
    return GoalState(
        goal=goal,
        indicator=indicator,
        status=evaluation.status,
        reason=evaluation.reason,
        evaluation=evaluation,
        points=points,
        fictitious=fictitious,
    )


def programme_monitor(
    programme: Programme, *, as_of: dt.date, count_later: bool = False
) -> ProgrammeMonitor:
    """Every goal of ``programme`` with its status on ``as_of``: four queries, whatever the
    number of goals, indicators or measurements; with ``count_later`` a fifth counts the
    measurements known only after ``as_of``."""
    strategic = list(StrategicGoal.objects.filter(programme=programme).order_by("order", "code"))
    goals = list(
        OperationalGoal.objects.filter(programme=programme)
        .working()  # an archived goal is in the record, not in the monitor
        .select_related("indicator")
        .order_by("strategic_goal__order", "order", "code")
    )
    indicator_ids = [g.indicator.pk for g in goals if has_indicator(g)]
    points, fictitious = points_by_indicator(indicator_ids, as_of)
    by_strategic: dict[int, list[GoalState]] = defaultdict(list)
    for state in goal_states(goals, as_of=as_of, points=points, fictitious=fictitious).values():
        by_strategic[state.goal.strategic_goal_id].append(state)
    states = [
        StrategicState(
            goal=sg,
            status=roll_up(s.status for s in by_strategic[sg.pk]),
            goals=by_strategic[sg.pk],
        )
        for sg in strategic
    ]
    return ProgrammeMonitor(
        programme=programme,
        as_of=as_of,
        status=roll_up(s.status for s in states),
        strategic=states,
        fictitious=bool(fictitious),
        later=later_count(indicator_ids, as_of) if count_later and indicator_ids else 0,
    )


@dataclass
class GoalMonitor:
    state: GoalState
    measurements: list[Measurement]
    judgements: list[GoalJudgement]
    links: list[GoalEffortLink]
    later: int = 0  # measurements known only after the reference date


def goal_monitor(programme: Programme, code: str, *, as_of: dt.date) -> GoalMonitor:
    """One operational goal with all its measurements (also those known only after ``as_of``,
    for the table), its judgements and the efforts that serve it."""
    from django.http import Http404

    goal = (
        OperationalGoal.objects.filter(programme=programme, code__iexact=code)
        .select_related("indicator", "strategic_goal", "programme")
        .prefetch_related(
            Prefetch(
                "links",
                queryset=GoalEffortLink.objects.select_related(
                    "effort", "effort__owner", "effort__programme"
                ),
            )
        )
        .first()
    )
    if goal is None:
        raise Http404(code)
    measurements: list[Measurement] = []
    if has_indicator(goal) and goal.is_measurable:
        measurements = list(
            Measurement.objects.filter(indicator=goal.indicator)
            .select_related("entered_by", "import_batch")
            .order_by("period_end", "period_start")
        )
    points, fictitious, later = known_points(measurements, as_of)
    judgements = list(
        GoalJudgement.objects.filter(operational_goal=goal)
        .select_related("recorded_by")
        .order_by("-date", "-pk")
    )
    current = next((j for j in judgements if j.date <= as_of), None)
    state = goal_state(goal, as_of=as_of, points=points, fictitious=fictitious, judgement=current)
    return GoalMonitor(
        state=state,
        measurements=measurements,
        judgements=judgements,
        links=list(goal.links.all()),
        later=later,
    )


def measurable_goal_get(programme: Programme, code: str) -> OperationalGoal:
    """A measurable goal with its indicator (404 for a qualitative goal or an unknown code)."""
    from django.http import Http404

    goal = (
        OperationalGoal.objects.filter(programme=programme, code__iexact=code)
        .select_related("indicator")
        .first()
    )
    if goal is None or not goal.is_measurable or not has_indicator(goal):
        raise Http404(code)
    return goal


def measurement_get(programme: Programme, code: str, pk: int) -> Measurement:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Measurement.objects.select_related("indicator__operational_goal"),
        pk=pk,
        indicator__operational_goal__programme=programme,
        indicator__operational_goal__code__iexact=code,
    )


def recent_imports(user, *, limit: int = 10) -> list[ImportBatch]:
    qs = (
        ImportBatch.objects.all()
        if user.is_functional_admin
        else ImportBatch.objects.filter(uploaded_by=user)
    )
    return list(qs.order_by("-uploaded_at", "-pk")[:limit])
