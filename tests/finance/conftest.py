from decimal import Decimal

import pytest

from koers.finance import services


@pytest.fixture
def binnenstad(demo):
    """The demo's Programma Binnenstad with the contract's budget loaded."""
    from koers.programmes.models import Programme

    programme = Programme.objects.get(slug="almelo-binnenstad")
    return programme


@pytest.fixture
def budget(programme, admin_user):
    """A small budget in the test programme: one source, one availability, two lines."""
    effort = programme.efforts.get(name="Evenementen")
    source = services.source_create(actor=admin_user, programme=programme, name="Programmageld")
    available = services.availability_create(
        actor=admin_user, source=source, year=2019, amount=Decimal("100000")
    )
    line = services.budget_line_create(
        actor=admin_user,
        programme=programme,
        source=source,
        year=2019,
        amount=Decimal("60000.50"),
        effort=effort,
    )
    item = services.budget_line_create(
        actor=admin_user,
        programme=programme,
        source=source,
        year=2019,
        amount=Decimal("45000"),
        item="Organisatie",
    )
    return {"source": source, "available": available, "line": line, "item": item}
