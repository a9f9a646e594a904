"""Run by tests/ops/test_sqlite_concurrency.py in its own process, against a fresh SQLite file
(the environment names it): concurrent saves of one programme with the same version, and
concurrent log-ins, each from its own thread (own connection). Prints the outcome as JSON."""

import json
import sys
import threading

import django

django.setup()

from django.conf import settings  # noqa: E402

settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from koers.accounts.models import User  # noqa: E402
from tests.builders import bare_programme  # noqa: E402

call_command("migrate", verbosity=0)
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
admin = User.objects.create_user("beheer", password="wachtwoord-beheer", is_functional_admin=True)
users = [User.objects.create_user(f"u{i}", password="wachtwoord-123") for i in range(24)]
programme = bare_programme(admin, "p", name="Programma")
connections.close_all()

SAVES, ROUNDS = 4, 5
url = reverse("programmes:edit", args=["p"])
data = {
    "slug": "p",
    "municipality": programme.municipality,
    "period_start": programme.period_start.isoformat(),
    "period_end": programme.period_end.isoformat(),
    "status": programme.status,
}
outcomes: list = []
barrier = threading.Barrier(SAVES)


def save(i: int, version: int) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(admin)
    barrier.wait()
    try:
        sent = data | {"name": f"Programma {version}-{i}", "version": version}
        outcomes.append(client.post(url, sent).status_code)
    except Exception as exc:  # noqa: BLE001 - reported to the test
        outcomes.append(repr(exc))
    finally:
        connections.close_all()


logins: list = []
login_barrier = threading.Barrier(len(users))


def log_in(user: User) -> None:
    client = Client(raise_request_exception=False)
    login_barrier.wait()
    try:
        page = client.post(
            reverse("accounts:login"), {"username": user.username, "password": "wachtwoord-123"}
        )
        logins.append(page.status_code)
    except Exception as exc:  # noqa: BLE001
        logins.append(repr(exc))
    finally:
        connections.close_all()


def run(target, args) -> None:
    threads = [threading.Thread(target=target, args=a) for a in args]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)


for _round in range(ROUNDS):
    programme.refresh_from_db()
    run(save, [(i, programme.version) for i in range(SAVES)])
    connections.close_all()
run(log_in, [(u,) for u in users])

json.dump({"journal": journal, "saves": outcomes, "logins": logins}, sys.stdout)
