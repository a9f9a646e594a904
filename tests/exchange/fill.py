"""Give a programme one of every kind of data the exchange carries that it does not have yet,
through the services where there is one (as a user would), so that a round trip covers them all."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from koers.decisions import proposals
from koers.decisions.models import PendingChange, ProgrammeChange
from koers.decisions.services import decision_create
from koers.finance import services as finance
from koers.finance.models import BudgetLine, FundingSource, Spending
from koers.finance.transfers import budget_transfer_create
from koers.intake import services as intake
from koers.intake.constants import Outcome
from koers.monitoring import services as monitoring
from koers.monitoring.models import Measurement
from koers.monitoring.periods import parse_period
from koers.partners import services as partners
from koers.portfolio import services as portfolio
from koers.programmes import proposing, services
from koers.programmes.constants import ChangeKind, GoalKind
from koers.programmes.models import (
    Effort,
    GoalEffortLink,
    OperationalGoal,
    PartnerOrganisation,
    Person,
    Programme,
    StrategicGoal,
)
from koers.programmes.services_crosslinks import cross_link_propose
from koers.public import services as public
from koers.reporting.models import DigestLog, ReminderLog
from koers.risks import services as risks


def _actor():
    User = get_user_model()
    user, _ = User.objects.get_or_create(username="vuller", defaults={"first_name": "Vul"})
    return user


def _goal(programme: Programme, kind=None) -> OperationalGoal:
    goals = programme.operational_goals.order_by("order", "code")
    if kind is not None:
        found = goals.filter(kind=kind).first()
        if found is not None:
            return found
    goal = goals.first()
    if goal is None or kind == GoalKind.QUALITATIVE:
        strategic = programme.strategic_goals.first() or services.object_create(
            StrategicGoal, actor=_actor(), programme=programme, code="9", title="Extra"
        )
        goal = services.operational_goal_create(
            actor=_actor(),
            programme=programme,
            strategic_goal=strategic,
            code="9z",
            statement="Extra doel",
            kind=GoalKind.QUALITATIVE,
            indicator=None,
        )
    return goal


def _effort(programme: Programme, n: int = 0) -> Effort:
    efforts = list(programme.efforts.order_by("order", "name"))
    return efforts[min(n, len(efforts) - 1)]


def fill_every_kind(programme: Programme, other: Programme) -> None:
    """Add what is missing: ``other`` is the programme a cross-programme link points into."""
    actor = _actor()
    effort, effort2 = _effort(programme, 0), _effort(programme, 1)
    goal = _goal(programme)
    partner = PartnerOrganisation.objects.filter(name="Vulpartner").first() or (
        services.object_create(PartnerOrganisation, actor=actor, name="Vulpartner")
    )
    person = Person.objects.filter(name="Vul Persoon").first() or services.object_create(
        Person, actor=actor, name="Vul Persoon", email="vul@example.org", organisation=partner
    )
    if not GoalEffortLink.objects.filter(effort__programme=programme).exists():
        services.goal_effort_link_create(
            actor=actor, operational_goal=goal, effort=effort, contribution="Draagt bij."
        )

    # monitoring
    measurable = programme.operational_goals.filter(kind=GoalKind.MEASURABLE).first()
    if (
        measurable is not None
        and not Measurement.objects.filter(
            indicator__operational_goal__programme=programme
        ).exists()
    ):
        monitoring.measurement_create(
            actor=actor,
            indicator=measurable.indicator,
            period=parse_period("2024"),
            value=Decimal("12.5"),
        )
    qualitative = _goal(programme, GoalKind.QUALITATIVE)
    monitoring.goal_judgement_record(
        actor=actor,
        goal=qualitative,
        date=dt.date(2025, 3, 1),
        status="op_koers",
        explanation="Loopt.",
    )

    # finance
    source = programme.funding_sources.order_by("order", "name").first()
    if source is None:
        source = finance.source_create(actor=actor, programme=programme, name="Eigen middelen")
    if not source.availabilities.exists():
        finance.availability_create(actor=actor, source=source, year=2025, amount=Decimal("100000"))
    line = BudgetLine.objects.filter(programme=programme, effort=effort).first()
    if line is None:
        line = finance.budget_line_create(
            actor=actor,
            programme=programme,
            source=source,
            year=2025,
            amount=Decimal("50000"),
            effort=effort,
        )
    if not Spending.objects.filter(budget_line__programme=programme).exists():
        Spending.objects.create(
            budget_line=line,
            kind="uitgave",
            date=dt.date(2025, 2, 1),
            amount=Decimal("1234.56"),
            description="Factuur",
            reference="F-1",
        )
    decision = decision_create(
        actor=actor,
        programme=programme,
        kind="college",
        date=dt.date(2025, 1, 14),
        number="2025-01",
        title="Overheveling budget",
        authorises=[ChangeKind.BUDGET_MOVED],
    )
    budget_transfer_create(
        actor=actor,
        from_line=line,
        to_effort=effort2,
        amount=Decimal("1000"),
        reason="Verschuiving",
        decision=decision,
    )

    if not programme.changes.exists():
        ProgrammeChange.objects.create(
            programme=programme,
            decision=decision,
            kind=ChangeKind.BUDGET_MOVED,
            subject="Budget",
            before="1",
            after="2",
            changed_by=actor,
        )

    # decisions: a proposal with a pending change
    proposal = proposals.proposal_create(actor=actor, programme=programme, title="Voorstel A")
    # (written directly: whether a change needs a decision depends on the programme's state)
    PendingChange.objects.create(
        proposal=proposal,
        operation="programmes.koppeling:create",
        arguments=proposing.to_json({"operational_goal": goal, "effort": effort2}),
        described=[{"kind": "", "subject": "Koppeling", "before": "", "after": "nieuw"}],
        reason="Draagt bij",
        created_by=actor,
    )
    PendingChange.objects.create(
        proposal=proposal,
        operation="programmes.inspanning:update",
        target_model="programmes.effort",
        target_id=effort.pk,
        arguments=proposing.to_json({"description": "Nieuw", "partners": [partner]}),
        reason="Scherper",
        created_by=actor,
    )

    # risks
    if not programme.risks.exists():
        risks.risk_create(
            actor=actor,
            programme=programme,
            title="Vertraging",
            kind="inspanningen",
            likelihood=3,
            impact=4,
            owner=person,
            goals=[goal],
            efforts=[effort],
        )
    risks.risk_paragraph_create(
        actor=actor,
        programme=programme,
        effort=effort,
        text="Risico's beheersbaar.",
        mitigation="Wekelijks overleg.",
        drawn_up_on=dt.date(2025, 4, 1),
        drawn_up_by=person,
    )

    # partners
    partners.contribution_create(
        actor=actor,
        partner=partner,
        effort=effort,
        year=2025,
        kind="geld",
        committed_amount=Decimal("2500"),
    )
    partners.interest_save(
        actor=actor,
        programme=programme,
        partner=partner,
        interests="Levendige stad",
        expected_version=None,
    )

    # portfolio
    meeting = portfolio.meeting_create(
        actor=actor, programme=programme, kind="overig", title="Stuurgroep", cadence="maandelijks"
    )
    occurrence = portfolio.occurrence_create(
        actor=actor, meeting=meeting, date=dt.date(2025, 5, 6), with_digest=False
    )
    portfolio.agenda_item_add(actor=actor, occurrence=occurrence, title="Voortgang")
    portfolio.meeting_item_create(
        actor=actor, occurrence=occurrence, kind="actie", text="Plan maken", owner=person
    )

    # intake
    initiative = intake.initiative_register(
        actor=actor,
        programme=programme,
        goals=[goal],
        title="Buurtfeest",
        initiator="Bewoners",
        origin="extern",
        description="Een feest.",
        origin_name="Bewonersvereniging",
        location="Centrum",
        expected_contribution="Levendigheid",
    )
    initiative = intake.initiative_assess(
        initiative=initiative,
        actor=actor,
        expected_version=None,
        outcome=Outcome.ALIGNMENT,
        reasons="Past bij het programma.",
    )
    intake.contact_moment_add(
        initiative=initiative, actor=actor, date=dt.date(2025, 6, 1), description="Gesprek"
    )

    # public
    public.publication_set(
        programme=programme,
        actor=actor,
        expected_version=None,
        published=True,
        introduction="Welkom",
        indicators={i.pk: True for i in _indicators(programme)[:1]},
        efforts={effort.pk: (True, "Openbare tekst")},
    )

    # reporting logs
    ReminderLog.objects.create(
        effort=effort, period_start=dt.date(2025, 1, 1), kind="binnenkort", recipient="a@b.nl"
    )
    DigestLog.objects.create(
        programme=programme, sent_by=actor, recipients="a@b.nl", snapshot={"share": 0.25, "n": 3}
    )

    # a link into the other programme
    cross_link_propose(
        effort=effort, operational_goal=_goal(other), contribution="Samen", actor=actor
    )


def _indicators(programme):
    return [g.indicator for g in programme.operational_goals.all() if g.kind == GoalKind.MEASURABLE]


__all__ = ["fill_every_kind", "FundingSource"]
