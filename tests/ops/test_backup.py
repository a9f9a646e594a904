"""``koers backup`` and ``koers restore``: a backup of a filled database, restored into a new
database, gives every table back row for row (all apps' models, the history tables and Django's
own tables). The SQLite test runs in the SQLite leg, the PostgreSQL test in the PostgreSQL leg
(``DATABASE_URL`` set, as ``make test-postgres`` does); each is skipped in the other."""

from __future__ import annotations

import io
import re
import sqlite3
import uuid

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.utils import translation

from koers.ops import backup as ops_backup

ON_POSTGRESQL = "postgresql" in django_settings.DATABASES["default"]["ENGINE"]
only_sqlite = pytest.mark.skipif(
    ON_POSTGRESQL, reason="SQLite leg only: DATABASE_URL points to PostgreSQL"
)
only_postgresql = pytest.mark.skipif(
    not ON_POSTGRESQL,
    reason="PostgreSQL leg only: set DATABASE_URL to a PostgreSQL server (make test-postgres)",
)


def table_contents(conn) -> dict[str, list[tuple]]:
    """Every table with its rows, in an order independent of how the rows were stored."""
    with conn.cursor() as cursor:
        tables = sorted(conn.introspection.table_names(cursor))
        contents = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {conn.ops.quote_name(table)}")
            contents[table] = sorted(cursor.fetchall(), key=repr)
    return contents


def assert_same_tables(original: dict, restored: dict) -> None:
    model_tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    assert model_tables <= set(original), "every model of every app is compared"
    assert sorted(restored) == sorted(original)
    for table in original:
        assert restored[table] == original[table], table
    filled = [table for table, rows in original.items() if rows]
    # The demo fills the domain, its history and Django's own tables.
    assert any(table.startswith("programmes_historical") for table in filled)
    assert {"auth_permission", "django_content_type", "programmes_programme"} <= set(filled)
    assert len(filled) >= 30, filled


def dutch_error(*args) -> str:
    with translation.override("nl"), pytest.raises(CommandError) as caught:
        call_command(*args, stdout=io.StringIO(), stderr=io.StringIO())
    return str(caught.value)


@pytest.fixture
def sqlite_target(tmp_path, django_db_blocker):
    """A new, empty SQLite file database under its own alias."""
    alias = "restore_target"
    connections.settings[alias] = {
        **connections.settings["default"],
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "restored.sqlite3"),
        "OPTIONS": {},
        "TEST": {},
    }
    with django_db_blocker.unblock():
        yield connections[alias]
        connections[alias].close()
    del connections[alias]
    del connections.settings[alias]


@only_sqlite
@pytest.mark.django_db(transaction=True)
def test_sqlite_backup_restores_every_table(tmp_path, sqlite_target):
    call_command("demo", verbosity=0)
    backup_file = tmp_path / "koers.sqlite3"
    out = io.StringIO()
    with translation.override("nl"):
        call_command("backup", "-o", str(backup_file), stdout=out)
    assert "Back-up geschreven naar" in out.getvalue()
    assert backup_file.read_bytes()[:16] == b"SQLite format 3\x00"
    assert not list(tmp_path.glob(".*.part")), "no half-written file is left"

    out = io.StringIO()
    with translation.override("nl"):
        call_command("restore", str(backup_file), "--database", sqlite_target.alias, stdout=out)
    assert "is teruggezet" in out.getvalue()
    assert_same_tables(table_contents(connection), table_contents(sqlite_target))

    # The database now holds data: a second restore is refused, unless --force.
    message = dutch_error("restore", str(backup_file), "--database", sqlite_target.alias)
    assert "De database is niet leeg" in message
    assert "--force" in message
    call_command(
        "restore", str(backup_file), "--database", sqlite_target.alias, "--force", verbosity=0
    )
    assert_same_tables(table_contents(connection), table_contents(sqlite_target))


@only_sqlite
@pytest.mark.django_db(transaction=True)
def test_restore_into_a_migrated_but_empty_database_is_allowed(tmp_path, sqlite_target, settings):
    """What ``koers migrate`` writes by itself (content types, permissions) is not data."""
    settings.MIGRATION_MODULES = {}  # the real migrations, not the test run's "none"
    call_command("migrate", database=sqlite_target.alias, verbosity=0)
    assert ops_backup.tables_with_rows(using=sqlite_target.alias) == []
    backup_file = ops_backup.database_backup(target=tmp_path / "b.sqlite3")
    ops_backup.database_restore(source=backup_file, using=sqlite_target.alias)


@only_sqlite
@pytest.mark.django_db(transaction=True)
def test_backup_without_output_goes_to_the_var_dir_with_a_timestamp(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    call_command("backup", verbosity=0)
    written = list((tmp_path / "backups").iterdir())
    assert len(written) == 1
    assert re.fullmatch(r"koers-\d{8}-\d{6}\.sqlite3", written[0].name)


@only_sqlite
@pytest.mark.django_db
def test_restore_refuses_what_is_not_a_koers_backup(tmp_path, sqlite_target):
    target = ("--database", sqlite_target.alias)
    text = tmp_path / "notities.txt"
    text.write_text("geen back-up", encoding="utf-8")
    assert "onbekend bestandsformaat" in dutch_error("restore", str(text), *target)

    pg_dump = tmp_path / "koers.dump"
    pg_dump.write_bytes(b"PGDMP\x01\x0e\x00" + b"\x00" * 100)
    message = dutch_error("restore", str(pg_dump), *target)
    assert "back-up van een PostgreSQL-database" in message
    assert "SQLite" in message

    other = tmp_path / "ander.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    assert "geen database van Koers" in dutch_error("restore", str(other), *target)

    damaged = tmp_path / "kapot.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    assert "kapot.sqlite3" in dutch_error("restore", str(damaged), *target)

    assert "is geen bestand" in dutch_error("restore", str(tmp_path / "weg.sqlite3"), *target)
    sqlite_target.ensure_connection()
    own_file = sqlite_target.settings_dict["NAME"]
    assert "is de database zelf" in dutch_error("restore", own_file, *target)
    assert ops_backup.tables_with_rows(using=sqlite_target.alias) == []


def test_missing_postgresql_client_tools_are_named(tmp_path, monkeypatch):
    """Without pg_dump on the PATH the message says what to install; nothing is connected."""
    alias = "pg_without_tools"
    connections.settings[alias] = {
        **connections.settings["default"],
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "koers",
        "HOST": "127.0.0.1",
    }
    monkeypatch.setattr(ops_backup.shutil, "which", lambda program: None)
    try:
        with translation.override("nl"), pytest.raises(ops_backup.BackupError) as caught:
            ops_backup.database_backup(target=tmp_path / "x.dump", using=alias)
    finally:
        del connections[alias]
        del connections.settings[alias]
    assert "pg_dump" in str(caught.value)
    assert "apt-get install postgresql-client" in str(caught.value)
    assert not (tmp_path / "x.dump").exists()


# --- PostgreSQL ----------------------------------------------------------------------------------


@pytest.fixture
def pg_target(django_db_blocker):
    """A new PostgreSQL database with a name of its own, dropped afterwards."""
    name = f"koers_backup_test_{uuid.uuid4().hex[:12]}"
    alias = "restore_target"
    with django_db_blocker.unblock():
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        connections.settings[alias] = {
            **connections.settings["default"],
            "NAME": name,
            "TEST": {},
            "CONN_MAX_AGE": 0,
        }
        try:
            yield connections[alias]
        finally:
            connections[alias].close()
            del connections[alias]
            del connections.settings[alias]
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sequence_values(conn) -> dict[str, int | None]:
    with conn.cursor() as cursor:
        cursor.execute("SELECT sequencename, last_value FROM pg_sequences")
        return dict(cursor.fetchall())


@only_postgresql
@pytest.mark.django_db(transaction=True)
def test_postgresql_backup_restores_every_table(tmp_path, pg_target):
    call_command("demo", verbosity=0)
    backup_file = tmp_path / "koers.dump"
    call_command("backup", "-o", str(backup_file), verbosity=0)
    assert backup_file.read_bytes()[:5] == b"PGDMP"

    call_command("restore", str(backup_file), "--database", pg_target.alias, verbosity=0)
    assert_same_tables(table_contents(connection), table_contents(pg_target))
    assert sequence_values(pg_target) == sequence_values(connection)

    message = dutch_error("restore", str(backup_file), "--database", pg_target.alias)
    assert "De database is niet leeg" in message
    call_command("restore", str(backup_file), "--database", pg_target.alias, "--force", verbosity=0)
    assert_same_tables(table_contents(connection), table_contents(pg_target))


@only_postgresql
@pytest.mark.django_db
def test_postgresql_restore_refuses_an_sqlite_file(tmp_path, pg_target):
    other = tmp_path / "koers.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE django_migrations (x)")
    message = dutch_error("restore", str(other), "--database", pg_target.alias)
    assert "back-up van een SQLite-database" in message
