"""The 5×5 heat map of a risk register: a pure computation (no database), shared by the page
and the tests. Rows run from likelihood 5 (top) down to 1, columns from impact 1 to 5."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from .constants import SCALE, ScoreBand, score_band


class Scored(Protocol):
    likelihood: int | None
    impact: int | None


@dataclass
class Cell:
    likelihood: int
    impact: int
    risks: list = field(default_factory=list)

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def band(self) -> ScoreBand:
        return score_band(self.score)

    @property
    def count(self) -> int:
        return len(self.risks)


@dataclass
class Row:
    likelihood: int
    cells: list[Cell]


@dataclass
class HeatMap:
    rows: list[Row]
    unscored: list

    def cell(self, likelihood: int, impact: int) -> Cell:
        return self.rows[len(SCALE) - likelihood].cells[impact - 1]

    @property
    def scored_count(self) -> int:
        return sum(c.count for r in self.rows for c in r.cells)


def heat_map(risks: Iterable[Scored]) -> HeatMap:
    """Place every scored risk in its cell (order kept); unscored risks go to ``unscored``."""
    rows = [Row(lk, [Cell(lk, im) for im in SCALE]) for lk in reversed(SCALE)]
    grid = {(c.likelihood, c.impact): c for r in rows for c in r.cells}
    unscored: list = []
    for risk in risks:
        cell = grid.get((risk.likelihood, risk.impact))
        if cell is None:
            unscored.append(risk)
        else:
            cell.risks.append(risk)
    return HeatMap(rows=rows, unscored=unscored)
