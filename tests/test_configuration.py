"""The configuration reference and the reading of environment variables (koers.conf.env)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from koers.conf import env

ROOT = Path(__file__).resolve().parents[1]
SETTINGS_FILE = ROOT / "src" / "koers" / "conf" / "settings.py"
CONFIG_DOC = ROOT / "docs" / "configuration.md"


@pytest.fixture
def registry(monkeypatch):
    """An empty registry, so test variables never end up in the real configuration reference."""
    fresh: dict[str, env.EnvVar] = {}
    monkeypatch.setattr(env, "REGISTRY", fresh)
    return fresh


def _settings_config_names() -> set[str]:
    tree = ast.parse(SETTINGS_FILE.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "config"
        ):
            first = node.args[0]
            assert isinstance(first, ast.Constant) and isinstance(first.value, str), (
                f"config() on line {node.lineno} of settings.py needs a literal variable name"
            )
            names.add(first.value)
    return names


def _settings_in_subprocess(code: str, **environ: str) -> subprocess.CompletedProcess:
    child_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    child_env["DJANGO_SETTINGS_MODULE"] = "koers.conf.settings"
    child_env.update(environ)
    return subprocess.run(
        [sys.executable, "-c", code],
        env=child_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


ENGINE_CODE = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DATABASES['default']['ENGINE'])"
)


def test_configuration_doc_is_up_to_date(capsys):
    call_command("configdocs")
    generated = capsys.readouterr().out
    committed = CONFIG_DOC.read_text(encoding="utf-8")
    assert committed == generated, (
        "docs/configuration.md is not up to date with the settings: run `make configdocs`."
    )


def test_configuration_doc_lists_every_variable_without_local_paths():
    committed = CONFIG_DOC.read_text(encoding="utf-8")
    for name in env.REGISTRY:
        assert f"| `{name}` |" in committed
    assert str(settings.PROJECT_DIR) not in committed


def test_every_config_name_in_settings_is_registered():
    names = _settings_config_names()
    assert {"KOERS_DEBUG", "KOERS_SECRET_KEY", "DATABASE_URL"} <= names
    assert names <= set(env.REGISTRY), sorted(names - set(env.REGISTRY))


def test_every_registered_variable_has_help_text():
    for var in env.REGISTRY.values():
        assert var.help_text.strip(), var.name
        assert var.group.strip(), var.name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("true", True),
        ("TRUE", True),
        (" 1 ", True),
        ("yes", True),
        ("on", True),
        ("ja", True),
        ("false", False),
        ("0", False),
        ("no", False),
        ("off", False),
        ("nee", False),
        ("", False),
    ],
)
def test_bool_cast(registry, monkeypatch, raw, expected):
    monkeypatch.setenv("KOERS_TEST_FLAG", raw)
    assert env.config("KOERS_TEST_FLAG", not expected, help_text="test") is expected
    assert registry["KOERS_TEST_FLAG"].default is (not expected)


def test_list_cast_strips_and_drops_empty_items(registry, monkeypatch):
    monkeypatch.setenv("KOERS_TEST_HOSTS", " koers.almelo.nl, localhost,, ")
    value = env.config("KOERS_TEST_HOSTS", ["127.0.0.1"], help_text="test")
    assert value == ["koers.almelo.nl", "localhost"]


def test_int_and_str_cast_and_default(registry, monkeypatch):
    monkeypatch.setenv("KOERS_TEST_NUMBER", "42")
    monkeypatch.setenv("KOERS_TEST_TEXT", "  ruimte blijft  ")
    monkeypatch.delenv("KOERS_TEST_ABSENT", raising=False)
    assert env.config("KOERS_TEST_NUMBER", 7, help_text="test") == 42
    assert env.config("KOERS_TEST_TEXT", "x", help_text="test") == "  ruimte blijft  "
    assert env.config("KOERS_TEST_ABSENT", ["a"], help_text="test") == ["a"]
    assert set(registry) == {"KOERS_TEST_NUMBER", "KOERS_TEST_TEXT", "KOERS_TEST_ABSENT"}


def test_bad_bool_gives_clear_dutch_message(registry, monkeypatch):
    monkeypatch.setenv("KOERS_TEST_FLAG", "misschien")
    with pytest.raises(SystemExit) as excinfo:
        env.config("KOERS_TEST_FLAG", False, help_text="test")
    message = str(excinfo.value)
    assert "Omgevingsvariabele KOERS_TEST_FLAG" in message
    assert "'misschien'" in message
    assert "gebruik true/false" in message


def test_bad_int_names_the_variable(registry, monkeypatch):
    monkeypatch.setenv("KOERS_TEST_NUMBER", "veel")
    with pytest.raises(SystemExit, match="Omgevingsvariabele KOERS_TEST_NUMBER"):
        env.config("KOERS_TEST_NUMBER", 3, help_text="test")


def test_bad_debug_value_stops_koers_with_the_message():
    result = _settings_in_subprocess(ENGINE_CODE, KOERS_DEBUG="misschien")
    assert result.returncode != 0
    assert "Omgevingsvariabele KOERS_DEBUG" in result.stderr
    assert "gebruik true/false" in result.stderr
    assert "Traceback" not in result.stderr


def test_database_url_switches_to_postgresql():
    result = _settings_in_subprocess(
        ENGINE_CODE, DATABASE_URL="postgres://koers:geheim@db.example:5432/koers"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_without_database_url_sqlite_is_used(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "db = settings.DATABASES['default']; print(db['ENGINE']); print(db['NAME'])"
    )
    result = _settings_in_subprocess(code, KOERS_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    engine, name = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert Path(name) == tmp_path / "koers.sqlite3"


def test_configdocs_help_is_readable():
    result = _settings_in_subprocess(
        "import sys; from koers.cli import main; sys.argv = ['koers', 'configdocs', '--help']; "
        "main()"
    )
    assert result.returncode == 0, result.stderr
    assert "configdocs" in result.stdout


SETUP_CODE = "import django; django.setup(); print('ok')"
DEFAULT_KEY = "onveilig-alleen-voor-ontwikkeling"
GOOD_KEY = "Zk3-q8Vw_" * 6  # 54 characters


@pytest.mark.parametrize("key", [DEFAULT_KEY, "", "kort-maar-niet-leeg", "a" * 60])
def test_unsafe_secret_key_refused_when_debug_is_off(key):
    """Issue 18, hole 10: with DEBUG off Koers does not start on the public default key, an empty
    one or one too short or too plain, and says which variable to set."""
    result = _settings_in_subprocess(SETUP_CODE, KOERS_DEBUG="false", KOERS_SECRET_KEY=key)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "KOERS_SECRET_KEY" in result.stderr


def test_unsafe_secret_key_refused_also_when_not_set():
    child = {k: v for k, v in os.environ.items() if k != "KOERS_SECRET_KEY"}
    child.pop("DATABASE_URL", None)
    child.update(DJANGO_SETTINGS_MODULE="koers.conf.settings", KOERS_DEBUG="false")
    result = subprocess.run(
        [sys.executable, "-c", SETUP_CODE],
        env=child,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0 and "KOERS_SECRET_KEY" in result.stderr


@pytest.mark.parametrize(("debug", "key"), [("false", GOOD_KEY), ("true", DEFAULT_KEY)])
def test_own_key_or_debug_starts(debug, key):
    result = _settings_in_subprocess(SETUP_CODE, KOERS_DEBUG=debug, KOERS_SECRET_KEY=key)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
