"""The DIN as DOT source (pure, no database) and its rendering by Graphviz: the same input gives
the same source and the same SVG; ids, classes, status text and icons are there; one track's
part; the large programme grouped by track; the SVG made fit for inline use."""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import replace

import pytest

from koers.din import graph, render
from koers.din.graph import Activity, Effort, Goal, Mark, Network, StrategicGoal, Track

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")

ON_COURSE = Mark("op_koers", "op koers", "●")
OFF = Mark("niet_op_koers", "niet op koers", "✖")
GOOD = Mark("goed", "rapportage: goed", "✔")
NONE = Mark("", "nog geen rapportage", "–")


def network(**changes) -> Network:
    base = Network(
        name="Programma Binnenstad",
        mission="Een levendige binnenstad waar het goed winkelen, wonen en verblijven is",
        url="/programmas/p/",
        strategic=(
            StrategicGoal("1", "Meer bezoekers", "/sg/1/", status=ON_COURSE),
            StrategicGoal("2", "Minder leegstand", "/sg/2/", title="Leegstand", status=OFF),
        ),
        goals=(
            Goal(
                "1a", "Groei van het aantal bezoekers per week met 7.000", "1", "/g/1a/", ON_COURSE
            ),
            Goal("2a", "Minder dan 10% leegstand in het kernwinkelgebied", "2", "/g/2a/", OFF),
            Goal("2b", "Geen inspanning dient dit doel", "2", "/g/2b/", OFF),
        ),
        tracks=(Track(3, "Spoor Beleven", order=2), Track(4, "Spoor Ondernemen", order=1)),
        efforts=(
            Effort(17, "Evenementen", 3, "/e/17/", GOOD, activities=(Activity(2024, "Kermis"),)),
            Effort(18, 'Stadsscheques <klein> & "groot"', 4, "/e/18/", NONE),
            Effort(19, "Losse inspanning", None, "/e/19/", NONE),
        ),
        links=frozenset({("1a", 17), ("2a", 17), ("2a", 18)}),
        no_track_label="Zonder spoor",
    )
    return replace(base, **changes)


def test_same_input_same_source_whatever_the_order():
    first = graph.to_dot(network())
    efforts = list(network().efforts)
    random.Random(1).shuffle(efforts)
    assert graph.to_dot(network(efforts=tuple(efforts))) == first
    assert graph.to_dot(network()) == first


def test_ids_classes_urls_and_clusters():
    dot = graph.to_dot(network())
    assert 'rankdir="LR"' in dot
    for node_id in ("m", "s-1", "s-2", "g-1a", "g-2a", "e-17", "e-18", "e-19"):
        assert f'id="{node_id}"' in dot
    assert 'id="l-g-2a--e-18"' in dot
    assert 'class="din-node din-effort din-status--goed"' in dot
    assert 'URL="/e/17/"' in dot
    assert "subgraph cluster_track_3 {" in dot
    assert "subgraph cluster_track_none {" in dot
    assert "Zonder spoor" in dot
    # tracks in their own order: Ondernemen (order 1) before Beleven (order 2)
    assert dot.index("cluster_track_4") < dot.index("cluster_track_3")


def test_status_as_text_and_icon_and_escaped_labels():
    dot = graph.to_dot(network())
    assert "● op koers" in dot and "✖ niet op koers" in dot and "✔ rapportage: goed" in dot
    assert "Stadsscheques &lt;klein&gt; &amp;<BR" in dot and "&quot;groot&quot;" in dot
    assert '"Stadsscheques <klein> & \\"groot\\"' in dot  # the tooltip, DOT-quoted


def test_long_text_is_wrapped_and_cut():
    long = " ".join(["woord"] * 60)
    dot = graph.to_dot(network(goals=(Goal("1a", long, "1"),), links=frozenset()))
    label = re.search(r'"g-1a" \[id="g-1a", label=<(.*?)>, tooltip', dot).group(1)
    lines = label.split('<BR ALIGN="LEFT"/>')
    assert all(len(line) <= graph.WRAP for line in lines[1:-1])
    assert label.count("…") == 1


def test_activities_only_on_request():
    assert "Kermis" not in graph.to_dot(network())
    dot = graph.to_dot(network(), activities=True)
    assert 'id="a-17-1"' in dot and "Kermis" in dot


def test_track_only_keeps_its_efforts_and_the_goals_they_serve():
    part = graph.track_only(network(), 3)
    assert [e.id for e in part.efforts] == [17]
    assert [g.code for g in part.goals] == ["1a", "2a"]
    assert [s.code for s in part.strategic] == ["1", "2"]
    loose = graph.track_only(network(), None)
    assert [e.id for e in loose.efforts] == [19] and loose.goals == ()


def test_relations_and_outline():
    n = network()
    assert graph.serves(n) == {17: ["1a", "2a"], 18: ["2a"]}
    assert graph.served_by(n) == {"1a": [17], "2a": [18, 17]}  # Ondernemen's effort first
    tree, tracks = graph.outline(n)
    assert [[g.goal.code for g in s.goals] for s in tree] == [["1a"], ["2a", "2b"]]
    assert tree[1].goals[1].efforts == []
    assert [t.name for t in tracks] == ["Spoor Ondernemen", "Spoor Beleven", "Zonder spoor"]
    assert [g.code for g in tracks[1].efforts[0].goals] == ["1a", "2a"]


def large() -> Network:
    rng = random.Random(7)
    goals = tuple(Goal(f"{i % 10}.{i}", f"Doel {i}", str(i % 10)) for i in range(60))
    efforts = tuple(Effort(i, f"Inspanning {i}", 100 + i % 8, status=NONE) for i in range(150))
    links = frozenset((g.code, e.id) for e in efforts for g in rng.sample(goals, 2))
    return Network(
        name="Groot",
        strategic=tuple(StrategicGoal(str(i), f"Thema {i}") for i in range(10)),
        goals=goals,
        tracks=tuple(
            Track(100 + i, f"Spoor {i}", order=i, url=f"?spoor={100 + i}") for i in range(8)
        ),
        efforts=efforts,
        links=links,
    )


def test_a_large_programme_is_grouped_by_track():
    n = large()
    dot = graph.to_dot(n, efforts_label="%(count)s inspanningen")
    assert '"e-1"' not in dot
    assert 'id="t-100"' in dot and "din-track-node" in dot
    assert "19 inspanningen" in dot
    pairs = {(c, 100 + e % 8) for c, e in n.links}
    assert dot.count('class="din-link"') == len(pairs) < len(n.links)
    # one track of it is drawn in full
    part = graph.to_dot(graph.track_only(n, 100))
    assert '"e-8"' in part and "din-track-node" not in part


@needs_dot
def test_same_input_same_svg(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    source = graph.to_dot(network())
    render._memory.clear()
    first = render.render(source, "svg")
    render._memory.clear()
    assert render.render(source, "svg") == first
    assert b'id="e&#45;17"' in first  # dot writes the hyphens of ids as character references


@needs_dot
@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_png_and_pdf(fmt, magic):
    assert render.render(graph.to_dot(network()), fmt).startswith(magic)


@needs_dot
def test_inline_svg_is_fit_for_a_page():
    svg = render.inline_svg(
        render.render(graph.to_dot(network()), "svg"), title="DIN", description="Het netwerk"
    )
    assert svg.startswith("<svg")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg and "<!--" not in svg
    assert 'role="graphics-document" aria-labelledby="din-title din-desc"' in svg
    assert '<title id="din-title">DIN</title><desc id="din-desc">Het netwerk</desc>' in svg
    assert svg.count("<title") == 1  # dot's titles per node and edge are gone
    assert '<a href="/e/17/" xlink:href="/e/17/"' in svg
    assert re.search(r'<g id="e-17" class="node din-node din-effort', svg)


def test_dot_missing_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(render.shutil, "which", lambda name: None)
    render._memory.clear()
    with pytest.raises(render.DotError, match="Graphviz"):
        render._run("digraph {}", "svg")


@needs_dot
def test_dot_refusing_the_source_is_a_clear_error():
    with pytest.raises(render.DotError, match="Graphviz"):
        render._run("digraph { this is not dot", "svg")
