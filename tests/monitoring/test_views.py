"""The monitor's pages: dashboard, goal monitor, entering/correcting measurements, judgements."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.monitoring import services
from koers.monitoring.models import GoalJudgement, Measurement
from koers.monitoring.periods import parse_period
from koers.programmes import services as din
from koers.programmes.constants import GoalKind, TargetKind
from koers.programmes.models import OperationalGoal, StrategicGoal

pytestmark = pytest.mark.django_db
BASE = "/programmas/test-programma/monitor"


def test_dashboard_shows_every_goal_with_status_and_sparkline(client, staff_user, series):
    client.force_login(staff_user)
    html = client.get(f"{BASE}/").content.decode()
    assert "1a." in html and "1b." in html
    assert "koers-status--" in html
    assert "<svg" in html  # the sparkline of 1a
    assert "95.100" in html  # latest value in Dutch notation
    assert "Fictie" not in html and "fictitious" not in html.lower()


def test_dashboard_as_of_uses_only_earlier_measurements(client, staff_user, series):
    client.force_login(staff_user)
    html = client.get(f"{BASE}/?op=2018-12-31").content.decode()
    assert "94.200" in html
    assert "95.100" not in html


def test_bad_as_of_date_falls_back_to_today_with_message(client, staff_user, series):
    client.force_login(staff_user)
    response = client.get(f"{BASE}/?op=gisteren")
    assert response.status_code == 200
    assert "op_" in response.content.decode() or "koers-status" in response.content.decode()


def _add_goals(programme, admin_user, n: int) -> None:
    sg = StrategicGoal.objects.get(programme=programme, code="1")
    for i in range(n):
        goal = din.operational_goal_create(
            actor=admin_user,
            programme=programme,
            strategic_goal=sg,
            code=f"x{i}",
            statement=f"Doel {i}",
            kind=GoalKind.MEASURABLE,
            indicator={
                "name": f"Indicator {i}",
                "baseline_value": Decimal("10"),
                "baseline_date": dt.date(2016, 12, 31),
                "target_kind": TargetKind.REACH,
                "target_value": Decimal("20"),
                "target_date": dt.date(2022, 12, 31),
                "measuring_frequency": "jaar",
            },
        )
        for year in range(2017, 2017 + i % 4 + 1):
            services.measurement_create(
                actor=admin_user,
                indicator=goal.indicator,
                period=parse_period(str(year)),
                value=Decimal(10 + year - 2016),
            )


def _dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"{BASE}/")
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_dashboard_query_count_does_not_depend_on_goals_or_measurements(
    client, staff_user, programme, admin_user, series
):
    client.force_login(staff_user)
    small = _dashboard_queries(client)
    _add_goals(programme, admin_user, 12)
    large = _dashboard_queries(client)
    assert large == small, (small, large)
    assert small <= 12


def test_goal_monitor_page_shows_figures_chart_and_table(client, reader_user, series):
    client.force_login(reader_user)
    html = client.get(f"{BASE}/1a/").content.decode()
    assert "<svg" in html  # the chart, rendered on the server
    for value in ("93.500", "94.200", "95.100", "100.000"):
        assert value in html
    assert "Binnenstadsmonitor" in html
    # a reader sees no correction links
    assert "/metingen/nieuw" not in html


def test_goal_monitor_query_count_is_fixed(client, staff_user, series, indicator, admin_user):
    client.force_login(staff_user)
    with CaptureQueriesContext(connection) as small:
        client.get(f"{BASE}/1a/")
    for year in range(2020, 2030):
        services.measurement_create(
            actor=admin_user,
            indicator=indicator,
            period=parse_period(str(year)),
            value=Decimal("96000"),
        )
    goal = indicator.operational_goal
    for i in range(5):
        effort = din.effort_create(actor=admin_user, programme=goal.programme, name=f"Werk {i}")
        din.goal_effort_link_create(operational_goal=goal, effort=effort, actor=admin_user)
    with CaptureQueriesContext(connection) as large:
        client.get(f"{BASE}/1a/")
    assert len(large.captured_queries) == len(small.captured_queries)


def test_chart_svg_download(client, reader_user, series):
    client.force_login(reader_user)
    response = client.get(f"{BASE}/1a/grafiek.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in response.content


def test_chart_of_goal_without_measurements_is_404(client, reader_user, programme):
    client.force_login(reader_user)
    assert client.get(f"{BASE}/1a/grafiek.svg").status_code == 404


def test_staff_enters_a_measurement_in_dutch_notation(client, staff_user, indicator):
    client.force_login(staff_user)
    response = client.post(
        f"{BASE}/1a/metingen/nieuw",
        {"period": "2020-Q2", "value": "96.250", "source": "Telling", "note": ""},
    )
    assert response.status_code == 302
    m = Measurement.objects.get(indicator=indicator)
    assert m.value == Decimal("96250")
    assert (m.period_start, m.period_end) == (dt.date(2020, 4, 1), dt.date(2020, 6, 30))
    assert m.entered_by == staff_user


def test_bad_measurement_input_names_the_field(client, staff_user, indicator):
    client.force_login(staff_user)
    response = client.post(f"{BASE}/1a/metingen/nieuw", {"period": "2020-Q7", "value": "1,2,3"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "2020-Q7" in html and "1,2,3" in html
    assert not Measurement.objects.exists()


def test_second_value_for_the_same_period_is_refused(client, staff_user, series):
    client.force_login(staff_user)
    response = client.post(f"{BASE}/1a/metingen/nieuw", {"period": "2019", "value": "1"})
    assert response.status_code == 400
    assert Measurement.objects.filter(period_start=dt.date(2019, 1, 1)).get().value == 95100


def test_correction_keeps_history(client, staff_user, series):
    client.force_login(staff_user)
    m = series[-1]
    response = client.post(
        f"{BASE}/1a/metingen/{m.pk}/bewerken",
        {"period": "2019", "value": "95200", "source": "Gecorrigeerd", "version": m.version},
    )
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.value == Decimal("95200")
    values = [h.value for h in m.history.order_by("history_date")]
    assert values == [Decimal("95100"), Decimal("95200")]


def test_concurrent_corrections_do_not_overwrite_each_other(client, staff_user, series):
    client.force_login(staff_user)
    m = series[-1]
    seen = m.version
    first = client.post(
        f"{BASE}/1a/metingen/{m.pk}/bewerken",
        {"period": "2019", "value": "95200", "version": seen},
    )
    assert first.status_code == 302
    second = client.post(
        f"{BASE}/1a/metingen/{m.pk}/bewerken",
        {"period": "2019", "value": "99999", "version": seen},
    )
    assert second.status_code == 409
    html = second.content.decode()
    assert "95.200" in html and "99999" in html  # theirs beside yours
    m.refresh_from_db()
    assert m.value == Decimal("95200")


def test_delete_measurement(client, staff_user, series):
    client.force_login(staff_user)
    m = series[0]
    response = client.post(f"{BASE}/1a/metingen/{m.pk}/verwijderen", {"version": m.version})
    assert response.status_code == 302
    assert not Measurement.objects.filter(pk=m.pk).exists()


def test_reader_cannot_enter_measurements(client, reader_user, indicator):
    client.force_login(reader_user)
    response = client.post(f"{BASE}/1a/metingen/nieuw", {"period": "2020", "value": "1"})
    assert response.status_code == 403
    assert not Measurement.objects.exists()


def test_qualitative_goal_is_judged_with_date_and_explanation(client, staff_user, programme):
    client.force_login(staff_user)
    html = client.get(f"{BASE}/1b/").content.decode()
    assert "niet_meetbaar" in html
    response = client.post(
        f"{BASE}/1b/oordeel",
        {"date": "2020-06-30", "status": "aandacht", "explanation": "Weinig gastvrije reacties."},
    )
    assert response.status_code == 302
    judgement = GoalJudgement.objects.get()
    assert judgement.recorded_by == staff_user
    html = client.get(f"{BASE}/1b/").content.decode()
    assert "Weinig gastvrije reacties." in html
    assert "koers-status--aandacht" in html
    # before the judgement's date the goal is still not measurable
    html = client.get(f"{BASE}/1b/?op=2020-01-01").content.decode()
    assert "koers-status--niet_meetbaar" in html


def test_judgement_without_explanation_is_refused(client, staff_user, programme):
    client.force_login(staff_user)
    response = client.post(f"{BASE}/1b/oordeel", {"date": "2020-06-30", "status": "aandacht"})
    assert response.status_code == 400
    assert not GoalJudgement.objects.exists()


def test_measurable_goal_cannot_be_judged(client, staff_user, programme):
    client.force_login(staff_user)
    assert client.get(f"{BASE}/1a/oordeel").status_code == 404


def test_fictitious_measurements_are_labelled(client, reader_user, indicator, admin_user):
    services.measurement_create(
        actor=admin_user,
        indicator=indicator,
        period=parse_period("2019"),
        value=Decimal("95000"),
        is_fictitious=True,
    )
    client.force_login(reader_user)
    for url in (f"{BASE}/", f"{BASE}/1a/"):
        html = client.get(url).content.decode()
        assert "koers-fictitious" in html, url


def test_goal_kind_change_to_qualitative_keeps_the_measurements(programme, admin_user, series):
    """Making a goal qualitative would remove its indicator and its measurements: they are part
    of the record (issue 17), so the change is refused and nothing is written."""
    from django.core.exceptions import ValidationError

    goal = OperationalGoal.objects.get(programme=programme, code="1a")
    with pytest.raises(ValidationError, match="3 metingen"):
        din.operational_goal_update(
            goal=goal, actor=admin_user, expected_version=None, kind=GoalKind.QUALITATIVE
        )
    assert Measurement.objects.count() == 3
    assert OperationalGoal.objects.get(pk=goal.pk).kind == GoalKind.MEASURABLE


def test_simultaneous_entry_of_the_same_period_gives_the_message_not_an_error(
    staff_user, admin_user, indicator, monkeypatch
):
    """The other person's value is saved between our check and our insert: the database's
    unique constraint stops the second value and the user gets the usual message."""
    from django.core.exceptions import ValidationError

    from koers.monitoring import services as monitoring_services

    services.measurement_create(
        actor=admin_user, indicator=indicator, period=parse_period("2021"), value=Decimal("1")
    )
    real_check = monitoring_services._check_unique
    calls = []

    def check_that_misses_the_first_time(ind, period, exclude_pk=None):
        calls.append(1)
        if len(calls) > 1:
            real_check(ind, period, exclude_pk)

    monkeypatch.setattr(monitoring_services, "_check_unique", check_that_misses_the_first_time)
    monkeypatch.setattr(Measurement, "validate_constraints", lambda self, exclude=None: None)
    with pytest.raises(ValidationError) as exc:
        services.measurement_create(
            actor=staff_user, indicator=indicator, period=parse_period("2021"), value=Decimal("2")
        )
    assert "2021" in str(exc.value)
    assert Measurement.objects.get().value == Decimal("1")
