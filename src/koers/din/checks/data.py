"""The plain data the quality check reads: one programme's DIN, its budget lines, its reporting
and its latest measurements, as collected by :mod:`koers.din.selectors_check` (no ORM here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from koers.monitoring.status import IndicatorSpec, not_measurable_reason
from koers.programmes.constants import EffortStatus, GoalKind, MunicipalityRole, TargetKind


@dataclass(frozen=True)
class IndicatorData:
    name: str
    unit: str = ""
    baseline_value: Decimal | None = None
    baseline_date: dt.date | None = None
    target_kind: str = ""
    target_value: Decimal | None = None
    target_date: dt.date | None = None
    data_source: str = ""
    measuring_frequency: str = ""  # a MeasuringFrequency value
    latest_measurement: dt.date | None = None  # end of the latest measured period, if any


@dataclass(frozen=True)
class StrategicGoalData:
    code: str
    text: str = ""


@dataclass(frozen=True)
class GoalData:
    code: str
    strategic_code: str
    statement: str = ""
    kind: str = GoalKind.MEASURABLE
    indicator: IndicatorData | None = None
    pk: int | None = None
    #: Efforts of other programmes that serve the goal (accepted contributions), as
    #: "effort (programme)".
    external_efforts: tuple[str, ...] = ()


@dataclass(frozen=True)
class EffortData:
    pk: int
    name: str
    owner: str = ""  # the owner's name; "" when there is none
    status: str = EffortStatus.PLANNED
    municipality_role: str = MunicipalityRole.UNKNOWN
    goal_codes: tuple[str, ...] = ()  # the operational goals it serves
    reports: bool = False  # does it report over the reporting period (reporting's own rule)?
    report_state: str = ""  # its report over that period: a ReportState value, "" if none
    #: Goals of other programmes it serves (accepted contributions), as "code (programme)".
    external_goals: tuple[str, ...] = ()


@dataclass(frozen=True)
class BudgetLineData:
    pk: int
    source: str
    year: int
    amount: Decimal
    effort_pk: int | None = None
    item: str = ""  # a programme-level item, when the line is for no effort


@dataclass(frozen=True)
class ReportingData:
    """The reporting calendar as the check sees it: whether there is one, and the latest period
    whose report deadline has passed (None while none has)."""

    has_calendar: bool
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    deadline: dt.date | None = None


@dataclass(frozen=True)
class DinData:
    slug: str
    name: str
    period_start: dt.date
    period_end: dt.date
    as_of: dt.date
    strategic_goals: tuple[StrategicGoalData, ...] = ()
    goals: tuple[GoalData, ...] = ()
    efforts: tuple[EffortData, ...] = ()
    budget_lines: tuple[BudgetLineData, ...] = ()
    reporting: ReportingData = field(default_factory=lambda: ReportingData(has_calendar=False))


_RELATIVE = (TargetKind.INCREASE_BY, TargetKind.DECREASE_BY)


def is_measurable(goal: GoalData) -> bool:
    """Can the goal be measured as written: is it measurable, with an indicator whose target the
    monitor's status engine can evaluate, and with a baseline when the target is a change
    ("increase by 4100" needs to know from what)? A missing unit, baseline date or data source
    makes a goal less than SMART (DIN-01), but not unmeasurable."""
    ind = goal.indicator
    if goal.kind != GoalKind.MEASURABLE or ind is None:
        return False
    spec = IndicatorSpec(ind.target_kind, ind.target_value, ind.target_date, ind.baseline_value)
    if not_measurable_reason(spec):
        return False
    return not (ind.target_kind in _RELATIVE and ind.baseline_value is None)
