"""Totals of partners' contributions: plain computations over plain data, no ORM.

A contribution is anything with ``kind``, ``committed_amount``, ``delivered_amount``,
``committed_hours``, ``delivered_hours`` and ``delivered_note``. Money and hours are added as
``Decimal`` (exact to the cent); deliverables are counted, and one counts as delivered when
what was delivered is described.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .constants import ContributionKind

ZERO = Decimal("0")


@dataclass
class Totals:
    committed_amount: Decimal = ZERO
    delivered_amount: Decimal = ZERO
    committed_hours: Decimal = ZERO
    delivered_hours: Decimal = ZERO
    deliverables: int = 0
    delivered_deliverables: int = 0
    count: int = 0

    def add(self, c) -> None:
        self.count += 1
        if c.kind == ContributionKind.MONEY:
            self.committed_amount += c.committed_amount or ZERO
            self.delivered_amount += c.delivered_amount or ZERO
        elif c.kind == ContributionKind.HOURS:
            self.committed_hours += c.committed_hours or ZERO
            self.delivered_hours += c.delivered_hours or ZERO
        elif c.kind == ContributionKind.DELIVERABLE:
            self.deliverables += 1
            if (c.delivered_note or "").strip():
                self.delivered_deliverables += 1

    @property
    def has_money(self) -> bool:
        return bool(self.committed_amount or self.delivered_amount)

    @property
    def has_hours(self) -> bool:
        return bool(self.committed_hours or self.delivered_hours)

    @property
    def money_outstanding(self) -> Decimal:
        """Committed money not (yet) delivered; never below zero."""
        return max(self.committed_amount - self.delivered_amount, ZERO)

    @property
    def hours_outstanding(self) -> Decimal:
        return max(self.committed_hours - self.delivered_hours, ZERO)


def totals(contributions: Iterable) -> Totals:
    result = Totals()
    for c in contributions:
        result.add(c)
    return result


def totals_by_year(contributions: Iterable) -> dict[int, Totals]:
    """The totals per year, the years in order."""
    by_year: dict[int, Totals] = {}
    for c in sorted(contributions, key=lambda c: c.year):
        by_year.setdefault(c.year, Totals()).add(c)
    return by_year
