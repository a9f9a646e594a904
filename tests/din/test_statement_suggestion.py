"""When a target changes, the goal's statement is offered rewritten to agree with it: the old
target (or the level it came to) and the old deadline year replaced in the same notation; no
suggestion when the text does not name the old target (pure: no database)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from koers.din.checks import IndicatorData
from koers.din.checks.text import compare, suggest_statement
from koers.programmes.constants import TargetKind

VISITORS = IndicatorData(
    name="Bezoekers per week",
    unit="bezoekers per week",
    baseline_value=Decimal("93000"),
    baseline_date=date(2016, 1, 1),
    target_kind=TargetKind.INCREASE_BY,
    target_value=Decimal("7000"),
    target_date=date(2022, 12, 31),
)
STATEMENT = (
    "Groei van het aantal bezoekers per week van het centrum met 7.000 ten opzichte van 2016 "
    "(93.000)."
)


@pytest.mark.parametrize(
    ("statement", "new", "expected"),
    [
        (
            STATEMENT,
            {"target_value": Decimal("8000")},
            STATEMENT.replace("met 7.000", "met 8.000"),
        ),
        (  # the level the target comes to, and the deadline year
            "Het aantal bezoekers groeit in 2022 tot 100.000 per week.",
            {"target_value": Decimal("8000"), "target_date": date(2024, 12, 31)},
            "Het aantal bezoekers groeit in 2024 tot 101.000 per week.",
        ),
        (  # a rating with a decimal comma keeps its notation
            "De binnenstad krijgt gemiddeld minimaal een 7,0.",
            {"target_value": Decimal("7.5")},
            "De binnenstad krijgt gemiddeld minimaal een 7,5.",
        ),
    ],
)
def test_the_statement_is_rewritten_for_the_new_target(statement, new, expected):
    old = VISITORS
    if "7,0" in statement:
        old = replace(
            VISITORS,
            unit="rapportcijfer",
            baseline_value=Decimal("6.5"),
            target_kind=TargetKind.AT_LEAST,
            target_value=Decimal("7.0"),
        )
    proposed = replace(old, **new)
    assert compare(statement, proposed)  # the text disagrees with the new target
    suggestion = suggest_statement(statement, old, proposed)
    assert suggestion == expected
    assert not compare(suggestion, proposed)


def test_no_suggestion_when_the_text_does_not_name_the_old_target():
    new = replace(VISITORS, target_value=Decimal("8000"))
    assert suggest_statement("Meer bezoekers in de binnenstad.", VISITORS, new) is None
    assert suggest_statement(STATEMENT, VISITORS, VISITORS) is None
