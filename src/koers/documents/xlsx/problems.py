"""What checking a workbook finds: each problem at its sheet, row and column, and the outcome of
the check (the problems, or the data to write)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.monitoring.importing.problems import ImportProblem

from .layout import AVAILABLE_SHEET, BUDGET_SHEET, PROGRAMME_SHEET, SOURCES_SHEET


@dataclass(frozen=True)
class SheetProblem(ImportProblem):
    """An :class:`ImportProblem` in a workbook: also the sheet and the column's letter.
    ``column`` is the column's header."""

    sheet: str | None = None
    letter: str | None = None

    def __str__(self) -> str:
        place = []
        if self.sheet:
            place.append(_("sheet ‘%(sheet)s’") % {"sheet": self.sheet})
        if self.row is not None:
            place.append(_("row %(row)s") % {"row": self.row})
        if self.letter:
            place.append(
                _("column %(letter)s (%(header)s)") % {"letter": self.letter, "header": self.column}
            )
        return f"{', '.join(place)}: {self.message}" if place else self.message


@dataclass(frozen=True)
class Location:
    sheet: str
    row: int | None = None
    letter: str | None = None
    header: str | None = None

    def problem(self, message: str) -> SheetProblem:
        message = message[:1].upper() + message[1:]
        return SheetProblem(self.row, self.header, message, self.sheet, self.letter)


@dataclass
class BudgetRow:
    """A row of Bronnen, Beschikbaar or Begroting, checked."""

    location: Location
    fields: dict[str, Any]


@dataclass
class XlsxCheck:
    """The outcome of checking a workbook: the problems, or the data to write."""

    file_name: str
    problems: list[SheetProblem] = field(default_factory=list)
    data: dict[str, Any] | None = None  # the exchange data
    budget: dict[str, list[BudgetRow]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    reader: Any = field(default=None, repr=False)  # where each exchange path is, for the write

    @property
    def is_valid(self) -> bool:
        return not self.problems and self.data is not None

    @property
    def programme(self) -> dict[str, Any]:
        return (self.data or {}).get(PROGRAMME_SHEET.section, {})

    def counts(self) -> list[tuple[str, int]]:
        """What the programme will hold: (label, number) for the preview."""
        data = self.data or {}
        goals = data.get("operationele_doelen", [])
        efforts = data.get("inspanningen", [])
        return [
            (_("Strategic goals"), len(data.get("strategische_doelen", []))),
            (_("Operational goals"), len(goals)),
            (_("Indicators"), sum(1 for g in goals if g.get("indicator"))),
            (_("Tracks"), len(data.get("sporen", []))),
            (_("Efforts"), len(efforts)),
            (_("Activities"), sum(len(e.get("activities", [])) for e in efforts)),
            (_("Links between goals and efforts"), len(data.get("koppelingen", []))),
            (_("Roles"), len(data.get("rollen", []))),
            (_("People"), len(data.get("personen", []))),
            (_("Partner organisations"), len(data.get("partnerorganisaties", []))),
            (_("Budget lines"), len(self.budget.get(BUDGET_SHEET.section, []))),
        ]

    def budget_per_source(self) -> list[dict[str, Any]]:
        """Per source: what it makes available and what the budget lines allocate."""
        sources = {
            row.fields["name"].casefold(): {
                "name": row.fields["name"],
                "available": Decimal("0.00"),
                "allocated": Decimal("0.00"),
            }
            for row in self.budget.get(SOURCES_SHEET.section, [])
        }
        for part, key in (
            (AVAILABLE_SHEET.section, "available"),
            (BUDGET_SHEET.section, "allocated"),
        ):
            for row in self.budget.get(part, []):
                sources[row.fields["source"].casefold()][key] += row.fields["amount"]
        return list(sources.values())


class XlsxImportRefused(Exception):
    """The workbook has problems: nothing was written."""

    def __init__(self, check: XlsxCheck):
        self.check = check
        count = len(check.problems)
        super().__init__(
            ngettext(
                "The workbook has %(count)s problem; nothing has been imported.",
                "The workbook has %(count)s problems; nothing has been imported.",
                count,
            )
            % {"count": count}
        )
