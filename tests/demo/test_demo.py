"""The demo data of the two Almelo programmes: faithful to the seed documents, loaded through the
services, idempotent, and with demo users only in demo mode."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from koers.demo import loader, seed_data
from koers.demo.seed_data import BINNENSTAD, PROGRAMMES, STEDELIJKE_ONTWIKKELING
from koers.programmes import services
from koers.programmes.constants import (
    AccessLevel,
    DatePrecision,
    GoalKind,
    MeasuringFrequency,
    ProgrammeStatus,
    RoleKind,
    TargetKind,
)
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
    RoleHours,
    StrategicGoal,
)

SEED_COPIES = Path(__file__).parent / "seeds"
SHARED_SEEDS = Path("/work/shared/seeds")


# --- the seed text ------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Join the line breaks of the PDF extraction: a word broken with a hyphen at a line end is
    joined again, runs of white space become one space."""
    text = re.sub(r"(?<=[^\W\d_])-[ \t]*\n\s*(?=[a-zà-ÿ])", "", text)
    text = re.sub(r"(?<=\d)-[ \t]*\n\s*(?=\d)", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def seed_text(filename: str) -> str:
    return normalise((SEED_COPIES / filename).read_text(encoding="utf-8"))


def test_normalise_joins_pdf_line_breaks():
    assert normalise("gebieds-\n\nontwikkeling") == "gebiedsontwikkeling"
    assert normalise("opdrachtgever- en \n\nopdrachtnemer-\n\nschap") == (
        "opdrachtgever- en opdrachtnemerschap"
    )
    assert normalise("2018-\n2022") == "2018-2022"
    assert normalise("woon- en  werkstad\n") == "woon- en werkstad"


@pytest.mark.parametrize("filename", [p.source_file for p in PROGRAMMES])
def test_seed_copies_equal_the_shared_seeds(filename):
    shared = SHARED_SEEDS / filename
    if not shared.exists():
        pytest.skip("the shared seed documents are not on this machine")
    assert (SEED_COPIES / filename).read_bytes() == shared.read_bytes()


def verbatim_texts(data: seed_data.ProgrammeData) -> list[tuple[str, str]]:
    """(where, text) for every statement of a programme that must occur in its seed."""
    texts: list[tuple[str, str]] = [("mission", data.mission)]
    texts += [("vision", p) for p in data.vision.split("\n\n")]
    texts += [("scope", p) for p in data.scope.split("\n\n")]
    for choice in data.choices:
        texts.append((f"choice {choice.title}", f"{choice.title}: {choice.text}"))
    for sg in data.strategic_goals:
        texts += [(f"strategic goal {sg.code}", line) for line in sg.text.split("\n")]
        if sg.title:
            texts.append((f"strategic goal {sg.code} title", f"{sg.code}: {sg.title}"))
        for og in sg.operational_goals:
            texts.append((f"operational goal {og.code}", og.statement))
    for track in data.tracks:
        texts.append((f"track {track.name}", track.name))
        texts.append((f"track {track.name}", track.description))
    for effort in data.efforts:
        texts.append((f"effort {effort.name}", effort.name))
        texts += [(f"effort {effort.name}", line) for line in effort.description.split("\n")]
        texts += [(f"activity of {effort.name}", a.source_text) for a in effort.activities]
    for role in data.roles:
        texts.append((f"role {role.title}", role.title))
    return [(where, text) for where, text in texts if text]


@pytest.mark.parametrize("data", PROGRAMMES, ids=lambda p: p.slug)
def test_every_statement_occurs_in_the_seed(data):
    source = seed_text(data.source_file)
    missing = [(where, text) for where, text in verbatim_texts(data) if text not in source]
    assert missing == []
    assert len(verbatim_texts(data)) > 30


def test_named_people_occur_in_the_seed():
    source = seed_text(BINNENSTAD.source_file).casefold()
    for role in BINNENSTAD.roles:
        if role.person is not None:
            assert f"{role.person.function_title} {role.person.name}".casefold() in source


def test_role_tasks_quote_the_seed():
    source = seed_text(BINNENSTAD.source_file)
    for role in BINNENSTAD.roles:
        quotes = re.findall(r"“(.*?)”", role.note)
        assert len(quotes) == 1, role.title
        assert quotes[0] in source, role.title


def test_tracks_and_choices_are_split_where_the_source_splits_them():
    source = seed_text(BINNENSTAD.source_file)
    for i, track in enumerate(BINNENSTAD.tracks, start=1):
        separator = ". " if i == 3 else ": "
        assert f"{i}. {track.name}{separator}{track.description}" in source
    for i, choice in enumerate(BINNENSTAD.choices, start=1):
        assert f"{i}. {choice.title}: {choice.text}" in source


def test_typos_of_the_source_are_kept_and_explained():
    goals = {og.code: og for sg in BINNENSTAD.strategic_goals for og in sg.operational_goals}
    assert "staat leet in" in goals["2a"].statement
    assert "staat leeg" in goals["2a"].note
    assert "gemiddeld met en 6,6" in goals["4b"].statement
    assert "gemiddeld met een 6,6" in goals["4b"].note
    track_2 = BINNENSTAD.tracks[1]
    assert track_2.description.endswith("vier kernwaarden die het Almelose DNA vormen:")
    assert "ontbreken in de bron" in track_2.note


def test_activity_quotes_are_only_used_for_shortened_sentences():
    for data in PROGRAMMES:
        for effort in data.efforts:
            for activity in effort.activities:
                assert activity.quote != activity.description
                assert activity.year == 2023


# --- loading ------------------------------------------------------------------------------------


@pytest.fixture
def loaded(admin_user):
    return {p.slug: p for p in loader.load_demo(actor=admin_user)}


@pytest.mark.django_db
def test_binnenstad_is_loaded_exactly(loaded):
    p = loaded["almelo-binnenstad"]
    assert p.name == "Programma Binnenstad"
    assert p.municipality == "Almelo"
    assert (p.period_start, p.period_end) == (date(2019, 1, 1), date(2022, 12, 31))
    assert p.contract_version == "versie maart 2019"
    assert p.contract_date == date(2019, 3, 1)
    assert p.status == ProgrammeStatus.CONCEPT
    assert p.mission == ""
    assert "geen afzonderlijke missie" in p.note
    assert p.vision.startswith("Zoals je een gemiddelde Almeloër moet doorvragen")
    assert p.vision.count("\n\n") == 2
    assert p.scope.startswith("De omvang van het programma (scope) wordt vastgesteld")
    assert "Programmamonitoring & organisatie" in p.note
    assert "Overige inspanningen" in p.note

    assert [(c.order, c.title) for c in p.choices.all()] == [
        (1, "We kiezen voor de binnenstad"),
        (2, "We kiezen voor Noordwest Twente"),
        (3, "We kiezen voor een nieuwe kaart van de binnenstad"),
        (4, "We kiezen voor een verbindende binnenstad"),
    ]
    assert p.choices.get(order=1).text.startswith("De binnenstad staat onder druk")

    strategic = list(p.strategic_goals.order_by("order"))
    assert [g.code for g in strategic] == ["1", "2", "3", "4", "5"]
    assert strategic[0].text == (
        "In 2022 recreëren en winkelen meer inwoners en bezoekers in de binnenstad van Almelo"
    )
    assert strategic[4].text == (
        "In 2022 zijn er meer bedrijven in de binnenstad van Almelo gevestigd met meer omzet"
    )

    goals = {g.code: g for g in p.operational_goals.select_related("strategic_goal")}
    assert sorted(goals) == ["1a", "2a", "2b", "3a", "3b", "4a", "4b", "4c", "5a"]
    assert all(g.kind == GoalKind.MEASURABLE for g in goals.values())
    assert all(g.strategic_goal.code == g.code[0] for g in goals.values())
    assert goals["1a"].statement == (
        "Groei van het aantal bezoekers per week van het centrum met 7.000 ten opzichte van 2016 "
        "(93.000)"
    )
    assert goals["2a"].statement == (
        "0 m2 winkelvloeroppervlak staat leet in het nieuwe kernwinkelgebied van de binnenstad"
    )
    assert goals["4b"].statement == (
        "Almeloërs waarderen de parkeermogelijkheden voor auto’s in de binnenstad gemiddeld met "
        "en 6,6"
    )

    i = goals["1a"].indicator
    assert i.unit == "bezoekers per week"
    assert i.baseline_value == Decimal("93000")
    assert i.baseline_date == date(2016, 12, 31)
    assert i.baseline_date_precision == DatePrecision.YEAR
    assert i.target_kind == TargetKind.INCREASE_BY
    assert i.target_value == Decimal("7000")
    assert i.target_end_value == Decimal("100000")

    expected = {
        "2a": (TargetKind.REACH, Decimal("0"), "m²"),
        "2b": (TargetKind.AT_MOST, Decimal("6000"), "m²"),
        "3a": (TargetKind.REACH, Decimal("7.0"), "rapportcijfer (1–10)"),
        "3b": (TargetKind.REACH, Decimal("7.0"), "rapportcijfer (1–10)"),
        "4a": (TargetKind.REACH, Decimal("6.5"), "rapportcijfer (1–10)"),
        "4b": (TargetKind.REACH, Decimal("6.6"), "rapportcijfer (1–10)"),
        "4c": (TargetKind.REACH, Decimal("60"), "%"),
        "5a": (TargetKind.REACH, Decimal("614"), "bedrijven"),
    }
    for code, (kind, value, unit) in expected.items():
        ind = goals[code].indicator
        assert (ind.target_kind, ind.target_value, ind.unit) == (kind, value, unit), code
        assert ind.baseline_value is None and ind.baseline_date is None, code
        assert "geen nulmeting" in goals[code].note, code
        # ratings are shown as the contract writes them: 7,0 / 6,5 / 6,6
        assert ind.decimals == (1 if unit.startswith("rapportcijfer") else None), code
    for goal in goals.values():
        ind = goal.indicator
        assert ind.target_date == date(2022, 12, 31)
        assert ind.target_date_precision == DatePrecision.YEAR
        assert ind.data_source == "Binnenstadsmonitor Almelo (Kennispunt Twente)"
        assert ind.measuring_frequency == MeasuringFrequency.UNKNOWN
        assert "meetfrequentie staat niet in de bron" in goal.note

    tracks = list(p.tracks.order_by("order"))
    assert [t.name for t in tracks] == [
        "Compacter centrum en aantrekkelijke binnenstadskwartieren",
        "Versterken Almelose DNA in de binnenstad",
        "De binnenstad als hart van Noordwest Twente",
        "Vermarkten en imago binnenstad",
        "Samenwerking",
    ]
    assert all((t.start_year, t.end_year) == (2019, 2019) for t in tracks)
    assert "vier kernwaarden ontbreken" in tracks[1].note

    efforts = {e.name: e for e in p.efforts.prefetch_related("partners")}
    assert list(p.efforts.order_by("order").values_list("name", flat=True)) == [
        "Pilot 2 uur gratis parkeren",
        "Gevel-/ transformatiefonds",
        "Communicatie & Marketing",
        "Stadscafés",
        "Stadscheques (kleine initiatieven)",
        "Stadsinjectie (grote initiatieven)",
        "Aanjagen projecten koers",
        "Samenwerking",
        "Vergroenen binnenstad",
    ]
    assert all(e.track is None and e.municipality_role == "" for e in efforts.values())
    assert all(e.status == "gepland" and e.owner is None for e in efforts.values())
    assert all("ontbreekt in de bron" in e.note for e in efforts.values())
    pilot = efforts["Pilot 2 uur gratis parkeren"]
    assert (pilot.start_date, pilot.end_date) == (date(2019, 1, 1), date(2021, 12, 31))
    assert "300.000 euro per jaar" in pilot.description
    assert "afgeleid uit de middelentabel" in pilot.note
    cm = efforts["Communicatie & Marketing"]
    assert (cm.start_date, cm.end_date) == (date(2019, 1, 1), date(2022, 12, 31))
    for name in ("Stadscafés", "Samenwerking", "Vergroenen binnenstad"):
        assert (efforts[name].start_date, efforts[name].end_date) == (
            date(2019, 1, 1),
            date(2019, 12, 31),
        )
    stadsarrangement = [
        "Stadscafés",
        "Stadscheques (kleine initiatieven)",
        "Stadsinjectie (grote initiatieven)",
        "Aanjagen projecten koers",
        "Samenwerking",
    ]
    for name in stadsarrangement:
        assert [o.name for o in efforts[name].partners.all()] == ["Provincie Overijssel"]
    assert [o.name for o in efforts["Vergroenen binnenstad"].partners.all()] == [
        "Stichting Bomenstad Almelo"
    ]
    assert "Stichting Bomenstad Almelo" in efforts["Vergroenen binnenstad"].description
    assert not Activity.objects.filter(effort__programme=p).exists()
    assert not GoalEffortLink.objects.filter(effort__programme=p).exists()
    assert "DIN in de bijlage" in p.note

    roles = list(p.roles.select_related("person").order_by("order"))
    assert [(r.kind, r.title) for r in roles] == [
        (RoleKind.POLITICAL_PRINCIPAL, "bestuurlijk opdrachtgever"),
        (RoleKind.ADMINISTRATIVE_PRINCIPAL, "ambtelijk opdrachtgever"),
        (RoleKind.PROGRAMME_MANAGER, "programmamanager"),
        (RoleKind.ADVISER, "strategisch programma-adviseur"),
        (RoleKind.SUPPORT, "programmaondersteuner"),
        (RoleKind.COMMUNICATION, "strategisch communicatieadviseur"),
    ]
    assert (roles[0].person.name, roles[0].person.function_title) == ("Van Rees", "Wethouder")
    assert (roles[1].person.name, roles[1].person.function_title) == (
        "Saïd Benayad",
        "Adjunct-directeur",
    )
    assert roles[2].person is None
    assert "‘zij’" in roles[2].note
    assert "genereert vakinhoudelijke kennis" in roles[3].note
    hours = list(
        RoleHours.objects.filter(role__programme=p)
        .order_by("role__order")
        .values_list("role__kind", "year", "planned_hours")
    )
    assert hours == [
        (RoleKind.PROGRAMME_MANAGER, 2019, Decimal("1200")),
        (RoleKind.ADVISER, 2019, Decimal("1480")),
        (RoleKind.SUPPORT, 2019, Decimal("450")),
        (RoleKind.COMMUNICATION, 2019, Decimal("450")),
    ]
    assert Person.objects.filter(roles__programme=p).count() == 2

    kennispunt = PartnerOrganisation.objects.get(name="Kennispunt Twente")
    assert kennispunt.kind == "kennis"
    assert PartnerOrganisation.objects.get(name="Provincie Overijssel").kind == "overheid"


@pytest.mark.django_db
def test_stedelijke_ontwikkeling_is_loaded_exactly(loaded):
    p = loaded["almelo-stedelijke-ontwikkeling"]
    assert p.name == "Programma Stedelijke Ontwikkeling"
    assert (p.period_start, p.period_end) == (date(2023, 1, 1), date(2026, 12, 31))
    assert p.contract_version == "DIN 2023 (fragment)"
    assert p.contract_date is None
    assert p.status == ProgrammeStatus.CONCEPT
    assert p.mission == (
        "Almelo is een toekomstbestendige en onderscheidende centrumstad met een blijvende "
        "aantrekkingskracht vanuit de regio. Een stad waar huidige en toekomstige bewoners en "
        "ondernemers graag willen wonen, werken en in willen investeren. Een stad waar we trots "
        "op zijn!"
    )
    assert p.vision == ""
    assert not p.choices.exists() and not p.tracks.exists() and not p.roles.exists()

    strategic = {g.code: g for g in p.strategic_goals.all()}
    assert sorted(strategic) == ["A", "B", "C"]
    assert strategic["A"].title == ""
    assert "label van doel A ontbreekt" in strategic["A"].note
    assert strategic["A"].text == (
        "Het realiseren van een grotere onderscheidende en gevarieerde woningvoorraad voor onze "
        "huidige en toekomstige inwoners"
    )
    assert strategic["B"].title == "Netwerken en positionering"
    assert strategic["B"].text == (
        "Het realiseren van een steviger netwerk en positie binnen het ruimtelijk domein\n"
        "Het bouwen aan een stad met een duidelijker en meer onderscheidend profiel."
    )
    assert strategic["C"].title == "Kennis en professionalisering"
    assert strategic["C"].text == (
        "Het door ontwikkelen van de gemeente Almelo tot een professionelere en klantgerichtere "
        "organisatie rondom stedelijke ontwikkeling."
    )

    goals = {g.code: g for g in p.operational_goals.select_related("strategic_goal")}
    assert sorted(goals) == ["A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4", "C1", "C2"]
    assert all(g.strategic_goal.code == g.code[0] for g in goals.values())
    assert all("De bron geeft geen codes" in g.note for g in goals.values())
    qualitative = [c for c, g in goals.items() if g.kind == GoalKind.QUALITATIVE]
    assert len(qualitative) == 9 and "A3" not in qualitative
    assert not Indicator.objects.filter(
        operational_goal__code__in=qualitative, operational_goal__programme=p
    ).exists()
    for code in qualitative:
        assert "geen indicator, nulmeting of getal" in goals[code].note
    a3 = goals["A3"]
    assert a3.kind == GoalKind.MEASURABLE
    assert a3.statement == "De bouw van 4100 extra nieuwbouwwoningen is versneld;"
    assert (a3.indicator.name, a3.indicator.unit) == ("Extra nieuwbouwwoningen", "woningen")
    assert a3.indicator.target_kind == TargetKind.INCREASE_BY
    assert a3.indicator.target_value == Decimal("4100")
    assert a3.indicator.baseline_value is None
    assert a3.indicator.target_date is None
    assert a3.indicator.data_source == ""
    assert "'versneld' is niet gekwantificeerd" in a3.note
    assert goals["B1"].statement.startswith("In 2026 is er meer investeringsbereidheid")
    assert "ook bij strategisch doel A" in goals["B1"].note

    efforts = list(p.efforts.order_by("order").prefetch_related("activities"))
    assert [e.name for e in efforts] == [
        "Ongedeelde regio",
        "Visievorming en realisatie",
        "Toekomstbestendig wonen/ bouwen",
        "Woondeals uitwerken per gemeenten",
        "Profilering Almelo als woon- en werkstad",
        "Lobby Stedelijke Ontwikkeling en Bereikbaarheid",
        "Versterking netwerk en samenwerking partners stedelijke ontwikkeling",
        "Ontwikkelen Almelose aanpak gebiedsontwikkeling",
        "Doorontwikkeling opdrachtgever- en opdrachtnemerschap Stedelijke Ontwikkeling",
    ]
    for effort in efforts:
        activities = list(effort.activities.all())
        assert activities, effort.name
        assert {a.year for a in activities} == {2023}, effort.name
        assert effort.description, effort.name
        assert effort.owner is None and effort.track is None
    for effort in efforts[:3]:
        assert "kolomvolgorde" in effort.note
    by_name = {e.name: [a.description for a in e.activities.all()] for e in efforts}
    assert by_name["Visievorming en realisatie"] == [
        "Ruimtelijke visie lokale bedrijventerreinen",
        "Reguliere ruimtelijke overleggen provincie op ambtelijke en bestuurlijk niveau",
    ]
    assert by_name["Woondeals uitwerken per gemeenten"] == [
        "Aantallen en locaties",
        "Voorwaarden onderhandelen met de provincie",
        "Regio specifieke zaken afstemmen met buurgemeenten",
        "Doorvertaling naar projecten",
        "Aanvragen rijksregelingen",
    ]
    assert len(by_name["Ongedeelde regio"]) == 3
    assert by_name["Ongedeelde regio"][0].startswith("Wij trekken nadrukkelijk op")
    assert "Deelnemen aan de Provada" in by_name["Lobby Stedelijke Ontwikkeling en Bereikbaarheid"]
    assert (
        "Deelnemen in een Platform Stedelijke Ontwikkeling Almelo"
        in by_name["Versterking netwerk en samenwerking partners stedelijke ontwikkeling"]
    )
    assert not GoalEffortLink.objects.filter(effort__programme=p).exists()
    assert "lijnen van het DIN-schema" in p.note


@pytest.mark.django_db
def test_each_programme_records_its_history_with_the_actor(loaded, admin_user):
    p = loaded["almelo-binnenstad"]
    assert p.history.filter(history_user=admin_user, history_type="+").count() == 1
    for model in (StrategicGoal, OperationalGoal, Indicator, Effort, Activity, RoleHours):
        history = model.history.model.objects
        assert history.filter(history_type="+").exists(), model
        assert not history.exclude(history_user=admin_user).exists(), model
    # The functional administrator needs no access row of their own.
    assert not ProgrammeAccess.objects.exists()


# --- idempotence and reset ----------------------------------------------------------------------


def snapshot() -> dict[str, int]:
    """Row counts of every table of the DIN and the accounts, history tables included."""
    counts = {}
    for label in ("programmes", "accounts"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            counts[model._meta.label] = model._default_manager.count()
    return counts


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_second_run_changes_nothing(settings):
    settings.DEMO_MODE = False
    run_demo()
    first = snapshot()
    assert first["programmes.Programme"] == 2
    assert first["programmes.HistoricalIndicator"] == 10
    run_demo()
    assert snapshot() == first


@pytest.mark.django_db
def test_loading_keeps_an_existing_programme_as_it_is(admin_user):
    loader.load_demo(actor=admin_user)
    p = Programme.objects.get(slug="almelo-binnenstad")
    services.programme_update(programme=p, actor=admin_user, expected_version=None, name="Eigen")
    outcomes = []
    loader.load_demo(actor=admin_user, on_programme=lambda prog, o: outcomes.append(o))
    assert outcomes == [loader.PRESENT, loader.PRESENT]
    assert Programme.objects.get(slug="almelo-binnenstad").name == "Eigen"


@pytest.mark.django_db
def test_reset_loads_the_programmes_again(settings, admin_user):
    settings.DEMO_MODE = False
    run_demo()
    before = snapshot()
    old = Programme.objects.get(slug="almelo-binnenstad")
    services.programme_update(programme=old, actor=admin_user, expected_version=None, name="X")
    output = run_demo("--reset")
    assert output.count("- ") >= 2
    new = Programme.objects.get(slug="almelo-binnenstad")
    assert new.pk != old.pk and new.name == "Programma Binnenstad"
    after = snapshot()
    live = [k for k in before if ".Historical" not in k]
    assert {k: after[k] for k in live} == {k: before[k] for k in live}
    # People and partner organisations are shared, so they are reused, not duplicated.
    assert Person.objects.filter(name="Van Rees").count() == 1
    assert PartnerOrganisation.objects.filter(name="Provincie Overijssel").count() == 1
    # The deletion and the new rows are in the history.
    assert Programme.history.filter(history_type="-", slug="almelo-binnenstad").count() == 1


@pytest.mark.django_db
def test_reset_with_an_actor_records_the_actor_on_the_deletion(admin_user):
    loader.load_demo(actor=admin_user)
    outcomes = []
    loader.load_demo(actor=admin_user, reset=True, on_programme=lambda p, o: outcomes.append(o))
    assert outcomes == [loader.RELOADED, loader.RELOADED]
    deleted = Programme.history.filter(history_type="-")
    assert deleted.count() == 2
    assert set(deleted.values_list("history_user", flat=True)) == {admin_user.pk}


@pytest.mark.django_db
def test_existing_partner_organisations_are_reused(admin_user):
    own = services.object_create(
        PartnerOrganisation, actor=admin_user, name="Provincie Overijssel", description="eigen"
    )
    loader.load_demo(actor=admin_user)
    assert PartnerOrganisation.objects.filter(name="Provincie Overijssel").count() == 1
    own.refresh_from_db()
    assert own.description == "eigen"
    assert own.efforts.count() == 5


@pytest.mark.django_db
def test_a_failing_programme_is_not_half_written(monkeypatch, settings):
    settings.DEMO_MODE = False
    broken_goal = dataclasses.replace(
        STEDELIJKE_ONTWIKKELING.strategic_goals[0].operational_goals[2],
        indicator=seed_data.IndicatorData(
            name="x", unit="", target_kind=TargetKind.REACH, target_value=None
        ),
    )
    first_sg = STEDELIJKE_ONTWIKKELING.strategic_goals[0]
    broken_sg = dataclasses.replace(
        first_sg,
        operational_goals=(
            *first_sg.operational_goals[:2],
            broken_goal,
            *first_sg.operational_goals[3:],
        ),
    )
    broken = dataclasses.replace(
        STEDELIJKE_ONTWIKKELING,
        strategic_goals=(broken_sg, *STEDELIJKE_ONTWIKKELING.strategic_goals[1:]),
    )
    monkeypatch.setattr(loader, "PROGRAMMES", (BINNENSTAD, broken))
    with pytest.raises(
        CommandError, match="almelo-stedelijke-ontwikkeling.*indicator-target_value"
    ):
        run_demo()
    assert list(Programme.objects.values_list("slug", flat=True)) == ["almelo-binnenstad"]
    assert not StrategicGoal.objects.filter(code="A").exists()
    assert not Effort.objects.filter(name="Ongedeelde regio").exists()
    with pytest.raises(loader.DemoDataError) as exc:
        loader.load_demo()
    assert exc.value.slug == "almelo-stedelijke-ontwikkeling"
    assert "indicator-target_value" in exc.value.error.message_dict


# --- demo users ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_users_are_created_in_demo_mode(settings):
    settings.DEMO_MODE = True
    output = run_demo()
    users = {u.username: u for u in get_user_model().objects.all()}
    assert sorted(users) == ["beheerder", "lezer", "programmamanager", "trekker"]
    for username, password in [
        ("beheerder", "demo-beheerder"),
        ("programmamanager", "demo-programmamanager"),
        ("trekker", "demo-trekker"),
        ("lezer", "demo-lezer"),
    ]:
        assert users[username].check_password(password)
        assert username in output and password in output
        assert "fictief" in users[username].get_full_name()
    assert users["beheerder"].is_functional_admin
    assert not any(users[u].is_functional_admin for u in ("programmamanager", "trekker", "lezer"))

    binnenstad = Programme.objects.get(slug="almelo-binnenstad")
    so = Programme.objects.get(slug="almelo-stedelijke-ontwikkeling")
    access = set(ProgrammeAccess.objects.values_list("user__username", "programme__slug", "level"))
    assert access == {
        ("programmamanager", "almelo-binnenstad", AccessLevel.STAFF),
        ("programmamanager", "almelo-stedelijke-ontwikkeling", AccessLevel.STAFF),
        ("lezer", "almelo-binnenstad", AccessLevel.READER),
        ("lezer", "almelo-stedelijke-ontwikkeling", AccessLevel.READER),
    }
    person = Person.objects.get(user=users["trekker"])
    assert person.name == "Demo-trekker (fictief)"
    assert "Fictieve demogebruiker" in person.note
    effort = binnenstad.efforts.get(name="Communicatie & Marketing")
    assert effort.owner == person
    assert list(Effort.objects.filter(owner=person)) == [effort]

    # What each user may do follows from it.
    fresh = {u.username: u for u in get_user_model().objects.all()}
    assert fresh["beheerder"].has_perm("programmes.delete_programme", binnenstad)
    assert fresh["programmamanager"].has_perm("programmes.change_programme", so)
    assert fresh["lezer"].has_perm("programmes.view_programme", so)
    assert not fresh["lezer"].has_perm("programmes.change_programme", so)
    assert fresh["trekker"].has_perm("programmes.change_effort", effort)
    assert fresh["trekker"].has_perm("programmes.view_programme", binnenstad)
    assert not fresh["trekker"].has_perm("programmes.view_programme", so)
    assert not fresh["trekker"].has_perm("programmes.change_programme", binnenstad)

    first = snapshot()
    second_output = run_demo()
    assert snapshot() == first
    assert "demo-lezer" in second_output


@pytest.mark.django_db
def test_reset_in_demo_mode_gives_the_demo_users_their_access_again(settings):
    settings.DEMO_MODE = True
    run_demo()
    run_demo("--reset")
    assert ProgrammeAccess.objects.count() == 4
    effort = Effort.objects.get(
        programme__slug="almelo-binnenstad", name="Communicatie & Marketing"
    )
    assert effort.owner.user.username == "trekker"
    assert Person.objects.filter(name="Demo-trekker (fictief)").count() == 1


@pytest.mark.django_db
def test_no_demo_users_without_demo_mode(settings):
    settings.DEMO_MODE = False
    output = run_demo()
    assert not get_user_model().objects.exists()
    assert "demo-beheerder" not in output
    assert Programme.objects.count() == 2


@pytest.mark.django_db
def test_no_demo_users_with_no_users_option(settings):
    settings.DEMO_MODE = True
    output = run_demo("--no-users")
    assert not get_user_model().objects.exists()
    assert "demo-beheerder" not in output


@pytest.mark.django_db
def test_demo_users_ensure_is_idempotent_and_keeps_changed_passwords():
    loader.load_demo()
    users = loader.demo_users_ensure()
    assert [u[0] for u in users] == ["beheerder", "programmamanager", "trekker", "lezer"]
    assert all(description for _, _, description in users)
    lezer = get_user_model().objects.get(username="lezer")
    lezer.set_password("eigen-wachtwoord")
    lezer.save()
    before = snapshot()
    assert loader.demo_users_ensure() == users
    assert snapshot() == before
    lezer.refresh_from_db()
    assert lezer.check_password("eigen-wachtwoord")


@pytest.mark.django_db
def test_the_command_reports_each_programme_and_is_quiet_at_verbosity_0(settings):
    settings.DEMO_MODE = True
    output = run_demo()
    assert "Programma Binnenstad (almelo-binnenstad)" in output
    assert "Programma Stedelijke Ontwikkeling (almelo-stedelijke-ontwikkeling)" in output
    assert "25" in output  # activities of Stedelijke Ontwikkeling
    out = StringIO()
    call_command("demo", "--reset", verbosity=0, stdout=out)
    assert out.getvalue() == ""
    assert Programme.objects.count() == 2
