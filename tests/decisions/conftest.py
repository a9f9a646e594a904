"""Fixtures of the decisions register: an adopted programme and one of its decisions."""

import pytest

from tests.builders import adopt


@pytest.fixture
def adopted(programme, admin_user):
    """The fixture programme, adopted (vastgesteld): its scope now changes only by decision."""

    adopt(admin_user, programme)
    return programme


@pytest.fixture
def decision(adopted, admin_user):
    from datetime import date

    from koers.decisions import services as decision_services
    from koers.programmes.constants import ChangeKind

    return decision_services.decision_create(
        actor=admin_user,
        programme=adopted,
        date=date(2020, 3, 10),
        number="2020/0042",
        title="Wijziging programma binnenstad",
        summary="Streefwaarde bezoekers bijgesteld.",
        authorises=[k for k in ChangeKind.values if k != ChangeKind.ADOPTED],
    )
