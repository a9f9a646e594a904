"""The DIN as Graphviz DOT source (pure: no ORM, no I/O).

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
"""

from __future__ import annotations

import textwrap
from collections import defaultdict

from .network import (
    EXTERNAL,
    GROUP_FROM,
    Effort,
    Goal,
    Mark,
    Network,
    effort_node_id,
    external_effort_node_id,
    external_goal_node_id,
    external_mark,
    goal_node_id,
    node_slug,
    strategic_node_id,
    track_cluster_id,
    track_groups,
)

FONT = "DejaVu Sans"
WRAP = 30
MAX_LINES = 4


# --- DOT ----------------------------------------------------------------------------------------

#: Border and fill per status value; the text and icon carry the meaning, colour repeats it.
#: Borders have at least 3:1 contrast on white, text stays black on the light fills.
COLOURS = {
    "behaald": ("#2e7d32", "#e3f1e6"),
    "op_koers": ("#1a4f8b", "#e6f0fa"),
    "aandacht": ("#a06b00", "#fff4d6"),
    "niet_op_koers": ("#b3261e", "#fbe5e5"),
    "geen_gegevens": ("#6b6b6b", "#f3f3f3"),
    "niet_meetbaar": ("#6b6b6b", "#f3f3f3"),
    "goed": ("#2e7d32", "#e3f1e6"),
    "probleem": ("#b3261e", "#fbe5e5"),
    "": ("#6b6b6b", "#ffffff"),
    EXTERNAL: ("#3f3f3f", "#ffffff"),
}
MISSION_COLOURS = ("#3f3f3f", "#eef1f4")


def _quote(value: str) -> str:
    """A DOT double-quoted string."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _html(text: str) -> str:
    """Text for inside an HTML-like label."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", " ")
    )


def _wrap(text: str, width: int = WRAP, lines: int = MAX_LINES) -> list[str]:
    wrapped = textwrap.wrap(" ".join(text.split()), width=width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return wrapped


def _label(
    heading: str, text: str, status: Mark | None, *, width: int = WRAP, lines: int = MAX_LINES
) -> str:
    """An HTML-like label: the bold heading, the wrapped text, the status (icon and words), each
    line left-aligned."""
    rows = [f"<B>{_html(heading)}</B>"] if heading else []
    if text:
        rows += [_html(line) for line in _wrap(text, width, lines)]
    if status is not None:
        rows.append(f'<FONT POINT-SIZE="10">{_html(status.icon)} {_html(status.label)}</FONT>')
    return "<" + "".join(f'{row}<BR ALIGN="LEFT"/>' for row in rows) + ">"


def _tooltip(*parts: str) -> str:
    return " — ".join(" ".join(p.split()) for p in parts if p)


def _attrs(**attrs: str | int | float) -> str:
    items = []
    for key, value in attrs.items():
        if value == "" or value is None:
            continue
        key = key.rstrip("_")
        if isinstance(value, str) and value.startswith("<") and value.endswith(">"):
            items.append(f"{key}={value}")
        elif isinstance(value, str):
            items.append(f"{key}={_quote(value)}")
        else:
            items.append(f"{key}={value}")
    return "[" + ", ".join(items) + "]"


def _status_attrs(status: Mark | None) -> dict:
    colour, fill = COLOURS.get(status.value if status else "", COLOURS[""])
    return {"color": colour, "fillcolor": fill}


PENDING_ICON = "✎"
PENDING_COLOUR = "#a06b00"


def _pending(network: Network, node_id: str, attrs: dict) -> dict:
    """``attrs`` of a node that a pending change is about: a dashed, thicker border, the class
    ``din-node--pending`` and the words (in the label and the tooltip), never colour alone."""
    if node_id not in network.pending:
        return attrs
    words = f"{PENDING_ICON} {network.pending_label}"
    label = attrs["label"]
    return {
        **attrs,
        "label": label[:-1] + f'<FONT POINT-SIZE="10">{_html(words)}</FONT><BR ALIGN="LEFT"/>>',
        "tooltip": _tooltip(attrs.get("tooltip", ""), network.pending_label),
        "class_": attrs["class_"] + " din-node--pending",
        "style": "rounded,filled,dashed",
        "penwidth": 2.5,
    }


def _node(node_id: str, indent: str = "  ", **attrs) -> str:
    return f"{indent}{_quote(node_id)} " + _attrs(id_=node_id, **attrs) + ";"


def _edge(tail: str, head: str, indent: str = "  ", **attrs) -> str:
    return f"{indent}{_quote(tail)} -> {_quote(head)} " + _attrs(**attrs) + ";"


def _status_class(kind: str, status: Mark | None) -> str:
    return f"din-node din-{kind} din-status--{status.value if status and status.value else 'geen'}"


def _summary(efforts: list[Effort]) -> list[str]:
    """'✖ 2 × report: problem' lines for a track node: how many efforts per status."""
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    for effort in efforts:
        mark = effort.status or Mark("", "", "")
        counts[(mark.value, mark.icon, mark.label)] += 1
    order = {"probleem": 0, "aandacht": 1, "goed": 2}
    return [
        f"{icon} {n} × {label}".strip()
        for (value, icon, label), n in sorted(
            counts.items(), key=lambda item: (order.get(item[0][0], 3), item[0])
        )
        if label
    ]


def to_dot(
    network: Network,
    *,
    activities: bool = False,
    grouped: bool | None = None,
    efforts_label: str = "%(count)s efforts",
) -> str:
    """The DOT source of ``network``.

    ``activities`` adds each effort's activities to the right of it. ``grouped`` (default: when
    there are more than :data:`GROUP_FROM` efforts) draws each track as one node, with one
    line per goal and track instead of one per goal and effort: with 150 efforts the lines
    would otherwise be too many to follow. ``efforts_label`` is the text under a track's name
    in that case (``%(count)s`` is the number of efforts).
    """
    if grouped is None:
        grouped = len(network.efforts) > GROUP_FROM
    lines: list[str] = []
    out = lines.append
    out("digraph din {")
    graph_attrs = _attrs(
        rankdir="LR",
        newrank="true",
        ranksep="0.9" if not grouped else "1.6",
        nodesep="0.12",
        fontname=FONT,
        fontsize=12,
        bgcolor="white",
        pad="0.2",
        id_="din",
    )
    out(f"  graph {graph_attrs};")
    node_attrs = _attrs(
        shape="box",
        style="rounded,filled",
        fontname=FONT,
        fontsize=11,
        margin="0.12,0.06",
        penwidth=1.5,
        target="_top",
    )
    out(f"  node {node_attrs};")
    out("  edge " + _attrs(dir="none", color="#767676", penwidth=1) + ";")

    colour, fill = MISSION_COLOURS
    mission = network.mission or network.name
    out(
        _node(
            "m",
            label=_label(network.mission_label, mission, None, width=34),
            tooltip=_tooltip(network.mission_label, mission),
            URL=network.url,
            class_="din-node din-mission",
            ordering="out",
            color=colour,
            fillcolor=fill,
        )
    )

    # Strategic goals, then the operational goals under each.
    goals_of: dict[str, list[Goal]] = defaultdict(list)
    for goal in network.goals:
        goals_of[goal.strategic].append(goal)
    goal_lines = MAX_LINES if not grouped else 2
    for sg in network.strategic:
        sid = strategic_node_id(sg.code)
        heading = f"{sg.code}. {sg.title}" if sg.title else sg.code
        attrs = {
            "label": _label(heading, "" if sg.title else sg.text, sg.status),
            "tooltip": _tooltip(heading, sg.text, sg.status.label if sg.status else ""),
            "URL": sg.url,
            "class_": _status_class("strategic", sg.status),
            **_status_attrs(sg.status),
        }
        out(_node(sid, **_pending(network, sid, attrs)))
        out(_edge("m", sid, class_="din-tree"))
    goal_ids = []
    for sg in network.strategic:
        # Each strategic goal's operational goals in a (borderless) group of their own, so they
        # stay together beside it.
        out(f"  subgraph cluster_sg_{node_slug(sg.code)} {{")
        out("    graph " + _attrs(style="invis", margin=4) + ";")
        for goal in goals_of.get(sg.code, []):
            gid = goal_node_id(goal.code)
            goal_ids.append(gid)
            attrs = {
                "label": _label(goal.code, goal.statement, goal.status, lines=goal_lines),
                "tooltip": _tooltip(
                    goal.code, goal.statement, goal.status.label if goal.status else ""
                ),
                "URL": goal.url,
                "class_": _status_class("goal", goal.status),
                **_status_attrs(goal.status),
            }
            out(_node(gid, "    ", **_pending(network, gid, attrs)))
        out("  }")
        for goal in goals_of.get(sg.code, []):
            out(_edge(strategic_node_id(sg.code), goal_node_id(goal.code), class_="din-tree"))
    if goal_ids:
        out("  { rank=same; " + " ".join(_quote(g) for g in goal_ids) + "; }")

    groups = track_groups(network)
    goal_codes = {g.code for g in network.goals}
    goal_order = {g.code: i for i, g in enumerate(network.goals)}
    linked = {e for c, e in network.links if c in goal_codes}
    if grouped:
        _grouped_tracks(out, network, groups, goal_codes, goal_order, linked, efforts_label)
    else:
        _efforts(out, network, groups, goal_codes, goal_order, linked, activities)
    _external(out, network, goal_codes, goal_order, grouped, groups)
    out("}")
    return "\n".join(lines) + "\n"


def _efforts(out, network, groups, goal_codes, goal_order, linked, activities) -> None:
    """Every effort in its track's box, with a line to every goal it serves."""
    effort_ids = []
    for track_id, name, _url, members in groups:
        cluster = f"cluster_track_{track_id if track_id is not None else 'none'}"
        out(f"  subgraph {cluster} {{")
        cluster_attrs = _attrs(
            label=_label("", name, None, width=40),
            id_=track_cluster_id(track_id),
            class_="din-track",
            style="rounded,dashed",
            color="#767676",
            fontsize=12,
            labeljust="l",
            margin=10,
        )
        out(f"    graph {cluster_attrs};")
        for effort in members:
            eid = effort_node_id(effort.id)
            effort_ids.append(eid)
            attrs = {
                "label": _label("", effort.name, effort.status),
                "tooltip": _tooltip(effort.name, effort.status.label if effort.status else ""),
                "URL": effort.url,
                "class_": _status_class("effort", effort.status),
                **_status_attrs(effort.status),
            }
            out(_node(eid, "    ", **_pending(network, eid, attrs)))
            for n, act in enumerate(effort.activities if activities else (), start=1):
                aid = f"a-{effort.id}-{n}"
                out(
                    _node(
                        aid,
                        "    ",
                        label=_label(str(act.year), act.description, None),
                        tooltip=_tooltip(str(act.year), act.description),
                        class_="din-node din-activity",
                        shape="note",
                        style="filled",
                        color="#767676",
                        fillcolor="#ffffff",
                        fontsize=10,
                    )
                )
                out(_edge(eid, aid, "    ", id_=f"l-{eid}--{aid}", class_="din-tree"))
        out("  }")
    if effort_ids:
        out("  { rank=same; " + " ".join(_quote(e) for e in effort_ids) + "; }")
    efforts = [e for _t, _n, _u, members in groups for e in members]
    for effort in efforts:
        if effort.id not in linked:
            # An effort that serves no goal still stands in the efforts' column.
            out(_edge("m", effort_node_id(effort.id), style="invis", minlen=3, weight=0))
    effort_order = {e.id: i for i, e in enumerate(efforts)}
    for code, effort_id in sorted(
        (link for link in network.links if link[0] in goal_codes and link[1] in effort_order),
        key=lambda link: (goal_order[link[0]], effort_order[link[1]]),
    ):
        gid, eid = goal_node_id(code), effort_node_id(effort_id)
        out(_edge(gid, eid, id_=f"l-{gid}--{eid}", class_="din-link"))
    for code, effort_id in sorted(
        (
            link
            for link in network.proposed_links - network.links
            if link[0] in goal_codes and link[1] in effort_order
        ),
        key=lambda link: (goal_order[link[0]], effort_order[link[1]]),
    ):
        # Proposed, not in force: dashed, in words, and not a "din-link" (the page's script
        # does not count it as serving).
        gid, eid = goal_node_id(code), effort_node_id(effort_id)
        out(
            _edge(
                gid,
                eid,
                id_=f"p-{gid}--{eid}",
                class_="din-proposed",
                style="dashed",
                color=PENDING_COLOUR,
                penwidth=2,
                tooltip=network.pending_label,
                constraint="false",
            )
        )


def _grouped_tracks(out, network, groups, goal_codes, goal_order, linked, efforts_label) -> None:
    """One node per track (how many efforts, their report statuses), one line per goal and
    track, as thick as the number of links it stands for."""
    track_of = {}
    track_ids = []
    for track_id, name, url, members in groups:
        tid = track_cluster_id(track_id)
        track_ids.append(tid)
        for effort in members:
            track_of[effort.id] = tid
        summary = _summary(members)
        count = efforts_label % {"count": len(members)}
        body = "\n".join([count, *summary])
        rows = [f"<B>{_html(name)}</B>", _html(count)] + [
            f'<FONT POINT-SIZE="10">{_html(line)}</FONT>' for line in summary
        ]
        out(
            _node(
                tid,
                label="<" + "".join(f'{row}<BR ALIGN="LEFT"/>' for row in rows) + ">",
                tooltip=_tooltip(name, body.replace("\n", "; ")),
                URL=url,
                class_="din-node din-track-node",
                color="#3f3f3f",
                fillcolor="#ffffff",
                penwidth=2,
                # As tall as its share of the efforts, so the lines spread out over the column.
                height=round(0.6 + 0.09 * len(members), 2),
            )
        )
        if not any(e.id in linked for e in members):
            out(_edge("m", tid, style="invis", minlen=3, weight=0))
    if track_ids:
        out("  { rank=same; " + " ".join(_quote(t) for t in track_ids) + "; }")
    pairs: dict[tuple[str, str], int] = defaultdict(int)
    for code, effort_id in network.links:
        if code in goal_codes and effort_id in track_of:
            pairs[(code, track_of[effort_id])] += 1
    for (code, tid), n in sorted(
        pairs.items(), key=lambda item: (goal_order[item[0][0]], item[0][1])
    ):
        gid = goal_node_id(code)
        out(
            _edge(
                gid,
                tid,
                id_=f"l-{gid}--{tid}",
                class_="din-link",
                penwidth=min(1 + (n - 1) * 0.75, 4),
                tooltip=f"{code} — {efforts_label % {'count': n}}",
            )
        )


def _external_node(node_id: str, heading: str, text: str, mark: Mark, url: str, kind: str) -> str:
    return _node(
        node_id,
        label=_label(heading, text, mark, lines=2),
        tooltip=_tooltip(heading, text, mark.label),
        URL=url,
        class_=f"din-node din-{kind} din-external",
        style="rounded,filled,dashed",
        color=COLOURS[EXTERNAL][0],
        fillcolor=COLOURS[EXTERNAL][1],
        penwidth=2,
    )


def _external(out, network: Network, goal_codes, goal_order, grouped: bool, groups) -> None:
    """The accepted contributions with other programmes: the other programmes' efforts that
    serve goals here, in the efforts' column, with a dashed line from the goal; and the other
    programmes' goals that efforts here serve, in a column to the right of the efforts, with a
    dashed line from the effort (from its track's box when the programme is drawn grouped)."""
    in_ids = {x for c, x in network.links_in if c in goal_codes}
    efforts_in = [x for x in network.external_efforts if x.id in in_ids]
    shown_efforts = {e.id for _t, _n, _u, members in groups for e in members}
    out_ids = {x for x, e in network.links_out if e in shown_efforts}
    goals_out = [x for x in network.external_goals if x.id in out_ids]
    if efforts_in:
        for x in sorted(efforts_in, key=lambda x: (x.programme, x.name, x.id)):
            mark = external_mark(network, x.programme)
            out(_external_node(external_effort_node_id(x.id), "", x.name, mark, x.url, "effort"))
        # Beside the efforts of this programme (or its track boxes), not in a column of their own.
        first = next(iter(groups), None)
        if first is not None:
            anchor = track_cluster_id(first[0]) if grouped else effort_node_id(first[3][0].id)
            same = [anchor] + [external_effort_node_id(x.id) for x in efforts_in]
            out("  { rank=same; " + " ".join(_quote(n) for n in same) + "; }")
        for code, x in sorted(
            ((c, x) for c, x in network.links_in if c in goal_codes and x in in_ids),
            key=lambda link: (goal_order[link[0]], link[1]),
        ):
            gid, xid = goal_node_id(code), external_effort_node_id(x)
            out(
                _edge(
                    gid, xid, id_=f"l-{gid}--{xid}", class_="din-link din-external", style="dashed"
                )
            )
    if goals_out:
        for x in sorted(goals_out, key=lambda x: (x.programme, x.code, x.id)):
            mark = external_mark(network, x.programme)
            out(
                _external_node(
                    external_goal_node_id(x.id), x.code, x.statement, mark, x.url, "goal"
                )
            )
        out(
            "  { rank=same; "
            + " ".join(_quote(external_goal_node_id(x.id)) for x in goals_out)
            + "; }"
        )
        track_of = {e.id: track_cluster_id(t) for t, _n, _u, members in groups for e in members}
        edges = set()
        for x, effort_id in network.links_out:
            if x not in out_ids:
                continue
            tail = track_of[effort_id] if grouped else effort_node_id(effort_id)
            edges.add((tail, external_goal_node_id(x)))
        for tail, xid in sorted(edges):
            out(
                _edge(
                    tail,
                    xid,
                    id_=f"l-{tail}--{xid}",
                    class_="din-link din-external",
                    style="dashed",
                )
            )
