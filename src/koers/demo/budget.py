"""The budget of Programma Binnenstad as the contract's *Middelen* table gives it, loaded
through the finance services.

The table's header reads "2019 2020 2021 2020"; the last column is plainly 2022 (the columns
before it are 2019–2021 and the programme runs to 2022), so those amounts are loaded as 2022 with
a note saying so. What each source makes available comes from the text above the table; the
parking pilot's 300,000 a year ("daarnaast") is booked by the table on *Programma binnenstad*, so
it is part of that source's available amount in 2019–2021, with a note that names both parts
(see docs/middelen.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError

from koers.finance import services
from koers.finance.models import FundingSource
from koers.programmes.models import Programme

__all__ = ["AVAILABLE", "LINES", "SLUG", "SOURCES", "TOTAL", "load_demo_budget"]

SLUG = "almelo-binnenstad"
TOTAL = Decimal("1749200")

PROGRAMMA = "Programma binnenstad"
STADSARRANGEMENT = "Stadsarrangement"
BEGROTING_19 = "Begroting ‘19"

YEAR_NOTE = (
    "In de middelentabel staat boven deze kolom '2020' (kop '2019 2020 2021 2020'); bedoeld is "
    "2022: de kolommen ervoor zijn 2019, 2020 en 2021 en het programma loopt tot en met 2022."
)
YEARS = (2019, 2020, 2021, 2022)  # the printed header: 2019 2020 2021 "2020"


@dataclass(frozen=True)
class SourceData:
    name: str
    description: str
    note: str


SOURCES = (
    SourceData(
        PROGRAMMA,
        "Budget van het programma binnenstad.",
        "Beschikbaar volgens de tekst: 150.000 euro per jaar 'voor de komende vier' (jaar), "
        "2019–2022, en 'daarnaast' 300.000 euro per jaar voor de driejarige pilot 2 uur gratis "
        "parkeren (2019–2021). De tabel boekt de pilot op deze bron; daarom is in 2019–2021 "
        "450.000 euro per jaar beschikbaar en in 2022 150.000 euro. " + YEAR_NOTE,
    ),
    SourceData(
        STADSARRANGEMENT,
        "Subsidie van de Provincie Overijssel voor de uitvoering van het stadsarrangement.",
        "De subsidie 'maakt ook onderdeel uit van de begroting van het programma binnenstad'. "
        "'Hiervan is nog bijna €200.000 beschikbaar voor 2019'; het precieze bedrag staat niet "
        "in de bron.",
    ),
    SourceData(
        BEGROTING_19,
        "Gemeentelijke begroting 2019.",
        "Eenmalig 50.000 euro beschikbaar gesteld voor de Stichting Bomenstad Almelo voor het "
        "vergroenen van de binnenstad. Naam van de bron zoals in de tabel ('Begroting ‘19').",
    ),
)

# (source, year, amount, note)
AVAILABLE = (
    *(
        (
            PROGRAMMA,
            year,
            Decimal("450000"),
            "150.000 euro voor het programma binnenstad plus 300.000 euro voor de pilot 2 uur "
            "gratis parkeren ('daarnaast ... voor de komende drie jaar').",
        )
        for year in (2019, 2020, 2021)
    ),
    (
        PROGRAMMA,
        2022,
        Decimal("150000"),
        "150.000 euro voor het programma binnenstad (vierde jaar); de pilot parkeren liep drie "
        "jaar. " + YEAR_NOTE,
    ),
    (
        STADSARRANGEMENT,
        2019,
        Decimal("200000"),
        "De tekst zegt 'nog bijna €200.000 beschikbaar voor 2019'; geladen als 200.000 euro, "
        "het werkelijke bedrag is iets lager en staat niet in de bron.",
    ),
    (
        BEGROTING_19,
        2019,
        Decimal("50000"),
        "'Eenmalig 50.000 euro' voor de Stichting Bomenstad Almelo.",
    ),
)

# (source, effort name or None, programme-level item, amounts per column of the table)
_ROWS = (
    (PROGRAMMA, "Pilot 2 uur gratis parkeren", "", ("300000", "300000", "300000", None)),
    (PROGRAMMA, "Gevel-/ transformatiefonds", "", ("35000", "35000", "35000", None)),
    (PROGRAMMA, "Communicatie & Marketing", "", ("60000", "50000", "50000", "50000")),
    (PROGRAMMA, None, "Programmamonitoring & organisatie", ("40000", "40000", "40000", "40000")),
    (PROGRAMMA, None, "Overige inspanningen", ("15000", "25000", "25000", "60000")),
    (STADSARRANGEMENT, "Stadscafés", "", ("7500", None, None, None)),
    (STADSARRANGEMENT, "Stadscheques (kleine initiatieven)", "", ("20000", None, None, None)),
    (STADSARRANGEMENT, "Stadsinjectie (grote initiatieven)", "", ("30000", None, None, None)),
    (STADSARRANGEMENT, "Aanjagen projecten koers", "", ("91700", None, None, None)),
    (STADSARRANGEMENT, "Samenwerking", "", ("50000", None, None, None)),
    (BEGROTING_19, "Vergroenen binnenstad", "", ("50000", None, None, None)),
)

# (source, effort name or None, item, year, amount, note): one line per filled cell.
LINES = tuple(
    (source, effort, item, year, Decimal(amount), YEAR_NOTE if year == 2022 else "")
    for source, effort, item, amounts in _ROWS
    for year, amount in zip(YEARS, amounts, strict=True)
    if amount is not None
)

_ITEM_NOTE = (
    "Post op programmaniveau: de tabel noemt deze regel bij de inspanningen, maar het contract "
    "kent geen inspanning met deze naam."
)


def load_demo_budget(programme: Programme, *, actor=None) -> int:
    """Give ``programme`` (Programma Binnenstad only) the sources, available amounts and budget
    lines of the contract's *Middelen* table; return how many lines were added. Idempotent: a
    programme that already has funding sources is left as it is."""
    if programme.slug != SLUG or FundingSource.objects.filter(programme=programme).exists():
        return 0
    sources = {}
    for order, data in enumerate(SOURCES, start=1):
        sources[data.name] = services.source_create(
            actor=actor,
            programme=programme,
            name=data.name,
            description=data.description,
            note=data.note,
            order=order,
        )
    for source, year, amount, note in AVAILABLE:
        services.availability_create(
            actor=actor, source=sources[source], year=year, amount=amount, note=note
        )
    efforts = {e.name: e for e in programme.efforts.all()}
    for source, effort_name, item, year, amount, note in LINES:
        if effort_name is not None and effort_name not in efforts:
            raise ValidationError(
                f"Inspanning '{effort_name}' uit de middelentabel ontbreekt in {programme.slug}."
            )
        services.budget_line_create(
            actor=actor,
            programme=programme,
            source=sources[source],
            year=year,
            amount=amount,
            effort=efforts[effort_name] if effort_name else None,
            item=item,
            note=" ".join(n for n in (note, _ITEM_NOTE if item else "") if n),
        )
    return len(LINES)
