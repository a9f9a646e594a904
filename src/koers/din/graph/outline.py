"""The DIN as two nested lists, the text alternative of the picture: strategic goals >
operational goals > the efforts serving each; and tracks > efforts > the goals each serves."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .network import (
    Effort,
    Goal,
    Network,
    StrategicGoal,
    external_mark,
    served_by,
    serves,
    track_groups,
)


@dataclass(frozen=True)
class GoalEntry:
    goal: Goal
    efforts: list[Effort]


@dataclass(frozen=True)
class StrategicEntry:
    goal: StrategicGoal
    goals: list[GoalEntry]


@dataclass(frozen=True)
class EffortEntry:
    effort: Effort
    goals: list[Goal]


@dataclass(frozen=True)
class TrackEntry:
    id: int | None
    name: str
    efforts: list[EffortEntry]


def outline(network: Network) -> tuple[list[StrategicEntry], list[TrackEntry]]:
    """The network as two nested lists (the text alternative of the picture): strategic goals >
    operational goals > the efforts serving each; and tracks > efforts > the goals each serves."""
    efforts = {e.id: e for e in network.efforts}
    goals = {g.code: g for g in network.goals}
    by_goal = served_by(network)
    by_effort = serves(network)
    # The other programmes' efforts and goals, as entries that say so in their status.
    external_in: dict[str, list[Effort]] = defaultdict(list)
    others = {x.id: x for x in network.external_efforts}
    for code, x in sorted(network.links_in, key=lambda link: (link[0], link[1])):
        if x in others:
            o = others[x]
            mark = external_mark(network, o.programme)
            external_in[code].append(Effort(id=o.id, name=o.name, url=o.url, status=mark))
    external_out: dict[int, list[Goal]] = defaultdict(list)
    other_goals = {x.id: x for x in network.external_goals}
    for x, effort_id in sorted(network.links_out):
        if x in other_goals:
            o = other_goals[x]
            mark = external_mark(network, o.programme)
            code = f"{o.code} ({mark.label})"
            external_out[effort_id].append(
                Goal(code=code, statement=o.statement, strategic="", url=o.url, status=mark)
            )
    goals_of: dict[str, list[Goal]] = defaultdict(list)
    for goal in network.goals:
        goals_of[goal.strategic].append(goal)
    tree = [
        StrategicEntry(
            sg,
            [
                GoalEntry(
                    g, [efforts[e] for e in by_goal.get(g.code, [])] + external_in.get(g.code, [])
                )
                for g in goals_of.get(sg.code, [])
            ],
        )
        for sg in network.strategic
    ]
    tracks = [
        TrackEntry(
            track_id,
            name,
            [
                EffortEntry(
                    e, [goals[c] for c in by_effort.get(e.id, [])] + external_out.get(e.id, [])
                )
                for e in members
            ],
        )
        for track_id, name, _url, members in track_groups(network)
    ]
    return tree, tracks
