"""“Mijn rapportages”: what an owner must write now, what is late or open from earlier, and what
staff must review."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.programmes import services as din
from koers.programmes.models import Person
from koers.reporting import services
from koers.reporting.constants import ReportState

from .test_report_views import _count, _submitted, _text, _url

pytestmark = pytest.mark.django_db

# --- my reports ----------------------------------------------------------------------------------


@pytest.fixture
def current_calendar(programme, admin_user):
    """A calendar whose second period has just ended: owners report on it now."""
    today = timezone.localdate()
    return services.calendar_set(
        programme=programme,
        actor=admin_user,
        frequency="tweewekelijks",
        start_date=today - timedelta(days=30),
        deadline_days=5,
    )


def test_my_reports_for_an_owner(client, effort, current_calendar, owner_user):
    today = timezone.localdate()
    first, period = current_calendar.periods_until(today)[:2]
    client.force_login(owner_user)
    response = client.get(reverse("reporting:mine"))
    assert response.status_code == 200
    rows = [row for row, _label in response.context["rows"]]
    assert [(r.effort, r.period.start, r.report) for r in rows] == [
        (effort, period.start, None),
        (effort, first.start, None),
    ]
    html = _text(response)
    assert _url(effort, period.start) in html and _url(effort, first.start) in html
    assert "niet begonnen" in html
    assert rows[0].is_late == (today > period.deadline)


def test_my_reports_late_and_open_earlier(client, effort, programme, admin_user, owner_user):
    today = timezone.localdate()
    calendar = services.calendar_set(
        programme=programme,
        actor=admin_user,
        frequency="tweewekelijks",
        start_date=today - timedelta(days=60),
        deadline_days=0,
    )
    periods = calendar.periods_until(today)
    earlier = services.report_open(effort=effort, period=periods[0], actor=owner_user)
    client.force_login(owner_user)
    response = client.get(reverse("reporting:mine"))
    rows = [row for row, _label in response.context["rows"]]
    # Every period that has ended, newest first; the first has a draft.
    assert [r.period.start for r in rows] == [p.start for p in reversed(periods[:-1])]
    assert rows[-1].report == earlier
    assert all(r.is_late for r in rows)
    assert "te laat" in _text(response)


def test_my_reports_for_staff_lists_reports_to_review(
    client, effort, current_calendar, owner_user, staff_user
):
    period = current_calendar.reporting_period(timezone.localdate())
    _submitted(effort, current_calendar, owner_user, start=period.start)
    client.force_login(staff_user)
    response = client.get(reverse("reporting:mine"))
    assert [r.effort for r in response.context["to_review"]] == [effort]
    assert "Wachten op uw beoordeling" in _text(response)
    client.force_login(owner_user)
    response = client.get(reverse("reporting:mine"))
    assert response.context["to_review"] == []
    current, _label = response.context["rows"][0]
    assert current.report.state == ReportState.SUBMITTED
    assert not current.is_late


def test_my_reports_empty(client, outsider_user, programme):
    client.force_login(outsider_user)
    response = client.get(reverse("reporting:mine"))
    assert response.status_code == 200
    assert "U hoeft geen rapportages te schrijven" in _text(response)


def test_my_reports_needs_a_log_in(client):
    response = client.get(reverse("reporting:mine"))
    assert response.status_code == 302 and "/account/inloggen" in response["Location"]


def test_my_reports_query_count_is_fixed(
    client, effort, current_calendar, owner_user, admin_user, programme
):
    owner = Person.objects.get(user=owner_user)
    client.force_login(owner_user)
    few = _count(client, reverse("reporting:mine"))
    period = current_calendar.reporting_period(timezone.localdate())
    for i in range(6):
        e = din.effort_create(
            actor=admin_user,
            programme=programme,
            name=f"Inspanning {i}",
            owner=owner,
            municipality_role="opdrachtgever",
        )
        if i % 2:
            services.report_open(effort=e, period=period, actor=owner_user)
    many = _count(client, reverse("reporting:mine"))
    assert many == few
    # Seven efforts, each with the two periods that have ended.
    assert len(client.get(reverse("reporting:mine")).context["rows"]) == 14
