"""Builders for the portfolio's tests: a programme filled with everything the portfolio rolls up
(goals with a measurement and a judgement, efforts with reports, money, risks, a digest, a
meeting with an open action), built through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from koers.finance import services as finance
from koers.finance.constants import SpendingKind
from koers.finance.spending import spending_create
from koers.monitoring import services as monitoring
from koers.monitoring.periods import parse_period
from koers.portfolio import services as meetings
from koers.programmes import services as din
from koers.programmes.constants import RoleKind
from koers.programmes.models import Person, ProgrammeRole
from koers.reporting import services as reporting
from koers.reporting.constants import Aspect, AspectStatus
from koers.reporting.models import DigestLog
from koers.risks import services as risks
from koers.risks.constants import RiskKind, RiskStatus
from tests.builders import RUNNING_END, programme_build

GOOD = AspectStatus.GOOD
ALL_GOOD = {"overall_status": GOOD, **{f"{a.value}_status": GOOD for a in Aspect}}


def today() -> dt.date:
    return timezone.localdate()


def submit(effort, period, actor, **content):
    report = reporting.report_open(effort=effort, period=period, actor=actor)
    report = reporting.report_save(
        report=report, actor=actor, expected_version=report.version, **{**ALL_GOOD, **content}
    )
    return reporting.report_submit(report=report, actor=actor, expected_version=report.version)


def fill(programme, actor, *, holder: str = "Van Rees", judged: str = "aandacht") -> dict:
    """Give ``programme`` (with goals 1a measurable and 1b qualitative, as the shared fixture
    builds them) the things the portfolio shows."""
    person = Person.objects.filter(name=holder).first() or din.object_create(
        Person, actor=actor, name=holder, function_title="Wethouder"
    )
    din.object_create(
        ProgrammeRole,
        actor=actor,
        programme=programme,
        kind=RoleKind.POLITICAL_PRINCIPAL,
        title="bestuurlijk opdrachtgever",
        person=person,
    )
    goal_b = programme.operational_goals.get(code="1b")
    monitoring.goal_judgement_record(
        actor=actor,
        goal=goal_b,
        date=today() - dt.timedelta(days=2),
        status=judged,
        explanation="Beoordeeld.",
    )
    goal_a = programme.operational_goals.select_related("indicator").get(code="1a")
    monitoring.measurement_create(
        actor=actor, indicator=goal_a.indicator, period=parse_period("2020"), value=Decimal(97000)
    )
    calendar = reporting.calendar_set(
        programme=programme,
        actor=actor,
        frequency="tweewekelijks",
        start_date=today() - dt.timedelta(days=42),
    )
    period = calendar.reporting_period(today())
    events = programme.efforts.get(name="Evenementen")
    din.object_update(events, actor=actor, expected_version=None, municipality_role="opdrachtgever")
    market, calm = (
        din.effort_create(
            actor=actor, programme=programme, name=name, municipality_role="regisseur"
        )
        for name in ("Marktplein", "Gevels")
    )
    submit(
        events,
        period,
        actor,
        overall_status="aandacht",
        planning_status="aandacht",
        planning_explanation="Vergunning vertraagd.",
        principals_request="Extra budget?",
    )
    submit(
        market,
        period,
        actor,
        overall_status="probleem",
        financien_status="probleem",
        financien_explanation="Tekort.",
    )
    submit(calm, period, actor)
    source = finance.source_create(actor=actor, programme=programme, name="Gemeente")
    line = finance.budget_line_create(
        actor=actor,
        programme=programme,
        source=source,
        year=2020,
        amount=Decimal("1000.10"),
        effort=events,
    )
    finance.budget_line_create(
        actor=actor,
        programme=programme,
        source=source,
        year=2020,
        amount=Decimal("250.25"),
        item="Programmaorganisatie",
    )
    for amount, kind in (
        ("100.01", SpendingKind.EXPENDITURE),
        ("0.02", SpendingKind.EXPENDITURE),
        ("500.00", SpendingKind.COMMITMENT),
    ):
        spending_create(
            actor=actor, budget_line=line, kind=kind, date=dt.date(2020, 3, 1), amount=amount
        )
    for title, likelihood, impact, status in (
        ("Laag", 1, 2, RiskStatus.OPEN),
        ("Hoog", 5, 5, RiskStatus.OPEN),
        ("Middel", 3, 3, RiskStatus.OPEN),
        ("Ongescoord", None, None, RiskStatus.OPEN),
        ("Beheerst", 5, 4, RiskStatus.CONTROLLED),
        ("Tweede", 4, 4, RiskStatus.OPEN),
    ):
        risks.risk_create(
            actor=actor,
            programme=programme,
            title=title,
            kind=RiskKind.GOALS,
            likelihood=likelihood,
            impact=impact,
            status=status,
        )
    DigestLog.objects.create(programme=programme, snapshot={})
    meeting = meetings.meeting_create(
        actor=actor,
        programme=programme,
        kind="opdrachtgeversoverleg",
        title="Overleg",
        cadence="tweewekelijks",
    )
    held = meetings.occurrence_create(
        actor=actor, meeting=meeting, date=today() - dt.timedelta(days=14), with_digest=False
    )
    meetings.meeting_item_create(
        actor=actor,
        occurrence=held,
        kind="actie",
        text="Bel de provincie",
        owner=person,
        due_date=today(),
    )
    return {"person": person, "meeting": meeting, "held": held, "line": line}


def make_programme(actor, slug: str, **kwargs):
    """A programme like the shared fixture's, filled."""
    p = programme_build(actor, slug, name=f"Programma {slug}", period_end=RUNNING_END)
    fill(p, actor, **kwargs)
    return p


@pytest.fixture
def programme(admin_user):
    """The shared fixture's programme, running to 2030 (its reporting periods run up to
    today)."""
    return programme_build(admin_user, period_end=RUNNING_END)


@pytest.fixture
def filled(programme, admin_user):
    return fill(programme, admin_user)
