import datetime as dt

import pytest

from koers.monitoring.constants import PeriodKind
from koers.monitoring.periods import PeriodFormatError, parse_period, period_code, period_label


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("2019", PeriodKind.YEAR, dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
        ("2019-Q3", PeriodKind.QUARTER, dt.date(2019, 7, 1), dt.date(2019, 9, 30)),
        ("2019-q1", PeriodKind.QUARTER, dt.date(2019, 1, 1), dt.date(2019, 3, 31)),
        ("2019-07", PeriodKind.MONTH, dt.date(2019, 7, 1), dt.date(2019, 7, 31)),
        ("2020-02", PeriodKind.MONTH, dt.date(2020, 2, 1), dt.date(2020, 2, 29)),
        ("2019-W27", PeriodKind.WEEK, dt.date(2019, 7, 1), dt.date(2019, 7, 7)),
        ("2020-W53", PeriodKind.WEEK, dt.date(2020, 12, 28), dt.date(2021, 1, 3)),
        ("2019-07-01", PeriodKind.DAY, dt.date(2019, 7, 1), dt.date(2019, 7, 1)),
        (" 2019 ", PeriodKind.YEAR, dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
    ],
)
def test_parse_period(text, kind, start, end):
    period = parse_period(text)
    assert (period.kind, period.start, period.end) == (kind, start, end)
    assert parse_period(period_code(period.kind, period.start)) == period


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "Vul een periode in"),
        ("2019-Q5", "is geen periode"),
        ("2019-13", "geen maand 13"),
        ("2019-W53", "geen week 53"),
        ("2019-02-30", "geen bestaande datum"),
        ("1850", "buiten"),
        ("juli 2019", "is geen periode"),
        ("2019/07", "is geen periode"),
    ],
)
def test_bad_periods_are_refused_with_a_message(text, fragment):
    with pytest.raises(PeriodFormatError) as exc:
        parse_period(text)
    assert fragment in str(exc.value)


def test_period_labels_in_dutch(settings):
    from django.utils import translation

    with translation.override("nl"):
        assert period_label(PeriodKind.MONTH, dt.date(2019, 7, 1)) == "juli 2019"
        assert period_label(PeriodKind.YEAR, dt.date(2019, 1, 1)) == "2019"
        assert period_label(PeriodKind.DAY, dt.date(2019, 7, 1)) == "1 juli 2019"
        assert "27" in period_label(PeriodKind.WEEK, dt.date(2019, 7, 1))
