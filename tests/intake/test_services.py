"""The intake's writes: registration by anyone, the assessment with its reasons, moments of
contact, and turning an initiative into an effort (with change control)."""

import pytest
from django.core.exceptions import ValidationError

from koers.decisions.models import ProgrammeChange
from koers.intake import services
from koers.intake.constants import IntakeStatus, Outcome
from koers.intake.models import ContactMoment, Initiative
from koers.programmes import services as din
from koers.programmes.constants import EffortStatus, MunicipalityRole
from koers.programmes.models import Effort, GoalEffortLink, OperationalGoal

pytestmark = pytest.mark.django_db


def _assess(initiative, actor, outcome, reasons="Past in spoor 1."):
    return services.initiative_assess(
        initiative=initiative,
        actor=actor,
        expected_version=initiative.version,
        outcome=outcome,
        reasons=reasons,
    )


def test_anyone_with_an_account_registers(make_initiative, outsider_user):
    initiative = make_initiative()
    assert initiative.status == IntakeStatus.OPEN
    assert initiative.registered_by == outsider_user
    assert [g.code for g in initiative.goals.all()] == ["1a"]
    assert initiative.history.first().history_user == outsider_user


def test_registration_refuses_goals_of_another_programme(make_initiative, admin_user):
    from tests.risks.conftest import other_programme

    other = other_programme.__wrapped__(admin_user)
    with pytest.raises(ValidationError) as exc:
        make_initiative(goals=list(other.operational_goals.all()))
    assert "goals" in exc.value.error_dict
    assert not Initiative.objects.exists()


def test_registration_needs_every_field(programme, outsider_user):
    with pytest.raises(ValidationError) as exc:
        services.initiative_register(actor=outsider_user, programme=programme, title="Iets")
    assert {"initiator", "origin", "location", "description", "expected_contribution"} <= set(
        exc.value.error_dict
    )


@pytest.mark.parametrize("outcome", list(Outcome))
def test_each_outcome_is_recorded_with_its_reasons(make_initiative, staff_user, outcome):
    initiative = _assess(make_initiative(), staff_user, outcome)
    initiative.refresh_from_db()
    assert initiative.status == IntakeStatus.ASSESSED
    assert initiative.outcome == outcome
    assert initiative.reasons == "Past in spoor 1."
    assert initiative.assessed_by == staff_user
    assert initiative.assessed_at is not None
    assert initiative.can_become_effort == (outcome in (Outcome.PRINCIPAL, Outcome.DIRECTOR))


def test_assessment_needs_reasons(make_initiative, staff_user):
    initiative = make_initiative()
    with pytest.raises(ValidationError) as exc:
        _assess(initiative, staff_user, Outcome.PRINCIPAL, reasons="   ")
    assert "reasons" in exc.value.error_dict
    initiative.refresh_from_db()
    assert initiative.status == IntakeStatus.OPEN


def test_stale_assessment_is_refused(make_initiative, staff_user, admin_user):
    initiative = make_initiative()
    seen = initiative.version
    _assess(Initiative.objects.get(pk=initiative.pk), admin_user, Outcome.OUTSIDE)
    with pytest.raises(services.ConflictError):
        services.initiative_assess(
            initiative=initiative,
            actor=staff_user,
            expected_version=seen,
            outcome=Outcome.PRINCIPAL,
            reasons="Toch wel",
        )
    assert Initiative.objects.get(pk=initiative.pk).outcome == Outcome.OUTSIDE


def test_registration_to_effort(make_initiative, staff_user, programme):
    initiative = make_initiative(goals=list(OperationalGoal.objects.filter(programme=programme)))
    initiative = _assess(initiative, staff_user, Outcome.DIRECTOR)
    effort = services.initiative_to_effort(
        initiative=initiative, actor=staff_user, expected_version=initiative.version
    )
    assert effort.programme == programme
    assert effort.name == "Pop-up galerie"
    assert effort.municipality_role == MunicipalityRole.DIRECTOR
    assert effort.status == EffortStatus.PLANNED
    assert "Leegstaande winkels" in effort.description
    assert "Meer bezoekers en minder leegstand." in effort.description
    assert "Pop-up galerie" in effort.note
    links = GoalEffortLink.objects.filter(effort=effort).order_by("operational_goal__code")
    assert [link.operational_goal.code for link in links] == ["1a", "1b"]
    assert links[0].contribution == "Meer bezoekers en minder leegstand."
    initiative.refresh_from_db()
    assert initiative.effort == effort
    assert effort.initiative == initiative
    assert effort.history.first().history_user == staff_user


def test_double_conversion_is_refused(make_initiative, staff_user):
    initiative = _assess(make_initiative(), staff_user, Outcome.PRINCIPAL)
    stale = Initiative.objects.get(pk=initiative.pk)
    services.initiative_to_effort(initiative=initiative, actor=staff_user, expected_version=None)
    with pytest.raises(ValidationError, match="al een inspanning geworden"):
        services.initiative_to_effort(
            initiative=stale, actor=staff_user, expected_version=None, name="Nog een"
        )
    assert Effort.objects.filter(name__in=["Pop-up galerie", "Nog een"]).count() == 1


@pytest.mark.parametrize("outcome", [None, Outcome.ALIGNMENT, Outcome.OUTSIDE])
def test_only_opdrachtgever_or_regie_becomes_an_effort(make_initiative, staff_user, outcome):
    initiative = make_initiative()
    if outcome:
        initiative = _assess(initiative, staff_user, outcome)
    with pytest.raises(ValidationError):
        services.initiative_to_effort(
            initiative=initiative, actor=staff_user, expected_version=None
        )
    assert not Effort.objects.filter(name="Pop-up galerie").exists()


def test_name_clash_writes_nothing(make_initiative, staff_user):
    initiative = _assess(make_initiative(), staff_user, Outcome.PRINCIPAL)
    with pytest.raises(ValidationError) as exc:
        services.initiative_to_effort(
            initiative=initiative, actor=staff_user, expected_version=None, name="Evenementen"
        )
    assert "name" in exc.value.error_dict
    initiative.refresh_from_db()
    assert initiative.effort is None
    assert not GoalEffortLink.objects.filter(contribution__startswith="Meer bezoekers").exists()


def test_adopted_programme_needs_a_decision(make_initiative, staff_user, adopted, decision):
    initiative = _assess(make_initiative(), staff_user, Outcome.PRINCIPAL)
    efforts, links = Effort.objects.count(), GoalEffortLink.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.initiative_to_effort(
            initiative=initiative, actor=staff_user, expected_version=initiative.version
        )
    assert "decision" in exc.value.error_dict
    assert (Effort.objects.count(), GoalEffortLink.objects.count()) == (efforts, links)
    initiative.refresh_from_db()
    assert initiative.effort is None

    effort = services.initiative_to_effort(
        initiative=initiative,
        actor=staff_user,
        expected_version=initiative.version,
        decision=decision,
    )
    assert GoalEffortLink.objects.filter(effort=effort).count() == 1
    kinds = set(ProgrammeChange.objects.filter(decision=decision).values_list("kind", flat=True))
    assert kinds == {"inspanning_toegevoegd", "koppeling_toegevoegd"}


def test_converted_initiative_keeps_an_effort_outcome(make_initiative, staff_user):
    initiative = _assess(make_initiative(), staff_user, Outcome.PRINCIPAL)
    services.initiative_to_effort(initiative=initiative, actor=staff_user, expected_version=None)
    with pytest.raises(ValidationError) as exc:
        _assess(initiative, staff_user, Outcome.OUTSIDE)
    assert "outcome" in exc.value.error_dict
    _assess(initiative, staff_user, Outcome.DIRECTOR, reasons="Toch regie.")
    initiative.refresh_from_db()
    assert initiative.outcome == Outcome.DIRECTOR


def test_deleting_the_effort_releases_the_initiative(make_initiative, staff_user):
    initiative = _assess(make_initiative(), staff_user, Outcome.PRINCIPAL)
    effort = services.initiative_to_effort(
        initiative=initiative, actor=staff_user, expected_version=None
    )
    din.object_delete(effort, actor=staff_user, expected_version=None)
    initiative.refresh_from_db()
    assert initiative.effort is None
    assert initiative.can_become_effort


def test_contact_moments_only_for_afstemming(make_initiative, staff_user):
    from datetime import date

    initiative = make_initiative()
    with pytest.raises(ValidationError):
        services.contact_moment_add(
            initiative=initiative, actor=staff_user, date=date(2025, 3, 1), description="Overleg"
        )
    initiative = _assess(initiative, staff_user, Outcome.ALIGNMENT)
    moment = services.contact_moment_add(
        initiative=initiative, actor=staff_user, date=date(2025, 3, 1), description="Overleg"
    )
    assert list(initiative.contact_moments.all()) == [moment]
    services.contact_moment_delete(moment=moment, actor=staff_user, expected_version=1)
    assert not ContactMoment.objects.exists()
