"""The reads the documents need, through the other apps' selectors, each with a fixed number
of queries however large the programme is."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from django.db.models import Max

from koers.decisions.models import Decision, ProgrammeChange
from koers.decisions.selectors import programme_changes, programme_decisions
from koers.din import graph
from koers.din.selectors_diagram import diagram_network
from koers.finance.exhaustion import ExhaustionReport, exhaustion_report
from koers.finance.selectors import Budget, programme_budget
from koers.finance.spending_selectors import programme_spending
from koers.monitoring.selectors import ProgrammeMonitor, programme_monitor
from koers.programmes.models import Effort, Programme
from koers.programmes.selectors import programme_overview
from koers.reporting.digest import DONE_STATES, EffortReport, counting_reports
from koers.reporting.models import ProgressReport, ReportingCalendar
from koers.reporting.schedule import ReportingPeriod
from koers.reporting.selectors import calendar_get, reporting_efforts
from koers.reporting.selectors_overview import default_period, periods_so_far
from koers.risks.constants import RiskStatus
from koers.risks.models import Risk
from koers.risks.selectors import risk_register

#: How many risks the progress report shows: the open ones with the highest score.
TOP_RISKS = 5


@dataclass
class ContractData:
    programme: Programme  # from programme_overview: goals, tracks, efforts, roles prefetched
    partners: dict[int, list[str]]  # effort id → partner names
    calendar: ReportingCalendar | None
    budget: Budget
    risks: list[Risk]
    network: graph.Network  # without statuses: a contract shows the plan, not the progress


def _without_status(network: graph.Network) -> graph.Network:
    return dataclasses.replace(
        network,
        strategic=tuple(dataclasses.replace(s, status=None) for s in network.strategic),
        goals=tuple(dataclasses.replace(g, status=None) for g in network.goals),
        efforts=tuple(dataclasses.replace(e, status=None) for e in network.efforts),
    )


def _partners(programme: Programme) -> dict[int, list[str]]:
    through = Effort.partners.through
    result: dict[int, list[str]] = {}
    rows = (
        through.objects.filter(effort__programme=programme)
        .order_by("partnerorganisation__name")
        .values_list("effort_id", "partnerorganisation__name")
    )
    for effort_id, name in rows:
        result.setdefault(effort_id, []).append(name)
    return result


def contract_data(slug: str, *, today: dt.date) -> ContractData:
    programme = programme_overview(slug)
    return ContractData(
        programme=programme,
        partners=_partners(programme),
        calendar=calendar_get(programme),
        budget=programme_budget(programme),
        risks=risk_register(programme).risks,
        network=_without_status(diagram_network(programme, as_of=today)),
    )


@dataclass
class ProgressData:
    programme: Programme
    period: ReportingPeriod | None  # None: the programme has no reporting calendar
    as_of: dt.date
    monitor: ProgrammeMonitor
    reports: list[EffortReport]  # per reporting effort the report that counts
    without_report: list[Effort]
    exhaustion: ExhaustionReport  # spending booked up to as_of
    risks: list[Risk]  # the open risks with the highest score
    open_risks: int
    decisions: list[Decision]  # taken up to as_of, newest first
    changes: list[ProgrammeChange]  # made up to as_of, newest first

    @property
    def fictitious(self) -> bool:
        return self.monitor.fictitious or any(r.report.is_fictitious for r in self.reports)


def progress_data(
    programme: Programme, *, period: ReportingPeriod | None, as_of: dt.date
) -> ProgressData:
    """What the progress report over ``period`` shows, with the goals' status on ``as_of``."""
    monitor = programme_monitor(programme, as_of=as_of)
    start = period.start if period else None
    efforts = reporting_efforts(programme, start)
    counting = counting_reports(efforts, start or as_of)
    reports = []
    for effort in efforts:
        report = counting.get(effort.pk)
        if report is not None:
            report.effort = effort
            reports.append(
                EffortReport(effort, report, period is not None and report.period_start == start)
            )
    spending = programme_spending(programme)
    lines = [item.subject for item in spending.report.lines]
    entries = [e for e in spending.entries if e.date <= as_of]
    register = risk_register(programme, status=RiskStatus.OPEN)
    decisions = list(programme_decisions(programme).filter(date__lte=as_of))
    for decision in decisions:
        decision.programme = programme
    changes = [c for c in programme_changes(programme) if c.changed_at.date() <= as_of]
    return ProgressData(
        programme=programme,
        period=period,
        as_of=as_of,
        monitor=monitor,
        reports=reports,
        without_report=[e for e in efforts if e.pk not in counting],
        exhaustion=exhaustion_report(lines, entries),
        risks=register.risks[:TOP_RISKS],
        open_risks=len(register.risks),
        decisions=decisions,
        changes=changes,
    )


@dataclass
class PeriodChoice:
    calendar: ReportingCalendar | None
    periods: list[ReportingPeriod]  # every period so far, newest first
    default: ReportingPeriod | None
    latest_reported: ReportingPeriod | None  # the latest period with a submitted report


def period_choice(programme: Programme, *, today: dt.date) -> PeriodChoice:
    """The periods a progress report can be made over (two queries)."""
    calendar = calendar_get(programme)
    if calendar is None:
        return PeriodChoice(None, [], None, None)
    periods = periods_so_far(calendar, today)
    latest = ProgressReport.objects.filter(
        effort__programme=programme, state__in=DONE_STATES, period_start__lte=today
    ).aggregate(latest=Max("period_start"))["latest"]
    latest_reported = None
    if latest is not None:
        latest_reported = next((p for p in periods if p.start <= latest), None)
    return PeriodChoice(calendar, periods, default_period(calendar, today), latest_reported)


def period_find(programme: Programme, start: dt.date | None, *, today: dt.date):
    """(calendar, period): the period beginning on ``start`` (None if no period begins then),
    or the default period when ``start`` is None. One query."""
    calendar = calendar_get(programme)
    if calendar is None:
        return None, None
    if start is None:
        return calendar, default_period(calendar, today)
    return calendar, calendar.period_starting(start)
