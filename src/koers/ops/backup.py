"""Backup and restore of the whole database, for ``koers backup`` and ``koers restore``.

SQLite is copied with SQLite's online backup API (``sqlite3.Connection.backup``): one step under a
read lock, so the copy is consistent while Koers keeps running, and it is a normal SQLite file.
PostgreSQL is dumped with ``pg_dump --format=custom`` (a consistent snapshot in one transaction)
and restored with ``pg_restore`` in a single transaction, so a failed restore leaves nothing
half-written. A backup is written to a temporary file beside the target and renamed at the end:
a file with the final name is always a complete backup.

docs/beheer.md describes the procedure for administrators.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

SQLITE_HEADER = b"SQLite format 3\x00"
PG_CUSTOM_HEADER = b"PGDMP"
# Tables that ``koers migrate`` fills by itself: a database with rows only here is still empty.
SCHEMA_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission"})
# A backup of Koers holds this table (the programmes); any other database is refused.
MARKER_TABLE = "programmes_programme"
PG_CLIENT_HINT = (
    "apt-get install postgresql-client"  # Debian/Ubuntu; the major version should match the server
)


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, in the user's language."""


@dataclass
class RestoreResult:
    """What a restore found about the schema of the restored database."""

    pending_migrations: list[str] = field(default_factory=list)
    unknown_migrations: list[str] = field(default_factory=list)


def database_vendor(*, using: str = "default") -> str:
    return connections[using].vendor


def backup_default_path(*, using: str = "default", now: datetime | None = None) -> Path:
    """``VAR_DIR/backups/koers-YYYYmmdd-HHMMSS.sqlite3`` (``.dump`` on PostgreSQL), local time."""
    stamp = (now or timezone.localtime()).strftime("%Y%m%d-%H%M%S")
    suffix = ".sqlite3" if database_vendor(using=using) == "sqlite" else ".dump"
    return Path(settings.VAR_DIR) / "backups" / f"koers-{stamp}{suffix}"


def backup_kind(path: Path) -> str | None:
    """``"sqlite"`` or ``"postgresql"`` from the file's first bytes; None for anything else."""
    with open(path, "rb") as handle:
        head = handle.read(len(SQLITE_HEADER))
    if head == SQLITE_HEADER:
        return "sqlite"
    if head.startswith(PG_CUSTOM_HEADER):
        return "postgresql"
    return None


def tables_with_rows(*, using: str = "default") -> list[str]:
    """The tables of the database that hold data (those ``migrate`` fills itself not counted)."""
    connection = connections[using]
    found = []
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table in SCHEMA_TABLES:
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            if cursor.fetchone() is not None:
                found.append(table)
    return found


# --- backup ---------------------------------------------------------------------------------------


def database_backup(*, target: Path, using: str = "default") -> Path:
    """Write a consistent copy of the whole database to ``target``; returns the path written."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    try:
        if database_vendor(using=using) == "sqlite":
            _sqlite_backup(using=using, target=partial)
        elif database_vendor(using=using) == "postgresql":
            _pg_dump(using=using, target=partial)
        else:
            raise BackupError(
                _("Koers cannot back up a %(vendor)s database.")
                % {"vendor": database_vendor(using=using)}
            )
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def _sqlite_backup(*, using: str, target: Path) -> None:
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError(_("A backup cannot be made inside a transaction."))
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        # pages=-1: the whole database in one step, under one read lock, so it is consistent.
        connection.connection.backup(destination, pages=-1)
        problem = destination.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        destination.close()
    if problem != "ok":
        raise BackupError(_("The copy failed its check: %(problem)s") % {"problem": problem})


def _pg_dump(*, using: str, target: Path) -> None:
    _pg_run(
        "pg_dump",
        ["--format=custom", "--no-password", f"--file={target}"],
        using=using,
    )


# --- restore --------------------------------------------------------------------------------------


def backup_check(*, source: Path, using: str = "default") -> None:
    """Refuse a file that is not a Koers backup for this kind of database."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(_("%(file)s is not a file.") % {"file": source})
    vendor = database_vendor(using=using)
    database = Path(str(connections[using].settings_dict["NAME"]))
    if vendor == "sqlite" and database.exists() and database.samefile(source):
        raise BackupError(
            _("%(file)s is the database itself; give a backup file.") % {"file": source}
        )
    kind = backup_kind(source)
    if kind is None:
        raise BackupError(
            _("%(file)s is not a backup made by koers backup (unknown file format).")
            % {"file": source}
        )
    if kind != vendor:
        raise BackupError(
            _("%(file)s is a backup of a %(kind)s database; this installation uses %(vendor)s.")
            % {"file": source, "kind": _vendor_name(kind), "vendor": _vendor_name(vendor)}
        )
    if kind == "sqlite":
        _sqlite_check(source)
    else:
        _pg_check(source, using=using)


def database_restore(*, source: Path, using: str = "default", force: bool = False) -> RestoreResult:
    """Restore a backup of ``koers backup`` into the database ``using``, which must be empty
    (no data; tables made by ``migrate`` may exist) unless ``force``."""
    source = Path(source)
    backup_check(source=source, using=using)
    filled = tables_with_rows(using=using)
    if filled and not force:
        raise BackupError(
            _(
                "The database is not empty: %(count)s tables hold data (e.g. %(tables)s). "
                "Restore into an empty database, or use --force to overwrite everything in it."
            )
            % {"count": len(filled), "tables": ", ".join(filled[:3])}
        )
    if database_vendor(using=using) == "sqlite":
        _sqlite_restore(source, using=using)
    else:
        _pg_restore(source, using=using)
    return _migration_state(using=using)


def _sqlite_check(source: Path) -> None:
    try:
        backup = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            problem = backup.execute("PRAGMA quick_check").fetchone()[0]
            koers = backup.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MARKER_TABLE,)
            ).fetchone()
        finally:
            backup.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            _("%(file)s cannot be read as a database: %(error)s") % {"file": source, "error": exc}
        ) from exc
    if problem != "ok":
        raise BackupError(
            _("%(file)s is damaged: %(problem)s") % {"file": source, "problem": problem}
        )
    if koers is None:
        raise BackupError(_("%(file)s is not a Koers database.") % {"file": source})


def _sqlite_restore(source: Path, *, using: str) -> None:
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError(_("A restore cannot be done inside a transaction."))
    connection.ensure_connection()
    backup = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        # Replaces the whole destination database, schema included, in one step.
        backup.backup(connection.connection, pages=-1)
    finally:
        backup.close()
    connection.close()  # the next query reconnects and reads the restored schema


def _pg_check(source: Path, *, using: str) -> None:
    listing = _pg_run("pg_restore", ["--list", str(source)], using=using, database=False)
    if not re.search(rf"\bTABLE public {MARKER_TABLE}\b", listing):
        raise BackupError(_("%(file)s is not a Koers database.") % {"file": source})


def _pg_restore(source: Path, *, using: str) -> None:
    connections[using].close()  # no open transaction of ours may hold a lock during the restore
    _pg_run(
        "pg_restore",
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--no-password",
            str(source),
        ],
        using=using,
    )


def _pg_run(program: str, arguments: list[str], *, using: str, database: bool = True) -> str:
    """Run a PostgreSQL client program against the database ``using``; its standard output.
    The password goes through the environment, never on the command line."""
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            _(
                "The PostgreSQL client program %(program)s is not installed. Install the "
                "PostgreSQL client tools, e.g. with: %(hint)s"
            )
            % {"program": program, "hint": PG_CLIENT_HINT}
        )
    config = connections[using].settings_dict
    env = {**os.environ}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if config.get(key):
            env[variable] = str(config[key])
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = str(config["PASSWORD"])
    options = config.get("OPTIONS") or {}
    if options.get("sslmode"):
        env["PGSSLMODE"] = str(options["sslmode"])
    command = [executable, *arguments]
    if database:
        command.append(f"--dbname={config['NAME']}")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s failed: %(error)s")
            % {"program": program, "error": result.stderr.strip() or result.returncode}
        )
    return result.stdout


def _migration_state(*, using: str) -> RestoreResult:
    """Compare the restored database's applied migrations with those of this version of Koers."""
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    known = set(loader.graph.nodes)
    applied = set(loader.applied_migrations)
    return RestoreResult(
        pending_migrations=sorted(f"{app}.{name}" for app, name in known - applied),
        unknown_migrations=sorted(f"{app}.{name}" for app, name in applied - known),
    )


def _vendor_name(vendor: str) -> str:
    return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(vendor, vendor)
