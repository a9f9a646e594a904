"""Shared fixtures: users for each role and a small programme built through the services."""

import pytest

from koers.programmes import services
from koers.programmes.constants import AccessLevel
from koers.programmes.models import Person

from .builders import bare_programme, programme_build


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
    """Testprogramma 2019–2022: goals 1a (measurable) and 1b (qualitative), effort Evenementen."""
    return programme_build(admin_user)


@pytest.fixture
def other_programme(admin_user):
    """A second, empty programme ("ander"), for the refusals across programmes."""
    return bare_programme(admin_user, "ander", name="Ander programma")


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


@pytest.fixture
def scratch(tmp_path, django_db_blocker):
    """A connection to an empty SQLite file under its own alias, for migration tests: migrate
    it to a state before, fill it through the models as they were, migrate it forward."""
    from django.db import connections

    alias = "migration_scratch"
    connections.settings[alias] = {
        **connections.settings["default"],
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "before.sqlite3"),
        "OPTIONS": {},
    }
    with django_db_blocker.unblock():
        yield connections[alias]
        connections[alias].close()
    del connections[alias]
    del connections.settings[alias]
