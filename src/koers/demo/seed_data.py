"""The two Almelo programmes of the seed documents, as plain data.

Sources (Dutch text extracted from PDFs, kept as ``tests/demo/seeds/``):

- ``000_7830b5f13ad60424.txt``: *Programmacontract Binnenstad* (versie maart 2019);
- ``003_b4d59c2bbbd8c55f.txt``: a fragment of the *Doelen-Inspanningennetwerk* of the programme
  *Stedelijke Ontwikkeling* (2023).

Rules followed here:

- Every statement (mission, vision, scope, goals, tracks, efforts, activities) is the source text,
  with the line breaks of the PDF joined (a word broken with a hyphen at a line end is joined
  again) and runs of white space collapsed. Typos of the source are kept; the ``note`` of the
  element says so and what is meant.
- Where the source is silent or ambiguous, the ``note`` says so (in Dutch, as users read it);
  nothing is invented. Numbers are exact ``Decimal`` values.
- An activity that shortens a sentence of the source keeps that sentence's words in ``quote``, so
  the tests can check it against the source.

The loader (:mod:`koers.demo.loader`) writes this data through ``koers.programmes.services``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from koers.programmes.constants import (
    DatePrecision,
    GoalKind,
    MeasuringFrequency,
    PartnerKind,
    ProgrammeStatus,
    RoleKind,
    TargetKind,
)

SEED_BINNENSTAD = "000_7830b5f13ad60424.txt"
SEED_STEDELIJKE_ONTWIKKELING = "003_b4d59c2bbbd8c55f.txt"


def _text(block: str) -> str:
    """Source text written over several lines: lines are joined with a space, a blank line
    separates paragraphs, and runs of white space become one space."""
    paragraphs = re.split(r"\n\s*\n", block.strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


def _lines(*lines: str) -> str:
    """Separate items of the source (bullets, loose lines) kept as separate lines."""
    return "\n".join(_text(line) for line in lines)


# --- structures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorData:
    name: str
    unit: str
    target_kind: str
    target_value: Decimal | None
    baseline_value: Decimal | None = None
    baseline_date: date | None = None
    baseline_date_precision: str = DatePrecision.DAY
    target_date: date | None = None
    target_date_precision: str = DatePrecision.DAY
    data_source: str = ""
    measuring_frequency: str = MeasuringFrequency.UNKNOWN
    decimals: int | None = None

    def fields(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "unit": self.unit,
            "baseline_value": self.baseline_value,
            "baseline_date": self.baseline_date,
            "baseline_date_precision": self.baseline_date_precision,
            "target_kind": self.target_kind,
            "target_value": self.target_value,
            "target_date": self.target_date,
            "target_date_precision": self.target_date_precision,
            "data_source": self.data_source,
            "measuring_frequency": self.measuring_frequency,
            "decimals": self.decimals,
        }


@dataclass(frozen=True)
class OperationalGoalData:
    code: str
    statement: str
    kind: str
    indicator: IndicatorData | None = None
    note: str = ""


@dataclass(frozen=True)
class StrategicGoalData:
    code: str
    text: str
    title: str = ""
    note: str = ""
    operational_goals: tuple[OperationalGoalData, ...] = ()


@dataclass(frozen=True)
class ChoiceData:
    title: str
    text: str


@dataclass(frozen=True)
class TrackData:
    name: str
    description: str
    start_year: int | None = None
    end_year: int | None = None
    note: str = ""


@dataclass(frozen=True)
class PartnerData:
    name: str
    kind: str
    description: str = ""


@dataclass(frozen=True)
class ActivityData:
    year: int
    description: str
    #: The words of the source when ``description`` shortens a sentence; empty when verbatim.
    quote: str = ""

    @property
    def source_text(self) -> str:
        return self.quote or self.description


@dataclass(frozen=True)
class EffortData:
    name: str
    description: str = ""
    start_date: date | None = None
    end_date: date | None = None
    partners: tuple[str, ...] = ()
    activities: tuple[ActivityData, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class PersonData:
    name: str
    function_title: str = ""


@dataclass(frozen=True)
class RoleData:
    kind: str
    title: str
    person: PersonData | None = None
    hours: tuple[tuple[int, Decimal], ...] = ()
    note: str = ""


@dataclass(frozen=True)
class ProgrammeData:
    slug: str
    name: str
    municipality: str
    period_start: date
    period_end: date
    contract_version: str
    contract_date: date | None
    status: str
    mission: str
    vision: str
    scope: str
    note: str
    source_file: str
    choices: tuple[ChoiceData, ...] = ()
    strategic_goals: tuple[StrategicGoalData, ...] = ()
    tracks: tuple[TrackData, ...] = ()
    efforts: tuple[EffortData, ...] = ()
    roles: tuple[RoleData, ...] = ()
    #: Partner organisations the source names that are no partner of an effort.
    organisations: tuple[str, ...] = ()

    def programme_fields(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "name": self.name,
            "municipality": self.municipality,
            "period_start": self.period_start,
            "period_end": self.period_end,
            "contract_version": self.contract_version,
            "contract_date": self.contract_date,
            "status": self.status,
            "mission": self.mission,
            "vision": self.vision,
            "scope": self.scope,
            "note": self.note,
        }


# --- partner organisations (shared by all programmes; the name is unique) -----------------------

BOMENSTAD = "Stichting Bomenstad Almelo"
PROVINCIE_OVERIJSSEL = "Provincie Overijssel"
KENNISPUNT_TWENTE = "Kennispunt Twente"

PARTNERS: dict[str, PartnerData] = {
    BOMENSTAD: PartnerData(
        name=BOMENSTAD,
        kind=PartnerKind.SOCIETY,
        description=(
            "Ontvangt volgens het Programmacontract Binnenstad (2019) eenmalig 50.000 euro voor "
            "het vergroenen van de binnenstad."
        ),
    ),
    PROVINCIE_OVERIJSSEL: PartnerData(
        name=PROVINCIE_OVERIJSSEL,
        kind=PartnerKind.GOVERNMENT,
        description=(
            "Subsidieert de uitvoering van het Stadsarrangement (Programmacontract Binnenstad, "
            "2019). De ambtelijk opdrachtgever bespreekt de voortgang van het programma "
            "Binnenstad elk kwartaal in het Ontwikkelperspectiefoverleg met de Provincie."
        ),
    ),
    KENNISPUNT_TWENTE: PartnerData(
        name=KENNISPUNT_TWENTE,
        kind=PartnerKind.KNOWLEDGE,
        description=(
            "Monitort de realisatie van de doelen van het programma Binnenstad via de "
            "binnenstadsmonitor Almelo (http://www.binnenstadsmonitoralmelo.nl/). Het "
            "programmacontract noemt de organisatie 'Kennispunt'."
        ),
    ),
}


# === Programme 1: Programma Binnenstad (2019) ===================================================

_MONITOR = "Binnenstadsmonitor Almelo (Kennispunt Twente)"
_END_2022 = date(2022, 12, 31)
_GOAL_NOTE_2019 = (
    "Streefdatum uit het strategisch doel ('In 2022'); alleen het jaar is bekend. Meetbron: "
    "volgens 'Monitoring en besturing' meet Kennispunt (Kennispunt Twente) de doelen met de "
    "binnenstadsmonitor Almelo; de meetfrequentie staat niet in de bron."
)
_NO_BASELINE = "De bron geeft geen nulmeting."
_RATING = "rapportcijfer (1–10)"
_RATING_NOTE = (
    "Eenheid: een rapportcijfer; de schaal 1–10 staat niet in de bron maar volgt uit het cijfer."
)


def _indicator_2019(name: str, unit: str, target_kind: str, target_value: str) -> IndicatorData:
    return IndicatorData(
        name=name,
        unit=unit,
        target_kind=target_kind,
        target_value=Decimal(target_value),
        target_date=_END_2022,
        target_date_precision=DatePrecision.YEAR,
        data_source=_MONITOR,
        measuring_frequency=MeasuringFrequency.UNKNOWN,
        # The contract writes ratings with one decimal (7,0; 6,5; 6,6).
        decimals=1 if unit == _RATING else None,
    )


_EFFORT_NOTE_2019 = (
    "Spoor, trekker en rol van de gemeente: niet genoemd in de bron; het DIN in de bijlage van "
    "het contract, met de koppelingen aan doelen en sporen, ontbreekt in de bron."
)
_STADSARRANGEMENT = _text(
    """
De subsidie van de Provincie Overijssel voor de uitvoering van het stadsarrangement maakt ook
onderdeel uit van de begroting van het programma binnenstad.
"""
)


def _stadsarrangement_note(amount: str) -> str:
    return (
        f"Onderdeel van het Stadsarrangement (bron in de middelentabel: 'Stadsarrangement'), "
        f"betaald uit de subsidie van de Provincie Overijssel. Looptijd 2019 afgeleid uit de "
        f"middelentabel ({amount} euro in 2019). De bron zegt verder niets over de inhoud. "
        f"{_EFFORT_NOTE_2019}"
    )


_YEAR_2019 = {"start_date": date(2019, 1, 1), "end_date": date(2019, 12, 31)}

_TRACK_NOTE_2019 = (
    "Spoor uit 'Focus voor 2019'. Welke inspanningen bij dit spoor horen, staat in het DIN in de "
    "bijlage, dat in de bron ontbreekt."
)


def _task(quote: str, remark: str) -> str:
    """A role's note: its task in the contract's own words (between “ ”), then what the source
    leaves open."""
    return f"Taak volgens het contract: “{_text(quote)}” {remark}"


_ROLE_HOURS_NOTE = (
    "Uren: het contract noemt het aantal uren zonder jaartal; geladen als 2019, het jaar van het "
    "contract."
)

BINNENSTAD = ProgrammeData(
    slug="almelo-binnenstad",
    name="Programma Binnenstad",
    municipality="Almelo",
    period_start=date(2019, 1, 1),
    period_end=_END_2022,
    contract_version="versie maart 2019",
    contract_date=date(2019, 3, 1),
    status=ProgrammeStatus.CONCEPT,
    source_file=SEED_BINNENSTAD,
    organisations=(KENNISPUNT_TWENTE,),
    mission="",
    vision=_text(
        """
Zoals je een gemiddelde Almeloër moet doorvragen voordat hij - soms verbaasd – zijn trots over
Almelo met je deelt, zo moet je door de bescheiden laag van de stad prikken om de ware charme van
het ‘Grootste dorp van Twente’ te kunnen zien. Waar het ook voor Almelo verleidelijk was om binnen
de regio Twente de vlucht naar voren te maken, vertegenwoordigt Almelo juist de kracht van het
lokale. Want, als je sterker kunt maken wat je bent, hoef je niet te worden wat de ander is. Het is
niet voor niks dat omliggende plattelandsgemeenten als Tubbergen, Nijverdal, Twenterand en Wierden
zich verbinden aan Almelo als regionaal alternatief van Hengelo en Enschede.

Het is tijd voor een (h)erkenning van de kracht van Almelo. Voor Almelo is het hoog tijd om vanuit
deze positionering te bouwen aan het hart van de stad. Om te kunnen sturen op de toekomst van de
binnenstad heb je als ondernemers, bewoners, investeerders en gemeente een gezamenlijk verhaal
nodig, of liever: gezamenlijke waarden. Veel van wat de stad Almelo van oudsher bijzonder maakt;
sterk ondernemerschap en gastheerschap, het rijke verleden, de aanwezigheid van aantrekkelijke
natuur en een gevarieerde actieve lokale gemeenschap; zien we nergens in de stad zo sterk terug als
in de binnenstad. Almelo is de binnenstad, zou je ook kunnen zeggen.

Om de binnenstad van Almelo sterker te positioneren is in 2018 samen met diverse partners uit de
binnenstad een nieuwe Koers voor de Binnenstad opgesteld. Hierin maken de partners vier keuzes om
de komende jaren op te sturen. Deze keuzes vormen de visie voor het programma binnenstad:
"""
    ),
    scope=_text(
        """
De omvang van het programma (scope) wordt vastgesteld door het college. Wijzigingen in de scope
gebeuren uitsluitend middels een collegebesluit. De criteria om een project of activiteit toe te
voegen aan het programma, is of deze in wezenlijke mate bijdraagt aan de strategische
programmadoelstellingen en voldoet aan de criteria die voortvloeien uit de koers voor de
binnenstad. Bij de scope van het programma behoort de geografische definitie van het centrum zoals
vastgesteld in de Nieuwe Koers voor de Binnenstad, zoals hierna weergegeven.

Het programma binnenstad is gericht op de ruimtelijk-programmatische (wonen, werken, winkelen,
recreëren, ontmoeten) versterking van de binnenstad. Daarnaast zijn de inspanningen er op gericht
om meer bezoekers, ondernemers en investeerders te trekken en de leegstand te verminderen. De
programmamanager Binnenstad is verantwoordelijk voor het realiseren van de doelstellingen van het
programma, middels de uitvoering van de projecten en activiteiten in de jaarplannen. De
programmamanager vervult de rol van opdrachtgever voor de eigen gemeentelijke projecten en voor de
projecten en initiatieven van derden intern de rol van opdrachtgever en extern (richting
initiatiefnemer) kan onze rol extern verschillend zijn. Zo kunnen we de ene keer in nauwe
samenwerking met iemand of een groep dingen oppakken, maar onze rol kan op andere momenten ook vrij
beperkt zijn omdat de initiatiefnemer zelfstandig dingen op kan en wil pakken. In die gevallen is
onze rol dus beperkt, maar daarmee ook de mate van sturing op specifieke oplossingen en
verantwoording achteraf aan bijvoorbeeld de raad. We zullen ons er bewust van zijn dat dit nu
eenmaal de nieuwe realiteit is van het samenwerken van ons als gemeente met partners, ondernemers
en inwoners buiten. Vanuit het programma gaan we er vanuit dat de AO en BO hierin ook nadrukkelijke
hun rol zullen nemen wanneer dit leidt tot wrijving

Voor de onderdelen en projecten die onder de opdrachtgeversrol en de regierol van het programma
vallen is de programmamanager (eind)verantwoordelijk. Voor deze onderdelen en projecten is de
programmamanager ook budgethouder. Daarbij wordt er ook vanuit gegaan dat dit budget beschikbaar is
en blijft ten behoeve van het programma. Inzet voor andere doelen leidt altijd tot heroverweging
van de in dit contract genoemde doelen en inspanningen. Daarover zal dan overleg moeten
plaatsvinden met de programmamanager.

Sociaal-maatschappelijke doelstellingen maken geen onderdeel uit van het programma. Deze vallen
onder de wijksturing van de binnenstad. Daar waar sociaal maatschappelijke projecten of
bewonersinitiatieven en ruimtelijk programmatische projecten elkaar kunnen versterken, wordt
samengewerkt. Hetzelfde geldt voor de andere programma’s. Er vindt continue afstemming plaats
tussen de programmamanagers hoe met de inspanning binnen het ene programma kan worden bijgedragen
aan de doelstellingen van andere programma’s.

De deelnemende projecten worden in het jaarplan vastgesteld. Daarnaast kunnen andere projecten en
lijnactiviteiten binnen het plangebied, maar ook vlak erbuiten, van invloed zijn op het behalen van
de strategische programmadoelstelling, zonder in het programma te zijn opgenomen. Over dergelijke
projecten vindt altijd afstemming plaats tussen de lijn- en programmamanager.

Gemeentelijke taken zoals vergunningverlening, onderhoud en beheer van de openbare ruimte maken
geen deel uit van programma binnenstad. Om te komen tot een integrale benadering en aanpak draagt
het programmateam binnenstad wel zorg voor regie en afstemming op beleidsmatige aspecten
(uitvoeringsbeleid) en aspecten met betrekking tot onderhoud en beheer.

Voor alle andere belangrijke initiatieven, ontwikkelingen en projecten binnen het centrumgebied van
Almelo dient altijd vooraf afstemming plaats te vinden met de programmamanager binnenstad. Voor
nieuwe initiatieven, ontwikkelingen en projecten in de binnenstad van Almelo dient dan eerst
beoordeeld te worden of een initiatief, ontwikkeling, of project onder de opdrachtgeversrol, of
regierol van het programma binnenstad moet vallen of dat volstaan kan worden met afstemming met de
programmamanager binnenstad. Tenslotte heeft de programmamanager binnenstad de mogelijkheid om met
betrekking tot initiatieven, ontwikkelingen, projecten, uitvoeringsbeleid en beheer - indien nodig
- kaders en richtlijnen te stellen.
"""
    ),
    note=_lines(
        "Bron: Programmacontract Binnenstad (versie maart 2019), tekst uit pdf.",
        """- Looptijd 2019–2022 afgeleid: de strategische doelen zeggen 'In 2022', de middelentabel
        loopt van 2019 tot en met 2022 en het contract stelt geld beschikbaar 'voor de komende
        vier' (het woord 'jaar' ontbreekt in de bron).""",
        """- Contractdatum: de bron noemt alleen de maand (maart 2019); als datum is 1 maart 2019
        genomen.""",
        """- Status concept: de bron zegt niet of het college het contract heeft vastgesteld ('Deze
        versie van het Programmacontract Binnenstad verwoordt de ambities en maatregelen van het
        college van Almelo'). De bron geeft dus ook geen besluit tot vaststelling; vaststellen kan
        in Koers alleen met dat besluit.""",
        """- Missie: het contract heeft geen afzonderlijke missie; de visie staat onder 'Visie en
        ambitie'.""",
        """- Strategische keuzes zoals in de bron, met de tikfouten: keuze 3 'doe verder worden
        versterkt' (bedoeld: 'die verder worden versterkt'); keuze 4 'een belangrijker initiator'
        (bedoeld waarschijnlijk: 'een belangrijke initiator').""",
        """- Afbakening: de kaart met de geografische definitie van het centrum ('zoals hierna
        weergegeven') staat niet in de tekst. De laatste zin van de tweede alinea eindigt in de
        bron zonder punt.""",
        """- Middelentabel: de kop luidt '2019 2020 2021 2020'; de laatste kolom is 2022.
        'Programmamonitoring & organisatie' (40.000 euro per jaar) en 'Overige inspanningen'
        (15.000, 25.000, 25.000 en 60.000 euro) zijn begrotingsposten op programmaniveau en zijn
        daarom niet als inspanning opgenomen; de begroting zelf wordt apart geladen.""",
        """- Koppelingen tussen operationele doelen en inspanningen: het DIN in de bijlage van het
        contract ontbreekt in de bron; daarom zijn er geen koppelingen en heeft geen inspanning een
        spoor.""",
        """- Activiteiten: het contract noemt voor 2019 geen activiteiten (het DIN 'bevat lege
        kolommen voor nog te ontwikkelen activiteiten samen met partners uit de stad').""",
        """- Trekkers en de rol van de gemeente per inspanning: niet genoemd in de bron.""",
    ),
    choices=(
        ChoiceData(
            title="We kiezen voor de binnenstad",
            text=_text("""De binnenstad staat onder druk door allerlei veranderingen in onze
                samenleving. Kiezen voor de binnenstad betekent dat we investeren in de binnenstad
                en keuzes maken die de sterkte van de binnenstad ondersteunen."""),
        ),
        ChoiceData(
            title="We kiezen voor Noordwest Twente",
            text=_text("""Almelo is de grote broer van de dorpen in de omgeving. Juist de binding
                met de directe omgeving en het kiezen voor een onderscheidende Twentse identiteit
                past bij de schaal van de stad. Almelo is het hart van de regio."""),
        ),
        ChoiceData(
            title="We kiezen voor een nieuwe kaart van de binnenstad",
            text=_text("""De binnenstad bestaat uit vier kwartieren die elk hun eigen kracht en
                karakter hebben doe verder worden versterkt. Het kernwinkelgebied wordt kleiner,
                wat ruimte geeft aan nieuwe stadse woon/werkmilieus aan de randen."""),
        ),
        ChoiceData(
            title="We kiezen voor een verbindende binnenstad",
            text=_text("""De gemeente is een belangrijker initiator van deze Koers, maar wil
                vooral samen met ondernemers, investeerders en bewoners de nieuwe binnenstad
                ontwikkelen."""),
        ),
    ),
    strategic_goals=(
        StrategicGoalData(
            code="1",
            text=_text("""In 2022 recreëren en winkelen meer inwoners en bezoekers in de binnenstad
                van Almelo"""),
            operational_goals=(
                OperationalGoalData(
                    code="1a",
                    statement=_text("""Groei van het aantal bezoekers per week van het centrum met
                        7.000 ten opzichte van 2016 (93.000)"""),
                    kind=GoalKind.MEASURABLE,
                    indicator=IndicatorData(
                        name="Bezoekers per week in het centrum",
                        unit="bezoekers per week",
                        baseline_value=Decimal("93000"),
                        baseline_date=date(2016, 12, 31),
                        baseline_date_precision=DatePrecision.YEAR,
                        target_kind=TargetKind.INCREASE_BY,
                        target_value=Decimal("7000"),
                        target_date=_END_2022,
                        target_date_precision=DatePrecision.YEAR,
                        data_source=_MONITOR,
                        measuring_frequency=MeasuringFrequency.UNKNOWN,
                    ),
                    note=(
                        "Nulmeting: 93.000 bezoekers per week in 2016 (alleen het jaar is "
                        "bekend). Streefwaarde: een toename met 7.000, dus 100.000 bezoekers per "
                        f"week. {_GOAL_NOTE_2019}"
                    ),
                ),
            ),
        ),
        StrategicGoalData(
            code="2",
            text=_text("""In 2022 staan minder winkels en panden leeg in de binnenstad van
                Almelo"""),
            operational_goals=(
                OperationalGoalData(
                    code="2a",
                    statement=_text("""0 m2 winkelvloeroppervlak staat leet in het nieuwe
                        kernwinkelgebied van de binnenstad"""),
                    kind=GoalKind.MEASURABLE,
                    indicator=_indicator_2019(
                        "Leegstaand winkelvloeroppervlak in het nieuwe kernwinkelgebied",
                        "m²",
                        TargetKind.REACH,
                        "0",
                    ),
                    note=(
                        "De bron schrijft 'staat leet' (tikfout); bedoeld is 'staat leeg'. "
                        "'m2' is m². De bron zegt niet waar de grens van het nieuwe "
                        f"kernwinkelgebied ligt. {_NO_BASELINE} {_GOAL_NOTE_2019}"
                    ),
                ),
                OperationalGoalData(
                    code="2b",
                    statement=_text("""Maximaal 6.000 m2 winkelvloeroppervlak staat leeg buiten het
                        nieuwe kernwinkelgebied van de binnenstad"""),
                    kind=GoalKind.MEASURABLE,
                    indicator=_indicator_2019(
                        "Leegstaand winkelvloeroppervlak buiten het nieuwe kernwinkelgebied",
                        "m²",
                        TargetKind.AT_MOST,
                        "6000",
                    ),
                    note=f"'m2' is m². {_NO_BASELINE} {_GOAL_NOTE_2019}",
                ),
            ),
        ),
        StrategicGoalData(
            code="3",
            text=_text("""In 2022 kent de binnenstad betere activiteiten op het gebied van cultuur,
                vrije tijd en sport met meer maatschappelijk-economische waarde"""),
            operational_goals=(
                OperationalGoalData(
                    code="3a",
                    statement=_text("""Almeloërs waarderen het evenementenaanbod in de binnenstad
                        gemiddeld met een 7,0"""),
                    kind=GoalKind.MEASURABLE,
                    indicator=_indicator_2019(
                        "Waardering van het evenementenaanbod in de binnenstad",
                        _RATING,
                        TargetKind.REACH,
                        "7.0",
                    ),
                    note=f"{_RATING_NOTE} {_NO_BASELINE} {_GOAL_NOTE_2019}",
                ),
                OperationalGoalData(
                    code="3b",
                    statement=_text("""Almeloërs waarderen het cultuuraanbod in de binnenstad
                        gemiddeld met een 7,0"""),
                    kind=GoalKind.MEASURABLE,
                    indicator=_indicator_2019(
                        "Waardering van het cultuuraanbod in de binnenstad",
                        _RATING,
                        TargetKind.REACH,
                        "7.0",
                    ),
                    note=f"{_RATING_NOTE} {_NO_BASELINE} {_GOAL_NOTE_2019}",
                ),
            ),
        ),
        StrategicGoalData(
            code="4",
            text=_text("""In 2022 is de binnenstad van Almelo aantrekkelijker, veiliger en
                gastvrijer met betere parkeermogelijkheden"""),
            operational_goals=(
                OperationalGoalData(
                    code="4a",
                    statement=_text("""Almeloërs waarderen de sfeer en gezelligheid in de
                        binnenstad gemiddeld met een 6,5"""),
                    kind=GoalKind.MEASURABLE,
                    indicator=_indicator_2019(
                        "Waardering van de sfeer en gezelligheid in de binnenstad",
                        _RATING,
                        TargetKind.REACH,
                        "6.5",
                    ),
                    note=f"{_RATING_NOTE} {_NO_BASELINE} {_GOAL_NOTE_2019}",
                ),
                OperationalGoalData(
                    code="4b",
                    statement=_text("""Almeloërs waarderen de parkeermogelijkheden voor auto’s in
                        de binnenstad gemiddeld met en 6,6"""),
                    kind=GoalKind.MEASURABLE,
                    indicator=_indicator_2019(
                        "Waardering van de parkeermogelijkheden voor auto’s in de binnenstad",
                        _RATING,
                        TargetKind.REACH,
                        "6.6",
                    ),
                    note=(
                        "De bron schrijft 'gemiddeld met en 6,6' (tikfout); bedoeld is "
                        f"'gemiddeld met een 6,6'. {_RATING_NOTE} {_NO_BASELINE} "
                        f"{_GOAL_NOTE_2019}"
                    ),
                ),
                OperationalGoalData(
                    code="4c",
                    statement=_text("""60 procent van de Almeloërs vindt de term ‘gastvrij’ van
                        toepassing op de binnenstad"""),
                    kind=GoalKind.MEASURABLE,
                    indicator=_indicator_2019(
                        "Aandeel Almeloërs dat ‘gastvrij’ van toepassing vindt op de binnenstad",
                        "%",
                        TargetKind.REACH,
                        "60",
                    ),
                    note=f"{_NO_BASELINE} {_GOAL_NOTE_2019}",
                ),
            ),
        ),
        StrategicGoalData(
            code="5",
            text=_text("""In 2022 zijn er meer bedrijven in de binnenstad van Almelo gevestigd met
                meer omzet"""),
            operational_goals=(
                OperationalGoalData(
                    code="5a",
                    statement=_text("""Het aantal bedrijven in de binnenstad groeit tot 614"""),
                    kind=GoalKind.MEASURABLE,
                    indicator=_indicator_2019(
                        "Aantal bedrijven in de binnenstad",
                        "bedrijven",
                        TargetKind.REACH,
                        "614",
                    ),
                    note=(
                        "'groeit tot 614': de bron geeft geen nulmeting, dus niet hoeveel "
                        f"bedrijven er bij het begin waren. {_GOAL_NOTE_2019}"
                    ),
                ),
            ),
        ),
    ),
    tracks=(
        TrackData(
            name="Compacter centrum en aantrekkelijke binnenstadskwartieren",
            description=_text("""Projecten en activiteiten moeten bijdragen tot het verkleinen van
                het kernwinkelgebied, het versterken van het karakter van de vier
                binnenstadskwartieren en/of het transformeren van winkelruimte in de flanken naar
                wonen en werken"""),
            start_year=2019,
            end_year=2019,
            note=_TRACK_NOTE_2019,
        ),
        TrackData(
            name="Versterken Almelose DNA in de binnenstad",
            description=_text("""Waar de stad van is zou de binnenstad meer van moeten zijn.
                Projecten en activiteiten moeten bijdragen aan de versterking van de zichtbaarheid
                van het DNA van Almelo. De binnenstad draagt het DNA van Almelo, de identiteit van
                de stad en de geschiedenis van de stad. De betekent dat bedrijven, verenigingen,
                instellingen, verhalen etc. uit de stad meer zichtbaar mogen worden in de
                binnenstad. Hierbij hanteren we vier kernwaarden die het Almelose DNA vormen:"""),
            start_year=2019,
            end_year=2019,
            note=(
                "De bron zegt 'Hierbij hanteren we vier kernwaarden die het Almelose DNA "
                "vormen:', maar de vier kernwaarden ontbreken in de bron. 'De betekent dat' staat "
                f"zo in de bron (bedoeld: 'Dit betekent dat'). {_TRACK_NOTE_2019}"
            ),
        ),
        TrackData(
            name="De binnenstad als hart van Noordwest Twente",
            description=_text("""Projecten en maatregelen moeten de relatie van Almelo met de
                omliggende dorpen versterken (bv fysieke verbindingen, streekproducten etc.)"""),
            start_year=2019,
            end_year=2019,
            note=(
                "In de bron staat na de naam van dit spoor een punt in plaats van een dubbele "
                f"punt. {_TRACK_NOTE_2019}"
            ),
        ),
        TrackData(
            name="Vermarkten en imago binnenstad",
            description=_text("""Communicatie is de vierde en tevens onmisbare pijler van het
                programma binnenstad. We kunnen investeren in stenen, evenementen, transformatie,
                initiatieven etc., maar als de investeerder, regio inwoner, ondernemers etc. van
                niets weet, gaan komen ze niet in beweging. Bovendien heeft de binnenstad van
                Almelo een negatief imago en is er een achterstand in te halen. Een sterke
                communicatiestrategie is dus noodzakelijk"""),
            start_year=2019,
            end_year=2019,
            note=(
                "'gaan komen ze niet in beweging' staat zo in de bron (bedoeld waarschijnlijk: "
                f"'komen ze niet in beweging'). {_TRACK_NOTE_2019}"
            ),
        ),
        TrackData(
            name="Samenwerking",
            description=_text("""Het programma binnenstad zet nadrukkelijk veranderingen in gang op
                ruimtelijk en programmatisch vlak, maar daar horen ook organisatorische
                veranderingen bij. De binnenstad van Almelo moet een eigen gezicht krijgen,
                letterlijk en figuurlijk. De betrokken partners bij de Koers voor de binnenstad
                willen zich manifesteren als een TEAM BINNENSTAD, met de programmamanager als
                aanvoerder die het voortouw neemt bij het vertalen van de Koers naar een concreet
                en meetbaar uitvoeringsprogramma over een periode van één of twee jaar."""),
            start_year=2019,
            end_year=2019,
            note=(
                "Niet te verwarren met de inspanning 'Samenwerking' uit het Stadsarrangement; "
                f"de bron legt geen verband tussen die twee. {_TRACK_NOTE_2019}"
            ),
        ),
    ),
    efforts=(
        EffortData(
            name="Pilot 2 uur gratis parkeren",
            description=_text("""Daarnaast is voor de komende drie jaar 300.000 euro per jaar
                beschikbaar gesteld voor de driejarige pilot 2 uur gratis parkeren."""),
            start_date=date(2019, 1, 1),
            end_date=date(2021, 12, 31),
            note=(
                "Looptijd 2019–2021 afgeleid uit de middelentabel (300.000 euro per jaar in "
                f"2019, 2020 en 2021; bron: Programma binnenstad). {_EFFORT_NOTE_2019}"
            ),
        ),
        EffortData(
            name="Gevel-/ transformatiefonds",
            start_date=date(2019, 1, 1),
            end_date=date(2021, 12, 31),
            note=(
                "Naam zoals in de bron, met de spatie na de schuine streep "
                "(Gevel-/transformatiefonds). De bron zegt niet wat het fonds inhoudt. Looptijd "
                "2019–2021 afgeleid uit de middelentabel (35.000 euro per jaar in 2019, 2020 en "
                f"2021; bron: Programma binnenstad). {_EFFORT_NOTE_2019}"
            ),
        ),
        EffortData(
            name="Communicatie & Marketing",
            start_date=date(2019, 1, 1),
            end_date=_END_2022,
            note=(
                "De bron zegt niets over de inhoud. Looptijd 2019–2022 afgeleid uit de "
                "middelentabel (60.000 euro in 2019 en 50.000 euro in 2020, 2021 en 2022; bron: "
                f"Programma binnenstad). {_EFFORT_NOTE_2019}"
            ),
        ),
        EffortData(
            name="Stadscafés",
            description=_STADSARRANGEMENT,
            partners=(PROVINCIE_OVERIJSSEL,),
            note=_stadsarrangement_note("7.500"),
            **_YEAR_2019,
        ),
        EffortData(
            name="Stadscheques (kleine initiatieven)",
            description=_STADSARRANGEMENT,
            partners=(PROVINCIE_OVERIJSSEL,),
            note=_stadsarrangement_note("20.000"),
            **_YEAR_2019,
        ),
        EffortData(
            name="Stadsinjectie (grote initiatieven)",
            description=_STADSARRANGEMENT,
            partners=(PROVINCIE_OVERIJSSEL,),
            note=_stadsarrangement_note("30.000"),
            **_YEAR_2019,
        ),
        EffortData(
            name="Aanjagen projecten koers",
            description=_STADSARRANGEMENT,
            partners=(PROVINCIE_OVERIJSSEL,),
            note=_stadsarrangement_note("91.700"),
            **_YEAR_2019,
        ),
        EffortData(
            name="Samenwerking",
            description=_STADSARRANGEMENT,
            partners=(PROVINCIE_OVERIJSSEL,),
            note=(
                "Niet te verwarren met spoor 5 'Samenwerking'; de bron legt geen verband tussen "
                f"die twee. {_stadsarrangement_note('50.000')}"
            ),
            **_YEAR_2019,
        ),
        EffortData(
            name="Vergroenen binnenstad",
            description=_text("""En is er eenmalig 50.000 euro beschikbaar gesteld voor de
                Stichting Bomenstad Almelo voor het vergroenen van de binnenstad."""),
            partners=(BOMENSTAD,),
            note=(
                "Looptijd 2019 afgeleid uit de middelentabel (eenmalig 50.000 euro in 2019; "
                f"bron: 'Begroting ‘19'). {_EFFORT_NOTE_2019}"
            ),
            **_YEAR_2019,
        ),
    ),
    roles=(
        RoleData(
            kind=RoleKind.POLITICAL_PRINCIPAL,
            title="bestuurlijk opdrachtgever",
            person=PersonData(name="Van Rees", function_title="Wethouder"),
            note=_task(
                """Hij is alert op zaken uit de lijn, wijk of andere programma’s die het programma
                binnenstad raken. Hij vraagt bijvoorbeeld actief naar de afstemming met het
                programma binnenstad wanneer het college een voorstel behandelt dat de binnenstad
                raakt. Het overleg tussen bestuurlijk opdrachtgever en programmamanager is twee
                keer per maand tijden het PO op maandagen daarnaast ad hoc.""",
                "De bron schrijft 'tijden het PO' (bedoeld: 'tijdens het PO') en noemt alleen de "
                "achternaam ('Wethouder van Rees'). De bron geeft voor deze rol geen uren.",
            ),
        ),
        RoleData(
            kind=RoleKind.ADMINISTRATIVE_PRINCIPAL,
            title="ambtelijk opdrachtgever",
            person=PersonData(name="Saïd Benayad", function_title="Adjunct-directeur"),
            note=_task(
                """Hij is alert op zaken uit de lijn, wijk of andere programma’s die het programma
                binnenstad raken. Hij vraagt bijvoorbeeld actief naar de afstemming met het
                programma binnenstad wanneer het management een voorstel behandelt dat het
                binnenstad raakt. Programmamanager en ambtelijk opdrachtgever twee keer per maand
                en daarnaast ad hoc. De ambtelijk opdrachtgever bespreekt de voortgang van het
                programma elk kwartaal in het Ontwikkelperspectiefoverleg met de Provincie.""",
                "De bron geeft voor deze rol geen uren.",
            ),
        ),
        RoleData(
            kind=RoleKind.PROGRAMME_MANAGER,
            title="programmamanager",
            person=None,
            hours=((2019, Decimal("1200")),),
            note=_task(
                """De programmamanager stuurt het programma en de programmaorganisatie met de
                primaire focus op doelrealisatie, voortgang en middelengebruik en legt hierover
                verantwoording af aan de ambtelijke en bestuurlijke opdrachtgevers. De balans
                tussen ‘wat’ en ‘hoe’ moet in evenwicht zijn. De programmamanager vervult een
                aanjagende rol, intern en extern. Ze blijft partijen informeren en onderhoudt
                relaties.""",
                "Het contract spreekt over de programmamanager als ‘zij’, maar noemt geen naam. "
                f"{_ROLE_HOURS_NOTE}",
            ),
        ),
        RoleData(
            kind=RoleKind.ADVISER,
            title="strategisch programma-adviseur",
            hours=((2019, Decimal("1480")),),
            note=_task(
                """De programma-adviseur genereert vakinhoudelijke kennis, brengt vakinhoudelijke
                informatie in, signaleert trends, brengt monitoringinformatie in, schrijft en
                regisseert programmadeelnemers.""",
                f"De bron noemt geen naam. {_ROLE_HOURS_NOTE}",
            ),
        ),
        RoleData(
            kind=RoleKind.SUPPORT,
            title="programmaondersteuner",
            hours=((2019, Decimal("450")),),
            note=_task(
                """De programmaondersteuner organiseert bijeenkomsten, belegt vergaderingen, maakt
                verslagen en ondersteunt bij de monitoring.""",
                f"De bron noemt geen naam. {_ROLE_HOURS_NOTE}",
            ),
        ),
        RoleData(
            kind=RoleKind.COMMUNICATION,
            title="strategisch communicatieadviseur",
            hours=((2019, Decimal("450")),),
            note=_task(
                """Vanwege het wezenlijke belang van communicatie binnen het programma binnenstad
                wordt ook een strategisch communicatieadviseur toegevoegd aan het programmateam die
                verantwoordelijk is voor de interne en externe communicatie.""",
                f"De bron noemt geen naam. {_ROLE_HOURS_NOTE}",
            ),
        ),
    ),
)


# === Programme 2: Programma Stedelijke Ontwikkeling (DIN 2023, fragment) ========================

_CODE_NOTE = (
    "De bron geeft geen codes; Koers heeft de doelen genummerd in de volgorde van de bron. De "
    "indeling onder strategisch doel A, B of C volgt de kolomvolgorde van de uit de pdf gehaalde "
    "tekst."
)
_QUALITATIVE_NOTE = "Kwalitatief: de bron geeft geen indicator, nulmeting of getal."
_EFFORT_NOTE_2023 = (
    "Het tekstblok is het plan voor 2023. De bron noemt geen trekker, rol van de gemeente, "
    "partners, spoor, looptijd of begroting."
)
_INFERRED_NOTE = (
    "Het tekstblok noemt de inspanning niet; de koppeling van het tekstblok aan deze inspanning "
    "is afgeleid uit de kolomvolgorde van de uit de pdf gehaalde DIN."
)


def _qualitative(code: str, statement: str, note: str = "") -> OperationalGoalData:
    return OperationalGoalData(
        code=code,
        statement=statement,
        kind=GoalKind.QUALITATIVE,
        note=" ".join(part for part in (note, _QUALITATIVE_NOTE, _CODE_NOTE) if part),
    )


def _activities_2023(*items: str | tuple[str, str]) -> tuple[ActivityData, ...]:
    """Activities for 2023: a verbatim string, or (description, quote of the source)."""
    result = []
    for item in items:
        if isinstance(item, tuple):
            result.append(ActivityData(year=2023, description=item[0], quote=item[1]))
        else:
            result.append(ActivityData(year=2023, description=item))
    return tuple(result)


STEDELIJKE_ONTWIKKELING = ProgrammeData(
    slug="almelo-stedelijke-ontwikkeling",
    name="Programma Stedelijke Ontwikkeling",
    municipality="Almelo",
    period_start=date(2023, 1, 1),
    period_end=date(2026, 12, 31),
    contract_version="DIN 2023 (fragment)",
    contract_date=None,
    status=ProgrammeStatus.CONCEPT,
    source_file=SEED_STEDELIJKE_ONTWIKKELING,
    mission=_text("""Almelo is een toekomstbestendige en onderscheidende centrumstad met een
        blijvende aantrekkingskracht vanuit de regio. Een stad waar huidige en toekomstige bewoners
        en ondernemers graag willen wonen, werken en in willen investeren. Een stad waar we trots
        op zijn!"""),
    vision="",
    scope="",
    note=_lines(
        """Bron: een fragment van het Doelen-Inspanningennetwerk (DIN) van het programma Stedelijke
        Ontwikkeling (2023), tekst uit pdf; de kolommen zijn in de tekst door elkaar geraakt.""",
        """- Looptijd 2023–2026 afgeleid: de activiteiten zijn gepland voor 2023 en de operationele
        doelen zeggen 'In 2026'.""",
        """- Het fragment heeft geen versie en geen datum, en zegt niet of het DIN is vastgesteld;
        daarom status concept en geen contractdatum.""",
        """- Visie en afbakening: het fragment heeft geen afzonderlijke visie en geen afbakening,
        alleen een missie.""",
        "- Het fragment noemt geen strategische keuzes en geen sporen.",
        """- Koppelingen tussen operationele doelen en inspanningen: de lijnen van het DIN-schema
        staan niet in de tekst; daarom zijn er geen koppelingen.""",
        """- De bron noemt geen trekkers, geen programmarollen, geen personen en geen uren.""",
        """- De codes A1–C2 van de operationele doelen zijn door Koers toegekend; zie de
        toelichting bij elk doel.""",
    ),
    strategic_goals=(
        StrategicGoalData(
            code="A",
            title="",
            text=_text("""Het realiseren van een grotere onderscheidende en gevarieerde
                woningvoorraad voor onze huidige en toekomstige inwoners"""),
            note=(
                "Het label van doel A ontbreekt in de uit de pdf gehaalde tekst (B en C hebben er "
                "wel een); de letter A volgt uit de volgorde."
            ),
            operational_goals=(
                _qualitative(
                    "A1",
                    _text("""In 2026 zijn er duidelijkere afspraken vastgelegd om de verdeling van
                        de sociale woningvoorraad over de gemeente en (sub)regio beter te
                        verdelen."""),
                ),
                _qualitative(
                    "A2",
                    _text("""In 2026 is het realiseren van echt onderscheidende en gevarieerde
                        woningbouw voor Almelo standaard onderdeel geworden in de uitwerking en
                        realisatie van onze gebiedsontwikkelingen"""),
                ),
                OperationalGoalData(
                    code="A3",
                    statement=_text("""De bouw van 4100 extra nieuwbouwwoningen is versneld;"""),
                    kind=GoalKind.MEASURABLE,
                    indicator=IndicatorData(
                        name="Extra nieuwbouwwoningen",
                        unit="woningen",
                        target_kind=TargetKind.INCREASE_BY,
                        target_value=Decimal("4100"),
                    ),
                    note=(
                        "De bron noemt 4100 extra woningen maar geen nulmeting, geen peildatum en "
                        "geen bron; 'versneld' is niet gekwantificeerd. Anders dan de andere "
                        "doelen begint dit doel niet met 'In 2026', daarom is er geen "
                        "streefdatum. De puntkomma aan het eind staat zo in de bron. "
                        f"{_CODE_NOTE}"
                    ),
                ),
                _qualitative(
                    "A4",
                    _text("""In 2026 zijn we beter in staat met onze partners vorm te geven aan
                        toekomstbestendige nieuwbouw in onze stad."""),
                ),
            ),
        ),
        StrategicGoalData(
            code="B",
            title="Netwerken en positionering",
            text=_lines(
                """Het realiseren van een steviger netwerk en positie binnen het ruimtelijk
                domein""",
                """Het bouwen aan een stad met een duidelijker en meer onderscheidend profiel.""",
            ),
            note="De twee opsommingstekens van de bron staan als twee regels.",
            operational_goals=(
                _qualitative(
                    "B1",
                    _text("""In 2026 is er meer investeringsbereidheid in de Almelose woningmarkt
                        van marktpartijen rondom grote gebiedsontwikkelingen"""),
                    note=(
                        "Dit doel kan ook bij strategisch doel A (woningvoorraad) horen; de "
                        "indeling volgt de kolomvolgorde van de bron."
                    ),
                ),
                _qualitative(
                    "B2",
                    _text("""In 2026 hebben we een onderscheidender profiel van Almelo als
                        woonstad"""),
                ),
                _qualitative(
                    "B3",
                    _text("""In 2026 staat Almelo positiever bekend wat betreft de gebouwde
                        omgeving en de daarbij behorende verhalen en ontstaansgeschiedenis"""),
                ),
                _qualitative(
                    "B4",
                    _text("""In 2026 dragen we de mooie plekken en architectuur met onze partners
                        met trots uit."""),
                ),
            ),
        ),
        StrategicGoalData(
            code="C",
            title="Kennis en professionalisering",
            text=_text("""Het door ontwikkelen van de gemeente Almelo tot een professionelere en
                klantgerichtere organisatie rondom stedelijke ontwikkeling."""),
            note=(
                "'Het door ontwikkelen' staat zo in de bron (bedoeld waarschijnlijk: 'Het "
                "doorontwikkelen')."
            ),
            operational_goals=(
                _qualitative(
                    "C1",
                    _text("""In 2026 werken de partners in de stad plezieriger met ons samen;"""),
                    note="De puntkomma aan het eind staat zo in de bron.",
                ),
                _qualitative(
                    "C2",
                    _text("""In 2026 zijn de processen rondom gebiedsontwikkeling professioneler en
                        duidelijker ingericht."""),
                ),
            ),
        ),
    ),
    efforts=(
        EffortData(
            name="Ongedeelde regio",
            description=_lines(
                """Wij trekken nadrukkelijk op met andere Twentse steden om de stedelijke belangen
                i.r.t. stad in balans en de ongedeelde regio op elkaar af te stemmen;""",
                """We zetten in op een stevige (provinciale) sturing op de kaders die het rijk
                heeft gesteld aangaande het streven naar 30 procent sociale huurwoningen voor alle
                gemeenten om zo te komen tot een ongedeelde regio""",
                """We sluiten aan bij de gesprekken die vanuit de lijn worden gevoerd met de
                corporaties over de gemeentelijke ontwikkelstrategie, de stadsbrede
                vastgoedstrategie, het schuiven met grondposities, herstructurering en uitruil met
                nieuwbouw.""",
            ),
            activities=_activities_2023(
                _text("""Wij trekken nadrukkelijk op met andere Twentse steden om de stedelijke
                    belangen i.r.t. stad in balans en de ongedeelde regio op elkaar af te
                    stemmen;"""),
                _text("""We zetten in op een stevige (provinciale) sturing op de kaders die het
                    rijk heeft gesteld aangaande het streven naar 30 procent sociale huurwoningen
                    voor alle gemeenten om zo te komen tot een ongedeelde regio"""),
                _text("""We sluiten aan bij de gesprekken die vanuit de lijn worden gevoerd met de
                    corporaties over de gemeentelijke ontwikkelstrategie, de stadsbrede
                    vastgoedstrategie, het schuiven met grondposities, herstructurering en uitruil
                    met nieuwbouw."""),
            ),
            note=f"{_INFERRED_NOTE} {_EFFORT_NOTE_2023}",
        ),
        EffortData(
            name="Visievorming en realisatie",
            description=_lines(
                """Met de ruimtelijk programmatische visie, de economische visie en de visie
                lokale bedrijventerreinen wordt inzichtelijk voor welke doelgroepen er in Almelo
                gebouwd moet worden. Daarbij is het uitgangspunt dat doelgroepen en de stad in
                balans zijn. Daarna volgt een doorvertaling naar de concrete projecten in
                aantallen en locaties.""",
                """In de lijn worden de prioritaire ontwikkelingen geconcretiseerd. Het programma
                verzorgt in 2023 de volgende activiteiten:""",
                """1) Ruimtelijke visie lokale bedrijventerreinen;""",
                """2) Reguliere ruimtelijke overleggen provincie op ambtelijke en bestuurlijk
                niveau.""",
            ),
            activities=_activities_2023(
                _text("""Ruimtelijke visie lokale bedrijventerreinen"""),
                _text("""Reguliere ruimtelijke overleggen provincie op ambtelijke en bestuurlijk
                    niveau"""),
            ),
            note=(
                "'op ambtelijke en bestuurlijk niveau' staat zo in de bron. "
                f"{_INFERRED_NOTE} {_EFFORT_NOTE_2023}"
            ),
        ),
        EffortData(
            name="Toekomstbestendig wonen/ bouwen",
            description=_lines(
                """Doorvertaling economische en ruimtelijke visies en profilering naar doelgroepen
                en woningtypen""",
                """Bij visievorming is integraliteit altijd het uitgangspunt""",
            ),
            activities=_activities_2023(
                _text("""Doorvertaling economische en ruimtelijke visies en profilering naar
                    doelgroepen en woningtypen""")
            ),
            note=(
                "Naam zoals in de bron, met de spatie na de schuine streep. Het tekstblok bestaat "
                f"uit twee losse regels zonder punt. {_INFERRED_NOTE} {_EFFORT_NOTE_2023}"
            ),
        ),
        EffortData(
            name="Woondeals uitwerken per gemeenten",
            description=_lines(
                """De woondeals die onlangs gesloten zijn worden uitgewerkt per gemeente en samen
                met de corporaties. Vervolgens zal dit ook zijn doorvertaling vragen richting de
                uitvoering en dus richting de projecten. Deelsporen die hierbij nader ingevuld en
                opgepakt zullen worden:""",
                """-Aantallen en locaties""",
                """-Voorwaarden onderhandelen met de provincie""",
                """-Regio specifieke zaken afstemmen met buurgemeenten""",
                """-Doorvertaling naar projecten""",
                """-Aanvragen rijksregelingen""",
            ),
            activities=_activities_2023(
                _text("""Aantallen en locaties"""),
                _text("""Voorwaarden onderhandelen met de provincie"""),
                _text("""Regio specifieke zaken afstemmen met buurgemeenten"""),
                _text("""Doorvertaling naar projecten"""),
                _text("""Aanvragen rijksregelingen"""),
            ),
            note=(
                "'per gemeenten' staat zo in de naam in de bron; de tekst zegt 'per gemeente'. De "
                f"activiteiten zijn de deelsporen uit de bron. {_EFFORT_NOTE_2023}"
            ),
        ),
        EffortData(
            name="Profilering Almelo als woon- en werkstad",
            description=_lines(
                """Vanuit het programma wordt ingezet op het ontwikkelen van de ‘satéprikker’
                door de projecten heen: het profiel van Almelo als woon- en werkstad (corporate
                story)""",
                """Hierbij gaan we niet voor grootschalige campagnes, maar voor het formuleren van
                duidelijke verhaal dat vervolgens vanuit onze projecten, onze partners en via
                strategische interventies breed uitgedragen wordt""",
                """Daarnaast wordt ingezet op activiteiten die de zichtbaarheid van Almelo en
                daarmee trots op de stad met betrekking tot stedelijke ontwikkeling vergroten
                (stadscafé, architectuurprijs, ontwerpwedstrijd). Dit geven we met onze partners
                verder vorm en inhoud""",
            ),
            activities=_activities_2023(
                (
                    "Ontwikkelen van de ‘satéprikker’ door de projecten heen: het profiel van "
                    "Almelo als woon- en werkstad (corporate story)",
                    _text("""ontwikkelen van de ‘satéprikker’ door de projecten heen: het profiel
                        van Almelo als woon- en werkstad (corporate story)"""),
                ),
                ("Stadscafé", "stadscafé"),
                ("Architectuurprijs", "architectuurprijs"),
                ("Ontwerpwedstrijd", "ontwerpwedstrijd"),
            ),
            note=(
                "'het formuleren van duidelijke verhaal' staat zo in de bron (bedoeld "
                "waarschijnlijk: 'een duidelijk verhaal'). De activiteiten stadscafé, "
                "architectuurprijs en ontwerpwedstrijd noemt de bron als voorbeelden van "
                f"activiteiten voor de zichtbaarheid van Almelo. {_EFFORT_NOTE_2023}"
            ),
        ),
        EffortData(
            name="Lobby Stedelijke Ontwikkeling en Bereikbaarheid",
            description=_lines(
                """De samenwerking met stakeholders in de (binnen)stad, het Rijk, de provincie en
                andere gemeenten rondom stedelijke ontwikkeling en bereikbaarheid is onmisbaar. Als
                gemeente kunnen we het niet alleen. We nemen daarom actief deel aan bestaande
                netwerken rondom stedelijk ontwikkeling, nemen deel aan de Provada en zoeken de
                afstemming en samenwerking met Enschede en Hengelo – Deventer.""",
                """Stedelijke Ontwikkeling en Bereikbaarheid is de komende jaren één van de drie
                strategische kernlobbydossiers. Vanuit het programma zal hier dus nadrukkelijk
                inzet op worden gepleegd. Zowel op de inhoud als de relatie""",
            ),
            activities=_activities_2023(
                (
                    "Actief deelnemen aan bestaande netwerken rondom stedelijk ontwikkeling",
                    "actief deel aan bestaande netwerken rondom stedelijk ontwikkeling",
                ),
                ("Deelnemen aan de Provada", "deel aan de Provada"),
                (
                    "Afstemming en samenwerking zoeken met Enschede en Hengelo – Deventer",
                    "zoeken de afstemming en samenwerking met Enschede en Hengelo – Deventer",
                ),
            ),
            note=(
                "'rondom stedelijk ontwikkeling' staat zo in de bron. De bron schrijft 'Enschede "
                "en Hengelo – Deventer'; wat met het streepje bedoeld is, zegt de bron niet. "
                f"{_EFFORT_NOTE_2023}"
            ),
        ),
        EffortData(
            name="Versterking netwerk en samenwerking partners stedelijke ontwikkeling",
            description=_lines(
                """We gaan bouwen aan een netwerk van actieve partijen in onze stad rondom
                stedelijke ontwikkeling. Een netwerk waar onder andere gemeente, makelaars,
                corporaties, marktpartijen en provincie elkaar ontmoeten, kennis delen en waar
                mogelijk samenwerken. In 2023 werken we uit welke (juridische) vorm dit in Almelo
                krijgt, met welke agenda we aan de slag willen en gaat het ook daadwerkelijk van
                start.""",
                """In de vastgestelde begroting 2023 en de perspectiefnota is de versterking van
                het netwerk vertaald in het deelnemen in een Platform Stedelijke Ontwikkeling
                Almelo. Dit platform heeft als doel de versnelling van de woningbouw en het
                vergroten van de trots op Almelo.""",
            ),
            activities=_activities_2023(
                (
                    "Uitwerken welke (juridische) vorm het netwerk in Almelo krijgt",
                    "werken we uit welke (juridische) vorm dit in Almelo krijgt",
                ),
                (
                    "Uitwerken met welke agenda het netwerk aan de slag gaat",
                    "met welke agenda we aan de slag willen",
                ),
                ("Start van het netwerk", "gaat het ook daadwerkelijk van start"),
                (
                    "Deelnemen in een Platform Stedelijke Ontwikkeling Almelo",
                    "deelnemen in een Platform Stedelijke Ontwikkeling Almelo",
                ),
            ),
            note=_EFFORT_NOTE_2023,
        ),
        EffortData(
            name="Ontwikkelen Almelose aanpak gebiedsontwikkeling",
            description=_text("""Met de vaststelling van de uitvoeringsagenda zien we een
                verschuiving van locatieontwikkeling naar grote en complexe gebiedsontwikkelingen.
                Dat vraagt een professionaliseringsslag rondom het ontwikkelen van een ‘Almelose
                aanpak gebiedsontwikkeling: de verschillende fasen, mijlpalen en rollen binnen
                gebiedsontwikkelingen. Hiermee wordt kennis en een gezamenlijke set van begrippen,
                rollen en processtappen ontwikkeld die noodzakelijk is om de komende jaren te
                bouwen aan een professionele en evenwichtige organisatie en zorgen we voor
                transparantie over onze werkwijze richting onze marktpartijen."""),
            activities=_activities_2023(
                (
                    "Ontwikkelen van een ‘Almelose aanpak gebiedsontwikkeling: de verschillende "
                    "fasen, mijlpalen en rollen binnen gebiedsontwikkelingen",
                    _text("""ontwikkelen van een ‘Almelose aanpak gebiedsontwikkeling: de
                        verschillende fasen, mijlpalen en rollen binnen gebiedsontwikkelingen."""),
                ),
            ),
            note=(
                "In de bron is de naam over twee regels afgebroken ('gebieds-' / "
                "'ontwikkeling'). Het aanhalingsteken voor ‘Almelose aanpak gebiedsontwikkeling "
                f"wordt in de bron niet gesloten. {_EFFORT_NOTE_2023}"
            ),
        ),
        EffortData(
            name="Doorontwikkeling opdrachtgever- en opdrachtnemerschap Stedelijke Ontwikkeling",
            description=_lines(
                """Belangrijk onderdeel binnen projectmatig werken is het opdrachtgever- en
                opdrachtnemerschap alsmede het hanteren van meervoudige sturing binnen
                projecten.""",
                """Vanuit het programma stedelijke ontwikkeling zal specifiek hierop ingehaakt
                worden waar het de rollen betreft in gebiedsontwikkelingstrajecten. Bijvoorbeeld de
                rol van de bestuurder in onderhandelingstraject en of de rol van een specifieke
                adviseur in een integraal projectteam.""",
                """Hierin wordt ook samen opgetrokken met leefbare wijken, de nieuwe eenheid
                stadsontwikkeling en het ontwikkelplan dat het hoofd voor deze eenheid op zal gaan
                stellen""",
            ),
            activities=_activities_2023(
                (
                    "Inhaken op de rollen in gebiedsontwikkelingstrajecten, bijvoorbeeld de rol "
                    "van de bestuurder in onderhandelingstraject en of de rol van een specifieke "
                    "adviseur in een integraal projectteam",
                    _text("""de rollen betreft in gebiedsontwikkelingstrajecten. Bijvoorbeeld de
                        rol van de bestuurder in onderhandelingstraject en of de rol van een
                        specifieke adviseur in een integraal projectteam."""),
                ),
                (
                    "Samen optrekken met leefbare wijken, de nieuwe eenheid stadsontwikkeling en "
                    "het ontwikkelplan dat het hoofd voor deze eenheid op zal gaan stellen",
                    _text("""met leefbare wijken, de nieuwe eenheid stadsontwikkeling en het
                        ontwikkelplan dat het hoofd voor deze eenheid op zal gaan stellen"""),
                ),
            ),
            note=(
                "In de bron is 'opdrachtnemerschap' in de naam over twee regels afgebroken. "
                f"{_EFFORT_NOTE_2023}"
            ),
        ),
    ),
)

#: The demo programmes in the order they are loaded.
PROGRAMMES: tuple[ProgrammeData, ...] = (BINNENSTAD, STEDELIJKE_ONTWIKKELING)
