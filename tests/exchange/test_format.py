"""The format itself: the published schema, the documentation, what every kind carries, older
files, and the problems a bad file gets."""

from __future__ import annotations

import ast
import io
import json
from pathlib import Path

import pytest
from django.apps import apps

from koers.exchange import ExchangeError, export_programme, import_programme
from koers.exchange import kinds as k
from koers.exchange.read import read_programme_file
from koers.exchange.schema import SCHEMA_FILE, schema_text
from koers.programmes.exchange import programme_to_json
from koers.programmes.models import Programme

from .test_round_trip import demo, empty_database  # noqa: F401 - the fixture

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "uitwisseling.md"


def test_the_published_schema_is_the_generated_one():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "run: uv run koers exchangeschema --write"
    )


def test_the_documentation_names_every_section_and_field():
    text = DOCS.read_text(encoding="utf-8")
    assert SCHEMA_FILE.name in text
    for kind in k.all_kinds():
        assert f"`{kind.section}`" in text, kind.section
        for name, _field, _ref in kind.keys():
            shown = "target" if name == "target_id" else name
            assert f"`{shown}`" in text, (kind.section, shown)


def test_every_relation_of_every_kind_is_exchanged_or_skipped_on_purpose():
    assert {kind.section: kind.unclaimed_relations() for kind in k.all_kinds()} == {
        kind.section: [] for kind in k.all_kinds()
    }


def test_every_model_of_the_record_is_a_kind():
    record_apps = [
        "monitoring",
        "reporting",
        "finance",
        "risks",
        "decisions",
        "partners",
        "portfolio",
        "intake",
        "public",
    ]
    covered = {kind.model for kind in k.all_kinds()}
    missing = [
        m._meta.label
        for app in record_apps
        for m in apps.get_app_config(app).get_models()
        if not m._meta.label.split(".")[1].startswith("Historical") and m not in covered
    ]
    # An import batch is the uploaded file of a measurement import (see kinds.MEASUREMENTS); a
    # spending submission is the key that stops a form or upload being booked twice.
    assert sorted(missing) == ["finance.SpendingSubmission", "monitoring.ImportBatch"]


def test_the_programmes_app_does_not_import_the_exchange_when_it_loads():
    for path in (ROOT / "src" / "koers" / "programmes").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # module level only
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("koers.exchange"), path
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("koers.exchange") for a in node.names), path


@pytest.mark.django_db
def test_a_version_1_file_still_imports(demo):  # noqa: F811
    old = programme_to_json(demo[0])
    assert '"format_version": 1' in old
    empty_database()
    programme = import_programme(old.encode(), actor=None)
    assert programme.operational_goals.count() == json.loads(old)["operationele_doelen"].__len__()


@pytest.mark.django_db
def test_the_measurements_are_read_one_at_a_time(demo):  # noqa: F811
    data = export_programme(demo[0])
    parsed = read_programme_file(io.BytesIO(data))
    assert parsed.header["metingen"] == []
    rows = parsed.measurements()
    path, first = next(rows)
    assert path == "metingen[0]" and "period_start" in first
    assert (
        1 + sum(1 for _ in rows)
        == demo[0]
        .operational_goals.filter(indicator__measurements__isnull=False)
        .values("indicator__measurements")
        .count()
    )


def _bad(data: bytes, change) -> list[str]:
    text = data.decode()
    head, sep, rest = text.partition('  "metingen": [\n')
    header = json.loads(head.rstrip().rstrip(",") + "\n}")
    lines = rest.splitlines()
    change(header, lines)
    rebuilt = json.dumps(header, ensure_ascii=False, indent=2)[:-2] + ",\n" + sep
    rebuilt += "\n".join(lines) + "\n"
    empty_database()
    with pytest.raises(ExchangeError) as raised:
        import_programme(rebuilt.encode(), actor=None)
    assert not Programme.objects.exists()
    return [str(p) for p in raised.value.problems]


@pytest.mark.django_db
def test_a_bad_file_gets_every_problem_in_dutch_with_its_place(demo):  # noqa: F811
    data = export_programme(demo[0])

    def change(header, lines):
        header["risicos"][0]["likelihood"] = "hoog"
        header["risicos"][1]["onbekend"] = 1
        header["begrotingsregels"][0]["year"] = "2020"

    problems = _bad(data, change)
    assert 'risicos[0].likelihood: "hoog" moet een geheel getal of null zijn' in problems, problems
    assert "risicos[1].onbekend: onbekende sleutel" in problems, problems
    assert any(p.startswith("begrotingsregels[0].year:") for p in problems), problems


@pytest.mark.django_db
def test_a_bad_reference_or_measurement_is_reported_with_its_place(demo):  # noqa: F811
    data = export_programme(demo[0])

    def change(header, lines):
        header["begrotingsregels"][0]["effort"] = "Bestaat niet"
        lines[0] = lines[0].replace('"period_start": "', '"period_start": "x')

    problems = _bad(data, change)
    assert any(
        p.startswith("begrotingsregels[0].effort: verwijst naar") and "Bestaat niet" in p
        for p in problems
    ), problems
    assert any(p.startswith("metingen[0].period_start:") for p in problems), problems
