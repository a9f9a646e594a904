"""Illustrative measurement series 2016–2022 for the demo: FICTITIOUS, not real measurements.

The *Programmacontract Binnenstad* (2019) names its indicators and targets but gives no
measurements (only the baseline of goal 1a: 93.000 visitors per week in 2016). So that the demo
shows what the monitor does, every measurable operational goal of *Programma Binnenstad* gets an
invented yearly series 2016–2022. Every value is stored with ``is_fictitious=True``, with the
source :data:`SOURCE` and the note :data:`NOTE`, so that every page and document that shows it
can say so.

The series are chosen so that the dashboard shows different statuses. The targets fall due at
the end of 2022, so today four goals are *behaald* (1a, 3a, 4a, 5a) and five *niet op koers*
(2a, 2b, 3b, 4b, 4c; 2b and 4c end just short). Evaluated as of 31 December 2021 (``koers status
almelo-binnenstad --op 2021-12-31`` or the dashboard's "as of" date) all four kinds show: 4a
*behaald*; 1a and 5a *op koers*; 2b, 3a and 4c *aandacht*; 2a, 3b and 4b *niet op koers*.

Nothing is invented for:

- the qualitative goals (no measurements, no judgements);
- *Programma Stedelijke Ontwikkeling* (2023): its one measurable goal (A3, 4100 extra homes)
  has no baseline, no target date and no source, and the programme starts in 2023, so a series
  2016–2022 would say nothing about it.
"""

from __future__ import annotations

from decimal import Decimal

from koers.monitoring.models import Measurement
from koers.monitoring.periods import parse_period
from koers.monitoring.services import measurement_create
from koers.programmes.constants import GoalKind
from koers.programmes.models import Indicator, Programme

__all__ = ["FIRST_YEAR", "LAST_YEAR", "NOTE", "SERIES", "SOURCE", "load_demo_measurements"]

FIRST_YEAR = 2016
LAST_YEAR = 2022

SOURCE = "Fictief (illustratie, geen echte meting)"
NOTE = (
    "Fictieve waarde, alleen ter illustratie van de monitor in de demo. Dit is geen echte "
    "meting: het programmacontract geeft geen meetreeks."
)


def _series(*values: str, provisional_last: bool = False) -> tuple[tuple[Decimal, ...], bool]:
    if len(values) != LAST_YEAR - FIRST_YEAR + 1:
        raise ValueError(f"a series has one value per year {FIRST_YEAR}–{LAST_YEAR}")
    return tuple(Decimal(v) for v in values), provisional_last


#: programme slug → operational goal code → (values 2016…2022, is the 2022 value provisional).
SERIES: dict[str, dict[str, tuple[tuple[Decimal, ...], bool]]] = {
    "almelo-binnenstad": {
        # +7.000 on 93.000 (2016) → 100.000: an irregular rise (slower in 2020), met in 2022.
        "1a": _series("93000", "94300", "95900", "97300", "97600", "99400", "100600"),
        # 0 m² vacant in the new core: falling, but far from 0 at the end of 2022.
        "2a": _series("4800", "4650", "4100", "3350", "3900", "2600", "1450"),
        # at most 6.000 m² outside the core: falling towards 6.000, just above it in 2022.
        "2b": _series("9800", "9400", "8700", "8300", "8100", "7000", "6250"),
        # events rated 7,0: met in 2022.
        "3a": _series("6.4", "6.5", "6.7", "6.8", "6.3", "6.9", "7.1"),
        # culture rated 7,0: hardly moving.
        "3b": _series("6.6", "6.7", "6.6", "6.8", "6.5", "6.7", "6.8"),
        # atmosphere rated 6,5: met from 2019.
        "4a": _series("6.3", "6.4", "6.4", "6.6", "6.5", "6.7", "6.9"),
        # parking rated 6,6: going the wrong way.
        "4b": _series("6.2", "6.3", "6.1", "6.0", "6.3", "6.2", "6.1"),
        # 60 % find the centre 'gastvrij': close to 60 in 2022.
        "4c": _series("48", "50", "53", "55", "52", "57", "59"),
        # grow to 614 businesses: reached; the 2022 count is still provisional.
        "5a": _series("571", "578", "590", "596", "598", "610", "617", provisional_last=True),
    },
}


def load_demo_measurements(programme: Programme, *, actor=None) -> int:
    """Write the fictitious series of ``programme`` through the monitor's services and return
    how many values were added.

    Idempotent: a period that already has a value (fictitious or not) is left as it is, so a
    second run adds nothing. Only measurable goals with an indicator get values; a programme
    without series gets none.
    """
    series = SERIES.get(programme.slug)
    if not series:
        return 0
    indicators = Indicator.objects.filter(
        operational_goal__programme=programme,
        operational_goal__kind=GoalKind.MEASURABLE,
        operational_goal__code__in=list(series),
    ).select_related("operational_goal")
    existing = set(
        Measurement.objects.filter(indicator__in=indicators).values_list(
            "indicator_id", "period_start", "period_end"
        )
    )
    added = 0
    for indicator in indicators:
        values, provisional_last = series[indicator.operational_goal.code]
        for offset, value in enumerate(values):
            year = FIRST_YEAR + offset
            period = parse_period(str(year))
            if (indicator.pk, period.start, period.end) in existing:
                continue
            measurement_create(
                actor=actor,
                indicator=indicator,
                period=period,
                value=value,
                source=SOURCE,
                note=NOTE,
                is_provisional=provisional_last and year == LAST_YEAR,
                is_fictitious=True,
            )
            added += 1
    return added
