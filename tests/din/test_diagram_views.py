"""The DIN diagram page and its downloads: who may see them, what they show (statuses of goals
and of the latest report, the track filter, the activities, the list view), the downloads, a
clear message when Graphviz is missing, and a number of queries independent of the size."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.din import render
from koers.programmes import services
from koers.programmes.models import Activity, StrategicGoal, Track
from koers.reporting.models import ProgressReport

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_render_cache():
    render._memory.clear()
    cache.clear()


def _url(programme, name="diagram", **kwargs) -> str:
    return reverse(f"din:{name}", kwargs={"slug": programme.slug, **kwargs})


@pytest.fixture
def linked(programme, admin_user):
    """The fixture programme with its effort linked to goal 1a, a second track with an effort
    serving 1b, an effort without a track, and an activity."""
    effort = programme.efforts.get(name="Evenementen")
    goals = {g.code: g for g in programme.operational_goals.all()}
    services.goal_effort_link_create(operational_goal=goals["1a"], effort=effort, actor=admin_user)
    track = services.object_create(Track, actor=admin_user, programme=programme, name="Spoor 2")
    other = services.effort_create(
        actor=admin_user, programme=programme, name="Marketing", track=track
    )
    services.goal_effort_link_create(operational_goal=goals["1b"], effort=other, actor=admin_user)
    services.effort_create(actor=admin_user, programme=programme, name="Losse inspanning")
    services.object_create(
        Activity, actor=admin_user, effort=effort, year=2021, description="Zomerkermis"
    )
    return programme


def _report(effort, start: dt.date, state: str, status: str) -> None:
    """Test data: a report over the month from ``start`` (written directly)."""
    ProgressReport.objects.create(
        effort=effort,
        period_start=start,
        period_end=start + dt.timedelta(days=27),
        deadline=start + dt.timedelta(days=35),
        state=state,
        overall_status=status,
    )


def test_page_shows_the_network_with_statuses(client, staff_user, linked):
    effort = linked.efforts.get(name="Evenementen")
    _report(effort, dt.date(2020, 1, 1), "geaccepteerd", "goed")
    _report(effort, dt.date(2020, 2, 1), "ingediend", "aandacht")
    _report(effort, dt.date(2020, 3, 1), "concept", "probleem")  # a draft does not count
    client.force_login(staff_user)
    html = client.get(_url(linked)).content.decode()
    assert '<svg width="' in html and 'class="din-diagram"' in html
    assert 'id="g-1a"' in html and f'id="e-{effort.pk}"' in html
    assert f'id="l-g-1a--e-{effort.pk}"' in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "aandacht" in svg and "probleem" not in svg  # latest handed-in report
    assert "niet meetbaar" in svg or "not measurable" in svg  # goal 1b: no judgement
    # the list view: goal > efforts, and effort > goals
    assert 'id="din-lijst"' in html
    lijst = html[html.index('id="din-lijst"') :]
    assert "Groei van het aantal bezoekers" in lijst and "Marketing" in lijst
    assert "Losse inspanning" in lijst
    assert "din/diagram.js" in html and "din/diagram.css" in html
    for fmt in ("svg", "png", "pdf"):
        assert _url(linked, "diagram_export", fmt=fmt) in html


def test_track_filter_and_activities(client, staff_user, linked):
    client.force_login(staff_user)
    track = linked.tracks.get(name="Spoor 2")
    html = client.get(_url(linked), {"spoor": track.pk}).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "Marketing" in svg and "Evenementen" not in svg
    assert 'id="g-1b"' in svg and 'id="g-1a"' not in svg
    assert f"din.svg?spoor={track.pk}" in html  # the downloads follow the filter
    loose = client.get(_url(linked), {"spoor": "geen"}).content.decode()
    assert "Losse inspanning" in loose[loose.index("<svg") : loose.index("</svg>")]
    # an unknown track shows everything
    everything = client.get(_url(linked), {"spoor": "99999"}).content.decode()
    assert "Evenementen" in everything[everything.index("<svg") :]
    assert "Zomerkermis" not in everything
    with_activities = client.get(_url(linked), {"activiteiten": "1"}).content.decode()
    assert "Zomerkermis" in with_activities


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        ("svg", "image/svg+xml", b"<?xml"),
        ("png", "image/png", b"\x89PNG"),
        ("pdf", "application/pdf", b"%PDF"),
    ],
)
def test_downloads(client, reader_user, linked, fmt, content_type, magic):
    client.force_login(reader_user)
    response = client.get(_url(linked, "diagram_export", fmt=fmt))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="din-test-programma.{fmt}"'
    assert response.content.startswith(magic)


def test_unknown_format_is_not_found(client, staff_user, programme):
    client.force_login(staff_user)
    assert client.get(_url(programme, "diagram_export", fmt="gif")).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"), [("reader", 200), ("owner", 200), ("staff", 200), ("outsider", 403)]
)
def test_who_may_see_the_diagram(
    client, programme, reader_user, owner_user, staff_user, outsider_user, who, status
):
    users = {"reader": reader_user, "owner": owner_user, "staff": staff_user}
    client.force_login(users.get(who, outsider_user))
    assert client.get(_url(programme)).status_code == status
    assert client.get(_url(programme, "diagram_export", fmt="svg")).status_code == status


def test_anonymous_is_sent_to_log_in(client, programme):
    response = client.get(_url(programme))
    assert response.status_code == 302 and "/account/inloggen" in response["Location"]


def test_missing_graphviz_keeps_the_page_and_the_list(client, staff_user, linked, monkeypatch):
    monkeypatch.setattr(render.shutil, "which", lambda name: None)
    client.force_login(staff_user)
    response = client.get(_url(linked))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" not in html and "Graphviz" in html and 'id="din-lijst"' in html
    download = client.get(_url(linked, "diagram_export", fmt="png"))
    assert download.status_code == 503 and b"Graphviz" in download.content


def _grow(programme, actor, n: int) -> None:
    track = programme.tracks.first()
    for i in range(n):
        sg = services.object_create(
            StrategicGoal, actor=actor, programme=programme, code=f"X{i}", text=f"Doel {i}"
        )
        goal = services.operational_goal_create(
            actor=actor,
            programme=programme,
            strategic_goal=sg,
            code=f"X{i}a",
            statement=f"Operationeel {i}",
            kind="meetbaar",
            indicator={
                "name": f"Indicator {i}",
                "target_kind": "bereiken",
                "target_value": Decimal(i),
            },
        )
        effort = services.effort_create(
            actor=actor, programme=programme, name=f"Inspanning {i}", track=track if i % 2 else None
        )
        services.goal_effort_link_create(operational_goal=goal, effort=effort, actor=actor)
        services.object_create(Activity, actor=actor, effort=effort, year=2024, description="Iets")
        _report(effort, dt.date(2020, 1, 1), "ingediend", "goed")


@pytest.mark.parametrize("query", [{}, {"activiteiten": "1"}])
def test_query_count_independent_of_size(client, staff_user, linked, admin_user, query):
    client.force_login(staff_user)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(_url(linked), query)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    small = count()
    _grow(linked, admin_user, 6)
    big = count()
    assert big == small, f"{small} queries with little data, {big} with more"
