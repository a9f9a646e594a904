"""Reading the budget: one programme's sources, availability and lines in a fixed number of
queries (three, however many lines there are), summed by :func:`build_budget`, which does no
queries of its own."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.http import Http404

from koers.programmes.models import Programme

from .models import BudgetLine, FundingSource, SourceAvailability

ZERO = Decimal("0.00")


@dataclass
class BudgetRow:
    """One effort or programme-level item under one source, with its amount per year."""

    label: str
    effort: object | None
    cells: list[BudgetLine | None]
    total: Decimal = ZERO


@dataclass
class AvailabilityCell:
    """Allocated against available for one source in one year."""

    year: int
    allocated: Decimal
    available: Decimal | None
    record: SourceAvailability | None

    @property
    def difference(self) -> Decimal | None:
        """Available minus allocated: negative means more is allocated than available."""
        return None if self.available is None else self.available - self.allocated

    @property
    def over(self) -> bool:
        return self.available is not None and self.allocated > self.available

    @property
    def unknown(self) -> bool:
        return self.available is None and self.allocated > 0


@dataclass
class SourceBlock:
    source: FundingSource
    rows: list[BudgetRow]
    year_totals: list[Decimal]
    total: Decimal
    availability: list[AvailabilityCell]
    available_total: Decimal


@dataclass
class EffortTotal:
    label: str
    effort: object | None
    per_year: list[Decimal]
    total: Decimal


@dataclass
class Budget:
    programme: Programme
    years: list[int]
    sources: list[SourceBlock]
    year_totals: list[Decimal]
    total: Decimal
    available_total: Decimal
    efforts: list[EffortTotal]
    notes: list[str]

    @property
    def note_numbers(self) -> dict[str, int]:
        return {note: i for i, note in enumerate(self.notes, start=1)}

    @property
    def over_allocated(self) -> list[tuple[SourceBlock, AvailabilityCell]]:
        return [(b, c) for b in self.sources for c in b.availability if c.over]


def programme_budget(programme: Programme) -> Budget:
    """The whole budget of ``programme``: three queries."""
    sources = list(
        FundingSource.objects.filter(programme=programme).prefetch_related(
            Prefetch("availabilities", queryset=SourceAvailability.objects.order_by("year"))
        )
    )
    lines = list(
        BudgetLine.objects.filter(programme=programme)
        .select_related("effort")
        .order_by("year", "pk")
    )
    return build_budget(programme, sources, lines)


def build_budget(programme: Programme, sources, lines) -> Budget:
    """Sum ``lines`` per source, row and year and set them against what each source makes
    available (``source.availabilities`` must be prefetched). No queries."""
    by_source: dict[int, list[BudgetLine]] = defaultdict(list)
    for line in lines:
        by_source[line.source_id].append(line)
        if line.effort_id:
            line.effort.programme = programme  # the same programme: no query for its URL
    years = sorted(
        {line.year for line in lines} | {a.year for s in sources for a in s.availabilities.all()}
    )
    index = {year: i for i, year in enumerate(years)}
    blocks = []
    effort_rows: dict[tuple, EffortTotal] = {}
    for source in sources:
        rows: dict[tuple, BudgetRow] = {}
        for line in by_source.get(source.pk, []):
            key = ("e", line.effort_id) if line.effort_id else ("i", line.item.casefold())
            row = rows.get(key)
            if row is None:
                row = rows[key] = BudgetRow(line.label, line.effort, [None] * len(years))
            row.cells[index[line.year]] = line
            row.total += line.amount
            total = effort_rows.get(key)
            if total is None:
                total = effort_rows[key] = EffortTotal(
                    line.label, line.effort, [ZERO] * len(years), ZERO
                )
            total.per_year[index[line.year]] += line.amount
            total.total += line.amount
        year_totals = [ZERO] * len(years)
        for row in rows.values():
            for i, cell in enumerate(row.cells):
                if cell is not None:
                    year_totals[i] += cell.amount
        available = {a.year: a for a in source.availabilities.all()}
        cells = [
            AvailabilityCell(
                year,
                year_totals[i],
                available[year].amount if year in available else None,
                available.get(year),
            )
            for i, year in enumerate(years)
        ]
        blocks.append(
            SourceBlock(
                source=source,
                rows=list(rows.values()),
                year_totals=year_totals,
                total=sum(year_totals, ZERO),
                availability=cells,
                available_total=sum((a.amount for a in available.values()), ZERO),
            )
        )
    grand_years = [sum((b.year_totals[i] for b in blocks), ZERO) for i in range(len(years))]
    notes = [line.note for line in lines if line.note]
    return Budget(
        programme=programme,
        years=years,
        sources=blocks,
        year_totals=grand_years,
        total=sum(grand_years, ZERO),
        available_total=sum((b.available_total for b in blocks), ZERO),
        efforts=sorted(effort_rows.values(), key=lambda e: (e.effort is None, e.label.casefold())),
        notes=list(dict.fromkeys(notes)),
    )


def source_get(programme: Programme, pk: int) -> FundingSource:
    source = FundingSource.objects.filter(programme=programme, pk=pk).first()
    if source is None:
        raise Http404
    return source


def availability_get(programme: Programme, pk: int) -> SourceAvailability:
    record = (
        SourceAvailability.objects.select_related("source")
        .filter(source__programme=programme, pk=pk)
        .first()
    )
    if record is None:
        raise Http404
    return record


def budget_line_get(programme: Programme, pk: int) -> BudgetLine:
    line = (
        BudgetLine.objects.select_related("source", "effort")
        .filter(programme=programme, pk=pk)
        .first()
    )
    if line is None:
        raise Http404
    return line


def effort_budget(effort) -> list[BudgetLine]:
    """The budget lines of one effort (for a link or summary on the effort page): one query."""
    return list(effort.budget_lines.select_related("source").order_by("year", "source__order"))


def effort_budget_lines(programme: Programme, efforts, *, from_year: int) -> list[BudgetLine]:
    """The budget lines of the efforts with the keys ``efforts`` from ``from_year`` on (what a
    removed or stopped effort would no longer spend), by effort, year and source: one query."""
    keys = {pk for pk in efforts if pk is not None}
    if not keys:
        return []
    return list(
        BudgetLine.objects.filter(programme=programme, effort_id__in=keys, year__gte=from_year)
        .select_related("source")
        .order_by("effort_id", "year", "source__order", "source__name", "pk")
    )
