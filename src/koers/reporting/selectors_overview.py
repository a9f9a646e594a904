"""Reads for the reporting overview: the matrix of efforts × aspects for one period, and one
effort's reports over all periods. Each read costs a fixed number of queries, however many
efforts, periods and reports there are."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Max

from koers.programmes.models import Effort, Programme

from .constants import EDITABLE_STATES, Aspect, ReportState
from .models import ProgressReport, ReportingCalendar
from .schedule import ReportingPeriod
from .selectors import (
    all_efforts_with_reporting,
    calendar_get,
    effort_active_in,
    effort_reports,
)

#: The matrix's status columns: the overall status, then the eight aspects in contract order.
STATUS_FIELDS = ("overall_status", *(f"{a.value}_status" for a in Aspect))

#: What the counts above the matrix count, in this order.
MISSING = "ontbreekt"
LATE = "te_laat"
COUNT_KEYS = (
    ReportState.SUBMITTED,
    ReportState.ACCEPTED,
    ReportState.DRAFT,
    ReportState.RETURNED,
    MISSING,
    LATE,
)


@dataclass(frozen=True)
class ReportRow:
    """One effort over one period: its report (None if missing) and whether it is late."""

    effort: Effort
    period: ReportingPeriod
    report: ProgressReport | None
    reports: bool  # does the effort report (now)?
    today: dt.date
    is_run = False

    @property
    def statuses(self) -> list[str]:
        """The overall status and the eight aspect statuses ('' where not filled in)."""
        if self.report is None:
            return ["" for _ in STATUS_FIELDS]
        return [getattr(self.report, name) for name in STATUS_FIELDS]

    @property
    def state(self) -> str:
        return self.report.state if self.report is not None else MISSING

    @property
    def is_missing(self) -> bool:
        return self.report is None

    @property
    def is_outstanding(self) -> bool:
        """Not (yet) submitted: missing, draft, or returned to the owner."""
        return self.report is None or self.report.state in EDITABLE_STATES

    @property
    def is_late(self) -> bool:
        """Past the deadline and still not submitted (only for efforts that report)."""
        return self.reports and self.is_outstanding and self.period.is_late(self.today)

    @property
    def submitted_on(self) -> dt.date | None:
        if self.report is None or self.report.submitted_at is None:
            return None
        return self.report.submitted_at.date()

    @property
    def is_fictitious(self) -> bool:
        return self.report is not None and self.report.is_fictitious


@dataclass(frozen=True)
class TrackGroup:
    name: str  # "" for efforts without a track
    rows: list[ReportRow]


@dataclass
class PeriodOverview:
    calendar: ReportingCalendar
    period: ReportingPeriod
    periods: list[ReportingPeriod]  # every period so far, newest first
    today: dt.date
    groups: list[TrackGroup] = field(default_factory=list)
    latest_reported: ReportingPeriod | None = None  # the latest period that has any report

    @property
    def rows(self) -> list[ReportRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def counts(self) -> list[tuple[str, int]]:
        """(key, number) for submitted, accepted, draft, returned, missing and late."""
        rows = [r for r in self.rows if r.reports or r.report is not None]
        tally = dict.fromkeys(COUNT_KEYS, 0)
        for row in rows:
            tally[row.state] += 1
            if row.is_late:
                tally[LATE] += 1
        return list(tally.items())

    @property
    def missing_or_late(self) -> list[ReportRow]:
        return [r for r in self.rows if (r.reports and r.is_missing) or r.is_late]

    @property
    def any_fictitious(self) -> bool:
        return any(r.is_fictitious for r in self.rows)


def periods_so_far(calendar: ReportingCalendar, today: dt.date) -> list[ReportingPeriod]:
    """Every period that has started by ``today``, newest first."""
    return list(reversed(calendar.periods_until(today)))


def default_period(calendar: ReportingCalendar, today: dt.date) -> ReportingPeriod | None:
    """The period owners report on now; while the first period runs, that first period."""
    current = calendar.reporting_period(today)
    if current is not None:
        return current
    periods = calendar.periods_until(today)
    return periods[0] if periods else None


def _grouped(rows: Iterable[ReportRow]) -> list[TrackGroup]:
    groups: list[TrackGroup] = []
    for row in rows:
        name = row.effort.track.name if row.effort.track_id else ""
        if not groups or groups[-1].name != name:
            groups.append(TrackGroup(name, []))
        groups[-1].rows.append(row)
    return groups


def period_overview(
    programme: Programme,
    *,
    today: dt.date,
    period_start: dt.date | None = None,
    calendar: ReportingCalendar | None = None,
) -> PeriodOverview | None:
    """The matrix of ``programme`` for the period beginning on ``period_start`` (default: the
    period owners report on now). None when the programme has no calendar or the calendar has
    not started. Rows: every effort that reports, plus any effort that does not report (any
    more) but has a report for the period. Five queries, whatever the size of the programme."""
    calendar = calendar or calendar_get(programme)
    if calendar is None:
        return None
    periods = periods_so_far(calendar, today)
    if not periods:
        return None
    period = None
    if period_start is not None:
        period = next((p for p in periods if p.start == period_start), None)
    period = period or default_period(calendar, today)
    reports = {
        r.effort_id: r
        for r in ProgressReport.objects.filter(
            effort__programme=programme, period_start=period.start
        )
    }
    rows = []
    for effort, reports_now, _own in all_efforts_with_reporting(programme):
        report = reports.get(effort.pk)
        if (reports_now and effort_active_in(effort, period.start)) or report is not None:
            rows.append(ReportRow(effort, period, report, reports_now, today))
    overview = PeriodOverview(calendar, period, periods, today, _grouped(rows))
    latest = ProgressReport.objects.filter(
        effort__programme=programme, period_start__lte=today
    ).aggregate(latest=Max("period_start"))["latest"]
    if latest is not None:
        overview.latest_reported = next((p for p in periods if p.start <= latest), None)
    return overview


@dataclass(frozen=True)
class MissingRun:
    """Consecutive periods without a report, shown as one row (newest first)."""

    rows: list[ReportRow]
    is_run = True

    @property
    def newest(self) -> ReportingPeriod:
        return self.rows[0].period

    @property
    def oldest(self) -> ReportingPeriod:
        return self.rows[-1].period

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def late(self) -> int:
        return sum(1 for r in self.rows if r.is_late)


def collapse_missing(
    rows: list[ReportRow], *, keep: int = 2, min_run: int = 3
) -> list[ReportRow | MissingRun]:
    """``rows`` with every run of at least ``min_run`` consecutive missing reports folded into
    one :class:`MissingRun`; the newest ``keep`` rows always stay rows of their own (the period
    running now and the one being reported on)."""
    result: list[ReportRow | MissingRun] = list(rows[:keep])
    run: list[ReportRow] = []

    def flush() -> None:
        if len(run) >= min_run:
            result.append(MissingRun(list(run)))
        else:
            result.extend(run)
        run.clear()

    for row in rows[keep:]:
        if row.is_missing:
            run.append(row)
            continue
        flush()
        result.append(row)
    flush()
    return result


@dataclass
class EffortHistory:
    effort: Effort
    reports: bool
    calendar: ReportingCalendar | None
    rows: list[ReportRow]

    @property
    def any_fictitious(self) -> bool:
        return any(r.is_fictitious for r in self.rows)

    @property
    def display_rows(self) -> list[ReportRow | MissingRun]:
        return collapse_missing(self.rows)


def effort_history(
    programme: Programme, effort: Effort, *, today: dt.date, calendar=None
) -> EffortHistory:
    """``effort``'s status over the periods, newest first: every period so far when the effort
    reports, otherwise only the periods it has a report for. A report whose period no longer
    matches the calendar (the calendar was changed) keeps its own dates. Two queries."""
    calendar = calendar or calendar_get(programme)
    reports_now = effort_reports(effort)
    by_start = {r.period_start: r for r in ProgressReport.objects.filter(effort=effort)}
    rows: dict[dt.date, ReportRow] = {}
    if calendar is not None and reports_now:
        for period in calendar.periods_until(today):
            rows[period.start] = ReportRow(
                effort, period, by_start.get(period.start), reports_now, today
            )
    for start, report in by_start.items():
        if start in rows:
            continue
        period = calendar.period_starting(start) if calendar is not None else None
        if period is None:
            period = ReportingPeriod(report.period_start, report.period_end, report.deadline, 0)
        rows[start] = ReportRow(effort, period, report, reports_now, today)
    ordered = [rows[start] for start in sorted(rows, reverse=True)]
    return EffortHistory(effort, reports_now, calendar, ordered)
