"""The DIN as a network, as plain data (pure: no ORM, no I/O): the mission, strategic goals,
operational goals with their status, tracks, efforts with the status of their latest report, the
links, optionally the activities, and the other programmes' efforts and goals that contributions
join to it. Besides the data: the stable ids of its nodes and the relations between them (what
serves what, one track's part, the efforts per track), which the Graphviz writer
(:mod:`.dot`), the list view (:mod:`.outline`) and the page's script share."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

#: Above this many efforts the whole programme is drawn grouped: one node per track, one line
#: per goal and track (see :func:`to_dot`); a track's own diagram shows its efforts.
GROUP_FROM = 40


@dataclass(frozen=True)
class Mark:
    """A status as the diagram shows it: ``value`` names the colour (CSS class suffix), the
    ``label`` and ``icon`` carry the meaning."""

    value: str
    label: str
    icon: str


@dataclass(frozen=True)
class StrategicGoal:
    code: str
    text: str
    url: str = ""
    title: str = ""
    status: Mark | None = None


@dataclass(frozen=True)
class Goal:
    """An operational goal under the strategic goal ``strategic``."""

    code: str
    statement: str
    strategic: str
    url: str = ""
    status: Mark | None = None


@dataclass(frozen=True)
class Track:
    id: int
    name: str
    order: int = 0
    url: str = ""  # the diagram of this track alone


@dataclass(frozen=True)
class Activity:
    year: int
    description: str


@dataclass(frozen=True)
class Effort:
    id: int
    name: str
    track: int | None = None
    url: str = ""
    status: Mark | None = None
    order: int = 0
    activities: tuple[Activity, ...] = ()


@dataclass(frozen=True)
class ExternalEffort:
    """An effort of another programme serving goals of this one (an accepted contribution)."""

    id: int
    name: str
    programme: str  # the other programme's name
    url: str = ""  # "" when the viewer may not open it


@dataclass(frozen=True)
class ExternalGoal:
    """An operational goal of another programme that efforts of this one serve."""

    id: int
    code: str
    statement: str
    programme: str
    url: str = ""


@dataclass(frozen=True)
class Network:
    """The DIN of one programme. ``links`` holds (goal code, effort id) pairs; ``links_in``
    (goal code, external effort id) and ``links_out`` (external goal id, effort id) the accepted
    contributions with other programmes; ``external_label`` is the words beside an external node
    (``%(name)s``: the other programme); ``pending`` the nodes that proposed changes, not yet in
    force, are about."""

    name: str
    mission: str = ""
    url: str = ""
    strategic: tuple[StrategicGoal, ...] = ()
    goals: tuple[Goal, ...] = ()
    tracks: tuple[Track, ...] = ()
    efforts: tuple[Effort, ...] = ()
    links: frozenset[tuple[str, int]] = field(default_factory=frozenset)
    no_track_label: str = "Zonder spoor"
    mission_label: str = "Missie"
    external_efforts: tuple[ExternalEffort, ...] = ()
    external_goals: tuple[ExternalGoal, ...] = ()
    links_in: frozenset[tuple[str, int]] = field(default_factory=frozenset)
    links_out: frozenset[tuple[int, int]] = field(default_factory=frozenset)
    external_label: str = "ander programma: %(name)s"
    #: The ids of the nodes that a pending change (a change proposal not yet decided on) is
    #: about: drawn with a dashed border and ``pending_label`` in words.
    pending: frozenset[str] = field(default_factory=frozenset)
    pending_label: str = "voorgestelde wijziging, nog niet van kracht"
    #: Links (goal code, effort id) that a pending change would add: drawn dashed, with
    #: ``pending_label``, and not counted as serving (they are not in force).
    proposed_links: frozenset[tuple[str, int]] = field(default_factory=frozenset)


# --- ids ----------------------------------------------------------------------------------------


def node_slug(code: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in code.lower())


def strategic_node_id(code: str) -> str:
    return f"s-{node_slug(code)}"


def goal_node_id(code: str) -> str:
    return f"g-{node_slug(code)}"


def effort_node_id(pk: int) -> str:
    return f"e-{pk}"


def track_cluster_id(pk: int | None) -> str:
    return f"t-{pk}" if pk is not None else "t-none"


def external_effort_node_id(pk: int) -> str:
    return f"x-e-{pk}"


def external_goal_node_id(pk: int) -> str:
    return f"x-g-{pk}"


EXTERNAL = "extern"
EXTERNAL_ICON = "↗"


def external_mark(network: Network, programme: str) -> Mark:
    """What an external node says instead of a status: the other programme, in words."""
    return Mark(EXTERNAL, network.external_label % {"name": programme}, EXTERNAL_ICON)


# --- relations ----------------------------------------------------------------------------------


def serves(network: Network) -> dict[int, list[str]]:
    """Effort id → the codes of the goals it serves, in the goals' order."""
    order = {g.code: i for i, g in enumerate(network.goals)}
    result: dict[int, list[str]] = defaultdict(list)
    for code, effort in network.links:
        if code in order:
            result[effort].append(code)
    return {e: sorted(codes, key=order.__getitem__) for e, codes in result.items()}


def served_by(network: Network) -> dict[str, list[int]]:
    """Goal code → the ids of the efforts that serve it, in the efforts' order."""
    order = {e.id: i for i, e in enumerate(sorted_efforts(network))}
    result: dict[str, list[int]] = defaultdict(list)
    for code, effort in network.links:
        if effort in order:
            result[code].append(effort)
    return {c: sorted(ids, key=order.__getitem__) for c, ids in result.items()}


def track_only(network: Network, track: int | None) -> Network:
    """The part of ``network`` that one track's efforts serve: those efforts, the goals they
    serve and the strategic goals above them (``track=None``: the efforts without a track)."""
    efforts = tuple(e for e in network.efforts if e.track == track)
    ids = {e.id for e in efforts}
    links = frozenset((c, e) for c, e in network.links if e in ids)
    codes = {c for c, _e in links}
    goals = tuple(g for g in network.goals if g.code in codes)
    strategic_codes = {g.strategic for g in goals}
    links_in = frozenset((c, x) for c, x in network.links_in if c in codes)
    links_out = frozenset((x, e) for x, e in network.links_out if e in ids)
    external_in = {x for _c, x in links_in}
    external_out = {x for x, _e in links_out}
    return replace(
        network,
        strategic=tuple(s for s in network.strategic if s.code in strategic_codes),
        goals=goals,
        tracks=tuple(t for t in network.tracks if t.id == track),
        efforts=efforts,
        links=links,
        external_efforts=tuple(x for x in network.external_efforts if x.id in external_in),
        external_goals=tuple(x for x in network.external_goals if x.id in external_out),
        links_in=links_in,
        links_out=links_out,
    )


def sorted_efforts(network: Network) -> list[Effort]:
    track_order = {t.id: (t.order, t.name, t.id) for t in network.tracks}
    last = (float("inf"), "", 0)
    return sorted(
        network.efforts,
        key=lambda e: (track_order.get(e.track, last), e.order, e.name, e.id),
    )


def track_groups(network: Network) -> list[tuple[int | None, str, str, list[Effort]]]:
    """(track id, name, url, efforts) per track that has efforts, in the tracks' order; the
    efforts without a (known) track last."""
    by_track: dict[int | None, list[Effort]] = defaultdict(list)
    known = {t.id for t in network.tracks}
    for effort in sorted_efforts(network):
        by_track[effort.track if effort.track in known else None].append(effort)
    groups = [
        (t.id, t.name, t.url, by_track[t.id])
        for t in sorted(network.tracks, key=lambda t: (t.order, t.name, t.id))
        if by_track.get(t.id)
    ]
    if by_track.get(None):
        groups.append((None, network.no_track_label, "", by_track[None]))
    return groups
