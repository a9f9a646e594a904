"""The status engine: is an operational goal *op koers*? (pure: no ORM, no I/O).

Documented in Dutch, with worked examples, in ``docs/monitor.md``.

INTERFACE (fixed; other modules rely on it):

- :class:`Point` — one measurement as the engine sees it.
- :class:`IndicatorSpec` — what the indicator promises (baseline, target, tolerance, frequency).
- :func:`evaluate` ``(spec, points, *, as_of) -> Evaluation`` — only points with
  ``date <= as_of`` are used, so an evaluation "as of" a past date uses only what was measured
  up to then.
- :func:`roll_up` ``(statuses) -> str`` and :data:`ROLL_UP_RULE` (the rule in words, shown on
  screen) — the status of a strategic goal from its operational goals, and of the programme from
  its strategic goals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from .constants import Status


@dataclass(frozen=True)
class Point:
    """A measured value. ``date`` is the moment the value describes: the last day of its period
    (a baseline 'in 2016' is 31 December 2016, like a yearly measurement of 2016)."""

    date: dt.date
    value: Decimal
    period_start: dt.date | None = None
    period_kind: str = ""
    provisional: bool = False


@dataclass(frozen=True)
class IndicatorSpec:
    """``target_kind`` is a ``koers.programmes.constants.TargetKind`` value (or "" for none);
    ``target_value`` is as stored: for *toename*/*afname* the change, not the end value."""

    target_kind: str
    target_value: Decimal | None
    target_date: dt.date | None
    baseline_value: Decimal | None = None
    baseline_date: dt.date | None = None
    tolerance_percent: Decimal = Decimal("10")
    measuring_frequency: str = ""  # koers.programmes.constants.MeasuringFrequency value


@dataclass(frozen=True)
class Forecast:
    """The trend of the measurements (least squares over value against date)."""

    slope_per_year: Decimal
    value_at_target_date: Decimal | None
    # When the trend line reaches the target end value; None when it never does (flat or the
    # wrong way) or no target date.
    reaches_target_on: dt.date | None
    meets_target: bool | None  # does the value at the target date meet the target?
    sentence: str  # in words, e.g. "Bij dit tempo wordt de streefwaarde in 2024 gehaald."
    line: tuple[
        tuple[dt.date, Decimal], ...
    ] = ()  # trend line to draw: from first point to target date


@dataclass(frozen=True)
class Evaluation:
    status: str  # a Status value
    reason: str  # one sentence in the active language: why this status
    latest: Point | None = None
    points_used: int = 0
    target_end_value: Decimal | None = None  # the value to have at the target date
    direction: int = 0  # +1 higher is better, -1 lower is better, 0 keep at the target
    met: bool | None = None  # does the latest value meet the target?
    # The planned trajectory: straight line from (start date, start value) to
    # (target date, target end value); start is the baseline, or the first measurement.
    trajectory: tuple[tuple[dt.date, Decimal], ...] = ()
    expected_now: Decimal | None = None  # trajectory value at as_of
    expected_at_latest: Decimal | None = None  # trajectory value at the latest measurement
    progress_percent: Decimal | None = None  # share of the way from start to target covered
    forecast: Forecast | None = None
    next_measurement_due: dt.date | None = None  # from the measuring frequency
    overdue: bool = False  # as_of is past next_measurement_due
    notes: tuple[str, ...] = field(default_factory=tuple)


def evaluate(spec: IndicatorSpec, points: Sequence[Point], *, as_of: dt.date) -> Evaluation:
    raise NotImplementedError


ROLL_UP_RULE = ""


def roll_up(statuses: Iterable[str]) -> str:
    raise NotImplementedError


__all__ = ["Evaluation", "Forecast", "IndicatorSpec", "Point", "Status", "evaluate", "roll_up"]
