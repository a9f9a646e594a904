"""Reads for the reporting overview: the matrix of efforts × aspects for one period, and one
effort's reports over all periods. Each read costs a fixed number of queries, however many
efforts, periods and reports there are."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Max

from koers.programmes.models import Effort, Programme

from .models import ProgressReport, ReportingCalendar
from .obligations import (
    COUNT_KEYS,
    DONE_STATES,
    LATE,
    MISSING,
    STATUS_FIELDS,
    ReportRow,
    report_rows,
)
from .schedule import ReportingPeriod
from .selectors import all_efforts_with_reporting, calendar_get, effort_reports

__all__ = [
    "COUNT_KEYS",
    "LATE",
    "MISSING",
    "STATUS_FIELDS",
    "ReportRow",
    "default_period",
    "effort_history",
    "period_default",
    "period_overview",
    "periods_so_far",
]


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
    """The period a page about the programme's reports opens on (see :func:`period_default`)."""
    return period_default(calendar, today=today)


def period_default(calendar: ReportingCalendar, *, today: dt.date, latest_done=None):
    """The period that matters on ``today``: the period owners report on now while it is open
    for writing (its deadline has not passed); otherwise the latest period with handed-in
    reports; otherwise the period owners report on now. For a programme that has ended, that
    is its last period; while the first period runs, the first period. Never a period past the
    programme's end. ``latest_done``: the latest ``period_start`` of a handed-in report, when
    already known (else one query)."""
    periods = calendar.periods_until(today)
    if not periods:
        return None
    current = calendar.reporting_period(today) or periods[0]
    if not current.is_late(today):
        return current
    if latest_done is None:
        latest_done = ProgressReport.objects.filter(
            effort__programme_id=calendar.programme_id,
            state__in=DONE_STATES,
            period_start__lte=current.start,
        ).aggregate(latest=Max("period_start"))["latest"]
    if latest_done is not None:
        found = next((p for p in reversed(periods) if p.start <= latest_done), None)
        if found is not None:
            return found
    return current


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
        row = ReportRow(effort, period, reports.get(effort.pk), reports_now, today)
        if row.is_owed or row.report is not None:
            rows.append(row)
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
    """``effort``'s reports over the periods, newest first (:func:`obligations.report_rows`):
    every period it owes a report over, and every period it has a report for. A report whose
    period no longer matches the calendar (the calendar was changed) keeps its own dates. Two
    queries."""
    calendar = calendar or calendar_get(programme)
    rows = report_rows(effort, calendar, ProgressReport.objects.filter(effort=effort), today=today)
    return EffortHistory(effort, effort_reports(effort), calendar, rows)
