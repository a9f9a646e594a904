"""The register of the DIN's rules: each rule is one function decorated with :func:`rule`, which
carries its id, severity, title, explanation and how to fix it. :func:`run_checks` runs every
registered rule in the order of its id. The helpers below build the findings the rules yield."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from koers.din.constants import SEVERITY_ICONS, Severity
from koers.programmes.constants import EffortStatus

from .data import DinData, EffortData, GoalData
from .results import CheckResult, Finding, RuleResult

Check = Callable[[DinData], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    title: str
    explanation: str  # why the rule matters
    how_to_fix: str
    #: The function that yields the rule's findings (see :func:`finding`).
    check: Check = field(compare=False, repr=False)

    @property
    def severity_label(self) -> str:
        return str(Severity(self.severity).label)

    @property
    def icon(self) -> str:
        return SEVERITY_ICONS[self.severity]


#: Every rule by id, in the order of the ids (``DIN-01`` …), filled by :func:`rule`.
RULES: dict[str, Rule] = {}


def rule(id: str, severity: str, *, title: str, explanation: str, how_to_fix: str):
    """Register the decorated function as the check of the rule ``id``. The function takes the
    programme as :class:`DinData` and yields its findings, made with :func:`finding`."""

    def register(check: Check) -> Check:
        if id in RULES:
            raise ValueError(f"The rule {id} is registered twice.")
        RULES[id] = Rule(id, severity, title, explanation, how_to_fix, check)
        ordered = sorted(RULES.items())
        RULES.clear()
        RULES.update(ordered)
        return check

    return register


def run_checks(data: DinData) -> CheckResult:
    """Every rule, in the order of :data:`RULES`, with its findings."""
    return CheckResult(
        data,
        [
            RuleResult(r, [replace(f, rule_id=r.id, severity=r.severity) for f in r.check(data)])
            for r in RULES.values()
        ],
    )


def finding(data: DinData, subject: str, message: str, key: object = "", **fix) -> Finding:
    """A finding of the rule being checked, about ``subject`` (its code or pk as ``key``), with
    the page that fixes it in ``fix`` (the ``fix_…`` fields of :class:`Finding`).
    :func:`run_checks` fills in the rule's id and severity."""
    return Finding("", "", subject, message, programme_slug=data.slug, key=str(key), **fix)


def goal_subject(code: str) -> str:
    return _("goal %(code)s") % {"code": code}


def strategic_subject(code: str) -> str:
    return _("strategic goal %(code)s") % {"code": code}


def effort_subject(name: str) -> str:
    return _("effort %(name)s") % {"name": name}


def goal_edit(data: DinData, goal: GoalData) -> dict:
    if goal.pk is None:
        return {}
    return {
        "fix_route": "programmes:element_edit",
        "fix_kwargs": (("slug", data.slug), ("kind", "doel"), ("pk", goal.pk)),
        "fix_perm": "programmes.change_programme",
        "fix_label": _("Edit the goal"),
    }


def effort_edit(data: DinData, effort: EffortData) -> dict:
    return {
        "fix_route": "programmes:element_edit",
        "fix_kwargs": (("slug", data.slug), ("kind", "inspanning"), ("pk", effort.pk)),
        "fix_perm": "programmes.change_programme",
        "fix_label": _("Edit the effort"),
    }


def is_active(effort: EffortData) -> bool:
    return effort.status not in (EffortStatus.COMPLETED, EffortStatus.STOPPED)
