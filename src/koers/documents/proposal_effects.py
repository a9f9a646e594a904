"""What a change proposal does to the goals and the budget, from plain data (no ORM, no I/O):
which operational goals gain an effort's support (a link added) and which lose it (a link
removed; an effort removed or stopped, so that every goal it serves loses it; a goal removed),
and the budget lines from the current year on of the efforts that are removed or stopped.

:mod:`koers.documents.selectors_proposal` reads the data, :mod:`koers.documents.proposal` says it
in words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from koers.programmes.constants import ChangeKind

GOAL = "programmes.operationalgoal"
EFFORT = "programmes.effort"
LINK = "programmes.goaleffortlink"

#: The kinds of change after which an effort no longer serves its goals or spends its budget.
EFFORT_ENDS = frozenset({ChangeKind.EFFORT_REMOVED, ChangeKind.EFFORT_STOPPED})


@dataclass(frozen=True)
class Proposed:
    """One pending change as plain data: its number in the proposal (1, 2, …), the kinds of
    change it makes, the element it acts on (model label, key) and the elements its arguments
    name (argument → (model label, key))."""

    number: int
    kinds: tuple[str, ...]
    target: tuple[str, int] | None = None
    refs: Mapping[str, tuple[str, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Link:
    """A link of the DIN: effort ``effort`` serves operational goal ``goal``."""

    pk: int
    goal: int
    effort: int


@dataclass(frozen=True)
class Support:
    """Goal ``goal`` gains or loses the support of effort ``effort`` (None: the goal itself is
    removed) through change ``number`` of kind ``kind``."""

    goal: int
    effort: int | None
    number: int
    kind: str


@dataclass(frozen=True)
class Line:
    """A budget line: ``amount`` for ``effort`` in ``year`` from ``source``."""

    effort: int
    year: int
    source: str
    amount: Decimal


@dataclass(frozen=True)
class BudgetEffect:
    """The budget lines from the current year on of an effort that is removed or stopped."""

    effort: int
    number: int
    kind: str
    lines: tuple[Line, ...]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))


@dataclass(frozen=True)
class Effects:
    gains: tuple[Support, ...]
    losses: tuple[Support, ...]
    ending: tuple[tuple[int, int, str], ...]  # (effort, change number, kind) removed or stopped

    @property
    def efforts_ending(self) -> set[int]:
        return {effort for effort, _number, _kind in self.ending}


def _key(ref) -> int | None:
    return ref[1] if ref else None


def goal_effects(changes: Sequence[Proposed], links: Iterable[Link]) -> Effects:
    """The goals that gain and lose support by ``changes``, given the DIN's current ``links``;
    each (goal, effort) once, at the first change that causes it."""
    links = list(links)
    by_pk = {link.pk: link for link in links}
    gains: dict[tuple[int, int | None], Support] = {}
    losses: dict[tuple[int, int | None], Support] = {}
    ending: dict[int, tuple[int, int, str]] = {}

    def lose(goal: int, effort: int | None, change: Proposed, kind: str) -> None:
        losses.setdefault((goal, effort), Support(goal, effort, change.number, kind))

    for change in changes:
        target_model, target_id = change.target or ("", None)
        for kind in change.kinds:
            if kind == ChangeKind.LINK_ADDED:
                goal = _key(change.refs.get("operational_goal"))
                effort = _key(change.refs.get("effort"))
                if goal is not None and effort is not None:
                    gains.setdefault((goal, effort), Support(goal, effort, change.number, kind))
            elif kind == ChangeKind.LINK_REMOVED and target_model == LINK:
                link = by_pk.get(target_id)
                if link is not None:
                    lose(link.goal, link.effort, change, kind)
            elif kind in EFFORT_ENDS and target_model == EFFORT and target_id is not None:
                ending.setdefault(target_id, (target_id, change.number, kind))
                for link in links:
                    if link.effort == target_id:
                        lose(link.goal, link.effort, change, kind)
            elif kind == ChangeKind.GOAL_REMOVED and target_model == GOAL and target_id is not None:
                lose(target_id, None, change, kind)
    # A link both added and taken away again by the proposal changes nothing.
    both = gains.keys() & losses.keys()
    return Effects(
        gains=tuple(s for k, s in gains.items() if k not in both),
        losses=tuple(s for k, s in losses.items() if k not in both),
        ending=tuple(ending.values()),
    )


def budget_effects(
    effects: Effects, lines: Iterable[Line], *, from_year: int
) -> list[BudgetEffect]:
    """Per effort removed or stopped (in the order of the changes), its budget lines from
    ``from_year`` on; efforts without such lines are left out."""
    by_effort: dict[int, list[Line]] = {}
    for line in lines:
        if line.year >= from_year:
            by_effort.setdefault(line.effort, []).append(line)
    return [
        BudgetEffect(effort, number, kind, tuple(by_effort[effort]))
        for effort, number, kind in effects.ending
        if by_effort.get(effort)
    ]
