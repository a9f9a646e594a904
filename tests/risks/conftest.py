import pytest

from koers.risks import services
from koers.risks.constants import RiskKind


@pytest.fixture
def make_risk(programme, admin_user):
    def make(title="Risico", **fields):
        fields.setdefault("kind", RiskKind.GOALS)
        return services.risk_create(actor=admin_user, programme=programme, title=title, **fields)

    return make


@pytest.fixture
def other_programme(admin_user):
    from datetime import date

    from koers.programmes import services as din

    p = din.programme_create(
        actor=admin_user,
        slug="ander-programma",
        name="Ander programma",
        municipality="Almelo",
        period_start=date(2019, 1, 1),
        period_end=date(2022, 12, 31),
    )
    sg = din.object_create(din.StrategicGoal, actor=admin_user, programme=p, code="1", text="X")
    din.operational_goal_create(
        actor=admin_user,
        programme=p,
        strategic_goal=sg,
        code="9z",
        statement="Elders",
        kind="kwalitatief",
    )
    din.effort_create(actor=admin_user, programme=p, name="Andere inspanning")
    return p


@pytest.fixture
def adopted(programme, admin_user):
    """The fixture programme, adopted (vastgesteld): its scope now changes only by decision."""
    from koers.programmes import services as din
    from koers.programmes.constants import ProgrammeStatus

    din.programme_update(
        programme=programme,
        actor=admin_user,
        expected_version=None,
        status=ProgrammeStatus.ADOPTED,
    )
    return programme


@pytest.fixture
def decision(adopted, admin_user):
    from datetime import date

    from koers.risks import decision_services

    return decision_services.decision_create(
        actor=admin_user,
        programme=adopted,
        date=date(2020, 3, 10),
        number="2020/0042",
        title="Wijziging programma binnenstad",
        summary="Streefwaarde bezoekers bijgesteld.",
    )
