"""The status engine (pure): every target kind and direction, no data, one point, target date
passed, baseline equal to target, "as of" filtering, overdue measurements and the roll-up.
The rules are in docs/monitor.md; the worked examples there are recomputed in
test_status_docs.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import translation

from koers.monitoring.constants import Status
from koers.monitoring.status import (
    ROLL_UP_RULE,
    IndicatorSpec,
    Point,
    evaluate,
    next_measurement_due,
    roll_up,
)
from koers.programmes.constants import MeasuringFrequency, TargetKind

DAY0 = dt.date(2020, 1, 1)


@pytest.fixture(autouse=True)
def _english():
    """Assert on the English source sentences (the Dutch ones are checked in the docs test)."""
    with translation.override("en"):
        yield


def y(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def day(n: int) -> dt.date:
    return DAY0 + dt.timedelta(days=n)


def pts(*pairs) -> list[Point]:
    return [Point(d, D(str(v))) for d, v in pairs]


# A toy target: from 0 on day 0 to 100 on day 100, so the trajectory on day k is exactly k.
TOY = IndicatorSpec(TargetKind.INCREASE_BY, D("100"), day(100), D("0"), day(0))
VISITORS = IndicatorSpec(TargetKind.INCREASE_BY, D("7000"), y(2022), D("93000"), y(2016))


# --- end value and direction per target kind ---------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "target", "baseline", "first", "end", "direction"),
    [
        (TargetKind.INCREASE_BY, "7000", "93000", "94000", "100000", 1),
        (TargetKind.INCREASE_BY, "7000", None, "94000", "101000", 1),
        (TargetKind.DECREASE_BY, "500", "2000", "1900", "1500", -1),
        (TargetKind.DECREASE_BY, "500", None, "1900", "1400", -1),
        (TargetKind.REACH, "614", "560", "570", "614", 1),
        (TargetKind.REACH, "614", None, "570", "614", 1),
        (TargetKind.REACH, "0", None, "3200", "0", -1),
        (TargetKind.REACH, "60", "60", "58", "60", 0),
        (TargetKind.REACH, "60", None, "60", "60", 0),
        (TargetKind.AT_LEAST, "7.0", None, "8.0", "7.0", 1),
        (TargetKind.AT_MOST, "6000", None, "5000", "6000", -1),
        (TargetKind.KEEP, "80", "75", "76", "80", 0),
        (TargetKind.KEEP, None, "75", "76", "75", 0),
    ],
)
def test_end_value_and_direction(kind, target, baseline, first, end, direction):
    spec = IndicatorSpec(
        kind,
        None if target is None else D(target),
        y(2022),
        None if baseline is None else D(baseline),
        None if baseline is None else y(2016),
    )
    e = evaluate(spec, pts((y(2018), first)), as_of=y(2019))
    assert (e.target_end_value, e.direction) == (D(end), direction)
    assert isinstance(e.target_end_value, D)
    assert e.status in Status.values


def test_without_baseline_the_first_measurement_is_the_baseline():
    spec = IndicatorSpec(TargetKind.INCREASE_BY, D("7000"), y(2022))
    e = evaluate(spec, pts((y(2017), 94000), (y(2018), 95500)), as_of=y(2019))
    assert e.target_end_value == D("101000")
    assert e.trajectory == ((y(2017), D("94000")), (y(2022), D("101000")))
    assert "There is no baseline; the first measurement serves as the baseline." in e.notes


def test_baseline_without_date_sets_the_end_but_not_the_trajectory_start():
    spec = IndicatorSpec(TargetKind.INCREASE_BY, D("7000"), y(2022), D("93000"), None)
    e = evaluate(spec, pts((y(2017), 94000)), as_of=y(2019))
    assert e.target_end_value == D("100000")
    assert e.trajectory[0] == (y(2017), D("94000"))
    assert any("baseline has no date" in n for n in e.notes)


# --- the six statuses --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "missing"),
    [
        (IndicatorSpec("", D("1"), y(2022)), "the target kind is missing"),
        (IndicatorSpec(TargetKind.REACH, None, y(2022)), "the target value is missing"),
        (IndicatorSpec(TargetKind.REACH, D("1"), None), "the target date is missing"),
        (
            IndicatorSpec(TargetKind.KEEP, None, y(2022)),
            "the target value or a baseline to keep is missing",
        ),
        (
            IndicatorSpec("", None, None),
            "the target kind, the target value and the target date are missing",
        ),
        (IndicatorSpec("verdubbelen", D("1"), y(2022)), "“verdubbelen” is unknown"),
    ],
)
def test_not_measurable_names_what_is_missing(spec, missing):
    e = evaluate(spec, pts((y(2018), 5)), as_of=y(2019))
    assert e.status == Status.NOT_MEASURABLE
    assert e.reason.startswith("Not measurable: ") and missing in e.reason
    assert e.latest == Point(y(2018), D("5")) and e.points_used == 1  # still shown


def test_not_measurable_in_dutch():
    with translation.override("nl"):
        e = evaluate(IndicatorSpec(TargetKind.REACH, D("1"), None), [], as_of=y(2019))
    assert e.status == Status.NOT_MEASURABLE and e.reason


def test_no_data_keeps_the_planned_trajectory():
    e = evaluate(VISITORS, [], as_of=y(2019))
    assert e.status == Status.NO_DATA
    assert e.reason == "There are no measurements up to the reference date yet."
    assert e.trajectory == ((y(2016), D("93000")), (y(2022), D("100000")))
    assert e.expected_now == D("96498.40")  # 93000 + 7000 × 1095/2191
    assert (e.latest, e.points_used, e.forecast, e.met) == (None, 0, None, None)


def test_no_data_without_baseline_has_no_end_value_for_an_increase():
    e = evaluate(IndicatorSpec(TargetKind.INCREASE_BY, D("7000"), y(2022)), [], as_of=y(2019))
    assert (e.status, e.target_end_value, e.trajectory) == (Status.NO_DATA, None, ())


def test_only_points_up_to_as_of_count():
    points = pts((y(2017), 94000), (y(2018), 95000), (y(2021), 100500))
    assert evaluate(VISITORS, points, as_of=y(2016)).status == Status.NO_DATA
    e = evaluate(VISITORS, points, as_of=dt.date(2021, 12, 30))
    assert (e.points_used, e.latest.value) == (2, D("95000"))
    e = evaluate(VISITORS, points, as_of=y(2021))
    assert (e.points_used, e.status) == (3, Status.ACHIEVED)


@pytest.mark.parametrize(
    ("value", "status", "fragment"),
    [
        (100, Status.ACHIEVED, "meets the target"),
        (60, Status.ON_COURSE, "on or ahead of the planned trajectory."),
        (50, Status.ON_COURSE, "on or ahead of the planned trajectory."),
        (45, Status.ON_COURSE, "5 % behind the planned trajectory, within the tolerance of 10 %"),
        (40, Status.ON_COURSE, "10 % behind"),  # exactly the tolerance still counts
        (D("39.99"), Status.ATTENTION, "10.1 % behind the planned trajectory, more than the"),
        (30, Status.ATTENTION, "20 % behind"),  # exactly twice the tolerance
        (D("29.99"), Status.OFF_COURSE, "more than twice the tolerance of 10 %"),
        (-5, Status.OFF_COURSE, "55 % behind"),
    ],
)
def test_thresholds_of_the_trajectory(value, status, fragment):
    e = evaluate(TOY, pts((day(50), value)), as_of=day(60))
    assert e.status == status, e.reason
    assert fragment in e.reason
    assert e.expected_at_latest == D("50.00") and e.expected_now == D("60.00")
    assert e.forecast is None and "Too few measurements for a trend yet." in e.notes


def test_forecast_can_lower_on_course_to_attention():
    e = evaluate(TOY, pts((day(10), 30), (day(50), 46)), as_of=day(50))
    assert e.shortfall == D("0.04") and e.forecast.meets_target is False
    assert e.status == Status.ATTENTION
    assert e.reason.endswith("but at this pace the target will not be met by the target date.")
    on_line = evaluate(TOY, pts((day(10), 30), (day(50), 50)), as_of=day(50))
    assert on_line.status == Status.ATTENTION  # on the trajectory, but slowing down
    assert on_line.reason.startswith("The latest measurement is on or ahead of")


def test_forecast_can_lift_off_course_to_attention():
    e = evaluate(TOY, pts((day(40), 0), (day(50), 25)), as_of=day(50))
    assert e.shortfall == D("0.25") and e.forecast.meets_target is True
    assert e.status == Status.ATTENTION
    assert e.reason.endswith("but at this pace the target will be met by the target date.")


def test_target_date_passed():
    points = pts((y(2021), 98000), (y(2022), 98500))
    e = evaluate(VISITORS, points, as_of=y(2022))  # on the target date: still a forecast
    assert e.status == Status.OFF_COURSE and "more than twice" in e.reason
    e = evaluate(VISITORS, points, as_of=dt.date(2023, 1, 1))
    assert e.status == Status.OFF_COURSE
    assert e.reason == (
        "The target date has passed and the latest measurement does not meet the target."
    )
    assert e.expected_now == D("100000.00")
    late = evaluate(VISITORS, [*points, Point(y(2023), D("100100"))], as_of=y(2024))
    assert late.status == Status.ACHIEVED and late.progress_percent == D("101.4")


def test_decrease_and_at_most_and_at_least():
    vacancy = IndicatorSpec(TargetKind.DECREASE_BY, D("1000"), y(2022), D("4000"), y(2018))
    e = evaluate(vacancy, pts((y(2019), 3700), (y(2020), 3400)), as_of=y(2020))
    assert (e.direction, e.status, e.progress_percent) == (-1, Status.ON_COURSE, D("60.0"))
    assert e.forecast.sentence == "At this pace the target will be reached in 2022."
    assert evaluate(vacancy, pts((y(2020), 3000)), as_of=y(2020)).status == Status.ACHIEVED
    at_most = IndicatorSpec(TargetKind.AT_MOST, D("6000"), y(2022))
    assert evaluate(at_most, pts((y(2019), 5000)), as_of=y(2019)).status == Status.ACHIEVED
    e = evaluate(at_most, pts((y(2019), 7400), (y(2020), 7600)), as_of=y(2020))
    assert e.status == Status.OFF_COURSE
    assert e.forecast.sentence.endswith("the trend is going the wrong way.")
    rating = IndicatorSpec(TargetKind.AT_LEAST, D("7.0"), y(2022))
    assert evaluate(rating, pts((y(2019), "7.0")), as_of=y(2019)).status == Status.ACHIEVED
    e = evaluate(rating, pts((y(2019), "6.8")), as_of=y(2019))
    assert e.status == Status.ON_COURSE and e.progress_percent == D("0.0")


@pytest.mark.parametrize(
    ("value", "as_of", "status"),
    [
        ("80", y(2020), Status.ON_COURSE),  # kept, but judged only at the target date
        ("84", y(2020), Status.ON_COURSE),  # within 10 % of 80 (72–88)
        ("88", y(2022), Status.ACHIEVED),
        ("72", y(2023), Status.ACHIEVED),
        ("89", y(2020), Status.ATTENTION),  # 11.25 % away
        ("97", y(2020), Status.OFF_COURSE),  # 21.25 % away
        ("89", y(2023), Status.OFF_COURSE),
    ],
)
def test_keep(value, as_of, status):
    spec = IndicatorSpec(TargetKind.KEEP, None, y(2022), D("80"), y(2018))
    e = evaluate(spec, pts((y(2019), value)), as_of=as_of)
    assert (e.direction, e.target_end_value, e.status) == (0, D("80"), status), e.reason


def test_keep_before_the_target_date_says_why_it_is_not_yet_achieved():
    spec = IndicatorSpec(TargetKind.KEEP, D("80"), y(2022), D("80"), y(2018))
    e = evaluate(spec, pts((y(2019), 81), (y(2020), 80)), as_of=y(2020))
    assert e.status == Status.ON_COURSE and "counts at the target date" in e.reason
    assert e.forecast.sentence.startswith("At this pace the value will be within the tolerance")
    assert e.progress_percent is None  # no way to go


def test_baseline_equal_to_target():
    reach = IndicatorSpec(TargetKind.REACH, D("60"), y(2022), D("60"), y(2018))
    e = evaluate(reach, pts((y(2019), 58)), as_of=y(2019))
    assert (e.direction, e.status, e.progress_percent) == (0, Status.ON_COURSE, None)
    e = evaluate(reach, pts((y(2019), 50)), as_of=y(2019))
    assert e.status == Status.ATTENTION and "16.7 % away from" in e.reason  # 10/60
    increase = IndicatorSpec(TargetKind.INCREASE_BY, D("0"), y(2022), D("60"), y(2018))
    e = evaluate(increase, pts((y(2019), 59)), as_of=y(2019))
    assert (e.direction, e.target_end_value, e.progress_percent) == (1, D("60"), None)
    assert e.status == Status.ON_COURSE and e.shortfall == D("0.0167")  # 1/|60|
    zero = IndicatorSpec(TargetKind.REACH, D("0"), y(2022), D("0"), y(2018))
    assert evaluate(zero, pts((y(2019), 0)), as_of=y(2022)).status == Status.ACHIEVED
    assert evaluate(zero, pts((y(2019), 1)), as_of=y(2021)).status == Status.OFF_COURSE


def test_one_point_without_baseline_is_on_course_on_its_own_trajectory():
    spec = IndicatorSpec(TargetKind.REACH, D("614"), y(2022))
    e = evaluate(spec, pts((y(2019), 560)), as_of=y(2020))
    assert e.status == Status.ON_COURSE and e.progress_percent == D("0.0")
    assert e.expected_at_latest == D("560.00") and e.forecast is None
    assert e.notes == (
        "There is no baseline; the first measurement serves as the baseline.",
        "Too few measurements for a trend yet.",
    )


def test_two_points_on_the_same_date_give_no_trend_and_the_shortest_period_is_latest():
    a = Point(y(2019), D("10"), dt.date(2019, 1, 1), "jaar")
    b = Point(y(2019), D("12"), dt.date(2019, 12, 1), "maand")
    for points in ([a, b], [b, a]):
        e = evaluate(TOY, points, as_of=y(2019))
        assert e.latest == b and e.forecast is None and e.points_used == 2


# --- forecast ----------------------------------------------------------------------------------


def test_forecast_of_the_visitors():
    points = pts((y(2017), 94100), (y(2018), 95000), (y(2019), 95600))
    f = evaluate(VISITORS, points, as_of=dt.date(2020, 3, 1)).forecast
    assert f.slope_per_year == D("750.51")  # 750 per 365 days, per 365.25 days
    assert f.value_at_target_date == D("97902.05")
    assert f.reaches_target_on == dt.date(2025, 10, 17) and f.meets_target is False
    assert (
        f.sentence == "At this pace the target will only be reached in 2025, after the target date."
    )
    assert f.line == ((y(2017), D("94150.00")), (y(2022), D("97902.05")))


@pytest.mark.parametrize(
    ("values", "sentence"),
    [
        # 98,000 and 99,000 a year apart: 100,000 exactly on 31 December 2019.
        ((98000, 99000), "At this pace the target will be reached in 2019."),
        ((99000, 99000), "At this pace the target will not be reached: the trend is flat."),
        ((99000, 100000), "The target has already been met."),
        ((101000, 100000), "The target has been met, but at this pace the value will no longer"),
        ((93000, D("93000.01")), "not be reached within a hundred years."),
    ],
)
def test_forecast_sentences(values, sentence):
    e = evaluate(VISITORS, pts((y(2017), values[0]), (y(2018), values[1])), as_of=y(2018))
    assert sentence in e.forecast.sentence


def test_trend_line_already_past_the_target_but_the_latest_not():
    points = pts((y(2017), 93000), (y(2018), 101000), (y(2019), 99000), (y(2020), 99500))
    f = evaluate(VISITORS, points, as_of=y(2020)).forecast
    assert f.reaches_target_on <= y(2020) and f.meets_target is True
    assert f.sentence.startswith("The trend line has already reached the target")


def test_forecast_line_runs_to_the_latest_point_after_the_target_date():
    points = pts((y(2021), 98000), (y(2023), 99000))
    f = evaluate(VISITORS, points, as_of=y(2024)).forecast
    assert [d for d, _ in f.line] == [y(2021), y(2023)]


# --- progress, rounding, tolerance -------------------------------------------------------------


def test_progress_shows_100_only_when_the_end_value_is_reached():
    assert evaluate(TOY, pts((day(50), D("99.96"))), as_of=day(50)).progress_percent == D("99.9")
    assert evaluate(TOY, pts((day(50), D("100.04"))), as_of=day(50)).progress_percent == D("100.1")
    assert evaluate(TOY, pts((day(50), 100)), as_of=day(50)).progress_percent == D("100.0")


def test_values_are_decimals_rounded_to_two_more_places_than_the_inputs():
    rating = IndicatorSpec(TargetKind.REACH, D("7.0"), y(2022), D("6.4"), y(2018))
    e = evaluate(rating, pts((y(2019), "6.5"), (y(2020), "6.7")), as_of=dt.date(2021, 7, 1))
    for value in (e.expected_now, e.expected_at_latest, e.forecast.value_at_target_date):
        assert isinstance(value, D) and value.as_tuple().exponent == -3
    with_decimals = IndicatorSpec(TargetKind.REACH, D("7"), y(2022), D("6"), y(2018), decimals=2)
    e = evaluate(with_decimals, pts((y(2019), 6)), as_of=y(2019))
    assert e.expected_now.as_tuple().exponent == -4


def test_tolerance_per_indicator_and_default():
    e = evaluate(TOY, pts((day(50), 42)), as_of=day(50))
    assert e.status == Status.ON_COURSE  # 8 % behind, default 10 %
    strict = IndicatorSpec(TargetKind.INCREASE_BY, D("100"), day(100), D("0"), day(0), D("5"))
    e = evaluate(strict, pts((day(50), 42)), as_of=day(50))
    assert e.status == Status.ATTENTION and "tolerance of 5 %" in e.reason
    unset = IndicatorSpec(TargetKind.INCREASE_BY, D("100"), day(100), D("0"), day(0), None)
    assert evaluate(unset, pts((day(50), 42)), as_of=day(50)).status == Status.ON_COURSE


def test_provisional_latest_is_noted():
    e = evaluate(TOY, [Point(day(50), D("50"), provisional=True)], as_of=day(50))
    assert "The latest measurement is provisional." in e.notes


# --- overdue measurements ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frequency", "days"),
    [
        (MeasuringFrequency.WEEKLY, 7 + 14),
        (MeasuringFrequency.MONTHLY, 31 + 15),
        (MeasuringFrequency.QUARTERLY, 92 + 46),
        (MeasuringFrequency.YEARLY, 366 + 183),
        (MeasuringFrequency.BIENNIAL, 731 + 365),
        (MeasuringFrequency.ONCE, None),
        (MeasuringFrequency.UNKNOWN, None),
    ],
)
def test_next_measurement_due(frequency, days):
    due = next_measurement_due(y(2019), frequency)
    assert due == (None if days is None else y(2019) + dt.timedelta(days=days))
    spec = IndicatorSpec(
        TargetKind.INCREASE_BY, D("7000"), y(2030), D("93000"), y(2016), D("10"), frequency
    )
    points = pts((y(2019), 95000))
    e = evaluate(spec, points, as_of=due or y(2029))
    assert (e.next_measurement_due, e.overdue) == (due, False)
    if due:
        late = evaluate(spec, points, as_of=due + dt.timedelta(days=1))
        assert late.overdue and any("overdue" in n for n in late.notes)


def test_overdue_also_for_a_goal_that_is_not_measurable():
    spec = IndicatorSpec("", None, None, measuring_frequency=MeasuringFrequency.YEARLY)
    e = evaluate(spec, pts((y(2019), 1)), as_of=y(2021))
    assert e.status == Status.NOT_MEASURABLE and e.overdue


def test_no_data_is_never_overdue():
    spec = IndicatorSpec(TargetKind.REACH, D("1"), y(2022), measuring_frequency="week")
    e = evaluate(spec, [], as_of=y(2021))
    assert (e.next_measurement_due, e.overdue) == (None, False)


# --- roll-up -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([], Status.NO_DATA),
        ([Status.ACHIEVED, Status.ON_COURSE], Status.ON_COURSE),
        ([Status.ACHIEVED, Status.ACHIEVED], Status.ACHIEVED),
        ([Status.ON_COURSE, Status.ATTENTION, Status.ACHIEVED], Status.ATTENTION),
        ([Status.ATTENTION, Status.OFF_COURSE], Status.OFF_COURSE),
        ([Status.ACHIEVED, Status.NO_DATA, Status.NOT_MEASURABLE], Status.ACHIEVED),
        ([Status.NO_DATA, Status.NOT_MEASURABLE], Status.NO_DATA),
        ([Status.NOT_MEASURABLE], Status.NOT_MEASURABLE),
        ([Status.NO_DATA], Status.NO_DATA),
    ],
)
def test_roll_up(statuses, expected):
    assert roll_up(statuses) == expected
    assert roll_up(iter(statuses)) == expected  # any iterable, e.g. a generator


def test_roll_up_rule_is_stated():
    text = str(ROLL_UP_RULE)
    assert "worst status" in text and "qualitative goal" in text and "judgement" in text


# --- after the target date: the past tense ------------------------------------------------------


def yearly(year: int, value) -> Point:
    return Point(y(year), D(str(value)), dt.date(year, 1, 1), "jaar")


@pytest.mark.parametrize(
    ("later", "since"),
    [
        ((), "there has been no measurement since."),
        (((2024, 99400),), "since then it has risen to 99,400 (2024)."),
        (((2023, 99000), (2024, 97900)), "since then it has fallen to 97,900 (2024)."),
        (((2024, 98500),), "since then it has stayed at 98,500 (2024)."),
    ],
)
def test_after_the_target_date_the_forecast_speaks_of_the_past(later, since):
    points = [yearly(2021, 98000), yearly(2022, 98500), *(yearly(*p) for p in later)]
    e = evaluate(VISITORS, points, as_of=dt.date(2025, 3, 1))
    assert e.forecast.sentence == (
        f"On the target date (31 December 2022) the value was 98,500 (2022); {since}"
    )
    assert "At this pace" not in e.forecast.sentence


def test_after_the_target_date_without_a_value_by_then():
    points = [yearly(2023, 99000), yearly(2024, 100500)]
    e = evaluate(VISITORS, points, as_of=dt.date(2025, 3, 1))
    assert e.forecast.sentence == (
        "No value was measured by the target date (31 December 2022); since then it has become "
        "100,500 (2024)."
    )
    assert e.status == Status.ACHIEVED


def test_on_the_target_date_itself_the_forecast_still_looks_ahead():
    points = pts((y(2017), 94100), (y(2018), 95000), (y(2019), 95600))
    assert evaluate(VISITORS, points, as_of=y(2022)).forecast.sentence == (
        "At this pace the target will only be reached in 2025, after the target date."
    )
    after = evaluate(VISITORS, points, as_of=dt.date(2023, 1, 1)).forecast.sentence
    assert after == (
        "On the target date (31 December 2022) the value was 95,600 (31 December 2019); there "
        "has been no measurement since."
    )


def test_the_past_tense_sentences_in_dutch():
    points = [yearly(2021, 98000), yearly(2022, 98500), yearly(2024, 99400)]
    with translation.override("nl"):
        e = evaluate(VISITORS, points, as_of=dt.date(2025, 3, 1))
    assert e.forecast.sentence == (
        "Op de streefdatum (31 december 2022) was de waarde 98.500 (2022); sindsdien is die "
        "gestegen tot 99.400 (2024)."
    )
