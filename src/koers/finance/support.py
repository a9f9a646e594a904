"""Which operational goals gain or lose support when money moves from one effort to another
(pure: no ORM, no I/O).

An effort *serves* the operational goals it is linked to in the DIN. Moving money from effort A
to effort B takes support away from the goals A serves and B does not, and gives support to the
goals B serves and A does not; goals both serve keep it. Goals are any hashable values (codes or
goal objects); they are returned sorted by code, with numbers compared as numbers (2a before 10a).
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

_PARTS = re.compile(r"(\d+)")


def goal_sort_key(goal: Hashable) -> tuple:
    code = str(getattr(goal, "code", goal)).casefold()
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in _PARTS.split(code) if p)


def _sorted(goals: Iterable) -> list:
    return sorted(goals, key=goal_sort_key)


@dataclass(frozen=True)
class SupportChange:
    losing: list  # served by the from-effort only: they lose support
    gaining: list  # served by the to-effort only: they gain support
    kept: list  # served by both


def goals_losing_support(from_goals: set, to_goals: set) -> SupportChange:
    """The goals ``from_goals`` holds that ``to_goals`` does not (losing support), the other way
    round (gaining support), and the goals in both (kept)."""
    from_goals, to_goals = set(from_goals), set(to_goals)
    return SupportChange(
        losing=_sorted(from_goals - to_goals),
        gaining=_sorted(to_goals - from_goals),
        kept=_sorted(from_goals & to_goals),
    )
