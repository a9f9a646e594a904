"""What the quality check finds: a finding per problem, the findings per rule, and the result of
the whole check with its counts per severity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.din.constants import SEVERITY_ICONS, SEVERITY_ORDER, Severity

from .data import DinData, is_measurable

if TYPE_CHECKING:
    from .registry import Rule


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: str
    subject: str  # e.g. "doel A3", "inspanning Evenementen", "programma"
    message: str  # one or two sentences in the active language
    programme_slug: str = ""
    key: str = ""  # the goal's or strategic goal's code, the effort's or line's pk
    fix_route: str = ""  # URL name of the page that fixes it ("" when there is none)
    fix_kwargs: tuple[tuple[str, object], ...] = ()
    fix_query: tuple[tuple[str, object], ...] = ()
    fix_perm: str = ""  # the permission needed to use that page…
    fix_effort_pk: int | None = None  # …on this effort, or else on the programme
    fix_label: str = ""

    @property
    def fix_url(self) -> str:
        if not self.fix_route:
            return ""
        url = reverse(self.fix_route, kwargs=dict(self.fix_kwargs))
        return f"{url}?{urlencode(self.fix_query)}" if self.fix_query else url

    @property
    def severity_label(self) -> str:
        return str(Severity(self.severity).label)

    def as_dict(self) -> dict:
        return {
            "rule": self.rule_id,
            "severity": self.severity,
            "subject": self.subject,
            "message": self.message,
            "fix_url": self.fix_url or None,
        }


@dataclass(frozen=True)
class RuleResult:
    rule: Rule
    findings: list[Finding]

    @property
    def passed(self) -> bool:
        return not self.findings


@dataclass(frozen=True)
class CheckResult:
    data: DinData
    results: list[RuleResult]

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def counts(self) -> list[tuple[str, str, str, int]]:
        """(severity, label, icon, number of findings) for every severity, worst first."""
        return [(s.value, str(s.label), SEVERITY_ICONS[s], self.count(s)) for s in SEVERITY_ORDER]

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.ERROR) > 0

    @property
    def not_measurable(self) -> list[str]:
        """Codes of the operational goals that are not measurable as written."""
        return [g.code for g in self.data.goals if not is_measurable(g)]

    @property
    def measurability_sentence(self) -> str:
        total = len(self.data.goals)
        n = len(self.not_measurable)
        if not total:
            return _("The programme has no operational goals yet.")
        if n == 0:
            return _("Every operational goal is measurable as written.")
        if n == total:
            return ngettext(
                "The only operational goal is not measurable as written.",
                "None of the %(total)s operational goals is measurable as written.",
                total,
            ) % {"total": total}
        if n * 2 > total:
            text = _("Most operational goals are not measurable as written: %(n)s of %(total)s.")
        else:
            text = ngettext(
                "%(n)s of %(total)s operational goals is not measurable as written.",
                "%(n)s of %(total)s operational goals are not measurable as written.",
                n,
            )
        return text % {"n": n, "total": total}
