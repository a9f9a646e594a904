"""DIN-13's pure comparison: the numbers and years of a goal's statement, read in Dutch notation,
against its indicator — with the real statements of the seeds (``koers.demo.seed_data``)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from koers.demo import seed_data
from koers.din.checks import IndicatorData
from koers.din.checks.text import (
    BASELINE,
    BASELINE_YEAR,
    STRATEGIC_YEAR,
    TARGET,
    TARGET_YEAR,
    compare,
    numbers_in,
)
from koers.programmes.constants import GoalKind, TargetKind


def _indicator(seed: seed_data.IndicatorData) -> IndicatorData:
    return IndicatorData(
        name=seed.name,
        unit=seed.unit,
        baseline_value=seed.baseline_value,
        baseline_date=seed.baseline_date,
        target_kind=seed.target_kind,
        target_value=seed.target_value,
        target_date=seed.target_date,
        data_source=seed.data_source,
    )


def _seed_goals():
    for programme in (seed_data.BINNENSTAD, seed_data.STEDELIJKE_ONTWIKKELING):
        for strategic in programme.strategic_goals:
            for goal in strategic.operational_goals:
                if goal.kind == GoalKind.MEASURABLE:
                    yield pytest.param(strategic, goal, id=goal.code)


SEED_GOALS = {p.values[1].code: (p.values[0], p.values[1]) for p in _seed_goals()}


def seed(code: str, **changes) -> tuple[str, IndicatorData, str]:
    strategic, goal = SEED_GOALS[code]
    return goal.statement, replace(_indicator(goal.indicator), **changes), strategic.text


def check(code: str, **changes):
    statement, indicator, strategic = seed(code, **changes)
    return compare(statement, indicator, strategic_text=strategic)


# --- reading numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, written, value, decimals",
    [
        ("met 7.000 ten opzichte van", "7.000", "7000", 0),
        ("(93.000)", "93.000", "93000", 0),
        ("Maximaal 6.000 m2 winkelvloeroppervlak", "6.000", "6000", 0),
        ("6.000 m² leeg", "6.000", "6000", 0),
        ("6000m2 leeg", "6000", "6000", 0),
        ("gemiddeld met een 7,0", "7,0", "7.0", 1),
        ("groeit tot 614", "614", "614", 0),
        ("1.234.567,5 euro", "1.234.567,5", "1234567.5", 1),
        ("een 7.5 (Engels geschreven)", "7.5", "7.5", 1),
    ],
)
def test_numbers_in_dutch_notation(text, written, value, decimals):
    (number,) = numbers_in(text, unit="€" if "euro" in text else "")
    assert (number.written, number.value, number.decimals) == (written, Decimal(value), decimals)
    assert not number.percent and not number.year


@pytest.mark.parametrize("text", ["60 procent van", "60% van", "60 % van", "60 procentpunt"])
def test_percentages(text):
    (number,) = numbers_in(text)
    assert number.percent and number.value == 60


@pytest.mark.parametrize(
    "text, left",
    [
        ("Doel 3 en fase 2", []),  # labels
        ("in de 2e ronde, de 3de keer, het 1ste jaar", []),  # ordinals
        ("DIN-13, A3, N35 en m2", []),  # codes
        ("vóór 31 december en 1 jan.", []),  # days of a date
        ("31-12 en 12/3", []),  # dates without a year, fractions
        ("5 per 1.000 inwoners", ["5"]),  # a rate's denominator (the 5 is a value)
        ("1 op de 3 bewoners", []),  # a ratio
        ("2 keer per jaar, binnen 5 jaar, om 10.00 uur", []),  # frequencies, durations, times
        ("€ 1,2 miljoen en 300 euro", []),  # money
        ("tussen 5-10 panden", []),  # a range
        ("versie 1.2.3", []),  # a code
        ("zeven bezoekers", []),  # a number word
        ("meer 65-plussers en 2-kamerwoningen", []),  # part of a word
        ("eind ’22 en de jaren '80", []),  # years abbreviated
        ("1. Groei van het aantal\n2) bezoekers", []),  # numbers of items
        ("0.125 en 1.23.4", []),  # no Dutch notation
    ],
)
def test_no_number_to_compare(text, left):
    assert [n.written for n in numbers_in(text)] == left


def test_money_is_compared_when_the_indicator_counts_money():
    (number,) = numbers_in("€ 1,2 miljoen", unit="euro")
    assert number.written == "1,2 miljoen" and Decimal("1200000") in number.values


def test_years_and_their_context():
    numbers = numbers_in("In 2022 ten opzichte van 2016 (93.000), periode 2019–2022")
    assert [(n.written, n.year, n.context, n.range_start) for n in numbers] == [
        ("2022", True, "target", False),
        ("2016", True, "baseline", False),
        ("93.000", False, "baseline", False),  # the value in the baseline's year
        ("2019", True, "", True),
        ("2022", True, "target", False),  # the end of a period
    ]


def test_a_four_digit_count_with_its_unit_is_no_year():
    (number,) = numbers_in("tot 2050 woningen", unit="woningen")
    assert not number.year


# --- the seed statements agree with their indicators --------------------------------------------


@pytest.mark.parametrize("strategic, goal", list(_seed_goals()))
def test_every_measurable_seed_goal_agrees(strategic, goal):
    assert compare(goal.statement, _indicator(goal.indicator), strategic_text=strategic.text) == []


def test_the_seeds_have_the_measurable_goals_of_the_domain():
    assert sorted(SEED_GOALS) == ["1a", "2a", "2b", "3a", "3b", "4a", "4b", "4c", "5a", "A3"]


# --- changed targets -----------------------------------------------------------------------------


def test_1a_target_from_7000_to_8000_flags_the_text():
    """Issue 16: the college raised 1a's target to +8.000; the text still says 7.000."""
    (d,) = check("1a", target_value=Decimal("8000"))
    assert (d.kind, d.written, d.expected) == (TARGET, ("7.000",), Decimal("8000"))


def test_1a_with_a_text_that_follows_the_decision_agrees():
    statement, indicator, strategic = seed("1a", target_value=Decimal("8000"))
    statement = statement.replace("7.000", "8.000")
    assert compare(statement, indicator, strategic_text=strategic) == []


def test_1a_a_new_baseline_flags_the_baseline_in_the_text():
    (d,) = check("1a", baseline_value=Decimal("95000"))
    assert (d.kind, d.written, d.expected) == (BASELINE, ("93.000",), Decimal("95000"))


def test_1a_rounded_baseline_in_the_text_agrees():
    assert check("1a", baseline_value=Decimal("93412")) == []


def test_1a_a_baseline_of_another_year_flags_the_year():
    (d,) = check("1a", baseline_date=date(2017, 12, 31))
    assert (d.kind, d.written, d.expected) == (BASELINE_YEAR, ("2016",), 2017)


def test_1a_a_later_target_date_flags_the_strategic_goal_in_2022():
    """The statement names no deadline; the target date came from "In 2022 …" of goal 1."""
    (d,) = check("1a", target_date=date(2023, 12, 31))
    assert (d.kind, d.written, d.expected) == (STRATEGIC_YEAR, ("2022",), 2023)


def test_a_year_in_the_statement_is_the_target_year():
    statement, indicator, strategic = seed("1a")
    statement += " in 2021"
    (d,) = compare(statement, indicator, strategic_text=strategic)
    assert (d.kind, d.written, d.expected) == (TARGET_YEAR, ("2021",), 2022)
    # The statement's own year is judged; the strategic goal's then is not.
    assert compare(statement + " en in 2022", indicator) == [d]


@pytest.mark.parametrize(
    "code, changes, written",
    [
        ("2a", {"target_value": Decimal("100")}, "0"),
        ("2b", {"target_value": Decimal("5000")}, "6.000"),
        ("3a", {"target_value": Decimal("7.5")}, "7,0"),
        ("4a", {"target_value": Decimal("7")}, "6,5"),
        ("4b", {"target_value": Decimal("6.8")}, "6,6"),
        ("4c", {"target_value": Decimal("65")}, "60 procent"),
        ("5a", {"target_value": Decimal("620")}, "614"),
        ("A3", {"target_value": Decimal("4000")}, "4100"),
    ],
)
def test_each_changed_seed_target_flags_the_text(code, changes, written):
    (d,) = check(code, **changes)
    assert (d.kind, d.written) == (TARGET, (written,))


def test_the_difference_and_the_level_agree():
    ind = IndicatorData(
        name="Bedrijven",
        unit="bedrijven",
        baseline_value=Decimal("600"),
        baseline_date=date(2018, 1, 1),
        target_kind=TargetKind.REACH,
        target_value=Decimal("614"),
        target_date=date(2022, 12, 31),
    )
    assert compare("Het aantal bedrijven groeit van 600 met 14 tot 614", ind) == []
    (d,) = compare("Het aantal bedrijven groeit met 15 tot 614", ind)
    assert d.written == ("15",)


def test_increase_written_as_level_or_percentage_agrees():
    _, ind, _ = seed("1a")
    assert compare("Van 93.000 naar 100.000 bezoekers per week in 2022", ind) == []
    assert compare("7,5 procent meer bezoekers dan in 2016", ind) == []  # 7,53 %
    (d,) = compare("10 procent meer bezoekers", ind)
    assert d.written == ("10 procent",)


def test_decrease_and_keep():
    decrease = IndicatorData(
        name="Leegstand",
        unit="m²",
        baseline_value=Decimal("8000"),
        baseline_date=date(2018, 12, 31),
        target_kind=TargetKind.DECREASE_BY,
        target_value=Decimal("2000"),
        target_date=date(2022, 12, 31),
    )
    assert compare("De leegstand daalt met 2.000 m2 tot 6.000 m2 (2018: 8.000)", decrease) == []
    (d,) = compare("De leegstand daalt met 2.500 m2", decrease)
    assert (d.kind, d.written, d.expected) == (TARGET, ("2.500",), Decimal("2000"))
    keep = replace(decrease, target_kind=TargetKind.KEEP, target_value=None)
    assert compare("De leegstand blijft 8.000 m2", keep) == []


def test_numbers_of_no_target_are_left_alone():
    _, ind, _ = seed("5a")
    text = (
        "Doel 5a: in de 2e fase groeit het aantal bedrijven tot 614, 2 keer per jaar gemeten, "
        "met € 1,2 miljoen, vóór 31 december 2022 (zie DIN-13 en bijlage 3)"
    )
    assert compare(text, ind) == []


def test_a_goal_without_target_date_is_not_judged_on_years():
    _, ind, _ = seed("A3")
    assert compare("In 2026 zijn 4100 extra woningen gebouwd", ind) == []


def test_a_wrong_number_beside_the_right_target_is_the_baseline():
    _, ind, _ = seed("1a", baseline_value=Decimal("95000"))
    (d,) = compare("Van 93.000 bezoekers per week met 7.000 erbij", ind)
    assert (d.kind, d.written, d.expected) == (BASELINE, ("93.000",), Decimal("95000"))


@pytest.mark.parametrize(
    "text",
    [
        "Volgens de binnenstadsmonitor 2018 groeit het aantal met 7.000",  # a year in a name
        "Vanaf 2019 groeit het aantal met 7.000",  # the start of a period
        "Van 2019 tot 2022 groeit het aantal met 7.000",
        "Uiterlijk 31 december 2022 groeit het aantal met 7.000",
        "Per 31-12-2022 groeit het aantal met 7.000",
    ],
)
def test_years_that_are_no_deadline_or_the_deadline(text):
    _, ind, _ = seed("1a")
    assert compare(text, ind) == []


@pytest.mark.parametrize(
    "text, written",
    [
        ("Van 2019 tot 2023 groeit het aantal met 7.000", "2023"),
        ("In de periode 2019–2023 groeit het aantal met 7.000", "2023"),
        ("Uiterlijk 31 december 2023 groeit het aantal met 7.000", "2023"),
        ("Per 31-12-2023 groeit het aantal met 7.000", "2023"),
        ("Eind 2021 groeit het aantal met 7.000", "2021"),
    ],
)
def test_a_deadline_that_is_not_the_target_year(text, written):
    _, ind, _ = seed("1a")
    (d,) = compare(text, ind)
    assert (d.kind, d.written, d.expected) == (TARGET_YEAR, (written,), 2022)
