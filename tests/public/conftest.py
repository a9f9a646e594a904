"""A programme with every kind of data, each filled with a marker that must never be public
(GEHEIM-…, and numbers that occur nowhere else), next to the things that are published."""

from datetime import date
from decimal import Decimal

import pytest

from koers.decisions.models import Decision
from koers.finance import services as finance
from koers.monitoring import services as monitoring
from koers.monitoring.periods import parse_period
from koers.programmes import services
from koers.programmes.constants import GoalKind, RoleKind, TargetKind
from koers.programmes.models import PartnerOrganisation, Person, ProgrammeRole
from koers.public.services import publication_set
from koers.reporting import services as reporting
from koers.reporting.schedule import ReportingPeriod
from koers.risks import services as risks

# Everything that must never appear in a public response.
SECRETS = [
    "GEHEIM-PERSOON",
    "geheim.persoon@example.org",
    "GEHEIM-ROLHOUDER",
    "GEHEIM-PARTNER",
    "GEHEIM-NOTITIE",
    "GEHEIM-SCOPE",
    "GEHEIM-KEUZE",
    "GEHEIM-RISICO",
    "GEHEIM-MAATREGEL",
    "GEHEIM-BESLUIT",
    "GEHEIM-RAPPORTAGE",
    "GEHEIM-BRON",
    "GEHEIM-BEGROTINGSPOST",
    "987654",
    "987.654",
    "GEHEIM-INDICATOR",
    "424242",
    "424.242",
    "GEHEIM-INSPANNING",
    "GEHEIM-CONCEPTTEKST",
    "GEHEIM-INTERN",
    "GEHEIM-ACTIVITEIT",
    "GEHEIM-BIJDRAGE",
    "GEHEIM-METINGNOTITIE",
    "GEHEIM-INVOERDER",
    "GEHEIM-OORDEEL",
    "GEHEIM-DOELNOTITIE",
    "GEHEIM-SPOORTEKST",
    "GEHEIM-CONCEPTPROGRAMMA",
    "GEHEIM-REDEN",
    "Totale begroting",
]

# Everything that must appear on the public programme page.
PUBLISHED = [
    "Openbaar programma",
    "OPENBARE-MISSIE",
    "OPENBARE-INLEIDING",
    "OPENBAAR-STRATEGISCH-DOEL",
    "OPENBAAR-DOEL-1A",
    "OPENBARE-INDICATOR",
    "OPENBARE-INSPANNING",
    "OPENBARE-OMSCHRIJVING",
    "OPENBARE-BRON",
    "123.456",
]


def _measure(actor, indicator, period, value, **kwargs):
    return monitoring.measurement_create(
        actor=actor,
        indicator=indicator,
        period=parse_period(period),
        value=Decimal(value),
        **kwargs,
    )


@pytest.fixture
def secret_programme(admin_user, django_user_model):
    actor = django_user_model.objects.create_user(
        "invoerder", password="x", first_name="GEHEIM-INVOERDER", last_name="Achternaam"
    )
    p = services.programme_create(
        actor=actor,
        slug="openbaar",
        name="Openbaar programma",
        municipality="Almelo",
        period_start=date(2019, 1, 1),
        period_end=date(2030, 12, 31),
        mission="OPENBARE-MISSIE",
        scope="GEHEIM-SCOPE",
        note="GEHEIM-NOTITIE",
    )
    services.object_create(services.StrategicChoice, actor=actor, programme=p, title="GEHEIM-KEUZE")
    partner = PartnerOrganisation.objects.create(name="GEHEIM-PARTNER")
    owner = Person.objects.create(name="GEHEIM-PERSOON", email="geheim.persoon@example.org")
    role_holder = Person.objects.create(name="GEHEIM-ROLHOUDER")
    ProgrammeRole.objects.create(programme=p, kind=RoleKind.PROGRAMME_MANAGER, person=role_holder)
    sg = services.object_create(
        services.StrategicGoal, actor=actor, programme=p, code="1", text="OPENBAAR-STRATEGISCH-DOEL"
    )
    public_goal = services.operational_goal_create(
        actor=actor,
        programme=p,
        strategic_goal=sg,
        code="1a",
        statement="OPENBAAR-DOEL-1A",
        note="GEHEIM-DOELNOTITIE",
        kind=GoalKind.MEASURABLE,
        indicator={
            "name": "OPENBARE-INDICATOR",
            "unit": "bezoekers",
            "baseline_value": Decimal("100000"),
            "baseline_date": date(2018, 12, 31),
            "target_kind": TargetKind.INCREASE_BY,
            "target_value": Decimal("50000"),
            "target_date": date(2030, 12, 31),
        },
    )
    secret_goal = services.operational_goal_create(
        actor=actor,
        programme=p,
        strategic_goal=sg,
        code="1b",
        statement="Doel met een verborgen indicator",
        kind=GoalKind.MEASURABLE,
        indicator={
            "name": "GEHEIM-INDICATOR",
            "unit": "m²",
            "baseline_value": Decimal("10"),
            "baseline_date": date(2018, 12, 31),
            "target_kind": TargetKind.REACH,
            "target_value": Decimal("0"),
            "target_date": date(2030, 12, 31),
        },
    )
    qualitative = services.operational_goal_create(
        actor=actor,
        programme=p,
        strategic_goal=sg,
        code="1c",
        statement="Een kwalitatief doel",
        kind=GoalKind.QUALITATIVE,
    )
    _measure(
        actor,
        public_goal.indicator,
        "2020",
        "123456",
        source="OPENBARE-BRON",
        note="GEHEIM-METINGNOTITIE",
    )
    _measure(
        actor, public_goal.indicator, "2021", "130000", source="OPENBARE-BRON", is_fictitious=True
    )
    _measure(actor, secret_goal.indicator, "2020", "424242", source="GEHEIM-BRON")
    monitoring.goal_judgement_record(
        actor=actor,
        goal=qualitative,
        date=date(2021, 6, 1),
        status="niet_op_koers",
        explanation="GEHEIM-OORDEEL",
    )
    track = services.object_create(
        services.Track, actor=actor, programme=p, name="Spoor", description="GEHEIM-SPOORTEKST"
    )
    public_effort = services.effort_create(
        actor=actor,
        programme=p,
        name="OPENBARE-INSPANNING",
        track=track,
        description="GEHEIM-INTERN",
        note="GEHEIM-NOTITIE",
        owner=owner,
        partners=[partner],
    )
    services.object_create(
        services.Activity,
        actor=actor,
        effort=public_effort,
        year=2021,
        description="GEHEIM-ACTIVITEIT",
    )
    services.goal_effort_link_create(
        actor=actor,
        operational_goal=public_goal,
        effort=public_effort,
        contribution="GEHEIM-BIJDRAGE",
    )
    services.object_update(
        public_effort, actor=actor, expected_version=None, reason="GEHEIM-REDEN", order=2
    )
    secret_effort = services.effort_create(
        actor=actor, programme=p, name="GEHEIM-INSPANNING", owner=owner
    )
    risks.risk_create(
        actor=actor,
        programme=p,
        title="GEHEIM-RISICO",
        mitigation="GEHEIM-MAATREGEL",
        kind="inspanningen",
        efforts=[public_effort],
    )
    Decision.objects.create(programme=p, date=date(2021, 1, 5), title="GEHEIM-BESLUIT")
    source = finance.source_create(actor=actor, programme=p, name="Totale begroting")
    finance.budget_line_create(
        actor=actor,
        programme=p,
        source=source,
        year=2021,
        amount=Decimal("987654.00"),
        effort=public_effort,
    )
    finance.budget_line_create(
        actor=actor,
        programme=p,
        source=source,
        year=2021,
        amount=Decimal("12345.00"),
        item="GEHEIM-BEGROTINGSPOST",
    )
    report = reporting.report_open(
        effort=public_effort,
        period=ReportingPeriod(date(2021, 1, 1), date(2021, 3, 31), date(2021, 4, 15), 1),
        actor=actor,
    )
    reporting.report_save(
        report=report,
        actor=actor,
        expected_version=report.version,
        principals_request="GEHEIM-RAPPORTAGE",
        resultaten_explanation="GEHEIM-RAPPORTAGE",
    )
    # A draft programme: never public, whatever its data.
    draft = services.programme_create(
        actor=actor,
        slug="concept",
        name="GEHEIM-CONCEPTPROGRAMMA",
        municipality="Almelo",
        period_start=date(2019, 1, 1),
        period_end=date(2022, 12, 31),
    )
    publication_set(
        programme=draft,
        actor=actor,
        expected_version=0,
        published=False,
        introduction="GEHEIM-CONCEPTPROGRAMMA",
    )
    publication_set(
        programme=p,
        actor=actor,
        expected_version=0,
        published=True,
        introduction="OPENBARE-INLEIDING",
        indicators={public_goal.indicator.pk: True, secret_goal.indicator.pk: False},
        efforts={
            public_effort.pk: (True, "OPENBARE-OMSCHRIJVING"),
            secret_effort.pk: (False, "GEHEIM-CONCEPTTEKST"),
        },
    )
    p.refresh_from_db()
    return p
