"""The quality check page: the DIN's rules as a checklist, each finding with a link to the page
that fixes it (for whoever may use that page). Thin: permission, selector, render."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from koers.programmes.selectors import programme_get

from .checks import Finding, RuleResult
from .selectors_check import ProgrammeCheck, programme_check


@dataclass(frozen=True)
class FindingRow:
    finding: Finding
    fix_url: str  # "" when the user may not use the page that fixes it


# The badge of a severity reuses the report aspects' colours; its icon and name say it too.
BADGES = {"fout": "probleem", "waarschuwing": "aandacht", "info": "leeg"}


@dataclass(frozen=True)
class RuleRow:
    result: RuleResult
    rows: list[FindingRow]

    @property
    def badge(self) -> str:
        return BADGES[self.result.rule.severity]


def _fix_url(user, check: ProgrammeCheck, finding: Finding, back: str) -> str:
    if not finding.fix_route:
        return ""
    obj = check.efforts.get(finding.fix_effort_pk) if finding.fix_effort_pk else None
    if not user.has_perm(finding.fix_perm, obj or check.programme):
        return ""
    url = finding.fix_url
    if finding.fix_route.startswith("programmes:"):  # the DIN's forms come back here
        url += ("&" if "?" in url else "?") + f"next={back}"
    return url


def check(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug)
    if not request.user.has_perm("programmes.view_programme", programme):
        raise PermissionDenied
    result = programme_check(programme, as_of=timezone.localdate())
    back = request.path
    rules = [
        RuleRow(r, [FindingRow(f, _fix_url(request.user, result, f, back)) for f in r.findings])
        for r in result.result.results
    ]
    return render(
        request,
        "din/check.html",
        {
            "programme": programme,
            "check": result.result,
            "rules": rules,
            "badges": [(*count, BADGES[count[0]]) for count in result.result.counts],
        },
    )


def urlpatterns(path):
    return [path("<slug:slug>/kwaliteit/", check, name="check")]
