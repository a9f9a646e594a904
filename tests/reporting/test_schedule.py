"""The pure reporting calendar (koers.reporting.schedule): periods for every frequency, month-end
anchors, every two weeks, deadlines, the period owners report on now. No database."""

from __future__ import annotations

import datetime as dt

import pytest

from koers.reporting.constants import ReportingFrequency as F
from koers.reporting.schedule import (
    ReportingPeriod,
    period,
    period_at,
    period_by_start,
    period_start,
    periods_until,
    reporting_period,
)

D = dt.date


def test_every_two_weeks_counts_fourteen_days_from_the_start():
    found = periods_until(F.BIWEEKLY, D(2019, 9, 2), 5, D(2019, 10, 20))
    assert [(p.number, p.start, p.end, p.deadline) for p in found] == [
        (1, D(2019, 9, 2), D(2019, 9, 15), D(2019, 9, 20)),
        (2, D(2019, 9, 16), D(2019, 9, 29), D(2019, 10, 4)),
        (3, D(2019, 9, 30), D(2019, 10, 13), D(2019, 10, 18)),
        (4, D(2019, 10, 14), D(2019, 10, 27), D(2019, 11, 1)),
    ]
    assert found[0].key == "2019-09-02"


def test_every_two_weeks_over_a_year_end_and_a_leap_day():
    p = period(F.BIWEEKLY, D(2019, 12, 23), 3, 1)
    assert (p.start, p.end, p.deadline) == (D(2019, 12, 23), D(2020, 1, 5), D(2020, 1, 8))
    p = period(F.BIWEEKLY, D(2020, 2, 17), 0, 1)
    assert (p.end, p.deadline) == (D(2020, 3, 1), D(2020, 3, 1))  # 2020 has 29 February


@pytest.mark.parametrize(
    ("frequency", "starts"),
    [
        (F.MONTHLY, [D(2019, 1, 1), D(2019, 2, 1), D(2019, 3, 1), D(2019, 4, 1)]),
        (F.QUARTERLY, [D(2019, 1, 1), D(2019, 4, 1), D(2019, 7, 1), D(2019, 10, 1)]),
        (F.HALF_YEARLY, [D(2019, 1, 1), D(2019, 7, 1), D(2020, 1, 1), D(2020, 7, 1)]),
        (F.YEARLY, [D(2019, 1, 1), D(2020, 1, 1), D(2021, 1, 1), D(2022, 1, 1)]),
    ],
)
def test_calendar_frequencies_follow_each_other_without_gaps(frequency, starts):
    found = periods_until(frequency, D(2019, 1, 1), 10, starts[-1])
    assert [p.start for p in found] == starts
    for earlier, later in zip(found, found[1:], strict=False):
        assert earlier.end + dt.timedelta(days=1) == later.start
        assert earlier.deadline == earlier.end + dt.timedelta(days=10)
    assert [p.number for p in found] == [1, 2, 3, 4]


def test_quarterly_period_ends_the_day_before_the_next_quarter():
    p = period(F.QUARTERLY, D(2019, 1, 1), 14, 1)
    assert (p.start, p.end, p.deadline) == (D(2019, 1, 1), D(2019, 3, 31), D(2019, 4, 14))


def test_a_start_on_the_31st_falls_back_to_the_last_day_of_short_months():
    starts = [period_start(F.MONTHLY, D(2019, 1, 31), n) for n in range(1, 7)]
    assert starts == [
        D(2019, 1, 31),
        D(2019, 2, 28),
        D(2019, 3, 31),  # back to the 31st, not stuck on the 28th
        D(2019, 4, 30),
        D(2019, 5, 31),
        D(2019, 6, 30),
    ]
    february = period(F.MONTHLY, D(2019, 1, 31), 5, 2)
    assert (february.start, february.end) == (D(2019, 2, 28), D(2019, 3, 30))
    assert period_start(F.MONTHLY, D(2020, 1, 31), 2) == D(2020, 2, 29)  # leap year


def test_month_end_anchor_for_quarters_and_half_years():
    assert period_start(F.QUARTERLY, D(2019, 11, 30), 2) == D(2020, 2, 29)
    assert period_start(F.QUARTERLY, D(2019, 11, 30), 3) == D(2020, 5, 30)
    assert period_start(F.HALF_YEARLY, D(2019, 8, 31), 2) == D(2020, 2, 29)
    assert period_start(F.YEARLY, D(2020, 2, 29), 2) == D(2021, 2, 28)
    assert period_start(F.YEARLY, D(2020, 2, 29), 5) == D(2024, 2, 29)


def test_periods_until_includes_the_period_that_starts_that_day_and_not_later_ones():
    start = D(2019, 1, 31)
    assert periods_until(F.MONTHLY, start, 5, D(2019, 2, 27))[-1].start == D(2019, 1, 31)
    assert periods_until(F.MONTHLY, start, 5, D(2019, 2, 28))[-1].start == D(2019, 2, 28)
    assert periods_until(F.BIWEEKLY, D(2019, 9, 2), 5, D(2019, 9, 15))[-1].number == 1
    assert periods_until(F.BIWEEKLY, D(2019, 9, 2), 5, D(2019, 9, 16))[-1].number == 2


def test_nothing_before_the_calendar_starts():
    assert periods_until(F.MONTHLY, D(2019, 1, 1), 5, D(2018, 12, 31)) == []
    assert period_at(F.MONTHLY, D(2019, 1, 1), 5, D(2018, 12, 31)) is None
    assert reporting_period(F.MONTHLY, D(2019, 1, 1), 5, D(2018, 12, 31)) is None


def test_limit_keeps_the_latest_periods():
    found = periods_until(F.BIWEEKLY, D(2019, 1, 7), 5, D(2026, 1, 1), limit=3)
    assert len(found) == 3
    everything = periods_until(F.BIWEEKLY, D(2019, 1, 7), 5, D(2026, 1, 1))
    assert found == everything[-3:]
    assert everything[0].number == 1 and everything[-1].number == len(everything)


def test_period_at_and_by_start():
    p = period_at(F.BIWEEKLY, D(2019, 9, 2), 5, D(2019, 9, 20))
    assert (p.number, p.start) == (2, D(2019, 9, 16))
    assert period_by_start(F.BIWEEKLY, D(2019, 9, 2), 5, D(2019, 9, 16)) == p
    assert period_by_start(F.BIWEEKLY, D(2019, 9, 2), 5, D(2019, 9, 17)) is None
    assert period_by_start(F.QUARTERLY, D(2019, 1, 1), 5, D(2019, 4, 1)).number == 2
    assert period_by_start(F.QUARTERLY, D(2019, 1, 1), 5, D(2019, 3, 1)) is None


def test_the_period_reported_on_now_is_the_latest_that_has_ended():
    start = D(2019, 9, 2)
    # During the first period nothing is due yet.
    assert reporting_period(F.BIWEEKLY, start, 5, D(2019, 9, 2)) is None
    assert reporting_period(F.BIWEEKLY, start, 5, D(2019, 9, 15)) is None
    # From the first day of period 2, owners report on period 1 (due 20 September).
    now = reporting_period(F.BIWEEKLY, start, 5, D(2019, 9, 16))
    assert (now.number, now.deadline) == (1, D(2019, 9, 20))
    assert not now.is_late(D(2019, 9, 20))
    assert now.is_late(D(2019, 9, 21))
    assert reporting_period(F.BIWEEKLY, start, 5, D(2019, 9, 29)).number == 1
    assert reporting_period(F.BIWEEKLY, start, 5, D(2019, 9, 30)).number == 2
    quarter = reporting_period(F.QUARTERLY, D(2019, 1, 1), 14, D(2019, 7, 10))
    assert (quarter.start, quarter.end, quarter.deadline) == (
        D(2019, 4, 1),
        D(2019, 6, 30),
        D(2019, 7, 14),
    )


def test_zero_deadline_days_makes_the_last_day_the_deadline():
    p = period(F.MONTHLY, D(2019, 1, 1), 0, 1)
    assert p.deadline == p.end == D(2019, 1, 31)
    assert not p.is_late(D(2019, 1, 31)) and p.is_late(D(2019, 2, 1))


def test_periods_sort_by_start():
    a = ReportingPeriod(D(2019, 1, 1), D(2019, 1, 14), D(2019, 1, 19), 1)
    b = ReportingPeriod(D(2019, 1, 15), D(2019, 1, 28), D(2019, 2, 2), 2)
    assert sorted([b, a]) == [a, b]


@pytest.mark.parametrize("frequency", list(F))
def test_periods_chain_for_every_frequency_over_many_years(frequency):
    start = D(2019, 3, 31)
    found = periods_until(frequency, start, 7, D(2030, 12, 31))
    assert found[0].start == start
    for earlier, later in zip(found, found[1:], strict=False):
        assert earlier.end + dt.timedelta(days=1) == later.start
        assert later.number == earlier.number + 1
        assert earlier.start <= earlier.end
    assert found[-1].start <= D(2030, 12, 31) <= found[-1].end
