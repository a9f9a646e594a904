"""Contributions between programmes in the DIN: external nodes in the diagram and its list, and
the quality check's rules DIN-04/05 (not fired) and DIN-11/12 (fired instead)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from koers.din import graph, render
from koers.din.selectors_check import programme_check
from koers.programmes import services, services_crosslinks

from .test_checks import EFFORT, GOAL, GOOD, findings

# --- pure: the DOT and the outline ---------------------------------------------------------------

NETWORK = graph.Network(
    name="Binnenstad",
    strategic=(graph.StrategicGoal("1", "Levendig"),),
    goals=(graph.Goal("1a", "Meer bezoekers", "1"),),
    efforts=(graph.Effort(3, "Evenementen"),),
    links=frozenset({("1a", 3)}),
    external_efforts=(graph.ExternalEffort(17, "Wijkaanpak", "Sociaal domein", "/x/17"),),
    external_goals=(graph.ExternalGoal(9, "9z", "Meer inwoners doen mee", "Sociaal domein"),),
    links_in=frozenset({("1a", 17)}),
    links_out=frozenset({(9, 3)}),
)


def test_external_nodes_are_drawn_distinctly_with_words():
    dot = graph.to_dot(NETWORK)
    assert '"x-e-17" [id="x-e-17"' in dot and '"x-g-9" [id="x-g-9"' in dot
    node = next(line for line in dot.splitlines() if line.strip().startswith('"x-e-17"'))
    assert "ander programma: Sociaal domein" in node and "dashed" in node
    assert "din-external" in node and "din-effort" in node
    assert '"g-1a" -> "x-e-17" [id="l-g-1a--x-e-17"' in dot
    assert '"e-3" -> "x-g-9" [id="l-e-3--x-g-9"' in dot
    assert graph.to_dot(NETWORK) == dot  # stable


def test_grouped_drawing_links_the_track_to_the_external_goal():
    dot = graph.to_dot(NETWORK, grouped=True)
    assert '"t-none" -> "x-g-9"' in dot and '"g-1a" -> "x-e-17"' in dot


def test_the_outline_lists_external_efforts_and_goals():
    tree, tracks = graph.outline(NETWORK)
    efforts = tree[0].goals[0].efforts
    assert [e.name for e in efforts] == ["Evenementen", "Wijkaanpak"]
    assert efforts[1].status.label == "ander programma: Sociaal domein"
    goals = tracks[0].efforts[0].goals
    assert [g.code for g in goals] == ["1a", "9z (ander programma: Sociaal domein)"]


def test_a_track_keeps_its_contributions():
    network = replace(
        NETWORK,
        tracks=(graph.Track(5, "Spoor"),),
        efforts=(graph.Effort(3, "Evenementen", track=5), graph.Effort(4, "Los")),
        links=frozenset({("1a", 3)}),
    )
    only = graph.track_only(network, 5)
    assert only.links_in == network.links_in and only.links_out == network.links_out
    loose = graph.track_only(network, None)
    assert not loose.links_in and not loose.links_out and not loose.external_goals


# --- pure: the check -----------------------------------------------------------------------------


def test_a_goal_served_only_by_another_programme():
    data = replace(
        GOOD,
        goals=(replace(GOAL, external_efforts=("Wijkaanpak (Sociaal domein)",)),),
        efforts=(replace(EFFORT, goal_codes=()),),
    )
    assert findings(data, "DIN-04") == []
    (finding,) = findings(data, "DIN-11")
    assert finding.severity == "waarschuwing" and "Wijkaanpak (Sociaal domein)" in finding.message
    assert finding.fix_url.endswith("koppeling/nieuw?doel=1a")


def test_a_goal_served_by_its_own_effort_too_is_fine():
    data = replace(GOOD, goals=(replace(GOAL, external_efforts=("Wijkaanpak (X)",)),))
    assert findings(data, "DIN-11") == [] and findings(data, "DIN-04") == []


def test_an_effort_serving_only_another_programme():
    data = replace(GOOD, efforts=(replace(EFFORT, goal_codes=(), external_goals=("9z (X)",)),))
    assert findings(data, "DIN-05") == []
    (finding,) = findings(data, "DIN-12")
    assert finding.severity == "info" and "9z (X)" in finding.message
    assert findings(replace(GOOD, efforts=(replace(EFFORT, goal_codes=()),)), "DIN-05")


# --- with the database ---------------------------------------------------------------------------


@pytest.fixture
def joined(programme, admin_user):
    """A second programme whose effort serves goal 1b here (accepted), and whose goal 9z the
    effort Evenementen serves (accepted); a pending proposal that counts nowhere."""
    other = services.programme_create(
        actor=admin_user,
        slug="sociaal-domein",
        name="Sociaal domein",
        municipality="Almelo",
        period_start=date(2019, 1, 1),
        period_end=date(2022, 12, 31),
    )
    sg = services.object_create(
        services.StrategicGoal, actor=admin_user, programme=other, code="9", text="Meedoen"
    )
    goal = services.operational_goal_create(
        actor=admin_user,
        programme=other,
        strategic_goal=sg,
        code="9z",
        statement="Meer inwoners doen mee",
        kind="kwalitatief",
    )
    theirs = services.effort_create(actor=admin_user, programme=other, name="Wijkaanpak")
    pending = services.effort_create(actor=admin_user, programme=other, name="Nog niet")
    ours = programme.efforts.get(name="Evenementen")
    for effort, target in (
        (theirs, programme.operational_goals.get(code="1b")),
        (ours, goal),
    ):
        link = services_crosslinks.cross_link_propose(
            effort=effort, operational_goal=target, contribution="x", actor=admin_user
        )
        services_crosslinks.cross_link_accept(link=link, actor=admin_user, expected_version=None)
    services_crosslinks.cross_link_propose(
        effort=pending,
        operational_goal=programme.operational_goals.get(code="1a"),
        contribution="y",
        actor=admin_user,
    )
    return {"other": other, "theirs": theirs, "ours": ours, "goal": goal}


def test_the_diagram_page_shows_both_directions(client, staff_user, programme, joined):
    render._memory.clear()
    cache.clear()
    client.force_login(staff_user)
    html = client.get(reverse("din:diagram", kwargs={"slug": programme.slug})).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert f'id="x-e-{joined["theirs"].pk}"' in svg and f'id="x-g-{joined["goal"].pk}"' in svg
    assert "Wijkaanpak" in svg and "Nog niet" not in svg
    assert "other programme: Sociaal domein" in svg or "ander programma: Sociaal domein" in svg
    lijst = html[html.index('id="din-lijst"') :]
    assert "Wijkaanpak" in lijst and "9z (" in lijst


def test_the_check_counts_accepted_contributions_only(programme, joined):
    result = programme_check(programme, as_of=date(2020, 6, 1)).result
    by_rule = {r.rule.id: [f.key for f in r.findings] for r in result.results}
    # 1b is served only by Wijkaanpak; 1a by nothing (the pending proposal does not count)
    assert by_rule["DIN-11"] == ["1b"] and by_rule["DIN-04"] == ["1a"]
    ours = str(joined["ours"].pk)
    assert ours not in by_rule["DIN-05"] and by_rule["DIN-12"] == [ours]
    other = programme_check(joined["other"], as_of=date(2020, 6, 1)).result
    other_rules = {r.rule.id: [f.key for f in r.findings] for r in other.results}
    assert other_rules["DIN-11"] == ["9z"] and "9z" not in other_rules["DIN-04"]
