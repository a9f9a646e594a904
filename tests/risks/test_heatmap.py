"""The heat map as a pure computation."""

from dataclasses import dataclass

from koers.risks.heatmap import heat_map


@dataclass
class R:
    title: str
    likelihood: int | None
    impact: int | None


def test_cells_rows_and_unscored():
    risks = [R("a", 4, 5), R("b", 4, 5), R("c", 1, 1), R("d", None, None), R("e", 5, 2)]
    hm = heat_map(risks)
    assert [r.likelihood for r in hm.rows] == [5, 4, 3, 2, 1]
    assert [c.impact for c in hm.rows[0].cells] == [1, 2, 3, 4, 5]
    assert [r.title for r in hm.cell(4, 5).risks] == ["a", "b"]
    assert hm.cell(4, 5).count == 2 and hm.cell(4, 5).score == 20
    assert hm.cell(1, 1).count == 1
    assert hm.cell(5, 2).count == 1
    assert hm.scored_count == 4
    assert [r.title for r in hm.unscored] == ["d"]
    assert sum(c.count for row in hm.rows for c in row.cells) + len(hm.unscored) == len(risks)


def test_empty():
    hm = heat_map([])
    assert hm.scored_count == 0 and hm.unscored == []
    assert len(hm.rows) == 5 and all(len(r.cells) == 5 for r in hm.rows)
