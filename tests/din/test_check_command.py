"""``koers din-check``: the DIN quality check for programmes; ``koers check`` is Django's system
check, without arguments, with --deploy and with app labels."""

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.core.management.base import SystemCheckError
from django.utils import translation

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("din-check", *args, stdout=out)
    return out.getvalue()


def run_failing(*args) -> tuple[str, CommandError]:
    out = StringIO()
    with pytest.raises(CommandError) as info:
        call_command("din-check", *args, stdout=out)
    return out.getvalue(), info.value


@pytest.fixture
def clean(programme, admin_user):
    """The test programme with no error-level finding: 1a complete and served by the effort,
    1b qualitative (a warning only)."""
    from koers.programmes import services

    goal = programme.operational_goals.get(code="1a")
    services.object_update(
        goal.indicator, actor=admin_user, expected_version=None, data_source="Monitor"
    )
    effort = programme.efforts.get(name="Evenementen")
    services.goal_effort_link_create(actor=admin_user, operational_goal=goal, effort=effort)
    for code in ("1b",):
        other = programme.operational_goals.get(code=code)
        services.goal_effort_link_create(actor=admin_user, operational_goal=other, effort=effort)
    return programme


def test_table_and_exit_status_1_on_errors(programme):
    with translation.override("en"):
        out, error = run_failing(programme.slug, "--op", "2020-06-01")
    assert error.returncode == 1
    assert "error" in str(error)
    assert "Quality check of Testprogramma (test-programma) on 2020-06-01" in out
    assert "DIN-05" in out and "Evenementen" in out
    assert "Passed:" in out and "DIN-03" in out


def test_no_errors_exits_0(clean):
    out = run(clean.slug, "--op", "2020-06-01")
    assert "DIN-02" in out  # the qualitative goal: a warning does not fail the check
    assert "DIN-01  fout" not in out


def test_json_is_valid_and_complete(clean):
    data = json.loads(run(clean.slug, "--format", "json", "--op", "2020-06-01"))
    assert data["programme"] == "test-programma"
    assert data["as_of"] == "2020-06-01"
    assert data["passed"] is True
    assert [r["id"] for r in data["rules"]] == [f"DIN-{n:02d}" for n in range(1, 14)]
    assert set(data["counts"]) == {"fout", "waarschuwing", "info"}
    assert data["not_measurable"]["goals"] == ["1b"]
    assert data["not_measurable"]["total"] == 2
    (qualitative,) = [r for r in data["rules"] if r["id"] == "DIN-02"]
    assert qualitative["severity"] == "waarschuwing" and not qualitative["passed"]
    (finding,) = qualitative["findings"]
    assert finding["fix_url"].startswith("/programmas/test-programma/doel/")
    assert finding["rule"] == "DIN-02" and finding["subject"] and finding["message"]


def test_json_of_several_programmes_is_a_list_and_still_fails(programme, admin_user):
    from datetime import date

    from tests.builders import bare_programme

    bare_programme(
        admin_user,
        "leeg",
        name="Leeg programma",
        period_start=date(2020, 1, 1),
        period_end=date(2021, 12, 31),
    )
    out, error = run_failing(programme.slug, "leeg", "--format", "json")
    data = json.loads(out)
    assert [d["programme"] for d in data] == ["test-programma", "leeg"]
    assert data[1]["passed"] is True and error.returncode == 1


def test_the_2023_demo_fails_and_says_why(db):
    call_command("demo", "--no-users", verbosity=0)
    with translation.override("en"):
        out, error = run_failing("almelo-stedelijke-ontwikkeling", "--op", "2026-11-01")
    assert "None of the 10 operational goals is measurable as written." in out
    assert error.returncode == 1


def test_unknown_name_is_named(programme):
    with translation.override("en"):
        _out, error = run_failing("bestaat-niet")
    assert "bestaat-niet" in str(error) and "programme" in str(error)
    with translation.override("en"):
        _out, error = run_failing(programme.slug, "x1", "x2")
    assert "‘x1’, ‘x2’" in str(error)


def test_bad_date(programme):
    _out, error = run_failing(programme.slug, "--op", "gisteren")
    assert "gisteren" in str(error)


def test_format_without_programme_is_an_error():
    _out, error = run_failing("--format", "json")
    assert error.returncode == 1


def test_a_programme_named_like_an_app_is_checked(programme):
    """The short name ``finance`` is an app label too; ``din-check`` reads it as a programme."""
    programme.slug = "finance"
    programme.save(update_fields=["slug"])
    with translation.override("en"):
        _out, error = run_failing("finance", "--op", "2020-06-01")
    assert "Quality check of Testprogramma (finance)" in _out
    assert error.returncode == 1


# ``koers check`` is Django's system check, and only that.


def system_check(*args) -> str:
    out = StringIO()
    call_command("check", *args, stdout=out)
    return out.getvalue()


def test_system_check_without_arguments(programme):
    out = system_check()
    assert "System check identified no issues" in out


def test_system_check_of_app_labels():
    assert "no issues" in system_check("programmes", "din")


def test_system_check_options_still_work():
    assert "security" in system_check("--list-tags", "--deploy")
    with pytest.raises(SystemCheckError):
        call_command("check", "--deploy", "--fail-level", "WARNING", stdout=StringIO())


def test_system_check_does_not_take_programmes(programme):
    with pytest.raises(LookupError):
        system_check(programme.slug)
    with pytest.raises(TypeError):
        call_command("check", programme.slug, format="json")


def test_command_line_exit_status(tmp_path):
    """The real console script: a system check exits 0 on an empty folder without a database
    (it needs none); ``din-check`` without a short name exits with its usage."""
    env = {**os.environ, "KOERS_VAR_DIR": str(tmp_path)}
    code = "import sys; from koers.cli import main; sys.argv = ['koers'] + sys.argv[1:]; main()"
    ok = subprocess.run(
        [sys.executable, "-c", code, "check"], capture_output=True, text=True, env=env
    )
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run(
        [sys.executable, "-c", code, "din-check"], capture_output=True, text=True, env=env
    )
    assert bad.returncode != 0
    assert "SLUG" in bad.stderr
