"""``koers status SLUG --format json|table [--op DATE]``."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command("status", *args, stdout=out)
    return out.getvalue()


def test_json_has_the_promised_fields(series):
    data = json.loads(_run("test-programma", "--format", "json", "--op", "2020-06-30"))
    assert data["programme"] == "test-programma"
    assert data["as_of"] == "2020-06-30"
    goals = {g["code"]: g for g in data["goals"]}
    g = goals["1a"]
    for key in ("code", "status", "latest", "target", "expected_now", "forecast"):
        assert key in g
    assert g["latest"] == {
        "value": "95100",
        "period": "2019",
        "date": "2019-12-31",
        "known_from": "2019-12-31",
        "provisional": False,
    }
    assert g["target"]["end_value"] == "100000"
    assert g["target"]["date"] == "2022-12-31"
    assert g["status"] in {"op_koers", "aandacht", "niet_op_koers"}
    assert g["forecast"]["text"]
    assert goals["1b"]["status"] == "niet_meetbaar"


def test_as_of_uses_only_what_was_measured_by_then(series):
    data = json.loads(_run("test-programma", "--format", "json", "--op", "2018-12-31"))
    g = {g["code"]: g for g in data["goals"]}["1a"]
    assert g["latest"]["value"] == "94200"
    early = json.loads(_run("test-programma", "--format", "json", "--op", "2017-06-30"))
    assert {g["code"]: g for g in early["goals"]}["1a"]["status"] == "geen_gegevens"


def test_table_lists_every_goal(series):
    text = _run("test-programma", "--op", "2020-06-30")
    lines = text.splitlines()
    assert any(line.startswith("1a ") for line in lines)
    assert any(line.startswith("1b ") for line in lines)
    assert "95.100 (2019)" in text


def test_unknown_programme_and_bad_date(series):
    with pytest.raises(CommandError):
        _run("bestaat-niet")
    with pytest.raises(CommandError):
        _run("test-programma", "--op", "30-06-2020")


def test_the_latest_known_measurement_is_named(series, indicator, admin_user, monkeypatch):
    """A value for 2026 entered on 7 December 2026 is the latest measurement on that day (not
    the one of 2019), and on the day before it is counted as coming after the date."""
    import datetime as dt
    from decimal import Decimal
    from types import SimpleNamespace

    from django.utils import translation

    from koers.monitoring import services
    from koers.monitoring.periods import parse_period

    day = dt.date(2026, 12, 7)
    fake = SimpleNamespace(localdate=lambda value=None: day if value is None else value)
    monkeypatch.setattr(services, "timezone", fake)
    services.measurement_create(
        actor=admin_user, indicator=indicator, period=parse_period("2026"), value=Decimal("99000")
    )
    data = json.loads(_run("test-programma", "--format", "json", "--op", "2026-12-07"))
    latest = {g["code"]: g for g in data["goals"]}["1a"]["latest"]
    assert (latest["period"], latest["value"], latest["known_from"]) == (
        "2026",
        "99000",
        "2026-12-07",
    )
    assert data["measurements_after_as_of"] == 0
    data = json.loads(_run("test-programma", "--format", "json", "--op", "2026-12-06"))
    assert {g["code"]: g for g in data["goals"]}["1a"]["latest"]["period"] == "2019"
    assert data["measurements_after_as_of"] == 1
    with translation.override("nl"):
        text = _run("test-programma", "--op", "2026-12-07")
        assert "99.000 (2026)" in text
        text = _run("test-programma", "--op", "2026-12-06")
    assert "Er is 1 meting na deze datum" in text
