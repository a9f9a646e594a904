"""The DIN quality check's rules on plain data (no database): every rule on a case where it
finds something and a case where it does not."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from koers.din import checks
from koers.din.checks import (
    RULES,
    BudgetLineData,
    DinData,
    EffortData,
    GoalData,
    IndicatorData,
    ReportingData,
    Severity,
    StrategicGoalData,
    run_checks,
)
from koers.programmes.constants import EffortStatus, GoalKind, MunicipalityRole, TargetKind

INDICATOR = IndicatorData(
    name="Bezoekers per week",
    unit="bezoekers",
    baseline_value=Decimal("93000"),
    baseline_date=date(2016, 12, 31),
    target_kind=TargetKind.INCREASE_BY,
    target_value=Decimal("7000"),
    target_date=date(2022, 12, 31),
    data_source="Binnenstadsmonitor",
    measuring_frequency="jaar",
    latest_measurement=date(2019, 12, 31),
)
GOAL = GoalData(
    code="1a", strategic_code="1", statement="Meer bezoekers", indicator=INDICATOR, pk=7
)
EFFORT = EffortData(
    pk=3,
    name="Evenementen",
    owner="Tess Trekker",
    status=EffortStatus.EXECUTION,
    municipality_role=MunicipalityRole.PRINCIPAL,
    goal_codes=("1a",),
    reports=True,
    report_state="ingediend",
)
LINE = BudgetLineData(pk=11, source="Programmageld", year=2020, amount=Decimal("1000"), effort_pk=3)
GOOD = DinData(
    slug="test-programma",
    name="Testprogramma",
    period_start=date(2019, 1, 1),
    period_end=date(2022, 12, 31),
    as_of=date(2020, 6, 15),
    strategic_goals=(StrategicGoalData("1", "Een levendige binnenstad"),),
    goals=(GOAL,),
    efforts=(EFFORT,),
    budget_lines=(LINE,),
    reporting=ReportingData(True, date(2020, 5, 25), date(2020, 6, 7), date(2020, 6, 12)),
)


def findings(data: DinData, rule_id: str) -> list[checks.Finding]:
    return [f for f in run_checks(data).findings if f.rule_id == rule_id]


def with_goal(**changes) -> DinData:
    return replace(GOOD, goals=(replace(GOAL, **changes),))


def with_indicator(**changes) -> DinData:
    return with_goal(indicator=replace(INDICATOR, **changes))


def with_effort(**changes) -> DinData:
    return replace(GOOD, efforts=(replace(EFFORT, **changes),))


def test_a_good_din_passes_every_rule():
    result = run_checks(GOOD)
    assert result.findings == []
    assert all(r.passed for r in result.results)
    assert not result.has_errors
    assert [r.rule.id for r in result.results] == list(RULES)


def test_every_rule_has_a_severity_title_explanation_and_fix():
    assert list(RULES) == [f"DIN-{n:02d}" for n in range(1, 14)]
    for rule in RULES.values():
        assert rule.severity in Severity.values
        assert str(rule.title) and str(rule.explanation) and str(rule.how_to_fix)
        assert rule.icon


# DIN-01 operational goal not SMART


@pytest.mark.parametrize(
    "changes, word",
    [
        ({"unit": ""}, "unit"),
        ({"baseline_value": None}, "baseline"),
        ({"baseline_date": None}, "date of the baseline"),
        ({"target_kind": "", "target_value": None}, "target"),
        ({"target_value": None}, "target value"),
        ({"target_date": None}, "target date"),
        ({"data_source": "  "}, "data source"),
    ],
)
def test_smart_finds_each_missing_part(changes, word):
    with translation.override("en"):
        found = findings(with_indicator(**changes), "DIN-01")
    assert len(found) == 1
    assert found[0].severity == Severity.ERROR
    assert found[0].key == "1a"
    assert word in found[0].message


def test_smart_lists_all_missing_parts_in_one_finding():
    with translation.override("en"):
        (finding,) = findings(
            with_indicator(baseline_value=None, target_date=None, data_source=""), "DIN-01"
        )
    assert finding.message == (
        "Not measurable as written. Missing: the baseline, the target date and the data source."
    )


def test_smart_measurable_goal_without_indicator():
    with translation.override("en"):
        (finding,) = findings(with_goal(indicator=None), "DIN-01")
    assert "no indicator" in finding.message


@pytest.mark.parametrize("target_date", [date(2023, 1, 1), date(2018, 12, 31)])
def test_smart_target_date_outside_the_programme_period(target_date):
    with translation.override("en"):
        (finding,) = findings(with_indicator(target_date=target_date), "DIN-01")
    assert "outside the programme period" in finding.message
    assert "Missing" not in finding.message


def test_smart_target_date_on_the_last_day_of_the_period_passes():
    assert findings(with_indicator(target_date=date(2022, 12, 31)), "DIN-01") == []


def test_smart_keep_needs_no_target_value_with_a_baseline():
    data = with_indicator(target_kind=TargetKind.KEEP, target_value=None)
    assert findings(data, "DIN-01") == []
    assert run_checks(data).not_measurable == []


def test_smart_does_not_judge_a_qualitative_goal():
    assert findings(with_goal(kind=GoalKind.QUALITATIVE, indicator=None), "DIN-01") == []


def test_smart_fix_link_is_the_goal_form():
    (finding,) = findings(with_indicator(unit=""), "DIN-01")
    assert finding.fix_url == "/programmas/test-programma/doel/7/bewerken"
    assert finding.fix_perm == "programmes.change_programme"


# DIN-02 qualitative goal


def test_qualitative_goal_is_a_warning_of_its_own():
    with translation.override("en"):
        (finding,) = findings(with_goal(kind=GoalKind.QUALITATIVE, indicator=None), "DIN-02")
    assert finding.severity == Severity.WARNING
    assert finding.message == "Qualitative goal: not measurable as written."


def test_measurable_goal_is_no_qualitative_finding():
    assert findings(GOOD, "DIN-02") == []


# Measurability as a whole


def test_measurability_sentence():
    measurable = GOAL
    qualitative = replace(GOAL, code="1b", kind=GoalKind.QUALITATIVE, indicator=None)
    relative_without_baseline = replace(
        GOAL, code="1c", indicator=replace(INDICATOR, baseline_value=None)
    )
    no_baseline_reach = replace(
        GOAL,
        code="1d",
        indicator=replace(INDICATOR, baseline_value=None, target_kind=TargetKind.REACH),
    )
    with translation.override("en"):
        assert run_checks(GOOD).measurability_sentence == (
            "Every operational goal is measurable as written."
        )
        data = replace(GOOD, goals=(measurable, qualitative, relative_without_baseline))
        result = run_checks(data)
        assert result.not_measurable == ["1b", "1c"]
        assert result.measurability_sentence == (
            "Most operational goals are not measurable as written: 2 of 3."
        )
        data = replace(GOOD, goals=(measurable, qualitative, no_baseline_reach))
        assert run_checks(data).measurability_sentence == (
            "1 of 3 operational goals is not measurable as written."
        )
        data = replace(GOOD, goals=(qualitative,))
        assert run_checks(data).measurability_sentence == (
            "The only operational goal is not measurable as written."
        )
        assert run_checks(replace(GOOD, goals=())).measurability_sentence == (
            "The programme has no operational goals yet."
        )


# DIN-03 strategic goal without operational goals


def test_strategic_goal_without_operational_goals():
    data = replace(GOOD, strategic_goals=(*GOOD.strategic_goals, StrategicGoalData("2")))
    (finding,) = findings(data, "DIN-03")
    assert finding.key == "2"
    assert finding.severity == Severity.ERROR
    assert finding.fix_url == "/programmas/test-programma/doel/nieuw?strategisch=2"
    assert findings(GOOD, "DIN-03") == []


# DIN-04 operational goal served by no effort


def test_goal_served_by_no_effort():
    (finding,) = findings(with_effort(goal_codes=()), "DIN-04")
    assert finding.key == "1a"
    assert finding.fix_url == "/programmas/test-programma/koppeling/nieuw?doel=1a"
    assert findings(GOOD, "DIN-04") == []


# DIN-05 effort serving no goal


def test_effort_serving_no_goal():
    (finding,) = findings(with_effort(goal_codes=()), "DIN-05")
    assert finding.key == "3"
    assert finding.severity == Severity.ERROR
    assert finding.fix_url == "/programmas/test-programma/koppeling/nieuw?inspanning=3"
    assert findings(GOOD, "DIN-05") == []


# DIN-06 effort without owner


def test_effort_without_owner():
    (finding,) = findings(with_effort(owner=""), "DIN-06")
    assert finding.severity == Severity.WARNING
    assert finding.fix_url == "/programmas/test-programma/inspanning/3/bewerken"
    assert findings(GOOD, "DIN-06") == []


@pytest.mark.parametrize("status", [EffortStatus.COMPLETED, EffortStatus.STOPPED])
def test_finished_effort_needs_no_owner_or_budget(status):
    data = replace(with_effort(owner="", status=status), budget_lines=())
    assert findings(data, "DIN-06") == []
    assert findings(data, "DIN-07") == []


# DIN-07 effort without budget


def test_effort_without_budget():
    other = BudgetLineData(
        pk=12, source="Subsidie", year=2020, amount=Decimal(5), item="Organisatie"
    )
    data = replace(GOOD, budget_lines=(other,))
    (finding,) = findings(data, "DIN-07")
    assert finding.key == "3"
    assert finding.fix_url == "/programmas/test-programma/middelen/regels/nieuw?effort=3"
    assert finding.fix_perm == "finance.change_budget"
    assert findings(GOOD, "DIN-07") == []


def test_programme_without_any_budget_is_one_finding():
    second = replace(EFFORT, pk=4, name="Markten")
    data = replace(GOOD, efforts=(EFFORT, second), budget_lines=())
    (finding,) = findings(data, "DIN-07")
    assert finding.key == ""
    assert finding.fix_url == "/programmas/test-programma/middelen/regels/nieuw"


def test_alignment_effort_needs_no_budget():
    data = replace(with_effort(municipality_role=MunicipalityRole.ALIGNMENT), budget_lines=())
    assert findings(data, "DIN-07") == []


# DIN-08 budget line without effort


def test_budget_line_for_a_programme_item_is_information():
    item = BudgetLineData(
        pk=12, source="Programmageld", year=2020, amount=Decimal("40000"), item="Organisatie"
    )
    with translation.override("en"):
        (finding,) = findings(replace(GOOD, budget_lines=(LINE, item)), "DIN-08")
    assert finding.severity == Severity.INFO
    assert finding.key == "12"
    assert "Organisatie" in finding.subject
    assert "40,000" in finding.message or "40.000" in finding.message
    assert finding.fix_url == "/programmas/test-programma/middelen/regels/12/bewerken"
    assert findings(GOOD, "DIN-08") == []
    assert not run_checks(replace(GOOD, budget_lines=(LINE, item))).has_errors


# DIN-09 effort without a report in the last period


@pytest.mark.parametrize("state", ["", "concept", "teruggestuurd"])
def test_effort_without_a_handed_in_report(state):
    (finding,) = findings(with_effort(report_state=state), "DIN-09")
    assert finding.severity == Severity.WARNING
    assert finding.fix_url == "/programmas/test-programma/rapportages/3/2020-05-25/"
    assert finding.fix_perm == "reporting.write_report"
    assert finding.fix_effort_pk == 3


@pytest.mark.parametrize("state", ["ingediend", "geaccepteerd"])
def test_submitted_or_accepted_report_passes(state):
    assert findings(with_effort(report_state=state), "DIN-09") == []


def test_effort_that_does_not_report_owes_no_report():
    assert findings(with_effort(reports=False, report_state=""), "DIN-09") == []


def test_no_period_past_its_deadline_yet():
    data = replace(with_effort(report_state=""), reporting=ReportingData(True))
    assert findings(data, "DIN-09") == []


def test_programme_without_reporting_calendar_is_one_finding():
    data = replace(GOOD, reporting=ReportingData(False))
    (finding,) = findings(data, "DIN-09")
    assert finding.fix_url == "/programmas/test-programma/rapportages/kalender"


# DIN-10 indicator without a recent measurement


def test_overdue_measurement():
    data = replace(GOOD, as_of=date(2021, 7, 3))  # yearly: due 366 + 183 days after 2019-12-31
    with translation.override("en"):
        (finding,) = findings(data, "DIN-10")
    assert finding.severity == Severity.WARNING
    assert "was due by 2 July 2021" in finding.message
    assert finding.fix_url == "/programmas/test-programma/monitor/1a/metingen/nieuw"
    assert findings(replace(GOOD, as_of=date(2021, 7, 2)), "DIN-10") == []


def test_never_measured_indicator():
    (finding,) = findings(with_indicator(latest_measurement=None), "DIN-10")
    assert finding.key == "1a"
    before_start = replace(with_indicator(latest_measurement=None), as_of=date(2018, 6, 1))
    assert findings(before_start, "DIN-10") == []


@pytest.mark.parametrize("frequency", ["", "eenmalig"])
def test_no_due_date_without_a_repeating_frequency(frequency):
    data = replace(with_indicator(measuring_frequency=frequency), as_of=date(2022, 12, 1))
    assert findings(data, "DIN-10") == []


def test_qualitative_goal_has_no_measurement_rule():
    data = with_goal(kind=GoalKind.QUALITATIVE, indicator=None)
    assert findings(data, "DIN-10") == []


# DIN-13 text and target disagree

STATEMENT_1A = (
    "Groei van het aantal bezoekers per week van het centrum met 7.000 ten opzichte van 2016 "
    "(93.000)"
)


def test_text_and_target_agree():
    assert findings(with_goal(statement=STATEMENT_1A), "DIN-13") == []


def test_text_still_names_the_old_target():
    indicator = replace(INDICATOR, target_value=Decimal("8000"))
    data = with_goal(statement=STATEMENT_1A, indicator=indicator)
    (f,) = findings(data, "DIN-13")
    assert f.severity == Severity.WARNING and f.key == "1a"
    with translation.override("nl"):
        (f,) = findings(data, "DIN-13")
        assert f.subject == "doel 1a"
        assert f.message == (
            "De tekst noemt 7.000, de streefwaarde is 8.000: pas de tekst of de streefwaarde aan."
        )
        assert str(RULES["DIN-13"].title) == "Tekst en streefwaarde spreken elkaar tegen"
    assert f.fix_url == "/programmas/test-programma/doel/7/bewerken"


def test_text_and_target_several_disagreements_in_one_finding():
    indicator = replace(INDICATOR, target_value=Decimal("8000"), baseline_value=Decimal("95000"))
    data = with_goal(statement=STATEMENT_1A + " in 2021", indicator=indicator)
    with translation.override("nl"):
        (f,) = findings(data, "DIN-13")
    assert f.message == (
        "De tekst noemt 7.000, de streefwaarde is 8.000: pas de tekst of de streefwaarde aan. "
        "De tekst noemt 93.000, de nulmeting is 95.000: pas de tekst of de nulmeting aan. "
        "De tekst noemt 2021, de streefdatum ligt in 2022: pas de tekst of de streefdatum aan."
    )


def test_text_and_target_the_strategic_goal_names_the_deadline():
    indicator = replace(INDICATOR, target_date=date(2023, 6, 1))
    data = replace(
        with_goal(statement=STATEMENT_1A, indicator=indicator),
        strategic_goals=(StrategicGoalData("1", "In 2022 recreëren meer bezoekers"),),
    )
    with translation.override("nl"):
        (f,) = findings(data, "DIN-13")
    assert f.message == (
        "Strategisch doel 1 noemt 2022, de streefdatum ligt in 2023: pas de tekst van het "
        "strategisch doel of de streefdatum aan."
    )


def test_text_and_target_decimals_as_the_text_writes_them():
    indicator = replace(INDICATOR, target_kind=TargetKind.REACH, target_value=Decimal("7.5"))
    data = with_goal(statement="Gemiddeld een 7,0", indicator=indicator)
    with translation.override("nl"):
        (f,) = findings(data, "DIN-13")
    assert f.message.startswith("De tekst noemt 7,0, de streefwaarde is 7,5:")


def test_text_and_target_not_for_a_qualitative_goal_or_one_without_indicator():
    assert findings(with_goal(kind=GoalKind.QUALITATIVE, statement="In 2099 7.000"), "DIN-13") == []
    assert findings(with_goal(indicator=None, statement="In 2099 7.000"), "DIN-13") == []


# The result as a whole


def test_counts_and_errors():
    data = replace(with_effort(owner="", goal_codes=()), reporting=ReportingData(False))
    result = run_checks(data)
    counts = {severity: n for severity, _label, _icon, n in result.counts}
    assert counts == {"fout": 2, "waarschuwing": 2, "info": 0}
    assert result.has_errors
    assert {f.severity for f in result.findings} <= set(Severity.values)
    for finding in result.findings:
        assert finding.severity == RULES[finding.rule_id].severity
        assert set(finding.as_dict()) == {"rule", "severity", "subject", "message", "fix_url"}


def test_a_rule_is_one_decorated_function():
    """The decorator registers the rule with everything the page and the command show; an id
    can be registered once only."""
    rule = RULES["DIN-05"]
    assert rule.check.__name__ == "check_efforts_serve"
    assert rule.title and rule.explanation and rule.how_to_fix and rule.icon
    with pytest.raises(ValueError, match="DIN-05"):
        checks.rule("DIN-05", Severity.INFO, title="x", explanation="x", how_to_fix="x")(
            lambda data: ()
        )
    assert RULES["DIN-05"] is rule
