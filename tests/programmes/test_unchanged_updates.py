"""An update that changes nothing writes nothing (no version, no history row, nothing in the
change record), values compare as values, and text is stored one way whichever door it came in
by."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from koers.decisions.models import ProgrammeChange
from koers.monitoring import services as monitoring_services
from koers.monitoring.periods import parse_period
from koers.programmes import services
from koers.programmes.constants import ProgrammeStatus
from koers.programmes.models import Effort, Indicator, OperationalGoal, PartnerOrganisation
from koers.programmes.services import ConflictError

pytestmark = pytest.mark.django_db


def _fresh(obj):
    return type(obj)._default_manager.get(pk=obj.pk)


def _changed_fields(obj) -> list[str]:
    """The fields the newest history row of ``obj`` names as changed."""
    newest, previous = list(obj.history.all()[:2])
    return newest.diff_against(previous).changed_fields


@pytest.fixture
def effort(programme):
    return Effort.objects.get(programme=programme, name="Evenementen")


@pytest.fixture
def goal(programme):
    return OperationalGoal.objects.get(programme=programme, code="1a")


def test_one_changed_field_is_one_history_row_naming_that_field(effort, admin_user):
    rows, version = effort.history.count(), effort.version
    services.object_update(
        effort,
        actor=admin_user,
        expected_version=version,
        name="Evenementen in de binnenstad",
        description=effort.description,
        note=effort.note,
        status=effort.status,
        track=effort.track,
    )
    fresh = _fresh(effort)
    assert fresh.history.count() == rows + 1
    assert fresh.version == version + 1
    assert _changed_fields(fresh) == ["name"]
    assert fresh.history.first().history_user == admin_user


def test_an_update_with_the_stored_values_writes_nothing(effort, admin_user):
    rows, version = effort.history.count(), effort.version
    result = services.object_update(
        effort,
        actor=admin_user,
        expected_version=version,
        name=effort.name,
        description=effort.description,
        track=effort.track_id and effort.track,
    )
    assert result.version == version
    assert _fresh(effort).version == version
    assert effort.history.count() == rows


def test_line_endings_and_trailing_spaces_are_no_change(programme, admin_user):
    services.programme_update(
        programme=programme,
        actor=admin_user,
        expected_version=programme.version,
        vision="Een bruisende binnenstad.\n\nMet ruimte voor iedereen.",
    )
    programme = _fresh(programme)
    rows, version = programme.history.count(), programme.version
    services.programme_update(
        programme=programme,
        actor=admin_user,
        expected_version=version,
        vision="Een bruisende binnenstad.  \r\n\r\nMet ruimte voor iedereen.\r\n",
    )
    fresh = _fresh(programme)
    assert (fresh.version, fresh.history.count()) == (version, rows)
    assert fresh.vision == "Een bruisende binnenstad.\n\nMet ruimte voor iedereen."


def test_text_is_normalised_on_create_and_on_update(programme, admin_user):
    effort = services.effort_create(
        actor=admin_user, programme=programme, name="  Markt ", description="Een\r\n  twee  \r\n"
    )
    assert _fresh(effort).name == "Markt"
    assert _fresh(effort).description == "Een\n  twee"
    services.object_update(
        effort, actor=admin_user, expected_version=effort.version, note="Noot\r\n\r\n"
    )
    assert _fresh(effort).note == "Noot"
    assert _changed_fields(_fresh(effort)) == ["note"]


def test_text_stored_before_normalisation_is_no_change_by_its_notation(effort, admin_user):
    Effort.objects.filter(pk=effort.pk).update(description="Oud\r\nverhaal  ")  # no history
    effort = _fresh(effort)
    rows, version = effort.history.count(), effort.version
    services.object_update(
        effort, actor=admin_user, expected_version=version, description="Oud\nverhaal"
    )
    assert (_fresh(effort).version, effort.history.count()) == (version, rows)


def test_numbers_and_dates_compare_as_values(goal, admin_user):
    indicator = goal.indicator
    assert indicator.target_value == Decimal("7000")
    rows = (goal.history.count(), indicator.history.count())
    versions = (goal.version, indicator.version)
    services.operational_goal_update(
        goal=goal,
        actor=admin_user,
        expected_version=goal.version,
        statement=goal.statement,
        indicator={
            "target_value": "7000.00",
            "baseline_value": Decimal("93000.000"),
            "baseline_date": "2016-12-31",
            "target_date": indicator.target_date.isoformat(),
        },
    )
    indicator = Indicator.objects.get(pk=indicator.pk)
    assert (goal.history.count(), indicator.history.count()) == rows
    assert (_fresh(goal).version, indicator.version) == versions


def test_unchanged_save_of_an_adopted_programme_records_no_change(programme, goal, admin_user):
    from tests.builders import adopt

    adopt(admin_user, programme)
    programme = _fresh(programme)
    changes = ProgrammeChange.objects.count()
    rows = programme.history.count()
    # The same status and the same target: no decision needed, nothing in the change record.
    services.programme_update(
        programme=programme,
        actor=admin_user,
        expected_version=programme.version,
        status=ProgrammeStatus.ADOPTED,
        scope=programme.scope + "\r\n",
    )
    services.operational_goal_update(
        goal=goal,
        actor=admin_user,
        expected_version=goal.version,
        indicator={"target_value": Decimal("7000.00")},
    )
    assert ProgrammeChange.objects.count() == changes
    assert programme.history.count() == rows


def test_many_to_many_compares_the_set(programme, effort, admin_user):
    a = services.object_create(PartnerOrganisation, actor=admin_user, name="Ondernemersvereniging")
    b = services.object_create(PartnerOrganisation, actor=admin_user, name="Theater")
    services.object_update(effort, actor=admin_user, expected_version=None, partners=[a, b])
    effort = _fresh(effort)
    rows, version = effort.history.count(), effort.version
    services.object_update(effort, actor=admin_user, expected_version=version, partners=[b, a.pk])
    assert (_fresh(effort).version, effort.history.count()) == (version, rows)
    services.object_update(effort, actor=admin_user, expected_version=version, partners=[a])
    assert _fresh(effort).version == version + 1
    assert list(_fresh(effort).partners.all()) == [a]


def test_a_stale_unchanged_save_is_still_a_conflict(effort, admin_user):
    """The user did not see what the other person saved: the page shows it (409), rather than
    quietly accepting a save that was based on an old version."""
    seen = effort.version
    services.object_update(effort, actor=admin_user, expected_version=seen, note="Van een ander")
    with pytest.raises(ConflictError):
        services.object_update(
            _fresh(effort), actor=admin_user, expected_version=seen, note="Van een ander"
        )


def test_an_unchanged_save_of_a_deleted_object_is_a_conflict(effort, admin_user):
    gone = _fresh(effort)
    Effort.objects.filter(pk=effort.pk).delete()
    with pytest.raises(ConflictError):
        services.object_update(gone, actor=admin_user, expected_version=None, name=gone.name)


def test_an_unchanged_measurement_keeps_who_entered_it(goal, admin_user, django_user_model):
    measurement = monitoring_services.measurement_create(
        actor=admin_user,
        indicator=goal.indicator,
        period=parse_period("2019"),
        value=Decimal("95100"),
        known_from=date(2020, 1, 15),
        source="Binnenstadsmonitor",
    )
    other = django_user_model.objects.create_user("ander", password="x")
    rows, version = measurement.history.count(), measurement.version
    monitoring_services.measurement_update(
        measurement=measurement,
        actor=other,
        expected_version=version,
        value="95100.00",
        known_from=date(2020, 1, 15),
        source="Binnenstadsmonitor\r\n",
        note="",
        is_provisional=False,
    )
    fresh = _fresh(measurement)
    assert (fresh.version, fresh.history.count(), fresh.entered_by) == (version, rows, admin_user)
    monitoring_services.measurement_update(
        measurement=fresh, actor=other, expected_version=version, value=Decimal("95200")
    )
    fresh = _fresh(measurement)
    assert (fresh.version, fresh.entered_by) == (version + 1, other)
    assert set(_changed_fields(fresh)) == {"value", "entered_by"}
