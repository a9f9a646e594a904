"""Measurement periods: reading ``2019``, ``2019-Q3``, ``2019-07``, ``2019-W27`` or
``2019-07-01`` into an explicit kind, first day and last day, and writing them back
(pure: no ORM, no I/O).

Weeks are ISO 8601 weeks (Monday to Sunday; week 1 holds the year's first Thursday), as Dutch
calendars number them. Years are accepted from 1900 to 2200.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from .constants import PeriodKind

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_WEEK = re.compile(r"^(\d{4})-[Ww](\d{1,2})$")
_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")

MIN_YEAR = 1900
MAX_YEAR = 2200


class PeriodFormatError(ValueError):
    """The text is not a period in any accepted notation; ``str()`` is the (translated) message."""


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date
    kind: str

    @property
    def label(self) -> str:
        return period_label(self.kind, self.start)


def _year(text: str) -> int:
    year = int(text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodFormatError(
            _("The year %(year)s lies outside %(min)s–%(max)s.")
            % {"year": year, "min": MIN_YEAR, "max": MAX_YEAR}
        )
    return year


def parse_period(text: str) -> Period:
    """Read a period as written in a delivery file or typed in a form."""
    raw = str(text)
    cleaned = raw.strip()
    if not cleaned:
        raise PeriodFormatError(
            _("Enter a period, e.g. 2019, 2019-Q3, 2019-07, 2019-W27 or 2019-07-01.")
        )
    if m := _YEAR.match(cleaned):
        year = _year(m[1])
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), PeriodKind.YEAR)
    if m := _QUARTER.match(cleaned):
        year, quarter = _year(m[1]), int(m[2])
        first_month = 3 * (quarter - 1) + 1
        last_month = first_month + 2
        end = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
        return Period(dt.date(year, first_month, 1), end, PeriodKind.QUARTER)
    if m := _WEEK.match(cleaned):
        year, week = _year(m[1]), int(m[2])
        try:
            start = dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            raise PeriodFormatError(
                _("%(year)s has no week %(week)s.") % {"year": year, "week": week}
            ) from None
        return Period(start, start + dt.timedelta(days=6), PeriodKind.WEEK)
    if m := _MONTH.match(cleaned):
        year, month = _year(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise PeriodFormatError(_("There is no month %(month)s.") % {"month": month})
        end = dt.date(year, month, calendar.monthrange(year, month)[1])
        return Period(dt.date(year, month, 1), end, PeriodKind.MONTH)
    if m := _DAY.match(cleaned):
        year = _year(m[1])
        try:
            day = dt.date(year, int(m[2]), int(m[3]))
        except ValueError:
            raise PeriodFormatError(
                _("‘%(text)s’ is not an existing date.") % {"text": raw}
            ) from None
        return Period(day, day, PeriodKind.DAY)
    raise PeriodFormatError(
        _(
            "‘%(text)s’ is not a period. Write a year (2019), quarter (2019-Q3), month (2019-07), "
            "ISO week (2019-W27) or day (2019-07-01)."
        )
        % {"text": raw[:60]}
    )


def period_code(kind: str, start: dt.date) -> str:
    """The period as written in a delivery file: the inverse of :func:`parse_period`."""
    if kind == PeriodKind.YEAR:
        return f"{start.year}"
    if kind == PeriodKind.QUARTER:
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if kind == PeriodKind.MONTH:
        return f"{start.year}-{start.month:02d}"
    if kind == PeriodKind.WEEK:
        year, week, _day = start.isocalendar()
        return f"{year}-W{week:02d}"
    return start.isoformat()


def period_label(kind: str, start: dt.date) -> str:
    """The period as shown to people, in the active language: 2019, K3 2019, juli 2019,
    week 27 2019, 1 juli 2019."""
    if kind == PeriodKind.YEAR:
        return f"{start.year}"
    if kind == PeriodKind.QUARTER:
        return _("Q%(quarter)s %(year)s") % {
            "quarter": (start.month - 1) // 3 + 1,
            "year": start.year,
        }
    if kind == PeriodKind.MONTH:
        return f"{MONTHS[start.month]} {start.year}"
    if kind == PeriodKind.WEEK:
        year, week, _day = start.isocalendar()
        return _("week %(week)s %(year)s") % {"week": week, "year": year}
    return f"{start.day} {MONTHS[start.month]} {start.year}"


# --- from when a measurement is known -----------------------------------------------------------


def default_known_from(start: dt.date, end: dt.date, entered_on: dt.date) -> dt.date:
    """From when a value is known when nobody says otherwise: the end of its period, but never
    later than the day it was entered (a value for this year entered today counts today), and
    never before its period starts (a value entered ahead of its period counts from its start).
    """
    return max(start, min(end, entered_on))


def known_from_problem(known_from: dt.date, *, start: dt.date, today: dt.date) -> str:
    """Why ``known_from`` cannot be the date from which a value of the period starting on
    ``start`` is known, or "" when it can: from the first day of the period up to today (a
    value is not known before its period starts, nor on a day that has not come yet)."""
    if known_from < start:
        return _("The date %(date)s lies before the start of the period (%(start)s).") % {
            "date": known_from.isoformat(),
            "start": start.isoformat(),
        }
    if known_from > today:
        return _(
            "The date %(date)s lies in the future; a value is known from today at the latest."
        ) % {"date": known_from.isoformat()}
    return ""
