"""Exchange of a whole programme as JSON: koers programmes / export / import."""

from __future__ import annotations

import copy
import io
import json
import re
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.exchange import export_programme
from koers.programmes import services
from koers.programmes.constants import (
    AccessLevel,
    DatePrecision,
    EffortStatus,
    GoalKind,
    MeasuringFrequency,
    MunicipalityRole,
    PartnerKind,
    RoleKind,
    TargetKind,
)
from koers.programmes.exchange import (
    ExchangeError,
    decimal_to_str,
    parse_programme_json,
    programme_import,
    programme_to_dict,
    programme_to_json,
    validate_programme_dict,
)
from koers.programmes.exchange.schema import NOT_EXCHANGED, SECTIONS, all_specs
from koers.programmes.models import (
    Activity,
    Effort,
    GoalEffortLink,
    Indicator,
    OperationalGoal,
    PartnerOrganisation,
    Person,
    Programme,
    ProgrammeAccess,
    ProgrammeRole,
    RoleHours,
    StrategicChoice,
    StrategicGoal,
    Track,
)
from tests.builders import adopt

DOCS = Path(__file__).resolve().parents[2] / "docs" / "uitwisseling.md"


# --- helpers ------------------------------------------------------------------------------------


def enrich(programme: Programme, actor, *, efforts: int = 1, suffix: str = "") -> Programme:
    """Give the programme every kind of element, with every field filled in."""
    services.programme_update(
        programme=programme,
        actor=actor,
        expected_version=None,
        contract_version="versie maart 2019",
        contract_date=date(2019, 3, 1),
        mission="Een levendige binnenstad.",
        vision="Compact, gastvrij en “Almelo’s DNA”.\nTweede regel.",
        scope="Alles binnen de singels.",
        note="Bron zegt niets over 2023.",
    )
    create = services.object_create
    create(StrategicChoice, actor=actor, programme=programme, order=2, title="Compacter", text="T")
    create(StrategicChoice, actor=actor, programme=programme, order=1, title="Verbinden", text="")
    sg = programme.strategic_goals.get(code="1")
    services.object_update(
        sg, actor=actor, expected_version=None, title="Bezoekers", note="Toelichting"
    )
    sg2 = create(StrategicGoal, actor=actor, programme=programme, code="A", text="Wonen", order=2)
    goal = programme.operational_goals.get(code="1a")
    services.operational_goal_update(
        goal=goal,
        actor=actor,
        expected_version=None,
        note="Nulmeting uit de monitor",
        order=3,
        indicator={
            "name": "Bezoekers per week",
            "unit": "bezoekers per week",
            "baseline_value": Decimal("93000.5"),
            "baseline_date": date(2016, 12, 31),
            "baseline_date_precision": DatePrecision.YEAR,
            "target_kind": TargetKind.INCREASE_BY,
            "target_value": Decimal("7000.25"),
            "target_date": date(2022, 12, 31),
            "target_date_precision": DatePrecision.MONTH,
            "data_source": "Binnenstadsmonitor",
            "measuring_frequency": MeasuringFrequency.YEARLY,
        },
    )
    rating = services.operational_goal_create(
        actor=actor,
        programme=programme,
        strategic_goal=sg2,
        code="A1",
        statement="Evenementen krijgen een 7,0",
        indicator={"name": "Rapportcijfer", "target_kind": TargetKind.REACH, "target_value": 7},
    )
    track = programme.tracks.get(name="Spoor 1")
    services.object_update(
        track,
        actor=actor,
        expected_version=None,
        description="Eerste spoor",
        order=2,
        start_year=2019,
        end_year=2020,
        note="n",
    )
    track2 = create(Track, actor=actor, programme=programme, name="Almelose DNA", order=1)
    ondernemers = create(
        PartnerOrganisation,
        actor=actor,
        name=f"Ondernemersvereniging{suffix}",
        kind=PartnerKind.ENTREPRENEURS,
        description="De ondernemers",
        website="https://example.org/ov",
    )
    theater = create(PartnerOrganisation, actor=actor, name=f"Theater Hof 88{suffix}")
    tess = create(
        Person,
        actor=actor,
        name=f"Tess Trekker{suffix}",
        function_title="projectleider",
        email="tess@example.org",
        organisation=ondernemers,
    )
    pim = create(Person, actor=actor, name=f"Pim Programma{suffix}", function_title="manager")
    existing = programme.efforts.get(name="Evenementen")
    services.object_update(
        existing,
        actor=actor,
        expected_version=None,
        description="Jaarlijkse evenementen",
        owner=tess,
        municipality_role=MunicipalityRole.DIRECTOR,
        partners=[theater, ondernemers],
        start_date=date(2019, 1, 1),
        end_date=date(2021, 6, 30),
        status=EffortStatus.EXECUTION,
        order=2,
        note="Budget onbekend",
    )
    all_efforts = [existing]
    for i in range(efforts):
        all_efforts.append(
            services.effort_create(
                actor=actor,
                programme=programme,
                name=f"Inspanning {i}",
                track=track2 if i % 2 else None,
                owner=pim if i % 3 == 0 else None,
                partners=[theater] if i % 2 else [],
                order=i,
            )
        )
    for n, effort in enumerate(all_efforts):
        for year in (2020, 2019):
            create(
                Activity,
                actor=actor,
                effort=effort,
                year=year,
                description=f"Activiteit {n} in {year}",
                order=2,
            )
        create(Activity, actor=actor, effort=effort, year=2019, description="Eerste", order=1)
        services.goal_effort_link_create(
            operational_goal=goal, effort=effort, actor=actor, contribution=f"Draagt bij {n}"
        )
        services.goal_effort_link_create(operational_goal=rating, effort=effort, actor=actor)
    manager = create(
        ProgrammeRole,
        actor=actor,
        programme=programme,
        kind=RoleKind.PROGRAMME_MANAGER,
        title="programmamanager",
        person=pim,
        order=1,
        note="Uren uit het contract",
    )
    services.role_hours_set(role=manager, year=2019, planned_hours=Decimal("1200"), actor=actor)
    services.role_hours_set(role=manager, year=2020, planned_hours=Decimal("1480.5"), actor=actor)
    create(ProgrammeRole, actor=actor, programme=programme, kind=RoleKind.SUPPORT, order=2)
    # Adopted last: an adopted programme takes new goals and efforts only with a decision.
    adopt(actor, programme)
    return programme


def row_counts() -> dict[str, int]:
    """Rows of every model, history tables included."""
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def export_json(slug: str) -> str:
    out = io.StringIO()
    call_command("export", slug, "--format", "json", stdout=out)
    return out.getvalue()


def delete_everything(actor=None) -> None:
    for programme in Programme.objects.all():
        services.programme_delete(programme=programme, actor=actor, expected_version=None)
    for person in Person.objects.all():
        services.object_delete(person, actor=actor, expected_version=None)
    for partner in PartnerOrganisation.objects.all():
        services.object_delete(partner, actor=actor, expected_version=None)


def import_file(tmp_path, content: str | bytes, *args: str) -> str:
    path = tmp_path / "programma.json"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    out = io.StringIO()
    call_command("import", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


# --- koers programmes ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_programmes_lists_slug_tab_name_sorted_by_slug(programme, admin_user):
    for slug, name in [("zwolle-wonen", "Wonen"), ("almelo-cultuur", "Cultuur en DNA")]:
        services.programme_create(
            actor=admin_user,
            slug=slug,
            name=name,
            municipality="Almelo",
            period_start=date(2020, 1, 1),
            period_end=date(2021, 1, 1),
        )
    out = io.StringIO()
    call_command("programmes", stdout=out)
    assert out.getvalue() == (
        "almelo-cultuur\tCultuur en DNA\ntest-programma\tTestprogramma\nzwolle-wonen\tWonen\n"
    )


@pytest.mark.django_db
def test_programmes_without_programmes_prints_nothing():
    out = io.StringIO()
    call_command("programmes", stdout=out)
    assert out.getvalue() == ""


# --- export -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_export_of_fixture_contains_every_element(programme):
    data = json.loads(export_json("test-programma"))
    # The complete exchange (koers.exchange, format version 2) writes the DIN sections first.
    din_keys = ["format", "format_version"] + [s.key for s in SECTIONS]
    assert list(data)[: len(din_keys)] == din_keys
    assert data["format"] == "koers-programma"
    assert data["format_version"] == 2
    assert data["programma"] == {
        "slug": "test-programma",
        "name": "Testprogramma",
        "municipality": "Almelo",
        "period_start": "2019-01-01",
        "period_end": "2022-12-31",
        "contract_version": "",
        "contract_date": None,
        "mission": "",
        "vision": "",
        "scope": "",
        "status": "concept",
        "note": "",
    }
    assert data["strategische_doelen"] == [
        {"code": "1", "title": "", "text": "Meer bezoekers", "order": 1, "note": ""}
    ]
    goals = {g["code"]: g for g in data["operationele_doelen"]}
    assert goals["1a"]["strategic_goal"] == "1"
    assert goals["1a"]["indicator"] == {
        "name": "Bezoekers per week",
        "unit": "bezoekers per week",
        "baseline_value": "93000",
        "baseline_date": "2016-12-31",
        "baseline_date_precision": "dag",
        "target_kind": "toename",
        "target_value": "7000",
        "target_date": "2022-12-31",
        "target_date_precision": "dag",
        "data_source": "",
        "measuring_frequency": "",
        "decimals": None,
        "tolerance_percent": "10",
    }
    assert goals["1b"]["kind"] == "kwalitatief"
    assert goals["1b"]["indicator"] is None
    assert data["sporen"] == [
        {
            "name": "Spoor 1",
            "description": "",
            "order": 1,
            "start_year": None,
            "end_year": None,
            "note": "",
        }
    ]
    assert data["inspanningen"] == [
        {
            "name": "Evenementen",
            "track": "Spoor 1",
            "description": "",
            "owner": None,
            "municipality_role": "",
            "partners": [],
            "start_date": None,
            "end_date": None,
            "status": "gepland",
            "order": 1,
            "archived_at": None,
            "note": "",
            "activities": [],
        }
    ]
    for key in ("strategische_keuzes", "koppelingen", "rollen", "personen", "partnerorganisaties"):
        assert data[key] == []


@pytest.mark.django_db
def test_export_of_enriched_programme_uses_natural_keys_and_exact_decimals(programme, admin_user):
    enrich(programme, admin_user)
    text = export_json("test-programma")
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert "“Almelo’s DNA”" in text  # ensure_ascii=False
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    data = json.loads(text)
    indicator = {g["code"]: g for g in data["operationele_doelen"]}["1a"]["indicator"]
    assert indicator["baseline_value"] == "93000.5"
    assert indicator["target_value"] == "7000.25"
    assert indicator["measuring_frequency"] == "jaar"
    rating = {g["code"]: g for g in data["operationele_doelen"]}["A1"]["indicator"]
    assert rating["target_value"] == "7"
    effort = {e["name"]: e for e in data["inspanningen"]}["Evenementen"]
    assert effort["owner"] == {"name": "Tess Trekker", "email": "tess@example.org"}
    assert effort["partners"] == ["Ondernemersvereniging", "Theater Hof 88"]
    assert effort["municipality_role"] == "regisseur"
    assert [(a["year"], a["order"]) for a in effort["activities"]] == [
        (2019, 1),
        (2019, 2),
        (2020, 2),
    ]
    assert {"operational_goal": "1a", "effort": "Evenementen", "contribution": "Draagt bij 0"} in (
        data["koppelingen"]
    )
    assert [c["title"] for c in data["strategische_keuzes"]] == ["Verbinden", "Compacter"]
    assert [t["name"] for t in data["sporen"]] == ["Almelose DNA", "Spoor 1"]
    manager, support = data["rollen"]
    assert manager["person"] == {"name": "Pim Programma", "email": ""}
    assert manager["hours"] == [
        {"year": 2019, "planned_hours": "1200", "realised_hours": None},
        {"year": 2020, "planned_hours": "1480.5", "realised_hours": None},
    ]
    assert support["person"] is None and support["hours"] == []
    assert data["personen"] == [
        {
            "name": "Pim Programma",
            "function_title": "manager",
            "email": "",
            "organisation": None,
            "note": "",
        },
        {
            "name": "Tess Trekker",
            "function_title": "projectleider",
            "email": "tess@example.org",
            "organisation": "Ondernemersvereniging",
            "note": "",
        },
    ]
    assert data["partnerorganisaties"][0] == {
        "name": "Ondernemersvereniging",
        "kind": "ondernemers",
        "description": "De ondernemers",
        "website": "https://example.org/ov",
    }
    assert not re.search(r'"(id|pk|version|user|history)"', text)


@pytest.mark.django_db
def test_export_leaves_out_unrelated_people_and_partners(programme, admin_user):
    services.object_create(Person, actor=admin_user, name="Iemand Anders")
    services.object_create(PartnerOrganisation, actor=admin_user, name="Andere organisatie")
    data = programme_to_dict(programme)
    assert data["personen"] == [] and data["partnerorganisaties"] == []


@pytest.mark.django_db
def test_export_to_file(programme, tmp_path):
    target = tmp_path / "uit.json"
    out = io.StringIO()
    call_command("export", "test-programma", "-o", str(target), stdout=out)
    assert out.getvalue() == ""
    assert target.read_bytes() == export_programme(programme)


@pytest.mark.django_db
def test_export_of_unknown_programme_fails():
    with pytest.raises(CommandError, match="bestaat-niet"):
        call_command("export", "bestaat-niet")


@pytest.mark.django_db
def test_export_query_count_does_not_depend_on_size(programme, admin_user):
    enrich(programme, admin_user, efforts=1)
    big = services.programme_create(
        actor=admin_user,
        slug="groot",
        name="Groot",
        municipality="Almelo",
        period_start=date(2019, 1, 1),
        period_end=date(2022, 12, 31),
    )
    sg = services.object_create(StrategicGoal, actor=admin_user, programme=big, code="1", text="x")
    for i in range(12):
        services.operational_goal_create(
            actor=admin_user,
            programme=big,
            strategic_goal=sg,
            code=f"1{i}",
            statement="s",
            kind=GoalKind.QUALITATIVE if i % 2 else GoalKind.MEASURABLE,
            indicator=None if i % 2 else {"name": f"i{i}"},
        )
    services.operational_goal_create(
        actor=admin_user,
        programme=big,
        strategic_goal=sg,
        code="1a",
        statement="s",
        indicator={"name": "Bezoekers"},
    )
    services.object_create(Track, actor=admin_user, programme=big, name="Spoor 1")
    services.effort_create(actor=admin_user, programme=big, name="Evenementen")
    enrich(big, admin_user, efforts=12, suffix=" (groot)")
    with CaptureQueriesContext(connection) as small_queries:
        small = programme_to_dict(programme)
    with CaptureQueriesContext(connection) as big_queries:
        large = programme_to_dict(big)
    assert len(large["inspanningen"]) > 3 * len(small["inspanningen"])
    assert len(large["operationele_doelen"]) > 3 * len(small["operationele_doelen"])
    assert len(small_queries) == len(big_queries) == 11


# --- round trip ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_round_trip_is_byte_identical(programme, admin_user, tmp_path):
    enrich(programme, admin_user, efforts=3)
    first = export_json("test-programma")
    delete_everything(admin_user)
    assert not Person.objects.exists() and not PartnerOrganisation.objects.exists()
    out = import_file(tmp_path, first)
    assert "test-programma" in out
    assert export_json("test-programma") == first
    imported = Programme.objects.get(slug="test-programma")
    assert Indicator.objects.get(operational_goal__programme=imported, name="Bezoekers per week")
    assert imported.efforts.get(name="Evenementen").partners.count() == 2
    assert RoleHours.objects.filter(role__programme=imported).count() == 2


@pytest.mark.django_db
def test_round_trip_through_stdin(programme, admin_user, monkeypatch):
    enrich(programme, admin_user)
    first = export_json("test-programma")
    delete_everything(admin_user)
    stdin = io.TextIOWrapper(io.BytesIO(first.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    call_command("import", "-", stdout=io.StringIO())
    assert export_json("test-programma") == first


@pytest.mark.django_db
def test_import_reuses_existing_people_and_partners(programme, admin_user, tmp_path):
    enrich(programme, admin_user)
    first = export_json("test-programma")
    services.programme_delete(programme=programme, actor=admin_user, expected_version=None)
    tess = Person.objects.get(name="Tess Trekker")
    services.object_update(tess, actor=admin_user, expected_version=None, function_title="anders")
    people, partners = Person.objects.count(), PartnerOrganisation.objects.count()
    err = io.StringIO()
    call_command("import", str(_write(tmp_path, first)), stdout=io.StringIO(), stderr=err)
    assert Person.objects.count() == people
    assert PartnerOrganisation.objects.count() == partners
    assert Programme.objects.get().efforts.get(name="Evenementen").owner == tess
    assert "Tess Trekker" in err.getvalue()  # told that the existing details are kept


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "programma.json"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_import_records_the_user_in_the_history(programme, admin_user, tmp_path):
    first = export_json("test-programma")
    delete_everything()
    call_command("import", str(_write(tmp_path, first)), "--user", "beheer", stdout=io.StringIO())
    imported = Programme.objects.get()
    assert imported.history.get().history_user == admin_user
    with pytest.raises(CommandError, match="niemand"):
        call_command("import", str(_write(tmp_path, first)), "--user", "niemand")


# --- existing programme -------------------------------------------------------------------------


@pytest.mark.django_db
def test_import_with_existing_slug_is_refused(programme, tmp_path):
    text = export_json("test-programma")
    before = row_counts()
    with pytest.raises(CommandError, match=r"test-programma.*--replace"):
        call_command("import", str(_write(tmp_path, text)))
    assert row_counts() == before


@pytest.mark.django_db
def test_import_with_replace_replaces_and_keeps_access(
    programme, admin_user, tmp_path, staff_user, settings
):
    settings.VAR_DIR = tmp_path
    original = export_json("test-programma")
    enrich(programme, admin_user)
    old_pk = programme.pk
    call_command(
        "import", str(_write(tmp_path, original)), "--replace", "--force", stdout=io.StringIO()
    )
    new = Programme.objects.get(slug="test-programma")
    assert new.pk != old_pk
    assert export_json("test-programma") == original
    assert ProgrammeAccess.objects.get(programme=new, user=staff_user).level == AccessLevel.STAFF
    assert not Effort.objects.filter(programme_id=old_pk).exists()


@pytest.mark.django_db
def test_failed_replace_keeps_the_old_programme(programme, admin_user, tmp_path, settings):
    settings.VAR_DIR = tmp_path
    enrich(programme, admin_user)
    text = export_json("test-programma")
    data = json.loads(text)
    index = [g["code"] for g in data["operationele_doelen"]].index("1a")
    data["operationele_doelen"][index]["indicator"]["target_date"] = "2010-01-01"
    before = row_counts()
    with pytest.raises(CommandError, match=rf"operationele_doelen\[{index}\]\.indicator\.target"):
        call_command("import", str(_write(tmp_path, json.dumps(data))), "--replace", "--force")
    assert row_counts() == before
    assert export_json("test-programma") == text


# --- malformed files ----------------------------------------------------------------------------


def _mutate(data: dict, case: str) -> dict | str | bytes:
    data = copy.deepcopy(data)
    goals = data["operationele_doelen"]
    measurable = [g["code"] for g in goals].index("1a")
    if case == "missing required key":
        del goals[0]["statement"]
    elif case == "unknown target_kind":
        goals[measurable]["indicator"]["target_kind"] = "verdubbelen"
    elif case == "bad decimal":
        goals[measurable]["indicator"]["target_value"] = "abc"
    elif case == "bad date":
        goals[measurable]["indicator"]["baseline_date"] = "2016-02-30"
    elif case == "unknown goal code":
        data["koppelingen"][0]["operational_goal"] = "9z"
    elif case == "duplicate goal code":
        goals[1]["code"] = goals[0]["code"]
    elif case == "target before baseline":
        goals[measurable]["indicator"]["target_date"] = "2001-01-01"
    elif case == "end before start":
        data["programma"]["period_end"] = "2000-01-01"
    elif case == "unknown track":
        data["inspanningen"][0]["track"] = "Spoor 9"
    elif case == "not json":
        return "dit is geen JSON {"
    elif case == "wrong format":
        data["format"] = "ander-formaat"
    elif case == "not utf-8":
        data["programma"]["note"] = "Café de Kroon"
        return json.dumps(data, ensure_ascii=False).encode("latin-1", errors="replace")
    return data


MALFORMED = [
    ("not json", "JSON"),
    ("not utf-8", "UTF-8"),
    ("wrong format", "format"),
    ("missing required key", r"operationele_doelen\[0\]\.statement"),
    ("unknown target_kind", r"operationele_doelen\[{m}\]\.indicator\.target_kind"),
    ("bad decimal", r'operationele_doelen\[{m}\]\.indicator\.target_value: "abc"'),
    ("bad date", r'operationele_doelen\[{m}\]\.indicator\.baseline_date: "2016-02-30"'),
    ("unknown goal code", r'koppelingen\[0\]\.operational_goal: .*"9z"'),
    ("duplicate goal code", r"operationele_doelen\[1\]\.code: .*operationele_doelen\[0\]"),
    ("unknown track", r'inspanningen\[0\]\.track: .*"Spoor 9"'),
    # Rules of the model that combine fields (Model.clean), also found before writing.
    ("target before baseline", r"operationele_doelen\[{m}\]\.indicator\.target_date"),
    ("end before start", r"programma\.period_end"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("case", "pattern"), MALFORMED, ids=[c for c, _ in MALFORMED])
def test_malformed_file_is_refused_and_nothing_is_written(
    programme, admin_user, tmp_path, case, pattern
):
    enrich(programme, admin_user)
    data = json.loads(export_json("test-programma"))
    delete_everything(admin_user)
    goals = data["operationele_doelen"]
    measurable = [g["code"] for g in goals].index("1a")
    content = _mutate(data, case)
    if isinstance(content, dict):
        content = json.dumps(content, ensure_ascii=False, indent=2)
    before = row_counts()
    with pytest.raises(CommandError) as raised:
        import_file(tmp_path, content)
    assert re.search(pattern.format(m=measurable), str(raised.value)), str(raised.value)
    assert row_counts() == before


@pytest.mark.django_db
def test_validation_error_while_writing_rolls_back_everything(
    programme, admin_user, tmp_path, monkeypatch
):
    """A ValidationError raised by a service late in the file (here: the hours of a role, which
    the validator cannot know to be wrong) undoes the people, partners, programme and all other
    elements written before it, history included, and names the element."""
    enrich(programme, admin_user)
    text = export_json("test-programma")
    delete_everything(admin_user)
    real = services.role_hours_set

    def refuse_2020(*, role, year, planned_hours, actor, realised_hours=None):
        if year == 2020:
            raise ValidationError({"planned_hours": ["Meer uren dan er in een jaar zitten."]})
        return real(
            role=role,
            year=year,
            planned_hours=planned_hours,
            actor=actor,
            realised_hours=realised_hours,
        )

    monkeypatch.setattr(services, "role_hours_set", refuse_2020)
    before = row_counts()
    with pytest.raises(CommandError) as raised:
        import_file(tmp_path, text)
    assert "rollen[0].hours[1].planned_hours: Meer uren" in str(raised.value)
    assert row_counts() == before
    assert not Programme.objects.exists()


@pytest.mark.django_db
def test_model_rules_are_reported_together_before_writing(programme, admin_user):
    enrich(programme, admin_user)
    data = json.loads(programme_to_json(programme))
    delete_everything(admin_user)
    data["sporen"][0]["start_year"], data["sporen"][0]["end_year"] = 2025, 2020
    data["programma"]["period_end"] = "2000-01-01"
    data["inspanningen"][0]["start_date"] = "2000-01-01"
    data["inspanningen"][0]["end_date"] = "1999-01-01"
    before = row_counts()
    with pytest.raises(ExchangeError) as raised:
        programme_import(data, actor=admin_user)
    assert [p.path for p in raised.value.problems] == [
        "programma.period_end",
        "sporen[0].end_year",
        "inspanningen[0].end_date",
    ]
    assert row_counts() == before


def test_problems_are_all_collected_without_database():
    data = {
        "format": "koers-programma",
        "format_version": 1,
        "programma": {
            "slug": "x y",
            "name": "",
            "municipality": "Almelo",
            "period_start": "2019-01-01",
            "period_end": 2022,
            "status": "klaar",
            "onbekend": 1,
        },
        "strategische_doelen": [{"code": "1", "text": "t"}],
        "operationele_doelen": [
            {"code": "1a", "strategic_goal": "2", "statement": "s", "indicator": None},
            {
                "code": "1b",
                "strategic_goal": "1",
                "statement": "s",
                "kind": "kwalitatief",
                "indicator": {"name": "n"},
            },
        ],
        "inspanningen": [
            {
                "name": "E",
                "owner": {"name": "Nobody"},
                "partners": ["P", "P"],
                "order": -1,
                "activities": [{"year": "2019", "description": "d"}],
            }
        ],
        "rollen": [
            {"kind": "trekker", "hours": [{"year": 2019, "planned_hours": 1.25}]},
            {"kind": "baas", "hours": [{"year": 2019, "planned_hours": "1"}] * 2},
        ],
        "personen": [{"name": "Jan", "email": "jan@example.org", "organisation": "Q"}],
        "partnerorganisaties": [{"name": "P", "website": "niet een url"}],
    }
    problems = {p.path: p.message for p in validate_programme_dict(data)}
    assert set(problems) == {
        "programma.slug",
        "programma.name",
        "programma.period_end",
        "programma.status",
        "programma.onbekend",
        "operationele_doelen[0].strategic_goal",
        "operationele_doelen[0].indicator",
        "operationele_doelen[1].indicator",
        "inspanningen[0].owner",
        "inspanningen[0].partners[1]",
        "inspanningen[0].order",
        "inspanningen[0].activities[0].year",
        "rollen[0].hours[0].planned_hours",
        "rollen[1].kind",
        "rollen[1].hours[1].year",
        "personen[0].organisation",
        "partnerorganisaties[0].website",
    }
    assert '"klaar"' in problems["programma.status"] and "concept" in problems["programma.status"]


def test_reference_to_an_element_with_an_invalid_key_is_not_reported_twice():
    data = {
        "format": "koers-programma",
        "format_version": 1,
        "programma": {
            "slug": "x",
            "name": "X",
            "municipality": "Almelo",
            "period_start": "2019-01-01",
            "period_end": "2022-12-31",
        },
        "rollen": [{"kind": "trekker", "person": {"name": "Jan", "email": "geen-adres"}}],
        "personen": [{"name": "Jan", "email": "geen-adres"}],
    }
    assert [p.path for p in validate_programme_dict(data)] == ["personen[0].email"]


def test_json_floats_are_read_exactly_and_validated_against_decimal_places():
    data = parse_programme_json(
        b'{"format": "koers-programma", "format_version": 1, "programma": {}, '
        b'"rollen": [{"kind": "trekker", "hours": [{"year": 2019, "planned_hours": 12.50}]}]}'
    )
    paths = [p.path for p in validate_programme_dict(data)]
    assert "rollen[0].hours[0].planned_hours" not in paths  # 12.50 == 12.5: one decimal place
    assert "programma.slug" in paths


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"\xff\xfe{}", "UTF-8"),
        (b'{"a": 1, "a": 2}', '"a"'),
        (b'{"a": NaN}', "NaN"),
        (b"[1, 2", "JSON"),
    ],
)
def test_unreadable_files_give_one_problem(raw, fragment):
    with pytest.raises(ExchangeError) as raised:
        parse_programme_json(raw)
    assert len(raised.value.problems) == 1
    assert fragment in str(raised.value)


@pytest.mark.parametrize(
    "data",
    [[], {"format": "koers-programma"}, {"format": "koers-programma", "format_version": True}],
)
def test_wrong_format_marker_or_version_gives_one_problem(data):
    assert len(validate_programme_dict(data)) == 1


def test_utf8_with_byte_order_mark_is_accepted():
    assert parse_programme_json("\ufeff{}".encode()) == {}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("93000.0000"), "93000"),
        (Decimal("7.0000"), "7"),
        (Decimal("6.5000"), "6.5"),
        (Decimal("0.0000"), "0"),
        (Decimal("-0.0"), "0"),
        (Decimal("1E+3"), "1000"),
        (Decimal("0.0001"), "0.0001"),
        (Decimal("-12.3400"), "-12.34"),
    ],
)
def test_decimal_rendering_is_canonical(value, text):
    assert decimal_to_str(value) == text


# --- the format, the model and the documentation stay in step ----------------------------------


def test_every_model_field_is_exchanged():
    for spec in all_specs():
        names = {f.name for f in spec.model._meta.get_fields()}
        concrete = {
            f.name
            for f in spec.model._meta.get_fields()
            if (f.concrete or f.many_to_many) and not f.auto_created
        }
        assert set(spec.key_names) <= names, spec.model
        assert concrete - NOT_EXCHANGED - set(spec.key_names) == set(), spec.model
    exchanged = {spec.model for spec in all_specs()}
    assert exchanged == {
        Programme,
        StrategicChoice,
        StrategicGoal,
        OperationalGoal,
        Indicator,
        Track,
        Effort,
        Activity,
        GoalEffortLink,
        ProgrammeRole,
        RoleHours,
        Person,
        PartnerOrganisation,
    }


def test_documentation_names_every_section_and_key():
    text = DOCS.read_text(encoding="utf-8")
    for section in SECTIONS:
        assert f"`{section.key}`" in text
    for spec in all_specs():
        for key in spec.key_names:
            assert f"`{key}`" in text, key


# --- the demo programmes ------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_programmes_round_trip(tmp_path):
    pytest.importorskip("koers.demo.loader", reason="koers demo is not available yet")
    call_command("demo", "--no-users", stdout=io.StringIO(), stderr=io.StringIO())
    slugs = ["almelo-binnenstad", "almelo-stedelijke-ontwikkeling"]
    exported = {slug: export_json(slug) for slug in slugs}
    delete_everything()
    assert not Programme.objects.exists()
    for slug in slugs:
        call_command("import", str(_write(tmp_path, exported[slug])), stdout=io.StringIO())
    for slug in slugs:
        assert export_json(slug) == exported[slug], slug


@pytest.mark.django_db
def test_demo_exports_hold_every_goal_number_track_effort_activity_role_and_hour():
    """The 'done' criterion: the JSON of each demo programme holds what the seeds say."""
    call_command("demo", "--no-users", stdout=io.StringIO(), stderr=io.StringIO())
    b = json.loads(export_json("almelo-binnenstad"))
    goals = {g["code"]: g for g in b["operationele_doelen"]}
    assert sorted(goals) == ["1a", "2a", "2b", "3a", "3b", "4a", "4b", "4c", "5a"]
    numbers = {code: g["indicator"]["target_value"] for code, g in goals.items()}
    assert numbers == {
        "1a": "7000",
        "2a": "0",
        "2b": "6000",
        "3a": "7",
        "3b": "7",
        "4a": "6.5",
        "4b": "6.6",
        "4c": "60",
        "5a": "614",
    }
    assert goals["1a"]["indicator"]["baseline_value"] == "93000"
    assert goals["1a"]["indicator"]["baseline_date"] == "2016-12-31"
    assert [s["code"] for s in b["strategische_doelen"]] == ["1", "2", "3", "4", "5"]
    assert len(b["strategische_keuzes"]) == 4
    assert len(b["sporen"]) == 5
    assert len(b["inspanningen"]) == 9
    hours = sorted(h["planned_hours"] for r in b["rollen"] for h in r["hours"])
    assert hours == ["1200", "1480", "450", "450"]
    kinds = {r["kind"] for r in b["rollen"]}
    assert {"bestuurlijk_opdrachtgever", "ambtelijk_opdrachtgever", "programmamanager"} <= kinds
    assert {"Van Rees", "Saïd Benayad"} <= {p["name"] for p in b["personen"]}

    so = json.loads(export_json("almelo-stedelijke-ontwikkeling"))
    assert len(so["strategische_doelen"]) == 3
    assert len(so["operationele_doelen"]) == 10
    assert sum(g["kind"] == "kwalitatief" for g in so["operationele_doelen"]) == 9
    assert len(so["inspanningen"]) == 9
    assert all(e["activities"] for e in so["inspanningen"])
    assert {a["year"] for e in so["inspanningen"] for a in e["activities"]} == {2023}
