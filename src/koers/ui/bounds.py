"""The bounds of every date a URL or a query parameter gives: Koers plans and reports between
1900 and 2100, and a date outside that (``9999-12-31``, ``0001-01-01``) is refused where it is
parsed (400 on a form or in the API, 404 for an address), before any period arithmetic overflows
into a server error."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)


def out_of_range_message() -> str:
    return _("Give a date from %(first)s to %(last)s.") % {
        "first": FIRST_DAY.strftime("%d-%m-%Y"),
        "last": LAST_DAY.strftime("%d-%m-%Y"),
    }


def in_range(day: dt.date | None) -> bool:
    return day is None or FIRST_DAY <= day <= LAST_DAY


def bounded_date(text: str) -> dt.date:
    """``text`` as an ISO 8601 date within the bounds; ValueError otherwise."""
    day = dt.date.fromisoformat(text)
    if not in_range(day):
        raise ValueError(out_of_range_message())
    return day
