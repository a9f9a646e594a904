"""Change control: once a programme is adopted, adding or removing goals, efforts and links and
changing a target need a decision, enforced in the services; every such change is recorded with
its decision."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from koers.decisions import services as decision_services
from koers.decisions.models import ProgrammeChange
from koers.programmes import services
from koers.programmes.change_control import ChangeKind
from koers.programmes.constants import GoalKind, ProgrammeStatus
from koers.programmes.models import GoalEffortLink, OperationalGoal
from tests.builders import adopt

pytestmark = pytest.mark.django_db


def _indicator(target_value="8000"):
    return {
        "name": "Bezoekers per week",
        "unit": "bezoekers per week",
        "baseline_value": Decimal("93000"),
        "baseline_date": date(2016, 12, 31),
        "target_kind": "toename",
        "target_value": Decimal(target_value),
        "target_date": date(2022, 12, 31),
    }


def _refused(exc_info) -> str:
    assert "decision" in exc_info.value.message_dict
    return " ".join(exc_info.value.message_dict["decision"])


def test_a_draft_programme_changes_freely_and_records_nothing(programme, admin_user):
    goal = programme.operational_goals.get(code="1a")
    services.operational_goal_update(
        goal=goal, actor=admin_user, expected_version=None, indicator=_indicator("9000")
    )
    assert goal.indicator.target_value == Decimal("9000")
    assert not ProgrammeChange.objects.exists()


def test_adopting_is_a_decision(programme, admin_user):
    """Concept → vastgesteld takes the adopting decision; without one nothing changes."""
    with pytest.raises(ValidationError) as exc_info:
        services.programme_update(
            programme=programme, actor=admin_user, expected_version=None, status="vastgesteld"
        )
    assert "besluit" in _refused(exc_info)
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.CONCEPT and not ProgrammeChange.objects.exists()
    decision = adopt(admin_user, programme)
    change = ProgrammeChange.objects.get()
    assert change.kind == ChangeKind.ADOPTED
    assert (change.before, change.after, change.decision) == ("concept", "vastgesteld", decision)


def test_target_change_without_decision_is_refused_and_nothing_changes(adopted, admin_user):
    goal = adopted.operational_goals.get(code="1a")
    version = goal.version
    with pytest.raises(ValidationError) as exc_info:
        services.operational_goal_update(
            goal=goal,
            actor=admin_user,
            expected_version=version,
            note="bijgesteld",
            indicator=_indicator("8000"),
        )
    message = _refused(exc_info)
    assert "vastgesteld" in message and "besluit" in message
    fresh = OperationalGoal.objects.get(pk=goal.pk)
    assert (fresh.version, fresh.note) == (version, "")
    assert fresh.indicator.target_value == Decimal("7000")
    assert ProgrammeChange.objects.count() == 1  # only the adoption


def test_target_change_with_decision_is_recorded_before_and_after(adopted, decision, admin_user):
    goal = adopted.operational_goals.get(code="1a")
    services.operational_goal_update(
        goal=goal,
        actor=admin_user,
        expected_version=goal.version,
        indicator=_indicator("8000"),
        decision=decision,
    )
    change = ProgrammeChange.objects.get(kind=ChangeKind.TARGET_CHANGED)
    assert change.decision == decision
    assert change.changed_by == admin_user
    assert change.subject.startswith("1a.")
    assert "7.000" in change.before and "8.000" in change.after


def test_other_indicator_fields_change_without_decision(adopted, admin_user):
    goal = adopted.operational_goals.get(code="1a")
    data = _indicator("7000") | {"data_source": "Binnenstadsmonitor", "unit": "per week"}
    services.operational_goal_update(
        goal=goal, actor=admin_user, expected_version=goal.version, indicator=data
    )
    assert goal.indicator.data_source == "Binnenstadsmonitor"
    assert not ProgrammeChange.objects.filter(kind=ChangeKind.TARGET_CHANGED).exists()


def test_making_a_goal_qualitative_removes_its_target_only_with_a_decision(
    adopted, decision, admin_user
):
    goal = adopted.operational_goals.get(code="1a")
    with pytest.raises(ValidationError):
        services.operational_goal_update(
            goal=goal, actor=admin_user, expected_version=goal.version, kind=GoalKind.QUALITATIVE
        )
    assert OperationalGoal.objects.get(pk=goal.pk).kind == GoalKind.MEASURABLE
    goal.refresh_from_db()
    services.operational_goal_update(
        goal=goal,
        actor=admin_user,
        expected_version=goal.version,
        kind=GoalKind.QUALITATIVE,
        decision=decision,
    )
    change = ProgrammeChange.objects.get(kind=ChangeKind.TARGET_CHANGED)
    assert change.after == "geen indicator"


@pytest.mark.parametrize("what", ["goal", "strategic", "effort", "link"])
def test_adding_needs_a_decision(adopted, decision, admin_user, what):
    sg = adopted.strategic_goals.get(code="1")
    effort = adopted.efforts.get(name="Evenementen")
    goal = adopted.operational_goals.get(code="1b")
    add = {
        "goal": lambda **kw: services.operational_goal_create(
            actor=admin_user,
            programme=adopted,
            strategic_goal=sg,
            code="1c",
            statement="Nieuw doel",
            kind=GoalKind.QUALITATIVE,
            **kw,
        ),
        "strategic": lambda **kw: services.object_create(
            services.StrategicGoal,
            actor=admin_user,
            programme=adopted,
            code="2",
            text="Nieuw",
            **kw,
        ),
        "effort": lambda **kw: services.effort_create(
            actor=admin_user, programme=adopted, name="Nieuwe inspanning", **kw
        ),
        "link": lambda **kw: services.goal_effort_link_create(
            operational_goal=goal, effort=effort, actor=admin_user, **kw
        ),
    }[what]
    before = ProgrammeChange.objects.count()
    with pytest.raises(ValidationError) as exc_info:
        add()
    _refused(exc_info)
    assert ProgrammeChange.objects.count() == before
    created = add(decision=decision)
    change = ProgrammeChange.objects.latest("pk")
    assert change.decision == decision
    assert change.kind.endswith("toegevoegd")
    assert created.pk


def test_removing_needs_a_decision_and_nothing_is_deleted_without(adopted, decision, admin_user):
    effort = adopted.efforts.get(name="Evenementen")
    goal = adopted.operational_goals.get(code="1a")
    link = services.goal_effort_link_create(
        operational_goal=goal, effort=effort, actor=admin_user, decision=decision
    )
    for remove in (
        lambda **kw: services.goal_effort_link_delete(
            link=link, actor=admin_user, expected_version=None, **kw
        ),
        lambda **kw: services.object_delete(effort, actor=admin_user, expected_version=None, **kw),
        lambda **kw: services.operational_goal_delete(
            goal=goal, actor=admin_user, expected_version=None, **kw
        ),
    ):
        with pytest.raises(ValidationError):
            remove()
    assert GoalEffortLink.objects.filter(pk=link.pk).exists()
    assert adopted.efforts.filter(pk=effort.pk).exists()
    services.goal_effort_link_delete(
        link=link, actor=admin_user, expected_version=None, decision=decision
    )
    services.object_delete(effort, actor=admin_user, expected_version=None, decision=decision)
    kinds = list(ProgrammeChange.objects.filter(decision=decision).values_list("kind", flat=True))
    assert ChangeKind.LINK_REMOVED in kinds and ChangeKind.EFFORT_REMOVED in kinds


def test_a_decision_of_another_programme_is_refused(adopted, admin_user):
    other = services.programme_create(
        actor=admin_user,
        slug="ander",
        name="Ander",
        municipality="Almelo",
        period_start=date(2019, 1, 1),
        period_end=date(2022, 12, 31),
    )
    foreign = decision_services.decision_create(
        actor=admin_user, programme=other, date=date(2020, 1, 1), title="Elders"
    )
    with pytest.raises(ValidationError) as exc_info:
        services.effort_create(actor=admin_user, programme=adopted, name="X", decision=foreign)
    assert "ander programma" in _refused(exc_info)


def test_leaving_the_adopted_status_needs_a_decision(adopted, decision, admin_user):
    with pytest.raises(ValidationError):
        services.programme_update(
            programme=adopted,
            actor=admin_user,
            expected_version=None,
            status=ProgrammeStatus.CONCEPT,
        )
    adopted.refresh_from_db()
    assert adopted.status == ProgrammeStatus.ADOPTED
    services.programme_update(
        programme=adopted,
        actor=admin_user,
        expected_version=None,
        status=ProgrammeStatus.CLOSED,
        decision=decision,
    )
    change = ProgrammeChange.objects.filter(kind=ChangeKind.STATUS_CHANGED).latest("pk")
    assert (change.before, change.after, change.decision) == ("vastgesteld", "afgesloten", decision)


def test_other_edits_of_an_adopted_programme_need_no_decision(adopted, admin_user):
    effort = adopted.efforts.get(name="Evenementen")
    services.object_update(effort, actor=admin_user, expected_version=None, description="Nieuw")
    goal = adopted.operational_goals.get(code="1b")
    services.operational_goal_update(
        goal=goal, actor=admin_user, expected_version=None, statement="Anders verwoord"
    )
    assert ProgrammeChange.objects.count() == 1


def test_a_decision_with_changes_cannot_be_deleted(adopted, decision, admin_user):
    services.effort_create(actor=admin_user, programme=adopted, name="Nieuw", decision=decision)
    with pytest.raises(ValidationError) as exc_info:
        decision_services.decision_delete(
            decision=decision, actor=admin_user, expected_version=None
        )
    assert "2020/0042" in " ".join(exc_info.value.messages)


def test_deleting_the_programme_takes_decisions_and_changes_with_it(adopted, decision, admin_user):
    services.effort_create(actor=admin_user, programme=adopted, name="Nieuw", decision=decision)
    services.programme_delete(programme=adopted, actor=admin_user, expected_version=None)
    assert not ProgrammeChange.objects.exists()


def test_an_imported_adopted_programme_arrives_complete(adopted, admin_user):
    import json

    from koers.programmes.exchange import programme_import, programme_to_json

    data = json.loads(programme_to_json(adopted))
    data["programma"]["slug"] = "kopie"
    copy = programme_import(data, actor=admin_user)
    assert copy.status == ProgrammeStatus.ADOPTED
    # The file holds no adopting decision: the change record says the adoption comes from it.
    adoption = ProgrammeChange.objects.get(programme=copy, kind=ChangeKind.ADOPTED)
    assert adoption.decision is None and "geïmporteerde bestand" in adoption.after
    assert copy.operational_goals.count() == 2
