"""A published programme (with one published indicator, measurement and effort), an unpublished
one, and a token per role."""

from datetime import date
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from koers.api.services import api_client_create
from koers.finance import services as finance_services
from koers.monitoring import services as monitoring_services
from koers.monitoring.periods import parse_period
from koers.programmes import services
from koers.programmes.models import OperationalGoal
from koers.public.services import publication_set
from koers.reporting import services as reporting_services
from koers.reporting.constants import Aspect
from koers.risks import services as risk_services
from koers.risks.constants import RiskKind
from tests.builders import bare_programme, effort_build, goal_build


@pytest.fixture
def world(programme, admin_user, staff_user, reader_user, owner_user):
    goal = OperationalGoal.objects.get(programme=programme, code="1a")
    effort = programme.efforts.get(name="Evenementen")
    hidden_effort = services.effort_create(actor=admin_user, programme=programme, name="Intern")
    link = services.goal_effort_link_create(operational_goal=goal, effort=effort, actor=admin_user)
    hidden_link = services.goal_effort_link_create(
        operational_goal=goal, effort=hidden_effort, actor=admin_user
    )
    measurement = monitoring_services.measurement_create(
        actor=admin_user,
        indicator=goal.indicator,
        period=parse_period("2019"),
        value=Decimal("95000"),
        note="interne notitie",
    )
    publication_set(
        programme=programme,
        actor=admin_user,
        expected_version=0,
        published=True,
        introduction="Voor inwoners",
        indicators={goal.indicator.pk: True},
        efforts={effort.pk: (True, "Openbare beschrijving")},
    )
    services.object_update(
        effort, actor=admin_user, expected_version=None, description="Geheime beschrijving"
    )
    draft = bare_programme(
        admin_user,
        "concept-programma",
        name="Conceptprogramma",
        period_start=date(2024, 1, 1),
        period_end=date(2026, 12, 31),
    )
    sg = services.object_create(
        services.StrategicGoal, actor=admin_user, programme=draft, code="1", text="Geheim"
    )
    draft_goal = goal_build(
        admin_user, draft, "9", strategic_goal=sg, statement="Geheim doel", measurable=False
    )
    draft_effort = effort_build(admin_user, draft, "Geheim werk")
    calendar = reporting_services.calendar_set(
        programme=programme, actor=admin_user, frequency="kwartaal", start_date=date(2024, 1, 1)
    )
    reporting_services.effort_reporting_set(effort=effort, reports=True, actor=admin_user)
    report = reporting_services.report_open(
        effort=effort, period=calendar.period_starting(date(2024, 1, 1)), actor=admin_user
    )
    content = {"overall_status": "goed"}
    content.update({f"{a.value}_status": "goed" for a in Aspect})
    report = reporting_services.report_save(
        report=report, actor=admin_user, expected_version=report.version, **content
    )
    report = reporting_services.report_submit(
        report=report, actor=admin_user, expected_version=report.version
    )
    source = finance_services.source_create(actor=admin_user, programme=programme, name="Bron")
    finance_services.availability_create(
        actor=admin_user, source=source, year=2024, amount=Decimal("1000")
    )
    line = finance_services.budget_line_create(
        actor=admin_user,
        programme=programme,
        source=source,
        year=2024,
        amount=Decimal("500.25"),
        effort=effort,
    )
    risk = risk_services.risk_create(
        actor=admin_user, programme=programme, title="Weerstand", kind=RiskKind.EFFORTS
    )
    return {
        "p": programme,
        "goal": goal,
        "indicator": goal.indicator,
        "effort": effort,
        "hidden_effort": hidden_effort,
        "link": link,
        "hidden_link": hidden_link,
        "measurement": measurement,
        "draft": draft,
        "draft_goal": draft_goal,
        "draft_effort": draft_effort,
        "report": report,
        "line": line,
        "risk": risk,
    }


@pytest.fixture
def tokens(world, admin_user, staff_user, reader_user, owner_user, outsider_user):
    users = {
        "admin": admin_user,
        "staff": staff_user,
        "reader": reader_user,
        "owner": owner_user,
        "outsider": outsider_user,
    }
    return {role: api_client_create(name=role, user=user)[1] for role, user in users.items()}


@pytest.fixture
def api():
    """``api(token)``: an API client sending that token (None: anonymous)."""

    def make(token: str | None = None) -> APIClient:
        client = APIClient()
        if token:
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        return client

    return make
