import pytest

from koers.intake import services
from koers.intake.constants import Origin
from koers.programmes.models import OperationalGoal
from tests.decisions.conftest import adopted, decision  # noqa: F401  (the same adopted programme)


@pytest.fixture
def make_initiative(programme, outsider_user):
    def make(title="Pop-up galerie", actor=None, goals=None, **fields):
        fields.setdefault("initiator", "Stichting Kunst in de Stad")
        fields.setdefault("origin", Origin.OUTSIDE)
        fields.setdefault("origin_name", "Stichting Kunst in de Stad")
        fields.setdefault("location", "Grotestraat 12")
        fields.setdefault("description", "Leegstaande winkels tijdelijk als galerie.")
        fields.setdefault("expected_contribution", "Meer bezoekers en minder leegstand.")
        if goals is None:
            goals = list(OperationalGoal.objects.filter(programme=programme, code="1a"))
        return services.initiative_register(
            actor=actor or outsider_user,
            programme=programme,
            title=title,
            goals=goals,
            **fields,
        )

    return make
