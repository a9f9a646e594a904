"""Pending changes (the changes of a change proposal not yet decided on) are shown as pending,
not as in force: on the programme page, on the pages of the elements they are about and in the
DIN diagram; once the proposal is decided they are in force and no longer shown as pending. The
programme page's query count does not depend on the number of pending changes."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.decisions import proposals
from koers.programmes.models import StrategicGoal
from koers.programmes.proposing import operation_name

from .test_proposals import _effort, _goal, _propose_target_and_link, _target_values

pytestmark = pytest.mark.django_db

SLUG = "test-programma"
NOT_IN_FORCE = "nog niet van kracht"


def _text(response) -> str:
    """The page's text: tags removed, spaces collapsed."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def _pages(programme):
    return {
        "programme": reverse("programmes:detail", args=[programme.slug]),
        "goal 1a": reverse("programmes:goal", args=[programme.slug, "1a"]),
        "goal 1b": reverse("programmes:goal", args=[programme.slug, "1b"]),
        "effort": _effort(programme).get_absolute_url(),
        "diagram": reverse("din:diagram", args=[programme.slug]),
    }


def _decide(proposal, actor):
    proposals.proposal_decide(
        proposal=proposal,
        actor=actor,
        expected_version=None,
        kind="college",
        date=dt.date(2026, 11, 24),
        number="2026/0311",
        title="Bijstelling programma",
    )


def test_pending_changes_are_shown_as_pending_until_decided(client, adopted, admin_user):
    client.force_login(admin_user)
    proposal, _target, _link = _propose_target_and_link(adopted, admin_user)
    pages = {name: _text(client.get(url)) for name, url in _pages(adopted).items()}

    programme = pages["programme"]
    assert "Voorgestelde wijzigingen (nog niet van kracht)" in programme
    assert "‘Bijstelling’" in programme
    assert "streefwaarde gewijzigd" in programme.lower()
    assert "7.000" in programme and "8.000" in programme
    assert "nieuw, voorgesteld" in programme.lower()

    goal_1a = pages["goal 1a"]
    assert f"Voorgesteld in ‘Bijstelling’ , {NOT_IN_FORCE}" in goal_1a
    assert re.search(r"van [^—]*7\.000[^—]* naar [^—]*8\.000", goal_1a)
    # The target in force is still the old one.
    assert "8.000" not in goal_1a.split("Hoe het gemeten wordt")[-1].split("Voorgesteld")[0]

    for name in ("goal 1b", "effort"):
        assert f"Voorgesteld in ‘Bijstelling’ , {NOT_IN_FORCE}" in pages[name], name
        assert "nieuw, voorgesteld" in pages[name].lower(), name

    diagram = pages["diagram"]
    raw = client.get(_pages(adopted)["diagram"]).content.decode()
    goal_1a_node = re.search(r'<g id="g-1a" class="([^"]*)"', raw)
    goal_1b_node = re.search(r'<g id="g-1b" class="([^"]*)"', raw)
    effort_node = re.search(rf'<g id="e-{_effort(adopted).pk}" class="([^"]*)"', raw)
    assert "din-node--pending" in goal_1a_node.group(1)
    assert "din-node--pending" in goal_1b_node.group(1)
    assert "din-node--pending" in effort_node.group(1)
    assert "din-node--pending" not in re.search(r'<g id="s-1" class="([^"]*)"', raw).group(1)
    # The proposed link is drawn dashed, as proposed, and not as one that serves.
    proposed = re.search(rf'<g id="p-g-1b--e-{_effort(adopted).pk}" class="([^"]*)"', raw)
    assert proposed.group(1) == "edge din-proposed"
    assert f'id="l-g-1b--e-{_effort(adopted).pk}"' not in raw
    assert "voorgestelde wijziging, nog niet van kracht" in diagram  # in words, not colour
    assert "Voorgestelde wijzigingen (nog niet van kracht)" in diagram
    assert "nieuw, voorgesteld" in diagram.lower()

    _decide(proposal, admin_user)
    for name, url in _pages(adopted).items():
        page = _text(client.get(url))
        assert NOT_IN_FORCE not in page, name
        raw = client.get(url).content.decode()
        assert "din-node--pending" not in raw and "din-proposed" not in raw, name
    assert "8.000" in _text(client.get(_pages(adopted)["goal 1a"]))
    assert (
        f'id="l-g-1b--e-{_effort(adopted).pk}"'
        in client.get(_pages(adopted)["diagram"]).content.decode()
    )


def test_an_unrelated_element_shows_no_pending_change(client, adopted, admin_user):
    client.force_login(admin_user)
    _propose_target_and_link(adopted, admin_user)
    strategic = StrategicGoal.objects.get(programme=adopted, code="1")
    page = _text(client.get(strategic.get_absolute_url()))
    assert NOT_IN_FORCE not in page


def test_no_section_without_pending_changes(client, adopted, admin_user):
    client.force_login(admin_user)
    page = _text(client.get(reverse("programmes:detail", args=[SLUG])))
    assert "Voorgestelde wijzigingen" not in page


def test_programme_page_query_count_does_not_grow_with_pending_changes(client, adopted, admin_user):
    client.force_login(admin_user)
    url = reverse("programmes:detail", args=[SLUG])
    proposal, _target, _link = _propose_target_and_link(adopted, admin_user)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    second = proposals.proposal_create(actor=admin_user, programme=adopted, title="Tweede")
    proposals.change_propose(
        proposal=second,
        actor=admin_user,
        operation=operation_name("inspanning", "update"),
        target=_effort(adopted),
        values={"status": "gestopt", "description": _effort(adopted).description},
        reason="De subsidie is vervallen.",
    )
    proposals.change_propose(
        proposal=second,
        actor=admin_user,
        operation=operation_name("doel", "update"),
        target=_goal(adopted),
        values=_target_values(_goal(adopted), "9000"),
        reason="Nog sneller.",
    )
    with CaptureQueriesContext(connection) as large:
        page = client.get(url)
    assert "‘Tweede’" in _text(page)
    assert len(large) == len(small)


def test_diagram_page_reads_pending_changes_once(client, adopted, admin_user):
    client.force_login(admin_user)
    _propose_target_and_link(adopted, admin_user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("din:diagram", args=[SLUG])).status_code == 200
    pending = [q for q in queries if 'FROM "decisions_pendingchange"' in q["sql"]]
    assert len(pending) == 1
