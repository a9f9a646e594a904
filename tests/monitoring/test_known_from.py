"""When a measurement counts: the day from which it is known (``known_from``, "bekend sinds").

The rules (pure), the status on a date with what was known then (selectors, with fixed query
counts), the form and the service refusing bad days, and the monitor pages saying how many
measurements are known only after the reference date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from koers.monitoring import selectors, services
from koers.monitoring.models import Measurement
from koers.monitoring.periods import default_known_from, known_from_problem, parse_period
from koers.monitoring.status import IndicatorSpec, Point, evaluate
from koers.programmes.constants import TargetKind

BASE = "/programmas/test-programma/monitor"
DEC6, DEC7 = dt.date(2026, 12, 6), dt.date(2026, 12, 7)
Y2026 = parse_period("2026")


# --- the rules (pure) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "entered", "known"),
    [
        ("2026", DEC7, DEC7),  # this year's value entered today counts today
        ("2026", dt.date(2027, 3, 1), dt.date(2026, 12, 31)),  # entered later: the period's end
        ("2026", dt.date(2026, 12, 31), dt.date(2026, 12, 31)),
        ("2026-Q4", DEC7, DEC7),
        ("2026-11", DEC7, dt.date(2026, 11, 30)),
        ("2027", DEC7, dt.date(2027, 1, 1)),  # entered ahead of its period: from its start
    ],
)
def test_default_known_from(period, entered, known):
    p = parse_period(period)
    assert default_known_from(p.start, p.end, entered) == known


def test_known_from_problem_allows_the_period_start_up_to_today():
    start = dt.date(2026, 1, 1)
    with translation.override("nl"):
        assert known_from_problem(start, start=start, today=DEC7) == ""
        assert known_from_problem(DEC7, start=start, today=DEC7) == ""
        before = known_from_problem(dt.date(2025, 12, 31), start=start, today=DEC7)
        assert before == "De datum 2025-12-31 ligt vóór het begin van de periode (2026-01-01)."
        future = known_from_problem(dt.date(2026, 12, 8), start=start, today=DEC7)
        assert future.startswith("De datum 2026-12-08 ligt in de toekomst")
    # after the end of the period is fine (a survey published the next spring)
    assert known_from_problem(dt.date(2027, 3, 15), start=start, today=dt.date(2027, 4, 1)) == ""


def test_the_engine_uses_the_points_known_on_the_reference_date():
    spec = IndicatorSpec(TargetKind.INCREASE_BY, D("7000"), dt.date(2027, 12, 31), D("93000"))
    old = Point(dt.date(2025, 12, 31), D("95000"))
    new = Point(dt.date(2026, 12, 31), D("97000"), known=DEC7)
    assert evaluate(spec, [old, new], as_of=DEC7).latest == new
    assert evaluate(spec, [old, new], as_of=DEC6).latest == old
    late = Point(dt.date(2026, 12, 31), D("97000"), known=dt.date(2027, 3, 15))
    assert evaluate(spec, [old, late], as_of=dt.date(2027, 1, 1)).latest == old
    assert evaluate(spec, [old, late], as_of=dt.date(2027, 3, 15)).latest == late
    # a point without ``known`` is known from its date, as before
    assert evaluate(spec, [old], as_of=dt.date(2025, 12, 30)).latest is None


# --- with the database -------------------------------------------------------------------------


@pytest.fixture
def today(monkeypatch):
    """Let the services believe today is ``today.day`` (default 7 December 2026)."""
    state = SimpleNamespace(day=DEC7)
    fake = SimpleNamespace(localdate=lambda value=None: state.day if value is None else value)
    monkeypatch.setattr(services, "timezone", fake)
    return state


@pytest.fixture
def year_2026(today, indicator, admin_user, series):
    """The series 2017–2019 and a value for 2026 entered on 7 December 2026."""
    return services.measurement_create(
        actor=admin_user, indicator=indicator, period=Y2026, value=D("99000")
    )


@pytest.mark.django_db
def test_a_value_for_this_year_entered_today_counts_today_and_not_yesterday(programme, year_2026):
    assert year_2026.known_from == DEC7
    on_7 = selectors.programme_monitor(programme, as_of=DEC7, count_later=True)
    on_6 = selectors.programme_monitor(programme, as_of=DEC6, count_later=True)
    by_code_7 = {g.goal.code: g for g in on_7.goals}
    by_code_6 = {g.goal.code: g for g in on_6.goals}
    assert by_code_7["1a"].evaluation.latest.value == D("99000")
    assert by_code_7["1a"].evaluation.latest.known == DEC7
    assert by_code_6["1a"].evaluation.latest.value == D("95100")
    assert (on_7.later, on_6.later) == (0, 1)
    assert selectors.programme_monitor(programme, as_of=DEC6).later == 0  # only when asked
    gm_7 = selectors.goal_monitor(programme, "1a", as_of=DEC7)
    gm_6 = selectors.goal_monitor(programme, "1a", as_of=DEC6)
    assert gm_7.state.evaluation.latest.value == D("99000") and gm_7.later == 0
    assert gm_6.state.evaluation.latest.value == D("95100") and gm_6.later == 1
    assert len(gm_6.measurements) == 4  # the table shows them all


@pytest.mark.django_db
def test_a_value_entered_after_its_period_is_known_from_the_end_of_the_period(
    programme, indicator, admin_user, today
):
    today.day = dt.date(2027, 1, 15)
    m = services.measurement_create(
        actor=admin_user, indicator=indicator, period=Y2026, value=D("99000")
    )
    assert m.known_from == dt.date(2026, 12, 31)
    # On 7 December 2026 it was not known yet (it did not exist), on 31 December it counts.
    assert selectors.goal_monitor(programme, "1a", as_of=DEC7).state.evaluation.latest is None
    state = selectors.goal_monitor(programme, "1a", as_of=dt.date(2026, 12, 31)).state
    assert state.evaluation.latest.value == D("99000")


@pytest.mark.django_db
def test_a_publication_date_after_the_period_delays_the_value(
    programme, indicator, admin_user, today
):
    today.day = dt.date(2027, 4, 1)
    m = services.measurement_create(
        actor=admin_user,
        indicator=indicator,
        period=Y2026,
        value=D("99000"),
        known_from=dt.date(2027, 3, 15),
    )
    assert m.known_from == dt.date(2027, 3, 15)
    points, _fictitious = selectors.points_by_indicator([indicator.pk], dt.date(2027, 3, 14))
    assert points == {}
    points, _fictitious = selectors.points_by_indicator([indicator.pk], dt.date(2027, 3, 15))
    assert [p.value for p in points[indicator.pk]] == [D("99000")]


def test_known_points_is_the_one_rule_the_public_pages_share_too():
    from koers.public import selectors as public

    m = SimpleNamespace(
        period_end=dt.date(2026, 12, 31),
        period_start=dt.date(2026, 1, 1),
        period_kind="jaar",
        value=D("1"),
        is_provisional=False,
        is_fictitious=True,
        known_from=DEC7,
    )
    assert selectors.known_points([m], DEC6) == ([], False, 1)
    points, fictitious, later = selectors.known_points([m], DEC7)
    assert len(points) == 1 and points[0].known == DEC7 and (fictitious, later) == (True, 0)
    assert public.known_points is selectors.known_points


@pytest.mark.django_db
def test_programme_monitor_query_count_is_fixed(programme, year_2026, django_assert_num_queries):
    with django_assert_num_queries(4):
        selectors.programme_monitor(programme, as_of=DEC6)
    with django_assert_num_queries(5):
        selectors.programme_monitor(programme, as_of=DEC6, count_later=True)


# --- entering and correcting -------------------------------------------------------------------


@pytest.mark.django_db
def test_service_refuses_a_day_before_the_period_or_in_the_future(indicator, admin_user, today):
    with translation.override("nl"):
        with pytest.raises(ValidationError) as exc:
            services.measurement_create(
                actor=admin_user,
                indicator=indicator,
                period=Y2026,
                value=D("1"),
                known_from=dt.date(2025, 12, 1),
            )
        assert "vóór het begin van de periode" in exc.value.message_dict["known_from"][0]
        with pytest.raises(ValidationError) as exc:
            services.measurement_create(
                actor=admin_user,
                indicator=indicator,
                period=Y2026,
                value=D("1"),
                known_from=dt.date(2026, 12, 8),
            )
        assert "in de toekomst" in exc.value.message_dict["known_from"][0]
    assert not Measurement.objects.exists()


@pytest.mark.django_db
def test_correction_keeps_known_from_and_clearing_it_gives_the_default(
    indicator, admin_user, today
):
    m = services.measurement_create(
        actor=admin_user,
        indicator=indicator,
        period=parse_period("2025"),
        value=D("1"),
        known_from=dt.date(2026, 3, 15),
    )
    m = services.measurement_update(
        measurement=m, actor=admin_user, expected_version=m.version, value=D("2")
    )
    assert m.known_from == dt.date(2026, 3, 15)
    m = services.measurement_update(
        measurement=m, actor=admin_user, expected_version=m.version, known_from=None
    )
    assert m.known_from == dt.date(2025, 12, 31)
    assert m.history.first().known_from == dt.date(2025, 12, 31)


@pytest.mark.django_db
def test_the_form_names_a_bad_known_from(client, staff_user, indicator):
    client.force_login(staff_user)
    url = f"{BASE}/1a/metingen/nieuw"
    response = client.post(url, {"period": "2019", "value": "1", "known_from": "gisteren"})
    assert response.status_code == 400
    assert "gisteren" in response.content.decode()
    response = client.post(url, {"period": "2019", "value": "1", "known_from": "2018-06-30"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "De datum 2018-06-30 ligt vóór het begin van de periode (2019-01-01)." in html
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(url, {"period": "2019", "value": "1", "known_from": tomorrow})
    assert response.status_code == 400
    assert "ligt in de toekomst" in response.content.decode()
    assert not Measurement.objects.exists()
    response = client.post(url, {"period": "2019", "value": "1", "known_from": "2020-03-15"})
    assert response.status_code == 302
    assert Measurement.objects.get().known_from == dt.date(2020, 3, 15)


# --- the pages ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_monitor_pages_say_how_many_measurements_come_after_the_date(
    client, reader_user, year_2026
):
    client.force_login(reader_user)
    html = client.get(f"{BASE}/?op=2026-12-06").content.decode()
    assert "Er is 1 meting na deze datum; die telt niet mee in de stand op deze datum." in html
    assert "Stand op 6 december 2026." in html
    assert 'value="2026-12-06"' in html  # the date field shows the date the page is about
    html = client.get(f"{BASE}/1a/?op=2026-12-06").content.decode()
    assert "Er is 1 meting na deze datum" in html
    assert "bekend sinds 7 december 2026" in html  # the 2026 value in the table
    assert "na de peildatum, niet gebruikt" in html
    html = client.get(f"{BASE}/?op=2018-06-30").content.decode()
    assert "Er zijn 3 metingen na deze datum; die tellen niet mee" in html
    html = client.get(f"{BASE}/?op=2026-12-07").content.decode()
    assert "na deze datum" not in html


@pytest.mark.django_db
def test_the_date_field_shows_today_without_a_chosen_date(client, reader_user, series):
    client.force_login(reader_user)
    html = client.get(f"{BASE}/").content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in html


@pytest.mark.django_db
def test_dashboard_query_count_with_later_measurements(client, reader_user, year_2026):
    client.force_login(reader_user)
    with CaptureQueriesContext(connection) as before:
        client.get(f"{BASE}/?op=2026-12-06")
    with CaptureQueriesContext(connection) as after:
        client.get(f"{BASE}/?op=2018-06-30")
    assert len(before.captured_queries) == len(after.captured_queries)


# --- the API -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_api_gives_and_takes_known_from(staff_user, indicator):
    from rest_framework.test import APIClient

    from koers.api.services import api_client_create

    client = APIClient()
    token = api_client_create(name="t", user=staff_user)[1]
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    body = {"indicator": indicator.pk, "period": "2019", "value": "1"}
    created = client.post("/api/v1/metingen", {**body, "knownFrom": "2020-03-15"}, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["knownFrom"] == "2020-03-15"
    got = client.get(f"/api/v1/metingen/{created.json()['id']}").json()
    assert got["knownFrom"] == "2020-03-15"
    bad = client.post(
        "/api/v1/metingen", {**body, "period": "2020", "knownFrom": "2019-01-01"}, format="json"
    )
    assert bad.status_code == 400
    assert bad.json()["invalid-params"][0]["name"] == "knownFrom"
    default = client.post("/api/v1/metingen", {**body, "period": "2018"}, format="json").json()
    assert default["knownFrom"] == "2018-12-31"
