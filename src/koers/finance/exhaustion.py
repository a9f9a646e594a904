"""How far the budget is used ("uitputting"): per budget line, effort, source and year (pure:
no ORM, no I/O).

The rule is the simple one, stated here so nobody has to guess it:

* **budget** is the budget line's amount;
* **committed** ("vastgelegd") is the sum of the commitments (``verplichting``) booked on it;
* **spent** ("besteed") is the sum of the expenditure (``uitgave``) booked on it;
* **remaining** = budget − committed − spent;
* **used** = (committed + spent) / budget × 100, rounded to one decimal (None when the budget
  is zero);
* **overspent** when remaining is below zero.

A commitment is not reduced when it is later paid: the financial system is expected to deliver a
commitment and its payment so that they are not counted twice (for example only the part of the
commitment not yet paid). Matching payments to commitments is out of scope.

Inputs are duck-typed: a line has ``pk``, ``amount``, ``source_id``, ``year``, ``effort_id`` and
``label``; an entry has ``budget_line_id``, ``kind`` (``verplichting``/``uitgave``) and
``amount``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0.00")
COMMITMENT = "verplichting"
EXPENDITURE = "uitgave"
RULE = "remaining = budget − committed − spent"


@dataclass
class Exhaustion:
    """Budget, committed and spent for one line or a group of lines."""

    key: Hashable = None
    label: str = ""
    budget: Decimal = ZERO
    committed: Decimal = ZERO
    spent: Decimal = ZERO
    subject: object = None  # the line, effort or source this is about (for the page)
    lines: list = field(default_factory=list)

    @property
    def used(self) -> Decimal:
        return self.committed + self.spent

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.committed - self.spent

    @property
    def percentage(self) -> Decimal | None:
        """Committed plus spent as a percentage of the budget (one decimal); None without budget."""
        if not self.budget:
            return None
        return (self.used * 100 / self.budget).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def overspent(self) -> bool:
        return self.remaining < 0

    @property
    def overspend(self) -> Decimal:
        """How much more is used than budgeted (zero when within budget)."""
        return -self.remaining if self.overspent else ZERO

    def add(self, other: Exhaustion) -> None:
        self.budget += other.budget
        self.committed += other.committed
        self.spent += other.spent


@dataclass
class ExhaustionReport:
    lines: list[Exhaustion]
    efforts: list[Exhaustion]
    sources: list[Exhaustion]
    source_years: list[Exhaustion]
    years: list[Exhaustion]
    total: Exhaustion

    @property
    def overspent_lines(self) -> list[Exhaustion]:
        return [e for e in self.lines if e.overspent]


def line_exhaustion(line, entries: Iterable) -> Exhaustion:
    """One budget line against the entries booked on it (entries of other lines are ignored)."""
    result = Exhaustion(key=line.pk, label=line.label, budget=line.amount, subject=line)
    for entry in entries:
        if entry.budget_line_id != line.pk:
            continue
        if entry.kind == COMMITMENT:
            result.committed += entry.amount
        elif entry.kind == EXPENDITURE:
            result.spent += entry.amount
        else:
            raise ValueError(f"unknown kind of spending: {entry.kind!r}")
    return result


def _group(per_line: list[Exhaustion], key, label, subject=None) -> list[Exhaustion]:
    groups: dict = {}
    for item in per_line:
        line = item.subject
        k = key(line)
        group = groups.get(k)
        if group is None:
            group = groups[k] = Exhaustion(
                key=k, label=label(line), subject=subject(line) if subject else None
            )
        group.add(item)
        group.lines.append(item)
    return list(groups.values())


def exhaustion_report(lines: Iterable, entries: Iterable) -> ExhaustionReport:
    """Exhaustion per line (in the order given) and rolled up per effort (or programme-level
    item), per source, per source and year, per year and in total."""
    lines = list(lines)
    by_line: dict = {line.pk: [] for line in lines}
    for entry in entries:
        if entry.budget_line_id in by_line:
            by_line[entry.budget_line_id].append(entry)
    per_line = [line_exhaustion(line, by_line[line.pk]) for line in lines]

    def effort_key(line):
        return ("e", line.effort_id) if line.effort_id else ("i", line.label.casefold())

    efforts = _group(
        per_line, effort_key, lambda x: x.label, lambda x: x.effort if x.effort_id else None
    )
    efforts.sort(key=lambda e: (e.key[0] == "i", e.label.casefold()))
    sources = _group(
        per_line,
        lambda x: x.source_id,
        lambda x: str(getattr(x, "source", x.source_id)),
        lambda x: getattr(x, "source", None),
    )
    source_years = _group(
        per_line,
        lambda x: (x.source_id, x.year),
        lambda x: f"{getattr(x, 'source', x.source_id)} {x.year}",
    )
    source_years.sort(key=lambda e: (sources.index(_find(sources, e.key[0])), e.key[1]))
    years = sorted(_group(per_line, lambda x: x.year, lambda x: str(x.year)), key=lambda e: e.key)
    total = Exhaustion(key="total")
    for item in per_line:
        total.add(item)
    return ExhaustionReport(per_line, efforts, sources, source_years, years, total)


def _find(groups: list[Exhaustion], key) -> Exhaustion:
    return next(g for g in groups if g.key == key)
