"""Writes: links within the programme, optimistic locking, history."""

import pytest
from django.core.exceptions import ValidationError

from koers.risks import services
from koers.risks.models import Risk

pytestmark = pytest.mark.django_db


def test_links_to_own_goals_and_efforts(make_risk, programme):
    goal = programme.operational_goals.get(code="1a")
    effort = programme.efforts.get()
    risk = make_risk(goals=[goal], efforts=[effort])
    assert list(risk.goals.all()) == [goal]
    assert list(risk.efforts.all()) == [effort]
    assert list(goal.risks.all()) == [risk]


def test_links_to_another_programme_are_refused(make_risk, other_programme):
    foreign_goal = other_programme.operational_goals.get()
    foreign_effort = other_programme.efforts.get()
    with pytest.raises(ValidationError) as exc:
        make_risk(goals=[foreign_goal], efforts=[foreign_effort])
    assert set(exc.value.message_dict) == {"goals", "efforts"}
    assert "9z" in exc.value.message_dict["goals"][0]
    assert not Risk.objects.exists()


def test_update_refuses_foreign_links(make_risk, other_programme, admin_user):
    risk = make_risk()
    with pytest.raises(ValidationError):
        services.risk_update(
            risk=risk,
            actor=admin_user,
            expected_version=risk.version,
            efforts=[other_programme.efforts.get()],
        )
    assert not risk.efforts.exists()


def test_update_and_history(make_risk, admin_user, programme):
    risk = make_risk()
    services.risk_update(
        risk=risk,
        actor=admin_user,
        expected_version=1,
        likelihood=4,
        impact=5,
        goals=[programme.operational_goals.get(code="1b")],
    )
    risk.refresh_from_db()
    assert (risk.version, risk.score) == (2, 20)
    assert [g.code for g in risk.goals.all()] == ["1b"]
    assert risk.history.count() >= 2  # the link change adds its own record
    assert risk.history.first().history_user == admin_user


def test_stale_update_is_refused(make_risk, admin_user):
    risk = make_risk()
    services.risk_update(risk=risk, actor=admin_user, expected_version=1, title="Nieuw")
    stale = Risk.objects.get(pk=risk.pk)
    stale.version = 1
    with pytest.raises(services.ConflictError):
        services.risk_update(risk=stale, actor=admin_user, expected_version=1, title="Oud")
    assert Risk.objects.get(pk=risk.pk).title == "Nieuw"


def test_stale_delete_is_refused(make_risk, admin_user):
    risk = make_risk()
    services.risk_update(risk=risk, actor=admin_user, expected_version=1, title="Nieuw")
    with pytest.raises(services.ConflictError):
        services.risk_delete(risk=risk, actor=admin_user, expected_version=1)
    services.risk_delete(risk=risk, actor=admin_user, expected_version=2)
    assert not Risk.objects.exists()


def test_programme_cannot_change(make_risk, admin_user, other_programme):
    risk = make_risk()
    with pytest.raises(ValidationError):
        services.risk_update(
            risk=risk, actor=admin_user, expected_version=1, programme=other_programme
        )


def test_deleting_a_linked_effort_keeps_the_risk(make_risk, admin_user, programme):
    from koers.programmes import services as din

    effort = programme.efforts.get()
    risk = make_risk(efforts=[effort])
    din.object_delete(effort, actor=admin_user, expected_version=None)
    risk.refresh_from_db()
    assert not risk.efforts.exists()
