"""The write services: optimistic locking, history with the actor, and the DIN-specific rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from koers.programmes import services
from koers.programmes.constants import AccessLevel, GoalKind, RoleKind, TargetKind
from koers.programmes.models import (
    Activity,
    Effort,
    GoalEffortLink,
    Indicator,
    OperationalGoal,
    Person,
    Programme,
    ProgrammeAccess,
    ProgrammeRole,
    RoleHours,
    StrategicChoice,
    StrategicGoal,
    Track,
)
from koers.programmes.services import ConflictError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The fixture users get passwords; hashing them properly would dominate these tests' time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- optimistic locking --------------------------------------------------------------------------


def test_second_save_with_the_same_version_is_refused(programme, admin_user, staff_user):
    mine = Programme.objects.get(pk=programme.pk)
    theirs = Programme.objects.get(pk=programme.pk)
    seen = mine.version

    services.object_update(mine, actor=admin_user, expected_version=seen, mission="Eerste versie")
    assert mine.version == seen + 1

    history_before = Programme.history.filter(id=programme.pk).count()
    with pytest.raises(ConflictError) as excinfo:
        services.object_update(
            theirs, actor=staff_user, expected_version=seen, mission="Tweede versie"
        )
    assert str(excinfo.value)  # a message the page can show
    assert excinfo.value.instance is theirs

    stored = Programme.objects.get(pk=programme.pk)
    assert stored.mission == "Eerste versie"
    assert stored.version == seen + 1
    assert Programme.history.filter(id=programme.pk).count() == history_before


def test_save_based_on_the_current_version_succeeds_after_reload(programme, admin_user):
    first = Programme.objects.get(pk=programme.pk)
    services.object_update(first, actor=admin_user, expected_version=first.version, mission="A")
    reloaded = Programme.objects.get(pk=programme.pk)
    services.object_update(
        reloaded, actor=admin_user, expected_version=reloaded.version, mission="B"
    )
    stored = Programme.objects.get(pk=programme.pk)
    assert (stored.mission, stored.version) == ("B", 3)


def test_conflict_on_a_goal_leaves_goal_and_indicator_untouched(programme, admin_user):
    mine = OperationalGoal.objects.get(programme=programme, code="1a")
    theirs = OperationalGoal.objects.get(programme=programme, code="1a")
    seen = mine.version
    services.operational_goal_update(
        goal=mine, actor=admin_user, expected_version=seen, statement="Mijn formulering"
    )
    with pytest.raises(ConflictError):
        services.operational_goal_update(
            goal=theirs,
            actor=admin_user,
            expected_version=seen,
            statement="Hun formulering",
            indicator={"name": "Hun indicator", "target_value": Decimal("1")},
        )
    stored = OperationalGoal.objects.get(pk=mine.pk)
    assert stored.statement == "Mijn formulering"
    assert stored.indicator.name == "Bezoekers per week"
    assert stored.indicator.target_value == Decimal("7000")


def test_delete_with_a_stale_version_is_refused(programme, admin_user):
    track = programme.tracks.get()
    stale = Track.objects.get(pk=track.pk)
    services.object_update(
        track, actor=admin_user, expected_version=track.version, name="Spoor 1 (hernoemd)"
    )
    with pytest.raises(ConflictError):
        services.object_delete(stale, actor=admin_user, expected_version=stale.version)
    assert Track.objects.filter(pk=track.pk, name="Spoor 1 (hernoemd)").exists()

    services.object_delete(stale, actor=admin_user, expected_version=track.version)
    assert not Track.objects.filter(pk=track.pk).exists()


def test_delete_claims_the_version_with_one_conditional_update(programme, admin_user):
    """The delete does not read the version and then delete (another save could land in
    between): it claims the version with the same ``UPDATE … WHERE version = …`` as an edit."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    track = programme.tracks.get()
    with CaptureQueriesContext(connection) as queries:
        services.object_delete(track, actor=admin_user, expected_version=track.version)
    sql = [q["sql"] for q in queries.captured_queries]
    claim = next(i for i, q in enumerate(sql) if q.startswith("UPDATE") and '"version"' in q)
    delete = next(i for i, q in enumerate(sql) if q.startswith("DELETE"))
    assert claim < delete and "programmes_track" in sql[claim]
    assert 'FROM "programmes_track"' not in " ".join(sql[:claim])  # nothing read first
    assert not Track.objects.filter(pk=track.pk).exists()


def test_stale_delete_releases_nothing_and_deletes_nothing(programme, admin_user):
    track = programme.tracks.get()
    effort = programme.efforts.get()
    assert effort.track_id == track.pk  # the delete would let go of it first
    stale = Track.objects.get(pk=track.pk)
    services.object_update(track, actor=admin_user, expected_version=track.version, name="Nieuw")
    with pytest.raises(ConflictError):
        services.object_delete(stale, actor=admin_user, expected_version=stale.version)
    assert Track.objects.filter(pk=track.pk, name="Nieuw").exists()
    kept = Effort.objects.get(pk=effort.pk)
    assert (kept.track_id, kept.version) == (track.pk, effort.version)


def test_delete_of_a_deleted_object_is_a_conflict(programme, admin_user):
    track = programme.tracks.get()
    copy = Track.objects.get(pk=track.pk)
    services.object_delete(track, actor=admin_user, expected_version=track.version)
    history = Track.history.filter(id=track.pk).count()
    with pytest.raises(ConflictError):
        services.object_delete(copy, actor=admin_user, expected_version=copy.version)
    assert Track.history.filter(id=track.pk).count() == history


def test_update_of_a_deleted_object_is_a_conflict(programme, admin_user):
    effort = programme.efforts.get()
    copy = Effort.objects.get(pk=effort.pk)
    services.object_delete(effort, actor=admin_user, expected_version=effort.version)
    with pytest.raises(ConflictError):
        services.object_update(copy, actor=admin_user, expected_version=None, name="Weg")
    with pytest.raises(ConflictError):
        services.object_update(copy, actor=admin_user, expected_version=1, name="Weg")


def test_invalid_update_does_not_raise_the_version(programme, admin_user):
    effort = programme.efforts.get()
    with pytest.raises(ValidationError):
        services.object_update(
            effort,
            actor=admin_user,
            expected_version=effort.version,
            start_date=date(2021, 6, 1),
            end_date=date(2021, 1, 1),
        )
    assert Effort.objects.get(pk=effort.pk).version == 1


# --- history -------------------------------------------------------------------------------------


def test_history_records_the_actor_of_create_update_and_delete(programme, admin_user, staff_user):
    choice = services.object_create(
        StrategicChoice, actor=staff_user, programme=programme, title="Compacter centrum"
    )
    assert choice.history.first().history_user == staff_user
    assert choice.history.first().history_type == "+"

    services.object_update(
        choice, actor=admin_user, expected_version=choice.version, title="Compact centrum"
    )
    latest = choice.history.first()
    assert (latest.history_user, latest.history_type, latest.title) == (
        admin_user,
        "~",
        "Compact centrum",
    )
    assert latest.version == 2

    pk = choice.pk
    services.object_delete(choice, actor=staff_user, expected_version=2)
    deleted = StrategicChoice.history.filter(id=pk).first()
    assert (deleted.history_user, deleted.history_type) == (staff_user, "-")
    assert StrategicChoice.history.filter(id=pk).count() == 3


def test_change_reason_is_kept(programme, admin_user):
    services.object_update(
        programme,
        actor=admin_user,
        expected_version=programme.version,
        reason="Collegebesluit 12 maart",
        status="afgesloten",
    )
    assert programme.history.first().history_change_reason == "Collegebesluit 12 maart"


def test_indicator_history_records_the_actor(programme, admin_user, staff_user):
    goal = programme.operational_goals.get(code="1a")
    services.operational_goal_update(
        goal=goal,
        actor=staff_user,
        expected_version=goal.version,
        indicator={"name": "Bezoekers per week", "target_value": Decimal("8000")},
    )
    row = goal.indicator.history.first()
    assert (row.history_user, row.target_value) == (staff_user, Decimal("8000"))


# --- operational goals and indicators ------------------------------------------------------------


def test_switching_to_qualitative_removes_the_indicator(programme, admin_user):
    goal = programme.operational_goals.get(code="1a")
    indicator_pk = goal.indicator.pk
    services.operational_goal_update(
        goal=goal, actor=admin_user, expected_version=goal.version, kind=GoalKind.QUALITATIVE
    )
    stored = OperationalGoal.objects.get(pk=goal.pk)
    assert stored.kind == GoalKind.QUALITATIVE
    assert not Indicator.objects.filter(pk=indicator_pk).exists()
    removed = Indicator.history.filter(id=indicator_pk).first()
    assert (removed.history_type, removed.history_user) == ("-", admin_user)


def test_switching_to_measurable_needs_an_indicator(programme, admin_user):
    goal = programme.operational_goals.get(code="1b")
    with pytest.raises(ValidationError) as excinfo:
        services.operational_goal_update(
            goal=goal, actor=admin_user, expected_version=goal.version, kind=GoalKind.MEASURABLE
        )
    assert set(excinfo.value.message_dict) == {"indicator-name"}
    stored = OperationalGoal.objects.get(pk=goal.pk)
    assert (stored.kind, stored.version) == (GoalKind.QUALITATIVE, 1)


def test_switching_to_measurable_with_an_indicator(programme, admin_user):
    goal = programme.operational_goals.get(code="1b")
    services.operational_goal_update(
        goal=goal,
        actor=admin_user,
        expected_version=goal.version,
        kind=GoalKind.MEASURABLE,
        indicator={
            "name": "Gastvrijheid (% 'gastvrij')",
            "unit": "%",
            "target_kind": TargetKind.AT_LEAST,
            "target_value": Decimal("60"),
        },
    )
    stored = OperationalGoal.objects.get(pk=goal.pk)
    assert stored.indicator.target_end_value == Decimal("60")


def test_measurable_goal_created_without_indicator_is_refused(programme, admin_user):
    with pytest.raises(ValidationError) as excinfo:
        services.operational_goal_create(
            actor=admin_user,
            programme=programme,
            strategic_goal=programme.strategic_goals.get(),
            code="1c",
            statement="Meetbaar zonder indicator",
            kind=GoalKind.MEASURABLE,
        )
    assert set(excinfo.value.message_dict) == {"indicator-name"}
    assert not OperationalGoal.objects.filter(programme=programme, code="1c").exists()


def test_qualitative_goal_ignores_indicator_data(programme, admin_user):
    goal = services.operational_goal_create(
        actor=admin_user,
        programme=programme,
        strategic_goal=programme.strategic_goals.get(),
        code="1c",
        statement="Ondernemers werken samen",
        kind=GoalKind.QUALITATIVE,
        indicator={"name": "Zou genegeerd moeten worden"},
    )
    assert not Indicator.objects.filter(operational_goal=goal).exists()


def test_unknown_indicator_field_is_refused(programme, admin_user):
    goal = programme.operational_goals.get(code="1a")
    with pytest.raises(ValidationError, match="target_waarde"):
        services.operational_goal_update(
            goal=goal,
            actor=admin_user,
            expected_version=goal.version,
            indicator={"name": "x", "target_waarde": 5},
        )
    assert OperationalGoal.objects.get(pk=goal.pk).version == 1


def test_updating_the_indicator_keeps_one_indicator(programme, admin_user):
    goal = programme.operational_goals.get(code="1a")
    services.operational_goal_update(
        goal=goal,
        actor=admin_user,
        expected_version=goal.version,
        indicator={"name": "Bezoekers per week (passantentelling)"},
    )
    assert Indicator.objects.filter(operational_goal=goal).count() == 1
    indicator = Indicator.objects.get(operational_goal=goal)
    assert indicator.name == "Bezoekers per week (passantentelling)"
    assert indicator.target_end_value == Decimal("100000")  # untouched fields are kept
    assert indicator.version == 2


# --- deleting ------------------------------------------------------------------------------------


def test_strategic_goal_delete_refuses_while_operational_goals_exist(programme, admin_user):
    sg = programme.strategic_goals.get()
    with pytest.raises(ValidationError):
        services.strategic_goal_delete(goal=sg, actor=admin_user, expected_version=sg.version)
    assert StrategicGoal.objects.filter(pk=sg.pk).exists()
    assert programme.operational_goals.count() == 2

    for goal in programme.operational_goals.all():
        services.operational_goal_delete(goal=goal, actor=admin_user, expected_version=goal.version)
    sg_pk = sg.pk
    services.strategic_goal_delete(goal=sg, actor=admin_user, expected_version=sg.version)
    assert not StrategicGoal.objects.filter(pk=sg_pk).exists()
    assert StrategicGoal.history.filter(id=sg_pk).first().history_type == "-"


def test_generic_delete_of_a_protected_strategic_goal_gives_a_validation_error(
    programme, admin_user
):
    sg = programme.strategic_goals.get()
    with pytest.raises(ValidationError) as excinfo:
        services.object_delete(sg, actor=admin_user, expected_version=sg.version)
    assert "1a" in excinfo.value.messages[0]
    assert StrategicGoal.objects.filter(pk=sg.pk).exists()


def test_deleting_a_goal_deletes_its_indicator_and_links_but_not_the_effort(programme, admin_user):
    goal = programme.operational_goals.get(code="1a")
    effort = programme.efforts.get()
    services.goal_effort_link_create(operational_goal=goal, effort=effort, actor=admin_user)
    goal_pk = goal.pk
    services.operational_goal_delete(goal=goal, actor=admin_user, expected_version=goal.version)
    assert not OperationalGoal.objects.filter(pk=goal_pk).exists()
    assert not Indicator.objects.filter(operational_goal_id=goal_pk).exists()
    assert not GoalEffortLink.objects.exists()
    assert Effort.objects.filter(pk=effort.pk).exists()


def test_programme_delete_deletes_everything_below(programme, admin_user, owner_user):
    other = services.programme_create(
        actor=admin_user,
        slug="blijft-staan",
        name="Blijft staan",
        municipality="Almelo",
        period_start=date(2023, 1, 1),
        period_end=date(2026, 12, 31),
    )
    other_track = services.object_create(Track, actor=admin_user, programme=other, name="Spoor")
    effort = programme.efforts.get()
    services.goal_effort_link_create(
        operational_goal=programme.operational_goals.get(code="1a"),
        effort=effort,
        actor=admin_user,
    )
    services.object_create(
        Activity, actor=admin_user, effort=effort, year=2020, description="Kermis"
    )
    services.object_create(
        StrategicChoice, actor=admin_user, programme=programme, title="Compacter centrum"
    )
    role = services.object_create(
        ProgrammeRole, actor=admin_user, programme=programme, kind=RoleKind.PROGRAMME_MANAGER
    )
    services.role_hours_set(role=role, year=2019, planned_hours=Decimal("1200"), actor=admin_user)
    reader = type(admin_user).objects.create_user("lezer2")
    services.programme_access_grant(
        programme=programme, user=reader, level=AccessLevel.READER, actor=admin_user
    )

    pk = programme.pk
    assert Indicator.objects.count() == 1

    services.programme_delete(
        programme=programme, actor=admin_user, expected_version=programme.version
    )

    assert not Programme.objects.filter(pk=pk).exists()
    for model in (StrategicChoice, StrategicGoal, OperationalGoal, Track, Effort, ProgrammeRole):
        assert not model.objects.filter(programme_id=pk).exists(), model.__name__
    assert not ProgrammeAccess.objects.filter(programme_id=pk).exists()
    assert not Indicator.objects.exists()
    assert not GoalEffortLink.objects.exists()
    assert not Activity.objects.exists()
    assert not RoleHours.objects.exists()
    # Shared things and other programmes stay.
    assert Person.objects.filter(user=owner_user).exists()
    assert Track.objects.filter(pk=other_track.pk).exists()
    assert Programme.objects.filter(pk=other.pk).exists()
    # The deletion itself is in the history, with who did it.
    gone = Programme.history.filter(id=pk).first()
    assert (gone.history_type, gone.history_user) == ("-", admin_user)


def test_programme_delete_with_a_stale_version_deletes_nothing(programme, admin_user):
    stale_version = programme.version
    services.programme_update(
        programme=Programme.objects.get(pk=programme.pk),
        actor=admin_user,
        expected_version=stale_version,
        name="Nieuwe naam",
    )
    with pytest.raises(ConflictError):
        services.programme_delete(
            programme=programme, actor=admin_user, expected_version=stale_version
        )
    assert Programme.objects.filter(pk=programme.pk).exists()
    assert programme.operational_goals.count() == 2  # nothing half-deleted


# --- programmes and access -----------------------------------------------------------------------


def test_programme_create_by_non_admin_grants_staff_access(staff_user, programme):
    created = services.programme_create(
        actor=staff_user,
        slug="eigen-programma",
        name="Eigen programma",
        municipality="Almelo",
        period_start=date(2024, 1, 1),
        period_end=date(2027, 12, 31),
    )
    access = ProgrammeAccess.objects.get(programme=created)
    assert (access.user, access.level) == (staff_user, AccessLevel.STAFF)
    assert staff_user.has_perm("programmes.change_programme", created)


def test_programme_create_by_functional_admin_grants_nothing(admin_user):
    created = services.programme_create(
        actor=admin_user,
        slug="beheer-programma",
        name="Beheerprogramma",
        municipality="Almelo",
        period_start=date(2024, 1, 1),
        period_end=date(2027, 12, 31),
    )
    assert not ProgrammeAccess.objects.filter(programme=created).exists()


def test_access_grant_changes_level_and_revoke_removes_it(programme, admin_user, reader_user):
    assert not reader_user.has_perm("programmes.change_programme", programme)
    services.programme_access_grant(
        programme=programme, user=reader_user, level=AccessLevel.STAFF, actor=admin_user
    )
    assert ProgrammeAccess.objects.get(programme=programme, user=reader_user).level == "staf"
    assert reader_user.has_perm("programmes.change_programme", programme)
    services.programme_access_revoke(programme=programme, user=reader_user, actor=admin_user)
    assert not ProgrammeAccess.objects.filter(user=reader_user).exists()
    assert not reader_user.has_perm("programmes.view_programme", programme)


# --- team hours ----------------------------------------------------------------------------------


def test_role_hours_set_creates_then_updates(programme, admin_user):
    role = services.object_create(
        ProgrammeRole,
        actor=admin_user,
        programme=programme,
        kind=RoleKind.ADVISER,
        title="strategisch programma-adviseur",
    )
    first = services.role_hours_set(
        role=role, year=2019, planned_hours=Decimal("1480"), actor=admin_user
    )
    assert (first.planned_hours, first.version) == (Decimal("1480"), 1)

    second = services.role_hours_set(
        role=role, year=2019, planned_hours=Decimal("1400"), actor=admin_user
    )
    assert second.pk == first.pk
    assert RoleHours.objects.filter(role=role).count() == 1
    stored = RoleHours.objects.get(role=role, year=2019)
    assert (stored.planned_hours, stored.version) == (Decimal("1400.0"), 2)

    services.role_hours_set(role=role, year=2020, planned_hours=Decimal("1480"), actor=admin_user)
    assert list(role.hours.values_list("year", flat=True)) == [2019, 2020]


def test_role_hours_must_not_be_negative(programme, admin_user):
    role = services.object_create(
        ProgrammeRole, actor=admin_user, programme=programme, kind=RoleKind.SUPPORT
    )
    with pytest.raises(ValidationError) as excinfo:
        services.role_hours_set(role=role, year=2019, planned_hours=Decimal("-1"), actor=admin_user)
    assert set(excinfo.value.message_dict) == {"planned_hours"}


# --- efforts -------------------------------------------------------------------------------------


def test_effort_create_sets_partners_and_records_them_in_history(programme, admin_user):
    partner = services.object_create(
        services.PartnerOrganisation, actor=admin_user, name="Stichting Binnenstad"
    )
    effort = services.effort_create(
        actor=admin_user, programme=programme, name="Citymarketing", partners=[partner]
    )
    assert list(effort.partners.all()) == [partner]
    services.object_update(effort, actor=admin_user, expected_version=effort.version, partners=[])
    assert not Effort.objects.get(pk=effort.pk).partners.exists()
    assert Effort.objects.get(pk=effort.pk).version == 2
