"""The risks of the *Programmacontract Binnenstad* (2019), section *Risico's*, for the risk
register of *Programma Binnenstad*.

The titles and descriptions are the source's words, typing errors included (a note points them
out; nothing is corrected). The source's bullet sign is written as "- ". What the source does
NOT give is left empty, never invented: it gives no likelihood and no impact (so every risk is
*niet gescoord* and stays out of the heat map), no owner, no mitigation per risk, no status and
no review date. The status is Koers's starting state *open*. The source names two kinds of risk
(for the programme's goals, for the efforts) but does not say which kind each risk is; the kind
is chosen from each risk's wording and the note says so.

The section also holds *Risicoparagraaf* ("Bij de start van een project nemen we een
risicoparagraaf op"): that is a working agreement, not a risk, and is not loaded as one.
"""

from __future__ import annotations

from dataclasses import dataclass

from koers.programmes.models import OperationalGoal, Programme
from koers.risks import services
from koers.risks.constants import RiskKind, RiskStatus
from koers.risks.models import Risk

__all__ = ["RISKS", "SLUG", "load_demo_risks"]

SLUG = "almelo-binnenstad"

NO_SCORE = "De bron geeft geen kans en impact; het risico is daarom niet gescoord."
SILENT = (
    "De bron noemt geen eigenaar, beheersmaatregel of datum voor de volgende bespreking; de "
    "status 'open' is de beginstand in Koers, niet uit de bron. In het algemeen zegt de bron: "
    "'Om eventuele risico's van het programma binenstad te beheersen, sturen en monitoren we de "
    "diverse projecten.'"
)
KIND_EFFORTS = (
    "Soort: de bron deelt dit risico niet zelf in; Koers rekent het tot de risico's voor de "
    "inspanningen, omdat de tekst de uitvoering van het programma bedreigd ziet (een keuze)."
)


@dataclass(frozen=True)
class DemoRisk:
    title: str
    description: str
    kind: str
    goal_codes: tuple[str, ...] = ()
    remark: str = ""

    @property
    def note(self) -> str:
        parts = [NO_SCORE]
        if self.kind == RiskKind.EFFORTS:
            parts.append(KIND_EFFORTS)
        if self.remark:
            parts.append(self.remark)
        parts.append(SILENT)
        return "\n\n".join(parts)


def _p(*lines: str) -> str:
    """One paragraph from the source's lines (the PDF broke them; the words are unchanged)."""
    return " ".join(line.strip() for line in lines).replace("  ", " ").strip()


RISKS: tuple[DemoRisk, ...] = (
    DemoRisk(
        title="Nieuwe werkwijze",
        description="\n".join(
            (
                _p(
                    "Programmanagement is een nieuwe sturingsvorm die zijn plek in onze "
                    "organisatie nog niet heeft.",
                    "Tegelijkertijd ontwikkelt de lijnorganisatie in de gemeente Almelo een "
                    "nieuwe koers.",
                    "Het samenspel tussen programmasturing en de lijnorganisatie is sinds kort "
                    "onderwerp van gesprek",
                    "omdat we net met nieuwe rollen en een andere verantwoordelijkheidsverdeling "
                    "werken.",
                ),
                "Belangrijke succesfactoren voor het programma zijn:",
                "- Commitment aan de visie en de doelen;",
                "- "
                + _p(
                    "De mate van rolvastheid die betrokkenen zich eigen maken en de manier "
                    "waarop zij deze",
                    "rollen daadwerkelijk invullen. Onduidelijkheden belemmeren de voortgang "
                    "van het",
                    "programma.",
                ),
            )
        ),
        kind=RiskKind.EFFORTS,
        remark=(
            "De bron schrijft 'Programmanagement' (tikfout); bedoeld is 'Programmamanagement'. "
            "Succesfactoren volgens de bron: commitment aan visie en doelen, en rolvastheid "
            "(duidelijke rollen)."
        ),
    ),
    DemoRisk(
        title="Verschillende verwachtingen en weerstand",
        description=_p(
            "In de nieuwe organisatie zullen we allemaal op een andere manier gaan werken. Van "
            "medewerkers",
            "en bestuurders verwachten we een andere manier van werken en denken. Meer opgave –en",
            "klantgericht. De organisatie wil minder papier en meer activiteiten in de praktijk. "
            "Verandering vraagt",
            "tijd en een investering. De verandering kan een risico betekenen voor de uitvoering "
            "van het",
            "programma.",
        ),
        kind=RiskKind.EFFORTS,
        remark="De bron schrijft 'opgave –en klantgericht'; bedoeld is 'opgave- en klantgericht'.",
    ),
    DemoRisk(
        title="Onvoldoende beschikbaarheid van medewerkers",
        description=_p(
            "Het programma vraagt een behoorlijke personele inzet waar niet altijd een "
            "compensatie vanuit het",
            "programmabudget tegenover staat. Dit vraagt scherpe keuzes om de realisatie van het "
            "programma",
            "mogelijk te maken. Een voorbeeld is de interne werkwijze van uren schrijven op "
            "projecten",
            "(kapitaaldienst uren) door medewerkers van uitvoering Fysiek en de Adviespool. Deze "
            "werkwijze",
            "bedreigt de uitvoering van het programma omdat we voor de taken vooral medewerkers "
            "inzetten",
            "van Fysiek en de Adviespool.",
        ),
        kind=RiskKind.EFFORTS,
    ),
    DemoRisk(
        title="Veranderende politieke landschappen",
        description=_p(
            "Beslissingen van het college en de gemeenteraad kunnen leiden tot veranderingen van "
            "de inhoud en",
            "snelheid van de uitvoering van het programma.",
        ),
        kind=RiskKind.EFFORTS,
    ),
    DemoRisk(
        title=(
            "Realisatie van concurrerend aanbod elders in de gemeente die strategische "
            "doelstellingen onder druk kunnen zetten"
        ),
        description="\n".join(
            (
                _p(
                    "Om de strategische doelstellingen van de vermindering van de leegstand en "
                    "de  toename van het",
                    "aantal bezoekers te kunnen realiseren is het van belang dat het programma "
                    "niet wordt ondermijnt",
                    "door ontwikkelingen elders in de stad. Het toevoegen van winkels, horeca, "
                    "cultuur en evenementen",
                    "elders in de stad zal de realisatie van de doestelling van programma "
                    "binnenstad om meer bezoekers",
                    "te trekken negatief beïnvloeden. Dit zelfde geldt voor woningen. De "
                    "doelstelling om de leegstand in",
                    "de binnenstad terug te brengen kan alleen gerealiseerd worden als een deel "
                    "van de winkels",
                    "getransformeerd wordt naar woningen. Het woningbouwprogramma in Almelo is "
                    "echter beperkt.",
                ),
                _p(
                    "Het toevoegen van te veel woningen buiten de binnenstad is daarom een groot "
                    "risico voor het",
                    "slagen van het programma binnenstad.",
                ),
            )
        ),
        kind=RiskKind.GOALS,
        goal_codes=("1a", "2a", "2b"),
        remark=(
            "Soort: de bron noemt dit zelf een bedreiging van strategische doelstellingen "
            "(leegstand en bezoekers); gekoppeld aan de operationele doelen over bezoekers (1a) "
            "en leegstand (2a, 2b). De bron schrijft 'ondermijnt' en 'doestelling' (tikfouten); "
            "bedoeld is 'ondermijnd' en 'doelstelling'."
        ),
    ),
    DemoRisk(
        title="Bijdrage van verschillende partners aan programma",
        description=_p(
            "Een veelvoorkomend knelpunt bij samenwerking met maatschappelijke partners is dat "
            "visie en",
            "doelen samen geformuleerd worden, maar dat voor de daadwerkelijke investeringen en",
            "capaciteitsinzet toch naar de gemeente (of een andere overheid) gekeken wordt. Een "
            "van de",
            "oorzaken hiervan is dat de vitale coalitie vaak niet wordt opgebouwd met partners "
            "die daadwerkelijk",
            "zelfstandige uitvoeringskracht hebben. Het overleg vindt vaak met "
            "koepelorganisaties plaats. Die",
            "kunnen heel goed opkomen voor belangen, maar veel moeilijker collectieve "
            "commitment aangaan",
            "voor hun leden zelf. Echter, de gedeelde belangen zijn er wel en het is mogelijk "
            "gezamenlijk",
            "verantwoordelijkheid te dragen. Dat vereist een doorontwikkeling van het "
            "instrumentarium en de",
            "governance. Gezien de ambitie van het programma om een samenwerkingsprogramma te "
            "zijn, is het",
            "doel hierbij om het (gezamenlijke) eigenaarschap/zeggenschap van partners te "
            "bevorderen en een",
            "relatie te leggen tussen de aanwezige belangen en de geleverde materiële bijdrage. "
            "Verschillende",
            "partners en verschillende situaties kunnen om een eigen aanpak vragen.",
        ),
        kind=RiskKind.EFFORTS,
    ),
)


def load_demo_risks(programme: Programme, actor) -> list[Risk]:
    """Register the contract's risks for Programma Binnenstad (other programmes: nothing).
    Idempotent: a risk whose title the programme already has is left as it is."""
    if programme.slug != SLUG:
        return []
    present = set(Risk.objects.filter(programme=programme).values_list("title", flat=True))
    goals = {g.code: g for g in OperationalGoal.objects.filter(programme=programme)}
    created = []
    for data in RISKS:
        if data.title in present:
            continue
        created.append(
            services.risk_create(
                actor=actor,
                programme=programme,
                title=data.title,
                description=data.description,
                kind=data.kind,
                goals=[goals[code] for code in data.goal_codes if code in goals],
                status=RiskStatus.OPEN,
                note=data.note,
            )
        )
    return created
