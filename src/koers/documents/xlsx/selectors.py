"""What the Excel export of a programme reads, in a fixed number of queries whatever the size of
the programme: the DIN through the exchange's prefetched export (natural keys, no ids), the budget
(sources, availability, lines), and for the read-only sheets the measurements, spending and
risks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch

from koers.finance.models import BudgetLine, FundingSource, SourceAvailability, Spending
from koers.monitoring.models import Measurement
from koers.programmes.exchange import programme_to_dict
from koers.programmes.models import OperationalGoal, Programme
from koers.risks.models import Risk


@dataclass
class WorkbookData:
    programme: Programme
    exchange: dict[str, Any]  # the JSON exchange's data (programme_to_dict)
    sources: list[FundingSource]  # with availabilities prefetched
    lines: list[BudgetLine]  # with source and effort
    measurements: list[Measurement]  # with indicator → operational goal
    spendings: list[Spending]  # with budget line → source, effort
    risks: list[Risk]  # with owner, goals and efforts


def programme_workbook_data(programme: Programme) -> WorkbookData:
    """Everything the workbook of ``programme`` shows: a fixed number of queries.

    Raises :class:`koers.programmes.exchange.ExchangeError` when the programme cannot be written
    with natural keys (two different people with the same name and e-mail address)."""
    exchange = programme_to_dict(programme)
    sources = list(
        FundingSource.objects.filter(programme=programme)
        .order_by("order", "name")
        .prefetch_related(
            Prefetch("availabilities", queryset=SourceAvailability.objects.order_by("year"))
        )
    )
    lines = list(
        BudgetLine.objects.filter(programme=programme)
        .select_related("source", "effort")
        .order_by("source__order", "source__name", "year", "effort__name", "item", "pk")
    )
    measurements = list(
        Measurement.objects.filter(indicator__operational_goal__programme=programme)
        .select_related("indicator__operational_goal")
        .order_by(
            "indicator__operational_goal__order",
            "indicator__operational_goal__code",
            "period_start",
            "period_kind",
            "pk",
        )
    )
    spendings = list(
        Spending.objects.filter(budget_line__programme=programme)
        .select_related("budget_line__source", "budget_line__effort")
        .order_by("date", "pk")
    )
    risks = list(
        Risk.objects.filter(programme=programme)
        .select_related("owner")
        .prefetch_related(
            Prefetch("goals", queryset=OperationalGoal.objects.order_by("order", "code")),
            "efforts",
        )
        .order_by("title", "pk")
    )
    return WorkbookData(programme, exchange, sources, lines, measurements, spendings, risks)
