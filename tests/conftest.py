"""Shared fixtures: users for each role and a small programme built through the services."""

from datetime import date
from decimal import Decimal

import pytest

from koers.programmes import services
from koers.programmes.constants import AccessLevel, GoalKind, TargetKind
from koers.programmes.models import Person


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Real password checks, with a cheap hash: the suite creates many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_user(
        "beheer", password="wachtwoord-beheer", is_functional_admin=True
    )


@pytest.fixture
def programme(admin_user):
    p = services.programme_create(
        actor=admin_user,
        slug="test-programma",
        name="Testprogramma",
        municipality="Almelo",
        period_start=date(2019, 1, 1),
        period_end=date(2022, 12, 31),
    )
    sg = services.object_create(
        services.StrategicGoal, actor=admin_user, programme=p, code="1", text="Meer bezoekers"
    )
    services.operational_goal_create(
        actor=admin_user,
        programme=p,
        strategic_goal=sg,
        code="1a",
        statement="Groei van het aantal bezoekers per week met 7.000",
        kind=GoalKind.MEASURABLE,
        indicator={
            "name": "Bezoekers per week",
            "unit": "bezoekers per week",
            "baseline_value": Decimal("93000"),
            "baseline_date": date(2016, 12, 31),
            "target_kind": TargetKind.INCREASE_BY,
            "target_value": Decimal("7000"),
            "target_date": date(2022, 12, 31),
        },
    )
    services.operational_goal_create(
        actor=admin_user,
        programme=p,
        strategic_goal=sg,
        code="1b",
        statement="Bezoekers voelen zich welkom",
        kind=GoalKind.QUALITATIVE,
    )
    track = services.object_create(services.Track, actor=admin_user, programme=p, name="Spoor 1")
    services.effort_create(actor=admin_user, programme=p, name="Evenementen", track=track)
    return p


@pytest.fixture
def staff_user(django_user_model, programme, admin_user):
    user = django_user_model.objects.create_user("staf", password="wachtwoord-staf")
    services.programme_access_grant(
        programme=programme, user=user, level=AccessLevel.STAFF, actor=admin_user
    )
    return user


@pytest.fixture
def reader_user(django_user_model, programme, admin_user):
    user = django_user_model.objects.create_user("lezer", password="wachtwoord-lezer")
    services.programme_access_grant(
        programme=programme, user=user, level=AccessLevel.READER, actor=admin_user
    )
    return user


@pytest.fixture
def owner_user(django_user_model, programme, admin_user):
    user = django_user_model.objects.create_user("trekker", password="wachtwoord-trekker")
    person = services.object_create(Person, actor=admin_user, name="Tess Trekker", user=user)
    effort = programme.efforts.get(name="Evenementen")
    services.object_update(effort, actor=admin_user, expected_version=None, owner=person)
    return user


@pytest.fixture
def outsider_user(django_user_model):
    return django_user_model.objects.create_user("buiten", password="wachtwoord-buiten")


@pytest.fixture(scope="module")
def demo_module(django_db_setup, django_db_blocker):
    """The two demo programmes, loaded once for all tests of a module that ask for them, inside a
    transaction that is rolled back after the module's last test. Each test runs in a savepoint
    within it (pytest-django's ``db``), so what one test writes is undone before the next. Only
    for modules whose tests do not need the demo absent or loaded again, and not with
    ``transaction=True`` (that would empty the tables)."""
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        call_command("demo", "--no-users", verbosity=0)
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def demo(demo_module, db):
    """The demo programmes (see ``demo_module``) for one test."""
