"""What an effort must report: the one answer to "which reports does this effort owe, and which of
them are late, returned or still open". The owner's "Mijn rapportages", the effort's report
history, the reporting overview, the reminders and the digest all ask it here.

An effort owes a report over a period of its programme's calendar when

- it reports (its own setting, or the default by municipality role),
- the period has ended by the reference date (today) and began on or before the programme's end
  date (no period lies past the programme), and
- the effort was running in the period: it had not ended before the period began, nor begun
  after the period ended.

A report that exists keeps its row also where nothing is owed (a draft over the running period,
a report of an effort that no longer reports, a period of an earlier calendar)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from koers.programmes.models import Effort

from .constants import EDITABLE_STATES, Aspect, ReportState
from .models import ProgressReport, ReportingCalendar
from .schedule import ReportingPeriod
from .selectors import effort_active_in, effort_reports

#: The states that count as handed in.
DONE_STATES = (ReportState.SUBMITTED, ReportState.ACCEPTED)

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

#: The matrix's status columns: the overall status, then the eight aspects in contract order.
STATUS_FIELDS = ("overall_status", *(f"{a.value}_status" for a in Aspect))


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
    def is_owed(self) -> bool:
        """Does the effort owe this report (see the module's rules)?"""
        return owes(self.effort, self.period, today=self.today, reports=self.reports)

    @property
    def is_late(self) -> bool:
        """Owed, past the deadline and still not submitted."""
        return self.is_owed and self.is_outstanding and self.period.is_late(self.today)

    @property
    def to_write(self) -> bool:
        """On the owner's list: owed and not submitted, or a draft or returned report."""
        if self.report is not None:
            return self.report.state in EDITABLE_STATES
        return self.is_owed

    @property
    def submitted_on(self) -> dt.date | None:
        if self.report is None or self.report.submitted_at is None:
            return None
        return self.report.submitted_at.date()

    @property
    def is_fictitious(self) -> bool:
        return self.report is not None and self.report.is_fictitious

    @property
    def key(self) -> tuple[int, dt.date]:
        return (self.effort.pk, self.period.start)


def owes(effort: Effort, period: ReportingPeriod, *, today: dt.date, reports=None) -> bool:
    """Does ``effort`` owe a report over ``period`` on ``today``? (``reports``: whether it
    reports, when already known.)"""
    if getattr(effort, "archived_at", None) is not None:
        return False  # archived: no reminders, nothing to write (its reports stay)
    if reports is None:
        reports = effort_reports(effort)
    return (
        bool(reports) and period.end < today and effort_active_in(effort, period.start, period.end)
    )


def owed_periods(
    effort: Effort, calendar: ReportingCalendar, *, today: dt.date
) -> list[ReportingPeriod]:
    """The periods ``effort`` owes a report over by ``today``, oldest first (no query when the
    calendar carries its programme)."""
    if not effort_reports(effort):
        return []
    return [p for p in calendar.periods_until(today) if owes(effort, p, today=today, reports=True)]


def report_rows(
    effort: Effort,
    calendar: ReportingCalendar | None,
    reports: Iterable[ProgressReport],
    *,
    today: dt.date,
) -> list[ReportRow]:
    """Every row of ``effort``, newest first: each owed period (with its report or missing),
    and each report of another period. ``reports`` are the effort's reports (any state). No
    query."""
    reports_now = effort_reports(effort)
    by_start = {r.period_start: r for r in reports}
    rows: dict[dt.date, ReportRow] = {}
    if calendar is not None and reports_now:
        for period in owed_periods(effort, calendar, today=today):
            rows[period.start] = ReportRow(
                effort, period, by_start.get(period.start), reports_now, today
            )
    for start, report in by_start.items():
        if start in rows:
            continue
        period = calendar.period_starting(start) if calendar is not None else None
        if period is None:  # the calendar was changed: the report keeps its own dates
            period = ReportingPeriod(report.period_start, report.period_end, report.deadline, 0)
        rows[start] = ReportRow(effort, period, report, reports_now, today)
    return [rows[start] for start in sorted(rows, reverse=True)]


def rows_by_effort(
    efforts: list[Effort], *, today: dt.date, calendars: dict[int, ReportingCalendar | None]
) -> dict[int, list[ReportRow]]:
    """:func:`report_rows` for many efforts (``calendars`` by programme id): one query for all
    their reports."""
    reports: dict[int, list[ProgressReport]] = {e.pk: [] for e in efforts}
    if efforts:
        for report in ProgressReport.objects.filter(effort__in=efforts).defer("snapshot"):
            reports[report.effort_id].append(report)
    by_pk = {e.pk: e for e in efforts}
    for effort_id, found in reports.items():
        for report in found:
            report.effort = by_pk[effort_id]
    return {
        e.pk: report_rows(e, calendars.get(e.programme_id), reports[e.pk], today=today)
        for e in efforts
    }


def owner_rows(user, *, today: dt.date) -> list[ReportRow]:
    """The reports ``user`` must write as owner of efforts, newest first per effort: every owed
    report not yet handed in (missing, draft, returned), every draft or returned report, and
    the report over the period owners report on now, whatever its state. Two queries, whatever
    the number of efforts, programmes and periods."""
    efforts = list(
        Effort.objects.filter(
            owner__user=user, programme__reporting_calendar__isnull=False, archived_at__isnull=True
        )
        .select_related("programme", "programme__reporting_calendar", "track", "reporting")
        .order_by("programme__name", "track__order", "order", "name")
    )
    calendars = {e.programme_id: e.programme.reporting_calendar for e in efforts}
    now = {pk: c.reporting_period(today) for pk, c in calendars.items()}
    rows = rows_by_effort(efforts, today=today, calendars=calendars)
    return [
        row
        for e in efforts
        for row in rows[e.pk]
        if row.to_write or (row.is_owed and row.period == now[e.programme_id])
    ]
