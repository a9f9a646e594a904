"""DIN-06, DIN-07 and DIN-08: the owner and the money of the efforts."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.din.constants import Severity
from koers.programmes.constants import MunicipalityRole

from .data import DinData
from .registry import effort_edit, effort_subject, finding, is_active, rule
from .results import Finding


@rule(
    "DIN-06",
    Severity.WARNING,
    title=gettext_lazy("Effort without owner"),
    explanation=gettext_lazy(
        "Every effort that is planned or running needs an owner (trekker) who is "
        "accountable for it and writes its progress reports. Completed and stopped "
        "efforts are not checked."
    ),
    how_to_fix=gettext_lazy("Edit the effort and choose its owner."),
)
def check_owners(data: DinData) -> Iterable[Finding]:
    for effort in data.efforts:
        if is_active(effort) and not effort.owner.strip():
            yield finding(
                data,
                effort_subject(effort.name),
                _("The effort has no owner (trekker)."),
                effort.pk,
                **effort_edit(data, effort),
            )


def _budget_fix(data: DinData, **extra) -> dict:
    return {
        "fix_route": "finance:line_create",
        "fix_kwargs": (("slug", data.slug),),
        "fix_perm": "finance.change_budget",
        "fix_label": _("Add a budget line"),
        **extra,
    }


@rule(
    "DIN-07",
    Severity.WARNING,
    title=gettext_lazy("Effort without budget"),
    explanation=gettext_lazy(
        "An effort that is planned or running has no budget line, so it is unclear what "
        "money it may spend. Efforts where the municipality only aligns (afstemming) and "
        "completed or stopped efforts are not checked. When the programme has no budget "
        "lines at all, this is one finding for the whole programme."
    ),
    how_to_fix=gettext_lazy(
        "Add a budget line for the effort, or note why it needs no money of the programme."
    ),
)
def check_budget(data: DinData) -> Iterable[Finding]:
    candidates = [
        e
        for e in data.efforts
        if is_active(e) and e.municipality_role != MunicipalityRole.ALIGNMENT
    ]
    if not candidates:
        return
    if not data.budget_lines:
        yield finding(
            data,
            _("programme"),
            _("The programme has no budget lines, so no effort has a budget."),
            **_budget_fix(data),
        )
        return
    funded = {line.effort_pk for line in data.budget_lines if line.effort_pk is not None}
    for effort in candidates:
        if effort.pk not in funded:
            yield finding(
                data,
                effort_subject(effort.name),
                _("The effort has no budget line."),
                effort.pk,
                **_budget_fix(data, fix_query=(("effort", effort.pk),)),
            )


@rule(
    "DIN-08",
    Severity.INFO,
    title=gettext_lazy("Budget line without effort"),
    explanation=gettext_lazy(
        "The line is for a programme-level item, not for an effort. That is allowed: the "
        "programme contract itself budgets its programme organisation this way. It is "
        "listed so that money which really belongs to an effort, or to an effort missing "
        "from the DIN, is noticed. Koers does not allow an effort with budget lines to be "
        "deleted, so no line can lose its effort."
    ),
    how_to_fix=gettext_lazy(
        "Check that the item is really for the programme as a whole; otherwise change the "
        "line to the effort it is for."
    ),
)
def check_budget_lines(data: DinData) -> Iterable[Finding]:
    from koers.finance.money import format_euro

    for line in data.budget_lines:
        if line.effort_pk is None:
            yield finding(
                data,
                _("budget line %(item)s") % {"item": line.item},
                _("%(amount)s from %(source)s in %(year)s is for a programme-level item.")
                % {"amount": format_euro(line.amount), "source": line.source, "year": line.year},
                line.pk,
                fix_route="finance:line_edit",
                fix_kwargs=(("slug", data.slug), ("pk", line.pk)),
                fix_perm="finance.change_budget",
                fix_label=_("Edit the budget line"),
            )
