"""The report workflow's services: pre-fill, what a submission needs, freezing the effort,
accept / return, refusals in the wrong state, and two people saving the same report."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from koers.programmes import services as din
from koers.programmes.models import OperationalGoal, Person
from koers.reporting import services
from koers.reporting.constants import Aspect, AspectStatus, ReportState
from koers.reporting.models import ProgressReport
from koers.reporting.services import ConflictError

pytestmark = pytest.mark.django_db

ALL_GOOD = {
    "overall_status": AspectStatus.GOOD,
    **{f"{a.value}_status": AspectStatus.GOOD for a in Aspect},
}


@pytest.fixture
def effort(programme, admin_user, owner_user):
    effort = programme.efforts.get(name="Evenementen")
    din.object_update(
        effort, actor=admin_user, expected_version=None, municipality_role="opdrachtgever"
    )
    return effort


@pytest.fixture
def calendar(programme, admin_user):
    return services.calendar_set(
        programme=programme,
        actor=admin_user,
        frequency="tweewekelijks",
        start_date=date(2024, 1, 1),
    )


def _period(calendar, n: int):
    return calendar.periods_until(date(2024, 12, 31))[n - 1]


def _complete(report, actor, **extra) -> ProgressReport:
    return services.report_save(
        report=report, actor=actor, expected_version=report.version, **{**ALL_GOOD, **extra}
    )


def _submitted(effort, calendar, actor, n=1, **extra) -> ProgressReport:
    report = services.report_open(effort=effort, period=_period(calendar, n), actor=actor)
    report = _complete(report, actor, **extra)
    return services.report_submit(report=report, actor=actor, expected_version=report.version)


# --- opening and pre-fill -------------------------------------------------------------------------


def test_open_creates_an_empty_draft_once(effort, calendar, owner_user):
    period = _period(calendar, 1)
    report = services.report_open(effort=effort, period=period, actor=owner_user)
    assert report.state == ReportState.DRAFT
    assert (report.period_start, report.period_end, report.deadline) == (
        date(2024, 1, 1),
        date(2024, 1, 14),
        date(2024, 1, 19),
    )
    assert report.overall_status == "" and report.planning_status == ""
    again = services.report_open(effort=effort, period=period, actor=owner_user)
    assert again.pk == report.pk
    assert ProgressReport.objects.count() == 1


def test_next_period_is_pre_filled_from_the_previous_report(effort, calendar, owner_user):
    _submitted(
        effort,
        calendar,
        owner_user,
        overall_status=AspectStatus.ATTENTION,
        planning_status=AspectStatus.ATTENTION,
        planning_explanation="Vergunning loopt vertraging op.",
        principals_request="Besluit over de locatie.",
    )
    second = services.report_open(effort=effort, period=_period(calendar, 2), actor=owner_user)
    assert second.state == ReportState.DRAFT
    assert second.overall_status == AspectStatus.ATTENTION
    assert second.planning_status == AspectStatus.ATTENTION
    assert second.planning_explanation == "Vergunning loopt vertraging op."
    assert second.principals_request == "Besluit over de locatie."
    assert second.resultaten_status == AspectStatus.GOOD
    # workflow fields are not copied
    assert second.review_comment == "" and second.snapshot == {} and second.submitted_at is None
    reason = second.history.earliest().history_change_reason
    assert "2024-01-01" in reason


def test_pre_fill_prefers_the_last_submitted_report_over_a_later_draft(
    effort, calendar, owner_user
):
    _submitted(effort, calendar, owner_user, n=1, principals_request="Uit periode 1")
    draft = services.report_open(effort=effort, period=_period(calendar, 2), actor=owner_user)
    services.report_save(
        report=draft, actor=owner_user, expected_version=draft.version, principals_request="Half"
    )
    third = services.report_open(effort=effort, period=_period(calendar, 3), actor=owner_user)
    assert third.principals_request == "Uit periode 1"


# --- submitting -----------------------------------------------------------------------------------


def test_submission_needs_every_status_and_explanations(effort, calendar, owner_user):
    report = services.report_open(effort=effort, period=_period(calendar, 1), actor=owner_user)
    with pytest.raises(ValidationError) as exc:
        services.report_submit(report=report, actor=owner_user, expected_version=report.version)
    problems = exc.value.message_dict
    assert "overall_status" in problems
    assert all(f"{a.value}_status" in problems for a in Aspect)
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT and report.snapshot == {}

    report = _complete(report, owner_user, risicos_status=AspectStatus.PROBLEM)
    with pytest.raises(ValidationError) as exc:
        services.report_submit(report=report, actor=owner_user, expected_version=report.version)
    assert list(exc.value.message_dict) == ["risicos_explanation"]

    report = services.report_save(
        report=report,
        actor=owner_user,
        expected_version=report.version,
        risicos_explanation="Aannemer failliet.",
    )
    submitted = services.report_submit(
        report=report, actor=owner_user, expected_version=report.version
    )
    assert submitted.state == ReportState.SUBMITTED
    assert submitted.submitted_by == owner_user and submitted.submitted_at is not None


def test_overall_not_good_needs_one_explanation(effort, calendar, owner_user):
    report = services.report_open(effort=effort, period=_period(calendar, 1), actor=owner_user)
    report = _complete(report, owner_user, overall_status=AspectStatus.PROBLEM)
    with pytest.raises(ValidationError) as exc:
        services.report_submit(report=report, actor=owner_user, expected_version=report.version)
    assert "overall_status" in exc.value.message_dict


def test_submission_freezes_the_effort(effort, calendar, owner_user, admin_user):
    goal = OperationalGoal.objects.get(code="1a")
    din.goal_effort_link_create(
        operational_goal=goal, effort=effort, actor=admin_user, contribution="Publiekstrekkers"
    )
    effort.refresh_from_db()
    report = _submitted(effort, calendar, owner_user)
    assert report.snapshot["name"] == "Evenementen"
    assert report.snapshot["owner"] == "Tess Trekker"
    assert report.snapshot["track"] == "Spoor 1"
    assert report.snapshot["goals"][0]["code"] == "1a"

    other = din.object_create(Person, actor=admin_user, name="Nieuwe Trekker")
    din.object_update(
        effort, actor=admin_user, expected_version=None, name="Evenementen 2.0", owner=other
    )
    report.refresh_from_db()
    assert report.snapshot["name"] == "Evenementen"
    assert report.snapshot["owner"] == "Tess Trekker"


# --- review ---------------------------------------------------------------------------------------


def test_accept_and_return(effort, calendar, owner_user, staff_user):
    report = _submitted(effort, calendar, owner_user)
    accepted = services.report_accept(
        report=report, actor=staff_user, expected_version=report.version, comment=" Prima. "
    )
    assert accepted.state == ReportState.ACCEPTED
    assert accepted.review_comment == "Prima." and accepted.reviewed_by == staff_user

    second = _submitted(effort, calendar, owner_user, n=2)
    with pytest.raises(ValidationError) as exc:
        services.report_return(
            report=second, actor=staff_user, expected_version=second.version, comment="  "
        )
    assert "review_comment" in exc.value.message_dict
    second.refresh_from_db()
    assert second.state == ReportState.SUBMITTED

    returned = services.report_return(
        report=second, actor=staff_user, expected_version=second.version, comment="Financiën?"
    )
    assert returned.state == ReportState.RETURNED and returned.is_editable
    # the owner changes it and submits again
    changed = services.report_save(
        report=returned,
        actor=owner_user,
        expected_version=returned.version,
        financien_status=AspectStatus.ATTENTION,
        financien_explanation="Overschrijding van 5%.",
    )
    again = services.report_submit(report=changed, actor=owner_user, expected_version=None)
    assert again.state == ReportState.SUBMITTED


def test_wrong_state_is_refused(effort, calendar, owner_user, staff_user):
    draft = services.report_open(effort=effort, period=_period(calendar, 2), actor=owner_user)
    for review in (services.report_accept, services.report_return):
        with pytest.raises(ValidationError):
            review(report=draft, actor=staff_user, expected_version=draft.version, comment="x")

    report = _submitted(effort, calendar, owner_user)
    with pytest.raises(ValidationError):
        services.report_save(
            report=report, actor=owner_user, expected_version=report.version, planning_status=""
        )
    with pytest.raises(ValidationError):
        services.report_submit(report=report, actor=owner_user, expected_version=report.version)
    accepted = services.report_accept(
        report=report, actor=staff_user, expected_version=report.version
    )
    for review in (services.report_accept, services.report_return):
        with pytest.raises(ValidationError):
            review(
                report=accepted, actor=staff_user, expected_version=accepted.version, comment="x"
            )
    with pytest.raises(ValidationError):
        services.report_save(
            report=accepted, actor=owner_user, expected_version=None, planning_explanation="x"
        )
    accepted.refresh_from_db()
    assert accepted.state == ReportState.ACCEPTED and accepted.planning_status == "goed"


def test_unknown_fields_are_refused(effort, calendar, owner_user):
    report = services.report_open(effort=effort, period=_period(calendar, 1), actor=owner_user)
    with pytest.raises(ValidationError):
        services.report_save(
            report=report, actor=owner_user, expected_version=None, state="geaccepteerd"
        )
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


# --- concurrent saves -----------------------------------------------------------------------------


def test_two_people_saving_the_same_version(effort, calendar, owner_user, staff_user):
    report = services.report_open(effort=effort, period=_period(calendar, 1), actor=owner_user)
    seen = report.version
    services.report_save(
        report=report, actor=owner_user, expected_version=seen, planning_explanation="Eerste"
    )
    with pytest.raises(ConflictError):
        services.report_save(
            report=report, actor=staff_user, expected_version=seen, planning_explanation="Tweede"
        )
    report.refresh_from_db()
    assert report.planning_explanation == "Eerste"
    assert report.version == seen + 1


def test_stale_submit_and_review_are_refused(effort, calendar, owner_user, staff_user):
    report = services.report_open(effort=effort, period=_period(calendar, 1), actor=owner_user)
    stale = report.version
    report = _complete(report, owner_user)
    with pytest.raises(ConflictError):
        services.report_submit(report=report, actor=owner_user, expected_version=stale)
    report = services.report_submit(
        report=report, actor=owner_user, expected_version=report.version
    )
    seen = report.version
    services.report_return(report=report, actor=staff_user, expected_version=seen, comment="Nee")
    with pytest.raises(ConflictError):
        services.report_accept(report=report, actor=staff_user, expected_version=seen)
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED
