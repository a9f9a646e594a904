"""Reads for the quality check: the programme's DIN, budget lines, reporting and latest
measurements as the plain data of :mod:`koers.din.checks`. Ten queries, however large the
programme (the efforts and the reporting calendar through the reporting app's selectors; one for
the accepted contributions with other programmes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max, Q

from koers.finance.models import BudgetLine
from koers.programmes.models import (
    Effort,
    GoalEffortLink,
    Indicator,
    OperationalGoal,
    Programme,
    StrategicGoal,
)
from koers.programmes.selectors_crosslinks import accepted_for_programme
from koers.reporting.models import ProgressReport
from koers.reporting.selectors import all_efforts_with_reporting, calendar_get, effort_active_in

from .checks import (
    BudgetLineData,
    CheckResult,
    DinData,
    EffortData,
    GoalData,
    IndicatorData,
    ReportingData,
    StrategicGoalData,
    run_checks,
)


@dataclass(frozen=True)
class ProgrammeCheck:
    programme: Programme
    result: CheckResult
    efforts: dict[int, Effort]  # by pk: the objects a fix link's permission is checked on


def _reporting(programme: Programme, as_of: dt.date) -> ReportingData:
    calendar = calendar_get(programme)
    if calendar is None:
        return ReportingData(has_calendar=False)
    late = [p for p in calendar.periods_until(as_of) if p.is_late(as_of)]
    if not late:
        return ReportingData(has_calendar=True)
    period = late[-1]
    return ReportingData(True, period.start, period.end, period.deadline)


def _indicator(goal: OperationalGoal) -> IndicatorData | None:
    try:
        ind = goal.indicator
    except Indicator.DoesNotExist:
        return None
    return IndicatorData(
        name=ind.name,
        unit=ind.unit,
        baseline_value=ind.baseline_value,
        baseline_date=ind.baseline_date,
        target_kind=ind.target_kind,
        target_value=ind.target_value,
        target_date=ind.target_date,
        data_source=ind.data_source,
        measuring_frequency=ind.measuring_frequency,
        latest_measurement=goal.latest_measurement,
    )


def din_data(programme: Programme, *, as_of: dt.date) -> tuple[DinData, dict[int, Effort]]:
    """The programme as the checks see it on ``as_of``, and its efforts by pk."""
    strategic = tuple(
        StrategicGoalData(code, text)
        for code, text in StrategicGoal.objects.filter(programme=programme)
        .order_by("order", "code")
        .values_list("code", "text")
    )
    goals = (
        OperationalGoal.objects.filter(programme=programme)
        .working()
        .select_related("indicator", "strategic_goal")
        .annotate(
            latest_measurement=Max(
                "indicator__measurements__period_end",
                filter=Q(indicator__measurements__known_from__lte=as_of),  # known by then
            )
        )
        .order_by("strategic_goal__order", "strategic_goal__code", "order", "code")
    )
    external_efforts: dict[int, list[str]] = {}
    external_goals: dict[int, list[str]] = {}
    for link in accepted_for_programme(programme):
        effort, goal = link.effort, link.operational_goal
        if goal.programme_id == programme.pk:
            external_efforts.setdefault(goal.pk, []).append(
                f"{effort.name} ({effort.programme.name})"
            )
        else:
            external_goals.setdefault(effort.pk, []).append(f"{goal.code} ({goal.programme.name})")
    goal_data = tuple(
        GoalData(
            code=g.code,
            strategic_code=g.strategic_goal.code,
            statement=g.statement,
            kind=g.kind,
            indicator=_indicator(g),
            pk=g.pk,
            external_efforts=tuple(external_efforts.get(g.pk, ())),
        )
        for g in goals
    )
    serves: dict[int, list[str]] = {}
    for effort_id, code in (
        GoalEffortLink.objects.filter(
            effort__programme=programme,
            effort__archived_at__isnull=True,
            operational_goal__archived_at__isnull=True,
        )
        .order_by("operational_goal__code")
        .values_list("effort_id", "operational_goal__code")
    ):
        serves.setdefault(effort_id, []).append(code)
    reporting = _reporting(programme, as_of)
    states = {}
    if reporting.period_start is not None:
        states = dict(
            ProgressReport.objects.filter(
                effort__programme=programme, period_start=reporting.period_start
            ).values_list("effort_id", "state")
        )
    efforts: dict[int, Effort] = {}
    effort_data = []
    for effort, reports, _own in all_efforts_with_reporting(programme):
        if effort.archived_at is not None:
            continue  # archived: in the record, not in the working DIN
        efforts[effort.pk] = effort
        effort_data.append(
            EffortData(
                pk=effort.pk,
                name=effort.name,
                owner=effort.owner.name if effort.owner_id else "",
                status=effort.status,
                municipality_role=effort.municipality_role,
                goal_codes=tuple(serves.get(effort.pk, ())),
                reports=reports
                and reporting.period_start is not None
                and effort_active_in(effort, reporting.period_start),
                report_state=states.get(effort.pk, ""),
                external_goals=tuple(external_goals.get(effort.pk, ())),
            )
        )
    lines = tuple(
        BudgetLineData(pk, source, year, amount, effort_id, item)
        for pk, source, year, amount, effort_id, item in BudgetLine.objects.filter(
            programme=programme
        )
        .order_by("source__order", "source__name", "year", "pk")
        .values_list("pk", "source__name", "year", "amount", "effort_id", "item")
    )
    data = DinData(
        slug=programme.slug,
        name=programme.name,
        period_start=programme.period_start,
        period_end=programme.period_end,
        as_of=as_of,
        strategic_goals=strategic,
        goals=goal_data,
        efforts=tuple(effort_data),
        budget_lines=lines,
        reporting=reporting,
    )
    return data, efforts


def programme_check(programme: Programme, *, as_of: dt.date) -> ProgrammeCheck:
    data, efforts = din_data(programme, as_of=as_of)
    return ProgrammeCheck(programme, run_checks(data), efforts)
