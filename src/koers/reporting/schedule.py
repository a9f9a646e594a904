"""The reporting calendar: which periods a programme reports over and when each report is due
(pure: no ORM, no I/O).

A calendar has a frequency and a start date. Periods follow each other without gaps: every two
weeks counts 14 days from the start date; the other frequencies count calendar months from the
start date's day (a start on the 31st falls back to the last day of shorter months). A period's
report is due ``deadline_days`` days after the period's last day.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from .constants import ReportingFrequency

MONTHS = {
    ReportingFrequency.MONTHLY: 1,
    ReportingFrequency.QUARTERLY: 3,
    ReportingFrequency.HALF_YEARLY: 6,
    ReportingFrequency.YEARLY: 12,
}


@dataclass(frozen=True, order=True)
class ReportingPeriod:
    start: dt.date
    end: dt.date
    deadline: dt.date
    number: int  # 1 for the first period of the calendar

    @property
    def key(self) -> str:
        """The period as it appears in addresses: its first day."""
        return self.start.isoformat()

    def is_late(self, today: dt.date) -> bool:
        return today > self.deadline


def _add_months(day: dt.date, months: int, anchor_day: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(anchor_day, calendar.monthrange(year, month)[1]))


def period_start(frequency: str, start_date: dt.date, number: int) -> dt.date:
    """The first day of period ``number`` (1-based)."""
    if frequency == ReportingFrequency.BIWEEKLY:
        return start_date + dt.timedelta(days=14 * (number - 1))
    return _add_months(start_date, MONTHS[frequency] * (number - 1), start_date.day)


def period(frequency: str, start_date: dt.date, deadline_days: int, number: int) -> ReportingPeriod:
    start = period_start(frequency, start_date, number)
    end = period_start(frequency, start_date, number + 1) - dt.timedelta(days=1)
    return ReportingPeriod(start, end, end + dt.timedelta(days=deadline_days), number)


def periods_until(
    frequency: str, start_date: dt.date, deadline_days: int, until: dt.date, *, limit: int = 500
) -> list[ReportingPeriod]:
    """Every period that has started on or before ``until`` (at most ``limit``, the latest)."""
    if until < start_date:
        return []
    if frequency == ReportingFrequency.BIWEEKLY:
        last = (until - start_date).days // 14 + 1
    else:
        step = MONTHS[frequency]
        months = (until.year - start_date.year) * 12 + until.month - start_date.month
        last = months // step + 1
        while period_start(frequency, start_date, last) > until:
            last -= 1
    first = max(1, last - limit + 1)
    return [period(frequency, start_date, deadline_days, n) for n in range(first, last + 1)]


def period_at(
    frequency: str, start_date: dt.date, deadline_days: int, day: dt.date
) -> ReportingPeriod | None:
    """The period that contains ``day`` (None before the calendar starts)."""
    found = periods_until(frequency, start_date, deadline_days, day, limit=1)
    return found[0] if found else None


def period_by_start(
    frequency: str, start_date: dt.date, deadline_days: int, start: dt.date
) -> ReportingPeriod | None:
    """The period that begins on ``start`` exactly, or None if no period begins that day."""
    found = period_at(frequency, start_date, deadline_days, start)
    return found if found is not None and found.start == start else None


def reporting_period(
    frequency: str, start_date: dt.date, deadline_days: int, today: dt.date
) -> ReportingPeriod | None:
    """The period owners report on now: the latest period that has ended by ``today`` (its
    report is due or late); None while the first period is still running."""
    current = period_at(frequency, start_date, deadline_days, today)
    if current is None or current.number == 1:
        return None
    return period(frequency, start_date, deadline_days, current.number - 1)
