"""The risk sections on a goal's and an effort's page: only the risks linked to that goal or
effort, the link to add one pre-linked, the presets of the risk form and the number of
queries."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.programmes.models import OperationalGoal
from koers.risks.constants import RiskKind, RiskStatus

pytestmark = pytest.mark.django_db

SLUG = "test-programma"


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def goal(programme):
    return OperationalGoal.objects.get(programme=programme, code="1a")


@pytest.fixture
def other_goal(programme):
    return OperationalGoal.objects.get(programme=programme, code="1b")


@pytest.fixture
def effort(programme):
    return programme.efforts.get(name="Evenementen")


@pytest.fixture
def other_effort(programme, admin_user):
    from koers.programmes import services as din

    return din.effort_create(actor=admin_user, programme=programme, name="Marketing")


def _goal_url(goal):
    return reverse("programmes:goal", args=[SLUG, goal.code])


def _effort_url(effort):
    return reverse("programmes:effort", args=[SLUG, effort.pk])


def _section(html: str) -> str:
    match = re.search(r'<section class="koers-linked-risks".*?</section>', html, re.S)
    assert match, "no risk section"
    return match.group(0)


def test_goal_page_lists_only_the_goals_open_risks(
    client, staff_user, make_risk, goal, other_goal, effort
):
    mine = make_risk("Leegstand blijft", goals=[goal], likelihood=4, impact=5)
    make_risk("Ander doel", goals=[other_goal])
    make_risk("Alleen inspanning", kind=RiskKind.EFFORTS, efforts=[effort])
    make_risk("Beheerst al", goals=[goal], status=RiskStatus.CONTROLLED)
    occurred = make_risk("Opgetreden", goals=[goal], status=RiskStatus.OCCURRED)
    client.force_login(staff_user)
    section = _section(_text(client.get(_goal_url(goal))))
    assert reverse("risks:detail", args=[SLUG, mine.pk]) in section
    assert reverse("risks:detail", args=[SLUG, occurred.pk]) in section
    assert "<strong>20</strong>" in section  # the score badge of risks/_score.html
    for absent in ("Ander doel", "Alleen inspanning", "Beheerst al"):
        assert absent not in section
    # The highest score comes first.
    assert section.index("Leegstand blijft") < section.index("Opgetreden")


def test_effort_page_lists_only_the_efforts_risks_with_owner_and_review(
    client, reader_user, make_risk, effort, other_effort, goal, admin_user
):
    from datetime import date

    from koers.programmes import services as din
    from koers.programmes.models import Person

    owner = din.object_create(Person, actor=admin_user, name="Rita Risico")
    make_risk(
        "Te weinig vrijwilligers",
        kind=RiskKind.EFFORTS,
        efforts=[effort],
        owner=owner,
        next_review=date(2024, 3, 1),
    )
    make_risk("Marketing loopt vast", kind=RiskKind.EFFORTS, efforts=[other_effort])
    make_risk("Doelrisico", goals=[goal])
    client.force_login(reader_user)
    section = _section(_text(client.get(_effort_url(effort))))
    assert "Te weinig vrijwilligers" in section and "Rita Risico" in section
    assert "2024" in section
    assert "Marketing loopt vast" not in section and "Doelrisico" not in section
    # A reader gets no link to add a risk.
    assert "?inspanning=" not in section


def test_sections_say_when_no_risk_is_linked(client, reader_user, goal, effort):
    client.force_login(reader_user)
    for url in (_goal_url(goal), _effort_url(effort)):
        section = _section(_text(client.get(url)))
        assert 'id="linked-risks-none"' in section and 'id="linked-risks"' not in section


def test_staff_get_a_pre_linked_add_link(client, staff_user, goal, effort):
    client.force_login(staff_user)
    create = reverse("risks:create", args=[SLUG])
    assert f"{create}?doel=1a" in _section(_text(client.get(_goal_url(goal))))
    assert f"{create}?inspanning={effort.pk}" in _section(_text(client.get(_effort_url(effort))))


def test_owner_gets_no_add_link(client, owner_user, effort):
    client.force_login(owner_user)
    assert "?inspanning=" not in _section(_text(client.get(_effort_url(effort))))


def _checked(html: str, name: str, value) -> bool:
    tag = re.search(rf'<input[^>]*name="{name}" value="{value}"[^>]*>', html)
    return bool(tag) and "checked" in tag.group(0)


def test_risk_form_presets_from_goal_and_effort(client, staff_user, goal, other_goal, effort):
    client.force_login(staff_user)
    create = reverse("risks:create", args=[SLUG])
    html = _text(client.get(create + "?doel=1a"))
    assert _checked(html, "goals", goal.pk) and not _checked(html, "goals", other_goal.pk)
    assert _checked(html, "kind", RiskKind.GOALS)
    html = _text(client.get(f"{create}?inspanning={effort.pk}"))
    assert _checked(html, "efforts", effort.pk) and _checked(html, "kind", RiskKind.EFFORTS)
    assert _checked(html, "status", RiskStatus.OPEN) or 'value="open" selected' in html
    # Unknown or foreign values are ignored, not an error.
    for query in ("?doel=bestaat-niet", "?inspanning=99999", "?inspanning=abc"):
        response = client.get(create + query)
        assert response.status_code == 200
        assert not re.search(r'<input[^>]*name="(goals|efforts)"[^>]*checked', response.text)


def test_risk_form_preset_of_another_programme_is_ignored(client, staff_user, other_programme):
    client.force_login(staff_user)
    foreign = other_programme.efforts.get()
    html = _text(client.get(reverse("risks:create", args=[SLUG]) + f"?inspanning={foreign.pk}"))
    assert not re.search(r'<input[^>]*name="efforts"[^>]*checked', html)


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["goal", "effort"])
def test_query_count_does_not_grow_with_the_risks(
    client, staff_user, make_risk, goal, effort, page, admin_user
):
    from koers.programmes import services as din
    from koers.programmes.models import Person

    url = _goal_url(goal) if page == "goal" else _effort_url(effort)
    link = {"goals": [goal]} if page == "goal" else {"efforts": [effort]}
    client.force_login(staff_user)
    make_risk("Eerste", likelihood=2, impact=2, **link)
    small = _count(client, url)
    for i in range(6):
        owner = din.object_create(Person, actor=admin_user, name=f"Eigenaar {i}")
        make_risk(f"Risico {i}", likelihood=3, impact=i % 5 + 1, owner=owner, **link)
    big = _count(client, url)
    assert small == big
    assert "Risico 5" in client.get(url).content.decode()
