"""The quality check of a DIN: the rules of a good goals–efforts network, checked against one
programme (pure: no ORM, no I/O).

A DIN has rules: every effort serves a goal (the contract's own scope criterion), every
operational goal is measurable and served by an effort, and so on. Each rule is one function in a
``rules_<topic>`` module, decorated with :func:`~koers.din.checks.registry.rule` which gives it an
id (``DIN-01`` …), a severity and a title, explanation and how to fix it in the active language,
so the page, the command ``koers din-check`` and the documentation (``docs/
kwaliteitscontrole.md``) say the same. :func:`run_checks` takes the programme as plain data
(:class:`DinData`, collected by :mod:`koers.din.selectors_check`) and returns the findings.

Each finding names what is wrong, in a sentence, and where to fix it: a URL name with its
arguments and the permission needed to use it, so the page shows the "fix" link only to whom
may use it.
"""

from koers.din.constants import Severity

from . import rules_efforts, rules_goals, rules_monitoring, rules_network  # noqa: F401 (register)
from .data import (
    BudgetLineData,
    DinData,
    EffortData,
    GoalData,
    IndicatorData,
    ReportingData,
    StrategicGoalData,
    is_measurable,
)
from .registry import RULES, Rule, goal_subject, rule, run_checks
from .results import CheckResult, Finding, RuleResult

__all__ = [
    "RULES",
    "BudgetLineData",
    "CheckResult",
    "DinData",
    "EffortData",
    "Finding",
    "GoalData",
    "IndicatorData",
    "ReportingData",
    "Rule",
    "RuleResult",
    "Severity",
    "StrategicGoalData",
    "goal_subject",
    "is_measurable",
    "rule",
    "run_checks",
]
