"""The demo's fictitious measurement series: one value per year 2016–2022 for every measurable goal
of Programma Binnenstad, all labelled fictitious, nothing for qualitative goals, idempotent."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from koers.demo import loader
from koers.demo.measurements import (
    FIRST_YEAR,
    LAST_YEAR,
    NOTE,
    SERIES,
    SOURCE,
    load_demo_measurements,
)
from koers.demo.seed_data import BINNENSTAD, STEDELIJKE_ONTWIKKELING
from koers.monitoring.constants import PeriodKind, Status
from koers.monitoring.models import GoalJudgement, Measurement
from koers.monitoring.periods import parse_period
from koers.monitoring.services import measurement_update
from koers.programmes.constants import GoalKind
from koers.programmes.models import Indicator, OperationalGoal, Programme

YEARS = list(range(FIRST_YEAR, LAST_YEAR + 1))


def run_demo(*args: str) -> None:
    call_command("demo", *args, "--no-users", stdout=StringIO())


def measurable_codes(data) -> set[str]:
    return {
        og.code
        for sg in data.strategic_goals
        for og in sg.operational_goals
        if og.kind == GoalKind.MEASURABLE
    }


def test_every_measurable_binnenstad_goal_has_a_series_and_nothing_else_does():
    assert set(SERIES) == {BINNENSTAD.slug}
    assert set(SERIES[BINNENSTAD.slug]) == measurable_codes(BINNENSTAD)
    for values, _provisional in SERIES[BINNENSTAD.slug].values():
        assert len(values) == len(YEARS)
    assert "geen echte meting" in SOURCE and "Fictieve" in NOTE


@pytest.mark.django_db
def test_the_demo_loads_a_fictitious_series_2016_2022_per_measurable_goal(admin_user):
    loader.load_demo(actor=admin_user)
    binnenstad = Programme.objects.get(slug=BINNENSTAD.slug)
    indicators = Indicator.objects.filter(operational_goal__programme=binnenstad)
    assert indicators.count() == len(measurable_codes(BINNENSTAD)) == 9
    for indicator in indicators.select_related("operational_goal"):
        rows = list(indicator.measurements.order_by("period_start"))
        assert [m.period_start.year for m in rows] == YEARS, indicator.operational_goal.code
        assert {m.period_kind for m in rows} == {PeriodKind.YEAR}
        assert all(m.is_fictitious for m in rows)
        assert {m.source for m in rows} == {SOURCE}
        assert {m.note for m in rows} == {NOTE}
        values, provisional_last = SERIES[BINNENSTAD.slug][indicator.operational_goal.code]
        assert [m.value for m in rows] == list(values)
        assert [m.is_provisional for m in rows] == [False] * 6 + [provisional_last]
    visitors = Measurement.objects.get(
        indicator__operational_goal__programme=binnenstad,
        indicator__operational_goal__code="1a",
        period_start=dt.date(2016, 1, 1),
    )
    assert visitors.value == binnenstad.operational_goals.get(code="1a").indicator.baseline_value
    # Written through the services, with the loader's actor in the history.
    assert Measurement.history.filter(history_type="+").count() == 9 * len(YEARS)
    assert not Measurement.history.exclude(history_user=admin_user).exists()


@pytest.mark.django_db
def test_nothing_is_invented_for_qualitative_goals_or_the_2023_programme(admin_user):
    loader.load_demo(actor=admin_user)
    qualitative = OperationalGoal.objects.filter(kind=GoalKind.QUALITATIVE)
    assert qualitative.exists()
    assert not Measurement.objects.filter(indicator__operational_goal__in=qualitative).exists()
    assert not GoalJudgement.objects.exists()
    assert not Measurement.objects.filter(
        indicator__operational_goal__programme__slug=STEDELIJKE_ONTWIKKELING.slug
    ).exists()
    assert Measurement.objects.count() == Measurement.objects.filter(is_fictitious=True).count()


@pytest.mark.django_db
def test_loading_twice_or_resetting_does_not_duplicate(settings):
    settings.DEMO_MODE = False
    run_demo()
    count = Measurement.objects.count()
    assert count == 9 * len(YEARS)
    run_demo()
    assert Measurement.objects.count() == count
    run_demo("--reset")
    assert Measurement.objects.count() == count
    binnenstad = Programme.objects.get(slug=BINNENSTAD.slug)
    assert load_demo_measurements(binnenstad) == 0


@pytest.mark.django_db
def test_the_series_fills_only_missing_periods_and_keeps_corrections(admin_user):
    loader.load_demo(actor=admin_user)
    binnenstad = Programme.objects.get(slug=BINNENSTAD.slug)
    indicator = binnenstad.operational_goals.get(code="2b").indicator
    corrected = indicator.measurements.get(period_start=dt.date(2019, 1, 1))
    measurement_update(
        measurement=corrected, actor=admin_user, expected_version=None, value=8000, note="eigen"
    )
    period = parse_period("2020")
    indicator.measurements.filter(period_start=period.start).delete()
    assert load_demo_measurements(binnenstad, actor=admin_user) == 1
    corrected.refresh_from_db()
    assert (corrected.value, corrected.note) == (8000, "eigen")
    assert indicator.measurements.count() == len(YEARS)


@pytest.mark.django_db
def test_the_series_give_different_statuses():
    """The engine puts the demo's goals in every status, as of the end of 2021."""
    from koers.monitoring.selectors import indicator_spec
    from koers.monitoring.status import Point, evaluate

    run_demo()
    found = set()
    for indicator in Indicator.objects.filter(operational_goal__programme__slug=BINNENSTAD.slug):
        spec = indicator_spec(indicator)
        points = [
            Point(
                date=m.period_end,
                value=m.value,
                period_start=m.period_start,
                period_kind=m.period_kind,
                provisional=m.is_provisional,
            )
            for m in indicator.measurements.all()
        ]
        found.add(evaluate(spec, points, as_of=dt.date(2021, 12, 31)).status)
    assert found == {Status.ACHIEVED, Status.ON_COURSE, Status.ATTENTION, Status.OFF_COURSE}
