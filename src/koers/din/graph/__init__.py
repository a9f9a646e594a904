"""The DIN as a network, and as Graphviz DOT source (pure: no ORM, no I/O).

Input is plain data (:class:`Network`: the mission, strategic goals, operational goals with
their status, tracks, efforts with the status of their latest report, the links, optionally the
activities); output is a DOT string for ``dot``. The same input always gives the same string:
everything is sorted and every id is stable (``m``, ``s-2``, ``g-2a``, ``t-3``, ``e-17``,
``a-17-1``), so the SVG can be cached under the hash of the source and tested for equality.

The picture reads from left to right: the mission, the strategic goals, the operational goals,
then the efforts, grouped in one box per track (``cluster_track_N``; efforts without a track in
a box of their own). Every node says its status in words and with an icon (never colour alone),
links to its page and carries an ``id`` and a ``class`` so the page's script can highlight what
serves what.

Contributions between programmes (accepted ones) join the DIN to other programmes: an effort of
another programme that serves a goal here, and a goal of another programme that an effort here
serves, are drawn as *external* nodes (``x-e-17``, ``x-g-9``): a dashed border, a white fill and
the words "ander programma: <name>" (never colour alone), with dashed lines.

The package: :mod:`.network` (the plain data, the ids and the relations), :mod:`.dot` (the
Graphviz writer) and :mod:`.outline` (the list view).
"""

from .dot import FONT, WRAP, to_dot
from .network import (
    GROUP_FROM,
    Activity,
    Effort,
    ExternalEffort,
    ExternalGoal,
    Goal,
    Mark,
    Network,
    StrategicGoal,
    Track,
    effort_node_id,
    goal_node_id,
    served_by,
    serves,
    track_only,
)
from .outline import outline

__all__ = [
    "FONT",
    "GROUP_FROM",
    "WRAP",
    "Activity",
    "Effort",
    "ExternalEffort",
    "ExternalGoal",
    "Goal",
    "Mark",
    "Network",
    "StrategicGoal",
    "Track",
    "effort_node_id",
    "goal_node_id",
    "outline",
    "served_by",
    "serves",
    "to_dot",
    "track_only",
]
