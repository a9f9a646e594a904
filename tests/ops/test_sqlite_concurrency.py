"""Concurrent writes on the embedded SQLite database wait for each other or give a 409, never a
500 ("database is locked"): WAL mode, a busy timeout and IMMEDIATE transactions by default, also
when DATABASE_URL names a SQLite file."""

import json
import os
import subprocess
import sys
from pathlib import Path

from koers.conf.settings import sqlite_concurrency

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path) -> dict:
    env = {
        **os.environ,
        "KOERS_VAR_DIR": str(tmp_path),
        "KOERS_ALLOWED_HOSTS": "testserver",
        "DJANGO_SETTINGS_MODULE": "koers.conf.settings",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DATABASE_URL", None)
    return env


def test_concurrent_saves_and_log_ins_never_fail(tmp_path):
    """Five rounds of four simultaneous saves of one programme with the same version, then 24
    simultaneous log-ins, on the default SQLite file (a real file, one connection per thread)."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("sqlite_writers.py"))],
        env=_env(tmp_path),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    outcome = json.loads(done.stdout)
    assert outcome["journal"] == "wal"
    saves = outcome["saves"]
    assert len(saves) == 20 and all(s in (302, 409) for s in saves), saves
    # Each round of four saves with the same version: exactly one wins, the others see a conflict.
    assert saves.count(302) == 5, saves
    assert outcome["logins"] == [302] * 24, outcome["logins"]
    assert "database is locked" not in done.stderr


PRINT_DATABASE = """
import json, django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
    cursor.execute("PRAGMA busy_timeout")
    busy = cursor.fetchone()[0]
print(json.dumps({"journal": journal, "busy": busy, "mode": connection.transaction_mode}))
"""


def test_a_sqlite_database_url_gets_the_same_options(tmp_path):
    env = _env(tmp_path) | {"DATABASE_URL": f"sqlite:///{tmp_path / 'eigen.sqlite3'}"}
    done = subprocess.run(
        [sys.executable, "-c", PRINT_DATABASE], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == {"journal": "wal", "busy": 20000, "mode": "IMMEDIATE"}
    assert (tmp_path / "eigen.sqlite3").is_file()


def test_the_options_are_set_for_sqlite_only():
    sqlite = sqlite_concurrency({"ENGINE": "django.db.backends.sqlite3", "NAME": "x"}, 7)
    assert sqlite["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert sqlite["OPTIONS"]["timeout"] == 7
    assert "journal_mode=WAL" in sqlite["OPTIONS"]["init_command"]
    postgres = {"ENGINE": "django.db.backends.postgresql", "NAME": "koers"}
    assert sqlite_concurrency(postgres, 7) == postgres
