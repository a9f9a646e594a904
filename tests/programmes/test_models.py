"""Validation rules of the DIN model layer, exercised through the services that call them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext

from koers.programmes import services
from koers.programmes.constants import GoalKind, TargetKind
from koers.programmes.models import (
    Effort,
    GoalEffortLink,
    Indicator,
    OperationalGoal,
    Programme,
    StrategicGoal,
    Track,
)

# --- helpers -------------------------------------------------------------------------------------


def _other_programme(actor) -> Programme:
    other = services.programme_create(
        actor=actor,
        slug="ander-programma",
        name="Ander programma",
        municipality="Almelo",
        period_start=date(2023, 1, 1),
        period_end=date(2026, 12, 31),
    )
    sg = services.object_create(
        StrategicGoal, actor=actor, programme=other, code="A", text="Ander strategisch doel"
    )
    services.operational_goal_create(
        actor=actor,
        programme=other,
        strategic_goal=sg,
        code="A1",
        statement="Een ander doel",
        kind=GoalKind.QUALITATIVE,
    )
    services.object_create(Track, actor=actor, programme=other, name="Ander spoor")
    services.effort_create(actor=actor, programme=other, name="Andere inspanning")
    return other


def _constraint_message(model, name: str) -> str:
    """The message of a unique constraint, in the active language (nl or en)."""
    constraint = next(c for c in model._meta.constraints if c.name == name)
    return str(constraint.violation_error_message)


def _indicator(**overrides) -> dict:
    values = {
        "name": "Bezoekers per week",
        "unit": "bezoekers per week",
        "baseline_value": Decimal("93000"),
        "baseline_date": date(2016, 12, 31),
        "target_kind": TargetKind.INCREASE_BY,
        "target_value": Decimal("7000"),
        "target_date": date(2022, 12, 31),
    }
    values.update(overrides)
    return values


def _new_goal(programme, actor, code: str, indicator: dict) -> OperationalGoal:
    return services.operational_goal_create(
        actor=actor,
        programme=programme,
        strategic_goal=programme.strategic_goals.get(code="1"),
        code=code,
        statement="Nieuw doel",
        kind=GoalKind.MEASURABLE,
        indicator=indicator,
    )


# --- programme -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_programme_period_end_before_start_is_refused(admin_user):
    with pytest.raises(ValidationError) as excinfo:
        services.programme_create(
            actor=admin_user,
            slug="achterstevoren",
            name="Achterstevoren",
            municipality="Almelo",
            period_start=date(2022, 1, 1),
            period_end=date(2019, 12, 31),
        )
    assert set(excinfo.value.message_dict) == {"period_end"}
    assert not Programme.objects.filter(slug="achterstevoren").exists()


@pytest.mark.django_db
def test_programme_period_of_one_day_is_allowed(admin_user):
    programme = services.programme_create(
        actor=admin_user,
        slug="een-dag",
        name="Eén dag",
        municipality="Almelo",
        period_start=date(2022, 1, 1),
        period_end=date(2022, 1, 1),
    )
    assert programme.pk is not None


@pytest.mark.django_db
def test_programme_slug_is_unique(programme, admin_user):
    with pytest.raises(ValidationError) as excinfo:
        services.programme_create(
            actor=admin_user,
            slug=programme.slug,
            name="Dubbel",
            municipality="Almelo",
            period_start=date(2019, 1, 1),
            period_end=date(2022, 12, 31),
        )
    assert "slug" in excinfo.value.message_dict


@pytest.mark.django_db
def test_programme_update_with_end_before_start_changes_nothing(programme, admin_user):
    with pytest.raises(ValidationError) as excinfo:
        services.programme_update(
            programme=programme,
            actor=admin_user,
            expected_version=programme.version,
            period_end=date(2018, 1, 1),
        )
    assert set(excinfo.value.message_dict) == {"period_end"}
    stored = Programme.objects.get(pk=programme.pk)
    assert stored.period_end == date(2022, 12, 31)
    assert stored.version == 1


# --- indicator -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_target_date_before_baseline_date_is_refused(programme, admin_user):
    with pytest.raises(ValidationError) as excinfo:
        _new_goal(
            programme,
            admin_user,
            "1c",
            _indicator(baseline_date=date(2020, 1, 1), target_date=date(2019, 1, 1)),
        )
    assert set(excinfo.value.message_dict) == {"indicator-target_date"}
    # The goal and its indicator are written together or not at all.
    assert not OperationalGoal.objects.filter(programme=programme, code="1c").exists()


@pytest.mark.django_db
def test_target_date_equal_to_baseline_date_is_refused(programme, admin_user):
    with pytest.raises(ValidationError) as excinfo:
        _new_goal(
            programme,
            admin_user,
            "1c",
            _indicator(baseline_date=date(2020, 1, 1), target_date=date(2020, 1, 1)),
        )
    assert "indicator-target_date" in excinfo.value.message_dict


@pytest.mark.django_db
def test_target_value_without_kind_is_refused(programme, admin_user):
    with pytest.raises(ValidationError) as excinfo:
        _new_goal(programme, admin_user, "1c", _indicator(target_kind=""))
    assert set(excinfo.value.message_dict) == {"indicator-target_kind"}


@pytest.mark.django_db
def test_target_kind_without_value_is_refused_except_keep(programme, admin_user):
    with pytest.raises(ValidationError) as excinfo:
        _new_goal(
            programme, admin_user, "1c", _indicator(target_kind=TargetKind.REACH, target_value=None)
        )
    assert set(excinfo.value.message_dict) == {"indicator-target_value"}

    goal = _new_goal(
        programme, admin_user, "1d", _indicator(target_kind=TargetKind.KEEP, target_value=None)
    )
    assert goal.indicator.target_end_value == Decimal("93000")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [TargetKind.INCREASE_BY, TargetKind.DECREASE_BY])
def test_change_must_be_given_as_a_positive_number(programme, admin_user, kind):
    with pytest.raises(ValidationError) as excinfo:
        _new_goal(
            programme, admin_user, "1c", _indicator(target_kind=kind, target_value=Decimal("-5"))
        )
    assert set(excinfo.value.message_dict) == {"indicator-target_value"}


@pytest.mark.django_db
def test_negative_target_value_is_fine_for_reach(programme, admin_user):
    # A balance may well have to reach a negative number; only changes must be positive.
    goal = _new_goal(
        programme,
        admin_user,
        "1c",
        _indicator(target_kind=TargetKind.REACH, target_value=Decimal("-5")),
    )
    assert goal.indicator.target_end_value == Decimal("-5")


def test_indicator_clean_reports_every_problem_at_once():
    indicator = Indicator(
        name="Leegstand",
        baseline_date=date(2020, 1, 1),
        target_date=date(2019, 1, 1),
        target_value=Decimal("10"),
    )
    with pytest.raises(ValidationError) as excinfo:
        indicator.clean()
    assert set(excinfo.value.message_dict) == {"target_kind", "target_date"}


# --- target_end_value: one row per target kind ------------------------------------------------ --


@pytest.mark.parametrize(
    ("kind", "baseline", "target", "expected"),
    [
        (TargetKind.REACH, Decimal("93000"), Decimal("100000"), Decimal("100000")),
        (TargetKind.INCREASE_BY, Decimal("93000"), Decimal("7000"), Decimal("100000")),
        (TargetKind.DECREASE_BY, Decimal("8000"), Decimal("2000"), Decimal("6000")),
        (TargetKind.AT_MOST, Decimal("9000"), Decimal("6000"), Decimal("6000")),
        (TargetKind.AT_LEAST, Decimal("6.2"), Decimal("7.0"), Decimal("7.0")),
        (TargetKind.KEEP, Decimal("6.5"), None, Decimal("6.5")),
        (TargetKind.KEEP, Decimal("6.5"), Decimal("6.6"), Decimal("6.6")),
        # Without a baseline a change cannot be turned into an end value: unknown, not invented.
        (TargetKind.INCREASE_BY, None, Decimal("7000"), None),
        (TargetKind.DECREASE_BY, None, Decimal("2000"), None),
        (TargetKind.KEEP, None, None, None),
        (TargetKind.REACH, None, Decimal("0"), Decimal("0")),
        ("", Decimal("5"), None, None),
    ],
)
def test_target_end_value(kind, baseline, target, expected):
    indicator = Indicator(name="x", target_kind=kind, baseline_value=baseline, target_value=target)
    assert indicator.target_end_value == expected


def test_every_target_kind_is_covered_by_the_end_value_table():
    covered = {
        TargetKind.REACH,
        TargetKind.INCREASE_BY,
        TargetKind.DECREASE_BY,
        TargetKind.AT_MOST,
        TargetKind.AT_LEAST,
        TargetKind.KEEP,
    }
    assert covered == set(TargetKind)


# --- cross-programme references -------------------------------------------------------------------


@pytest.mark.django_db
def test_operational_goal_with_strategic_goal_of_other_programme(programme, admin_user):
    other = _other_programme(admin_user)
    with pytest.raises(ValidationError) as excinfo:
        services.operational_goal_create(
            actor=admin_user,
            programme=programme,
            strategic_goal=other.strategic_goals.get(),
            code="9z",
            statement="Verkeerd gekoppeld",
            kind=GoalKind.QUALITATIVE,
        )
    assert set(excinfo.value.message_dict) == {"strategic_goal"}
    assert not OperationalGoal.objects.filter(code="9z").exists()


@pytest.mark.django_db
def test_moving_operational_goal_to_strategic_goal_of_other_programme(programme, admin_user):
    other = _other_programme(admin_user)
    goal = programme.operational_goals.get(code="1b")
    with pytest.raises(ValidationError) as excinfo:
        services.operational_goal_update(
            goal=goal,
            actor=admin_user,
            expected_version=goal.version,
            strategic_goal=other.strategic_goals.get(),
        )
    assert set(excinfo.value.message_dict) == {"strategic_goal"}
    stored = OperationalGoal.objects.get(pk=goal.pk)
    assert stored.strategic_goal.programme_id == programme.pk


@pytest.mark.django_db
def test_effort_with_track_of_other_programme(programme, admin_user):
    other = _other_programme(admin_user)
    with pytest.raises(ValidationError) as excinfo:
        services.effort_create(
            actor=admin_user,
            programme=programme,
            name="Verkeerd spoor",
            track=other.tracks.get(),
        )
    assert set(excinfo.value.message_dict) == {"track"}
    assert not Effort.objects.filter(name="Verkeerd spoor").exists()


@pytest.mark.django_db
def test_effort_end_before_start(programme, admin_user):
    with pytest.raises(ValidationError) as excinfo:
        services.effort_create(
            actor=admin_user,
            programme=programme,
            name="Terug in de tijd",
            start_date=date(2021, 6, 1),
            end_date=date(2021, 1, 1),
        )
    assert set(excinfo.value.message_dict) == {"end_date"}


@pytest.mark.django_db
def test_track_last_year_before_first(programme, admin_user):
    with pytest.raises(ValidationError) as excinfo:
        services.object_create(
            Track,
            actor=admin_user,
            programme=programme,
            name="Spoor",
            start_year=2021,
            end_year=2020,
        )
    assert set(excinfo.value.message_dict) == {"end_year"}


@pytest.mark.django_db
def test_link_between_goal_and_effort_of_different_programmes(programme, admin_user):
    other = _other_programme(admin_user)
    with pytest.raises(ValidationError) as excinfo:
        services.goal_effort_link_create(
            operational_goal=programme.operational_goals.get(code="1a"),
            effort=other.efforts.get(),
            actor=admin_user,
        )
    assert set(excinfo.value.message_dict) == {NON_FIELD_ERRORS}
    assert excinfo.value.messages == [
        gettext("The goal and the effort belong to different programmes.")
    ]
    assert not GoalEffortLink.objects.exists()


# --- uniqueness ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_duplicate_strategic_goal_code(programme, admin_user):
    with pytest.raises(ValidationError) as excinfo:
        services.object_create(
            StrategicGoal, actor=admin_user, programme=programme, code="1", text="Dubbel"
        )
    assert set(excinfo.value.message_dict) == {NON_FIELD_ERRORS}
    assert excinfo.value.messages == [
        _constraint_message(StrategicGoal, "strategic_goal_code_unique")
    ]
    assert programme.strategic_goals.count() == 1


@pytest.mark.django_db
def test_duplicate_operational_goal_code(programme, admin_user):
    with pytest.raises(ValidationError) as excinfo:
        services.operational_goal_create(
            actor=admin_user,
            programme=programme,
            strategic_goal=programme.strategic_goals.get(),
            code="1a",
            statement="Dubbel",
            kind=GoalKind.QUALITATIVE,
        )
    assert set(excinfo.value.message_dict) == {NON_FIELD_ERRORS}
    assert excinfo.value.messages == [
        _constraint_message(OperationalGoal, "operational_goal_code_unique")
    ]
    assert programme.operational_goals.count() == 2


@pytest.mark.django_db
def test_same_code_in_another_programme_is_allowed(programme, admin_user):
    other = _other_programme(admin_user)
    goal = services.object_create(
        StrategicGoal, actor=admin_user, programme=other, code="1", text="Zelfde code"
    )
    assert goal.code == programme.strategic_goals.get().code


@pytest.mark.django_db
def test_duplicate_effort_name(programme, admin_user):
    with pytest.raises(ValidationError) as excinfo:
        services.effort_create(actor=admin_user, programme=programme, name="Evenementen")
    assert set(excinfo.value.message_dict) == {NON_FIELD_ERRORS}
    assert programme.efforts.count() == 1


@pytest.mark.django_db
def test_duplicate_link(programme, admin_user):
    goal = programme.operational_goals.get(code="1a")
    effort = programme.efforts.get()
    services.goal_effort_link_create(operational_goal=goal, effort=effort, actor=admin_user)
    with pytest.raises(ValidationError) as excinfo:
        services.goal_effort_link_create(operational_goal=goal, effort=effort, actor=admin_user)
    assert set(excinfo.value.message_dict) == {NON_FIELD_ERRORS}
    assert excinfo.value.messages == [
        _constraint_message(GoalEffortLink, "goal_effort_link_unique")
    ]
    assert GoalEffortLink.objects.count() == 1


@pytest.mark.django_db
def test_one_effort_serves_several_goals_and_one_goal_several_efforts(programme, admin_user):
    goal_a = programme.operational_goals.get(code="1a")
    goal_b = programme.operational_goals.get(code="1b")
    first = programme.efforts.get()
    second = services.effort_create(actor=admin_user, programme=programme, name="Citymarketing")
    for goal, effort in [(goal_a, first), (goal_b, first), (goal_a, second)]:
        services.goal_effort_link_create(operational_goal=goal, effort=effort, actor=admin_user)
    assert set(goal_a.links.values_list("effort__name", flat=True)) == {
        "Evenementen",
        "Citymarketing",
    }
    assert set(first.links.values_list("operational_goal__code", flat=True)) == {"1a", "1b"}
