from decimal import Decimal

import pytest

from koers.monitoring import services
from koers.monitoring.periods import parse_period
from koers.programmes.models import OperationalGoal


@pytest.fixture
def indicator(programme):
    return OperationalGoal.objects.get(programme=programme, code="1a").indicator


@pytest.fixture
def series(indicator, admin_user):
    """Visitors per week 2017–2019, behind the planned line from 93,000 (2016) to 100,000
    (2022) but rising."""
    values = {"2017": "93500", "2018": "94200", "2019": "95100"}
    return [
        services.measurement_create(
            actor=admin_user,
            indicator=indicator,
            period=parse_period(p),
            value=Decimal(v),
            source="Binnenstadsmonitor",
        )
        for p, v in values.items()
    ]
