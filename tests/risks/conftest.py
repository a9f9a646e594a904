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
