"""Pure helpers that turn DIN values into the words and numbers people read (no ORM)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .constants import DatePrecision, TargetKind


def format_number(value: Decimal | int | None, decimals: int | None = None) -> str:
    """93000 → '93.000', Decimal('6.5000') → '6,5', Decimal('7.0000') → '7' (in Dutch); with
    ``decimals`` a fixed number of decimals: (Decimal('7'), 1) → '7,0'."""
    if value is None:
        return "—"
    value = Decimal(value)
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if decimals is not None:
        places = decimals
    return number_format(normal, decimal_pos=places, use_l10n=True, force_grouping=True)


def format_date(value: date | None, precision: str = DatePrecision.DAY) -> str:
    """A date as precise as it is known: '2016' for a year, 'maart 2019' for a month."""
    if value is None:
        return "—"
    from django.utils.dateformat import format as dformat

    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return dformat(value, "F Y")
    return dformat(value, "j F Y")


def target_sentence(indicator) -> str:
    """The target in words, e.g. 'toename met 7.000 tot 100.000 bezoekers per week in 2022'."""
    if indicator is None or not indicator.target_kind:
        return _("no target set")
    unit = f" {indicator.unit}" if indicator.unit else ""
    decimals = getattr(indicator, "decimals", None)
    value = format_number(indicator.target_value, decimals)
    when = ""
    if indicator.target_date:
        shown = format_date(indicator.target_date, indicator.target_date_precision)
        if indicator.target_date_precision == DatePrecision.DAY:
            when = " " + _("no later than %(date)s") % {"date": shown}
        else:
            when = " " + _("by %(date)s") % {"date": shown}
    kind = indicator.target_kind
    if kind == TargetKind.REACH:
        text = _("reach %(value)s%(unit)s") % {"value": value, "unit": unit}
    elif kind == TargetKind.AT_MOST:
        text = _("at most %(value)s%(unit)s") % {"value": value, "unit": unit}
    elif kind == TargetKind.AT_LEAST:
        text = _("at least %(value)s%(unit)s") % {"value": value, "unit": unit}
    elif kind == TargetKind.KEEP:
        end = indicator.target_end_value
        text = _("keep at %(value)s%(unit)s") % {
            "value": format_number(end, decimals),
            "unit": unit,
        }
    else:
        end = indicator.target_end_value
        template = (
            _("increase by %(value)s%(unit)s")
            if kind == TargetKind.INCREASE_BY
            else _("decrease by %(value)s%(unit)s")
        )
        text = template % {"value": value, "unit": unit}
        if end is not None:
            text += " " + _("(to %(end)s)") % {"end": format_number(end, decimals)}
    return text + when
