from decimal import Decimal

import pytest
from django.template import Context, Template

from koers.finance.money import format_euro

NB = "\u00a0"


@pytest.mark.parametrize(
    ("value", "cents", "expected"),
    [
        (Decimal("1749200"), None, f"€{NB}1.749.200"),
        (Decimal("1749200.00"), None, f"€{NB}1.749.200"),
        (Decimal("7500.5"), None, f"€{NB}7.500,50"),
        (Decimal("0.01"), None, f"€{NB}0,01"),
        (Decimal("0"), None, f"€{NB}0"),
        (Decimal("-800"), None, f"€{NB}-800"),
        (Decimal("999"), True, f"€{NB}999,00"),
        (Decimal("1000000.005"), None, f"€{NB}1.000.000,01"),
        (123456789012, None, f"€{NB}123.456.789.012"),
        (None, None, "—"),
    ],
)
def test_format_euro(value, cents, expected):
    assert format_euro(value, cents=cents) == expected


def test_euro_filter():
    out = Template("{% load finance %}{{ v|euro }}|{{ v|euro:True }}").render(
        Context({"v": Decimal("91700")})
    )
    assert out == f"€{NB}91.700|€{NB}91.700,00"
