from decimal import Decimal

import pytest

from koers.numbers import NumberFormatError, format_decimal_input, parse_decimal


@pytest.mark.parametrize(
    "text, expected",
    [
        ("93000", "93000"),
        ("93.000", "93000"),
        ("1.234.567", "1234567"),
        ("93.000,5", "93000.5"),
        ("7,0", "7.0"),
        ("7.0", "7.0"),
        ("6.5", "6.5"),
        ("6,6", "6.6"),
        ("60%", "60"),
        ("60 %", "60"),
        ("0.25", "0.25"),
        ("0.125", "0.125"),
        ("-0.125", "-0.125"),
        ("1234.5", "1234.5"),
        ("-12,5", "-12.5"),
        ("\u00a06\u00a0000", "6000"),
        ("7.000", "7000"),  # Dutch thousands separator, documented
    ],
)
def test_accepted_notations(text, expected):
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "1.23.4", "93.000.5", "7,0.5", "1e5", "--1"])
def test_refused_with_a_dutch_message(text):
    with pytest.raises(NumberFormatError) as exc:
        parse_decimal(text)
    assert "getal" in str(exc.value)


@pytest.mark.parametrize(
    "value, shown",
    [
        (Decimal("93000.0000"), "93000"),
        (Decimal("6.5000"), "6,5"),
        (None, ""),
        (Decimal("0E-4"), "0"),
    ],
)
def test_input_format_reads_back(value, shown):
    assert format_decimal_input(value) == shown
    if value is not None:
        assert parse_decimal(shown) == value
