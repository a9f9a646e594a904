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
    from tests.builders import bare_programme, effort_build, goal_build

    p = bare_programme(admin_user, "ander-programma", name="Ander programma")
    goal_build(admin_user, p, "9z", statement="Elders", measurable=False)
    effort_build(admin_user, p, "Andere inspanning")
    return p
