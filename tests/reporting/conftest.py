"""Fixtures of the report tests: the fixture programme's effort that reports, another owner's
effort, and a two-weekly calendar."""

from __future__ import annotations

import pytest

from koers.programmes import services as din
from koers.programmes.models import Person
from koers.reporting import services
from tests.builders import RUNNING_END, programme_build

from .test_report_views import FIRST


@pytest.fixture
def programme(admin_user):
    """The shared fixture's programme, running to 2030: the reporting tests use periods up to
    today, and no period lies past a programme's end."""
    return programme_build(admin_user, period_end=RUNNING_END)


@pytest.fixture
def effort(programme, admin_user, owner_user):
    effort = programme.efforts.get(name="Evenementen")
    din.object_update(
        effort, actor=admin_user, expected_version=None, municipality_role="opdrachtgever"
    )
    return effort


@pytest.fixture
def other_effort(programme, admin_user, django_user_model):
    """An effort of someone else in the same programme, with its own owner account."""
    user = django_user_model.objects.create_user("ander", password="wachtwoord-ander")
    person = din.object_create(Person, actor=admin_user, name="Anna Ander", user=user)
    return din.effort_create(
        actor=admin_user,
        programme=programme,
        name="Marketing",
        owner=person,
        municipality_role="regisseur",
    )


@pytest.fixture
def calendar(programme, admin_user):
    return services.calendar_set(
        programme=programme, actor=admin_user, frequency="tweewekelijks", start_date=FIRST
    )
