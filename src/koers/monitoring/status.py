"""The status engine: is an operational goal *op koers*? (pure: no ORM, no I/O).

Documented in Dutch, with worked examples, in ``docs/monitor.md``.

INTERFACE (fixed; other modules rely on it):

- :class:`Point` — one measurement as the engine sees it.
- :class:`IndicatorSpec` — what the indicator promises (baseline, target, tolerance, frequency).
- :func:`evaluate` ``(spec, points, *, as_of) -> Evaluation`` — only points known on ``as_of``
  are used (``known <= as_of``; a point without ``known`` is known from its ``date``), so an
  evaluation "as of" a past date uses only what was known then.
- :func:`roll_up` ``(statuses) -> str`` and :data:`ROLL_UP_RULE` (the rule in words, shown on
  screen) — the status of a strategic goal from its operational goals, and of the programme from
  its strategic goals.

Comparisons are exact (Decimal differences from the start value, at 50 digits), so shifting all
values and the target by a constant never changes a status. Computed values are rounded to two
decimals more than the inputs have; progress to one decimal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, localcontext

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from koers.programmes.constants import TargetKind
from koers.programmes.presentation import format_date, format_number

from .constants import Status
from .periods import period_label


@dataclass(frozen=True)
class Point:
    """A measured value. ``date`` is the moment the value describes: the last day of its period
    (a baseline 'in 2016' is 31 December 2016, like a yearly measurement of 2016). ``known`` is
    the day from which the value is known (None: from ``date``); it decides whether the point
    counts on a reference date, ``date`` where it lies on the time axis."""

    date: dt.date
    value: Decimal
    period_start: dt.date | None = None
    period_kind: str = ""
    provisional: bool = False
    known: dt.date | None = None

    def known_on(self, day: dt.date) -> bool:
        """Whether the value was known on ``day``."""
        return (self.date if self.known is None else self.known) <= day


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
    # Decimals the indicator is shown with (Indicator.decimals); computed values get two more.
    decimals: int | None = None


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
    # How far the latest measurement lags the trajectory, as a fraction of the distance from
    # start to target (direction 0: of the target itself); 0 when on or ahead of it.
    shortfall: Decimal | None = None


# The interval between two measurements in days, per MeasuringFrequency value; a measurement is
# due one interval plus a grace period of max(14 days, half an interval) after the latest one.
INTERVAL_DAYS = {"week": 7, "maand": 31, "kwartaal": 92, "jaar": 366, "tweejaarlijks": 731}
MIN_GRACE_DAYS = 14
DEFAULT_TOLERANCE_PERCENT = Decimal("10")
DAYS_PER_YEAR = Decimal("365.25")
# A trend that reaches the target only after this many years is reported as never reaching it.
HORIZON_YEARS = 100
_PRECISION = 50
_ONE_DECIMAL = Decimal("0.1")
_HUNDRED = Decimal(100)
_KINDS = frozenset(TargetKind.values)
# The statuses that count in a roll-up, worst first.
ROLL_UP_ORDER = (Status.OFF_COURSE, Status.ATTENTION, Status.ON_COURSE, Status.ACHIEVED)

ROLL_UP_RULE = gettext_lazy(
    "A strategic goal gets the worst status of its operational goals, and the programme the "
    "worst status of its strategic goals, in the order off course, needs attention, on course, "
    "achieved; a qualitative goal counts with the status of its latest judgement. Goals without "
    "data or that cannot be measured do not count; if no goal counts, the status is “no data” "
    "when a goal lacks data, and “not measurable” otherwise."
)


def next_measurement_due(latest: dt.date, frequency: str) -> dt.date | None:
    """When the next measurement should be in: the latest date plus one interval plus grace."""
    interval = INTERVAL_DAYS.get(frequency)
    if interval is None:  # once, or not stated
        return None
    return latest + dt.timedelta(days=interval + max(MIN_GRACE_DAYS, interval // 2))


def _order(point: Point) -> tuple:
    # On the same date the shortest period (latest start) counts as the latest measurement;
    # the value only makes the order total (one indicator has one value per period).
    return (point.date, point.period_start or point.date, point.value)


def _places(value: Decimal | None) -> int:
    exponent = 0 if value is None else value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _percent(fraction: Decimal) -> str:
    """A fraction as a percentage for a sentence, rounded up to one decimal: '12,3 %'."""
    return f"{format_number((fraction * _HUNDRED).quantize(_ONE_DECIMAL, ROUND_CEILING))} %"


def not_measurable_reason(spec: IndicatorSpec) -> str:
    """Why the indicator cannot be evaluated, or "" when it can (also used by the DIN check)."""
    if spec.target_kind and spec.target_kind not in _KINDS:
        return _("Not measurable: the target kind “%(kind)s” is unknown.") % {
            "kind": spec.target_kind
        }
    missing = []
    if not spec.target_kind:
        missing.append(_("the target kind"))
    if spec.target_kind == TargetKind.KEEP:
        if spec.target_value is None and spec.baseline_value is None:
            missing.append(_("the target value or a baseline to keep"))
    elif spec.target_value is None:
        missing.append(_("the target value"))
    if spec.target_date is None:
        missing.append(_("the target date"))
    if not missing:
        return ""
    return ngettext(
        "Not measurable: %(missing)s is missing.",
        "Not measurable: %(missing)s are missing.",
        len(missing),
    ) % {"missing": join_words(missing)}


def join_words(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c" (translated)."""
    if len(items) == 1:
        return items[0]
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def _end_and_direction(spec: IndicatorSpec, anchor: Decimal | None) -> tuple[Decimal | None, int]:
    """The value to have at the target date and which way is better. ``anchor`` is the
    baseline value, or else the first measurement (None when there is neither)."""
    kind, value = spec.target_kind, spec.target_value
    if kind == TargetKind.INCREASE_BY:
        return (None if anchor is None else anchor + value), 1
    if kind == TargetKind.DECREASE_BY:
        return (None if anchor is None else anchor - value), -1
    if kind == TargetKind.AT_LEAST:
        return value, 1
    if kind == TargetKind.AT_MOST:
        return value, -1
    if kind == TargetKind.KEEP:
        return (value if value is not None else spec.baseline_value), 0
    # REACH: towards the target from wherever we start.
    if anchor is None or value == anchor:
        return value, 0
    return value, 1 if value > anchor else -1


@dataclass(frozen=True)
class _Frame:
    """The target as the engine compares against it. Values are handled relative to the start
    value ``s0`` (exact Decimal differences), so the comparisons are exact and shift-free."""

    start: dt.date  # start of the planned trajectory
    s0: Decimal  # start value
    target_date: dt.date
    end: Decimal  # end value
    direction: int
    tol: Decimal  # tolerance as a fraction
    quantum: Decimal  # computed values are rounded to this

    @property
    def delta(self) -> Decimal:
        return self.end - self.s0

    def planned(self, day: dt.date) -> Decimal:
        """The trajectory on ``day``, relative: 0 at the start, ``delta`` at the target date,
        flat before and after."""
        if day >= self.target_date or self.target_date <= self.start:
            return self.delta
        if day <= self.start:
            return Decimal(0)
        return self.delta * (day - self.start).days / (self.target_date - self.start).days

    def meets(self, rel: Decimal) -> bool:
        """Does a value (relative to the start value) meet the target?"""
        if self.direction:
            return (rel - self.delta) * self.direction >= 0
        return abs(rel - self.delta) <= self.tol * abs(self.end)

    def value(self, rel: Decimal) -> Decimal:
        return (self.s0 + rel).quantize(self.quantum, ROUND_HALF_UP)


def _trend_sentence(
    f: _Frame, *, met: bool, meets: bool, slope: Decimal, reaches: dt.date | None, latest: dt.date
) -> str:
    if f.direction == 0:
        if meets:
            return _(
                "At this pace the value will be within the tolerance around the target at the "
                "target date."
            )
        return _(
            "At this pace the value will be outside the tolerance around the target at the "
            "target date."
        )
    if met:
        if meets:
            return _("The target has already been met.")
        return _(
            "The target has been met, but at this pace the value will no longer meet it at the "
            "target date."
        )
    if slope == 0:
        return _("At this pace the target will not be reached: the trend is flat.")
    if slope * f.direction < 0:
        return _("At this pace the target will not be reached: the trend is going the wrong way.")
    if reaches is None:
        return _("At this pace the target will not be reached within a hundred years.")
    if reaches <= latest:
        return _(
            "The trend line has already reached the target, but the latest measurement does not "
            "meet it yet."
        )
    if reaches <= f.target_date:
        return _("At this pace the target will be reached in %(year)s.") % {"year": reaches.year}
    return _("At this pace the target will only be reached in %(year)s, after the target date.") % {
        "year": reaches.year
    }


def _point_words(point: Point, decimals: int | None) -> dict[str, str]:
    if point.period_start and point.period_kind:
        period = period_label(point.period_kind, point.period_start)
    else:
        period = format_date(point.date)
    return {"value": format_number(point.value, decimals), "period": period}


def _past_sentence(used: Sequence[Point], f: _Frame, decimals: int | None) -> str:
    """After the target date: what the value was on the target date (the latest measurement
    of a period that ended by then) and what happened since, in the past tense."""
    before = [p for p in used if p.date <= f.target_date]
    latest = used[-1]
    now = _point_words(latest, decimals)
    words = {"date": format_date(f.target_date), "latest": now["value"], "since": now["period"]}
    if not before:
        text = _(
            "No value was measured by the target date (%(date)s); since then it has become "
            "%(latest)s (%(since)s)."
        )
        return text % words
    then = before[-1]
    words.update(_point_words(then, decimals))
    if then is latest:
        text = _(
            "On the target date (%(date)s) the value was %(value)s (%(period)s); there has "
            "been no measurement since."
        )
    elif latest.value > then.value:
        text = _(
            "On the target date (%(date)s) the value was %(value)s (%(period)s); since then it "
            "has risen to %(latest)s (%(since)s)."
        )
    elif latest.value < then.value:
        text = _(
            "On the target date (%(date)s) the value was %(value)s (%(period)s); since then it "
            "has fallen to %(latest)s (%(since)s)."
        )
    else:
        text = _(
            "On the target date (%(date)s) the value was %(value)s (%(period)s); since then it "
            "has stayed at %(latest)s (%(since)s)."
        )
    return text % words


def _forecast(
    used: Sequence[Point], f: _Frame, *, met: bool, as_of: dt.date, decimals: int | None = None
) -> Forecast | None:
    """Least squares of value against date (in days) over the points used. After the target
    date the sentence tells what the value was then and did since (no forecast any more)."""
    first, n = used[0].date, len(used)
    o0 = first.toordinal()
    if used[-1].date.toordinal() == o0:
        return None  # fewer than two distinct dates
    sx = sxx = 0
    sy = sxy = Decimal(0)
    for p in used:
        x = p.date.toordinal() - o0
        sx += x
        sxx += x * x
        sy += p.value
        sxy += p.value * x
    sr = sy - n * f.s0  # sums of the values relative to the start value (exact)
    sxr = sxy - f.s0 * sx
    slope = (n * sxr - sx * sr) / (n * sxx - sx * sx)  # per day

    def trend(day: dt.date) -> Decimal:  # relative to the start value
        return (sr + slope * (n * (day.toordinal() - o0) - sx)) / n

    meets = f.meets(trend(f.target_date))
    reaches = None
    if f.direction and slope * f.direction > 0:
        x_hit = (Decimal(sx) / n + (n * f.delta - sr) / (n * slope)).to_integral_value(
            ROUND_CEILING
        )
        if abs(x_hit) <= (f.target_date.year + HORIZON_YEARS - first.year) * 366:
            with suppress(OverflowError):  # beyond the calendar: never, for our purposes
                reaches = first + dt.timedelta(days=int(x_hit))
                # Decimal division can leave an exact hit a hair past a whole day: step back
                # while the day before already reaches the end (within the arithmetic's error).
                day, error = dt.timedelta(days=1), Decimal("1e-18") * max(1, abs(f.end))
                for _step in range(2):
                    if (trend(reaches - day) - f.delta) * f.direction < -error:
                        break
                    reaches -= day
    if as_of > f.target_date:
        sentence = _past_sentence(used, f, decimals)
    else:
        sentence = _trend_sentence(
            f, met=met, meets=meets, slope=slope, reaches=reaches, latest=used[-1].date
        )
    return Forecast(
        slope_per_year=(slope * DAYS_PER_YEAR).quantize(f.quantum, ROUND_HALF_UP),
        value_at_target_date=f.value(trend(f.target_date)),
        reaches_target_on=reaches,
        meets_target=meets,
        sentence=sentence,
        line=tuple(
            (day, f.value(trend(day))) for day in (first, max(f.target_date, used[-1].date))
        ),
    )


def _progress(rel: Decimal, delta: Decimal) -> Decimal | None:
    """Share of the way covered, one decimal; shows 100 % only when the end value is reached."""
    if delta == 0:
        return None
    exact = rel / delta * _HUNDRED
    shown = exact.quantize(_ONE_DECIMAL, ROUND_HALF_UP)
    if shown == _HUNDRED and exact != _HUNDRED:
        shown = _HUNDRED - _ONE_DECIMAL if exact < _HUNDRED else _HUNDRED + _ONE_DECIMAL
    return shown


def _judge(shortfall: Decimal, tol: Decimal, meets: bool | None, direction: int) -> tuple:
    """Status and reason when the target is not met and the target date has not passed."""
    gap = {"gap": _percent(shortfall)}
    if shortfall == 0 and direction == 0:
        position = _("The latest measurement is on the planned trajectory")
    elif shortfall == 0:
        position = _("The latest measurement is on or ahead of the planned trajectory")
    elif direction == 0:
        position = _("The latest measurement is %(gap)s away from the planned trajectory") % gap
    else:
        position = _("The latest measurement is %(gap)s behind the planned trajectory") % gap
    words = {"position": position, "tolerance": _percent(tol)}
    within, far = shortfall <= tol, shortfall > 2 * tol
    if within and meets is not False:
        if not shortfall:
            return Status.ON_COURSE, f"{position}."
        status = Status.ON_COURSE
        text = _("%(position)s, within the tolerance of %(tolerance)s.")
    elif far and meets is not True:
        status = Status.OFF_COURSE
        text = _("%(position)s, more than twice the tolerance of %(tolerance)s.")
    elif within:  # the forecast says the target will not be met
        status = Status.ATTENTION
        text = _(
            "%(position)s, within the tolerance of %(tolerance)s, but at this pace the target "
            "will not be met by the target date."
        )
        if not shortfall:
            text = _(
                "%(position)s, but at this pace the target will not be met by the target date."
            )
    elif not far:
        status = Status.ATTENTION
        text = _("%(position)s, more than the tolerance of %(tolerance)s.")
    else:  # more than twice the tolerance behind, but the forecast says it will be met
        status = Status.ATTENTION
        text = _(
            "%(position)s, more than twice the tolerance of %(tolerance)s, but at this pace the "
            "target will be met by the target date."
        )
    return status, text % words


def _verdict(f: _Frame, *, met: bool, as_of: dt.date, shortfall, forecast) -> tuple[str, str]:
    if met and (f.direction or as_of >= f.target_date):
        if f.direction:
            return Status.ACHIEVED, _("The latest measurement meets the target.")
        return Status.ACHIEVED, _(
            "The latest measurement is within the tolerance around the target and the target "
            "date has been reached."
        )
    if met:
        return Status.ON_COURSE, _(
            "The latest measurement is within the tolerance around the target; whether it stays "
            "there counts at the target date."
        )
    if as_of > f.target_date:
        return Status.OFF_COURSE, _(
            "The target date has passed and the latest measurement does not meet the target."
        )
    meets = forecast.meets_target if forecast else None
    return _judge(shortfall, f.tol, meets, f.direction)


def evaluate(spec: IndicatorSpec, points: Sequence[Point], *, as_of: dt.date) -> Evaluation:
    """Where the indicator stands on ``as_of``, from the points known by then."""
    used = sorted((p for p in points if p.known_on(as_of)), key=_order)
    first, latest = (used[0], used[-1]) if used else (None, None)
    notes: list[str] = []
    due = next_measurement_due(latest.date, spec.measuring_frequency) if latest else None
    common = {"latest": latest, "points_used": len(used), "next_measurement_due": due}
    common["overdue"] = overdue = due is not None and as_of > due
    if latest is not None and latest.provisional:
        notes.append(_("The latest measurement is provisional."))
    if overdue:
        notes.append(_("By the measuring frequency, a new measurement is overdue."))
    problem = not_measurable_reason(spec)
    if problem:
        return Evaluation(Status.NOT_MEASURABLE, problem, notes=tuple(notes), **common)

    target_date: dt.date = spec.target_date  # type: ignore[assignment]
    baseline = spec.baseline_value
    anchor = baseline if baseline is not None else (first.value if first else None)
    end, direction = _end_and_direction(spec, anchor)
    if baseline is not None and spec.baseline_date is not None:
        start = (spec.baseline_date, baseline)
    elif first is not None:
        start = (first.date, first.value)
        if baseline is None:
            note = _("There is no baseline; the first measurement serves as the baseline.")
        else:
            note = _(
                "The baseline has no date; the planned trajectory starts at the first measurement."
            )
        notes.insert(0, note)
    else:
        start = None
    tolerance = spec.tolerance_percent
    tolerance = DEFAULT_TOLERANCE_PERCENT if tolerance is None else tolerance
    inputs = (spec.target_value, baseline, first and first.value, latest and latest.value)
    places = min(max(max(_places(v) for v in inputs), spec.decimals or 0) + 2, 12)

    with localcontext(prec=_PRECISION):
        f = trajectory = expected_now = None
        if start is not None and end is not None:
            quantum = Decimal(1).scaleb(-places)
            f = _Frame(*start, target_date, end, direction, tolerance / _HUNDRED, quantum)
            trajectory = ((f.start, f.s0),) if target_date > f.start else ()
            trajectory += ((target_date, end),)
            expected_now = f.value(f.planned(as_of))
        if f is None or latest is None:
            return Evaluation(
                Status.NO_DATA,
                _("There are no measurements up to the reference date yet."),
                target_end_value=end,
                direction=direction,
                trajectory=trajectory or (),
                expected_now=expected_now,
                notes=tuple(notes),
                **common,
            )
        rel = latest.value - f.s0
        met = f.meets(rel)
        expected_rel = f.planned(latest.date)
        if direction:
            lag = max(Decimal(0), (expected_rel - rel) * direction)
            shortfall = lag / (abs(f.delta) or abs(end) or Decimal(1))
        else:
            shortfall = abs(expected_rel - rel) / (abs(end) or Decimal(1))
        forecast = _forecast(used, f, met=met, as_of=as_of, decimals=spec.decimals)
        if forecast is None:
            notes.append(_("Too few measurements for a trend yet."))
        status, reason = _verdict(f, met=met, as_of=as_of, shortfall=shortfall, forecast=forecast)
        return Evaluation(
            status,
            reason,
            target_end_value=end,
            direction=direction,
            met=met,
            trajectory=trajectory,
            expected_now=expected_now,
            expected_at_latest=f.value(expected_rel),
            progress_percent=_progress(rel, f.delta),
            forecast=forecast,
            notes=tuple(notes),
            shortfall=shortfall.quantize(Decimal("0.0001"), ROUND_HALF_UP),
            **common,
        )


def roll_up(statuses: Iterable[str]) -> str:
    """The worst status that counts (see :data:`ROLL_UP_RULE`); ``geen_gegevens`` when nothing
    counts but something lacks data, ``niet_meetbaar`` when nothing counts at all, and
    ``geen_gegevens`` for an empty input."""
    seen = set(statuses)
    for status in ROLL_UP_ORDER:
        if status in seen:
            return status
    if Status.NO_DATA in seen or not seen:
        return Status.NO_DATA
    return Status.NOT_MEASURABLE


__all__ = ["Evaluation", "Forecast", "IndicatorSpec", "Point", "Status", "evaluate", "roll_up"]
__all__ += ["ROLL_UP_RULE", "next_measurement_due"]
