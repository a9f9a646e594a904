"""Reading spending: one programme's budget lines and the entries booked on them in two queries,
however many there are, with the exhaustion computed by :mod:`koers.finance.exhaustion`."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from koers.programmes.models import Programme

from .exhaustion import ExhaustionReport, exhaustion_report
from .models import BudgetLine, Spending


@dataclass
class SpendingOverview:
    programme: Programme
    report: ExhaustionReport
    entries: list[Spending]


def programme_spending(programme: Programme) -> SpendingOverview:
    """Exhaustion per line, effort, source and year, and every entry: two queries."""
    lines = list(
        BudgetLine.objects.filter(programme=programme)
        .select_related("effort", "source")
        .order_by("source__order", "source__name", "year", "pk")
    )
    by_pk = {line.pk: line for line in lines}
    for line in lines:
        if line.effort_id:
            line.effort.programme = programme  # the same programme: no query for its URL
    entries = list(Spending.objects.filter(budget_line__programme=programme).order_by("date", "pk"))
    for entry in entries:
        entry.budget_line = by_pk[entry.budget_line_id]  # no query per entry
    return SpendingOverview(programme, exhaustion_report(lines, entries), entries)


def spending_get(programme: Programme, pk: int) -> Spending:
    """One entry of ``programme`` (404 for another programme's)."""
    entry = (
        Spending.objects.select_related("budget_line__source", "budget_line__effort")
        .filter(budget_line__programme=programme, pk=pk)
        .first()
    )
    if entry is None:
        raise Http404
    return entry
