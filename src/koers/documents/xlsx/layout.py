"""The layout of the programme workbook (Excel): its sheets and their columns.

One layout serves the export (:mod:`.export`), the import (:mod:`.read`, :mod:`.validate`,
:mod:`.process`) and the template a new programme starts from (:mod:`.template`), so that an
exported workbook reads back in as it is. Sheet names and column headers are Dutch and fixed (they
are the file format, like the column names of the spending CSV); what a column means comes from the
data model (``verbose_name``, ``help_text``, choices), so the explanation sheet is translated with
the model.

The sheets follow the sections of the JSON exchange (:mod:`koers.programmes.exchange.schema`):
each column names the key of the exchange element it holds (``indicator.unit`` for a key of the
nested indicator, ``owner.name`` for the name of the referenced person). The budget sheets
(``Bronnen``, ``Beschikbaar``, ``Begroting``) are not part of the exchange and name the fields of
the finance models.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models

from koers.finance.models import BudgetLine, FundingSource, SourceAvailability
from koers.programmes.exchange.schema import (
    CHOICES_SECTION,
    EFFORTS_SECTION,
    LINKS_SECTION,
    OPERATIONAL_GOALS_SECTION,
    PARTNERS_SECTION,
    PEOPLE_SECTION,
    PROGRAMME_SECTION,
    ROLES_SECTION,
    STRATEGIC_GOALS_SECTION,
    TRACKS_SECTION,
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
    ProgrammeRole,
    RoleHours,
    StrategicChoice,
    StrategicGoal,
    Track,
)

# Kinds of cell.
TEXT = "text"
INTEGER = "integer"
DECIMAL = "decimal"
MONEY = "money"
DATE = "date"
LIST = "list"  # several names in one cell, separated by ";"

DATE_FORMAT = "dd-mm-yyyy"
MONEY_FORMAT = '"€" #,##0.00'
LIST_SEPARATOR = ";"
VALIDATION_ROWS = 2000  # choice lists (data validation) reach down to this row
FIXED_TIMESTAMP = dt.datetime(2000, 1, 1)  # the workbook's "created": no clock in the file


@dataclass(frozen=True)
class Column:
    """One column: its header, the key it holds (dotted for a nested or referenced element) and
    the model field that says its type, length, choices and meaning."""

    header: str
    key: str
    model: type[models.Model]
    field_name: str
    money: bool = False
    width: int = 18

    @property
    def field(self) -> models.Field:
        return self.model._meta.get_field(self.field_name)

    @property
    def kind(self) -> str:
        field = self.field
        if isinstance(field, models.ManyToManyField):
            return LIST
        if isinstance(field, models.DateField):
            return DATE
        if isinstance(field, models.DecimalField):
            return MONEY if self.money else DECIMAL
        if isinstance(field, models.IntegerField):
            return INTEGER
        return TEXT

    @property
    def choices(self) -> list[tuple[str, str]]:
        field = self.field
        if not field.choices:
            return []
        return [(str(k), str(v)) for k, v in field.flatchoices if k != ""]

    @property
    def required(self) -> bool:
        """A value must be filled in (the field has no default and may not be blank)."""
        if "." in self.key and not self.key.startswith("indicator."):
            return False  # a key of a referenced person or of a role's hours
        field = self.field
        if isinstance(field, models.ForeignKey | models.ManyToManyField):
            return not field.null and not isinstance(field, models.ManyToManyField)
        return not field.has_default() and not field.blank


@dataclass(frozen=True)
class Sheet:
    title: str
    section: str  # the exchange section or budget part it holds
    columns: tuple[Column, ...]
    key_value: bool = False  # Programma: one field per row (veld | waarde)
    read_only: bool = False  # in the export only; ignored by the import

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def _cols(model: type[models.Model], *spec: tuple) -> tuple[Column, ...]:
    """Columns of one model: (header, key[, field_name[, width]])."""
    out = []
    for item in spec:
        header, key, *rest = item
        field_name = rest[0] if rest else key.split(".")[-1]
        width = rest[1] if len(rest) > 1 else 18
        out.append(Column(header, key, model, field_name, width=width))
    return tuple(out)


PROGRAMME_SHEET = Sheet(
    "Programma",
    PROGRAMME_SECTION.key,
    _cols(
        Programme,
        ("korte naam", "slug"),
        ("naam", "name"),
        ("gemeente", "municipality"),
        ("begin looptijd", "period_start"),
        ("einde looptijd", "period_end"),
        ("versie programmacontract", "contract_version"),
        ("datum programmacontract", "contract_date"),
        ("missie", "mission"),
        ("visie", "vision"),
        ("afbakening", "scope"),
        ("status", "status"),
        ("toelichting", "note"),
    ),
    key_value=True,
)
CHOICES_SHEET = Sheet(
    "Strategische keuzes",
    CHOICES_SECTION.key,
    _cols(
        StrategicChoice,
        ("volgorde", "order", "order", 10),
        ("titel", "title", "title", 40),
        ("tekst", "text", "text", 60),
        ("toelichting", "note", "note", 40),
    ),
)
STRATEGIC_GOALS_SHEET = Sheet(
    "Strategische doelen",
    STRATEGIC_GOALS_SECTION.key,
    _cols(
        StrategicGoal,
        ("code", "code", "code", 10),
        ("titel", "title", "title", 30),
        ("tekst", "text", "text", 60),
        ("volgorde", "order", "order", 10),
        ("toelichting", "note", "note", 40),
    ),
)
OPERATIONAL_GOALS_SHEET = Sheet(
    "Operationele doelen",
    OPERATIONAL_GOALS_SECTION.key,
    _cols(
        OperationalGoal,
        ("code", "code", "code", 10),
        ("strategisch doel", "strategic_goal", "strategic_goal", 12),
        ("doel", "statement", "statement", 60),
        ("soort", "kind"),
        ("volgorde", "order", "order", 10),
        ("toelichting", "note", "note", 40),
    )
    + _cols(
        Indicator,
        ("indicator", "indicator.name", "name", 40),
        ("eenheid", "indicator.unit"),
        ("nulmeting", "indicator.baseline_value"),
        ("datum nulmeting", "indicator.baseline_date"),
        ("precisie datum nulmeting", "indicator.baseline_date_precision"),
        ("soort streefwaarde", "indicator.target_kind"),
        ("streefwaarde", "indicator.target_value"),
        ("streefdatum", "indicator.target_date"),
        ("precisie streefdatum", "indicator.target_date_precision"),
        ("bron", "indicator.data_source", "data_source", 30),
        ("meetfrequentie", "indicator.measuring_frequency"),
        ("decimalen", "indicator.decimals", "decimals", 10),
        ("tolerantie (%)", "indicator.tolerance_percent", "tolerance_percent", 12),
    ),
)
TRACKS_SHEET = Sheet(
    "Sporen",
    TRACKS_SECTION.key,
    _cols(
        Track,
        ("naam", "name", "name", 30),
        ("omschrijving", "description", "description", 50),
        ("volgorde", "order", "order", 10),
        ("beginjaar", "start_year", "start_year", 10),
        ("eindjaar", "end_year", "end_year", 10),
        ("toelichting", "note", "note", 40),
    ),
)
EFFORTS_SHEET = Sheet(
    "Inspanningen",
    EFFORTS_SECTION.key,
    _cols(
        Effort,
        ("naam", "name", "name", 40),
        ("spoor", "track", "track", 25),
        ("omschrijving", "description", "description", 50),
    )
    + _cols(
        Person,
        ("trekker", "owner.name", "name", 25),
        ("e-mail trekker", "owner.email", "email", 25),
    )
    + _cols(
        Effort,
        ("rol gemeente", "municipality_role"),
        ("partners", "partners", "partners", 40),
        ("start", "start_date", "start_date", 12),
        ("eind", "end_date", "end_date", 12),
        ("status", "status"),
        ("volgorde", "order", "order", 10),
        ("toelichting", "note", "note", 40),
    ),
)
ACTIVITIES_SHEET = Sheet(
    "Activiteiten",
    "activiteiten",  # nested under the efforts in the exchange
    _cols(Effort, ("inspanning", "effort", "name", 40))
    + _cols(
        Activity,
        ("jaar", "year", "year", 10),
        ("volgorde", "order", "order", 10),
        ("omschrijving", "description", "description", 60),
    ),
)
LINKS_SHEET = Sheet(
    "Koppelingen",
    LINKS_SECTION.key,
    _cols(
        GoalEffortLink,
        ("doel", "operational_goal", "operational_goal", 10),
        ("inspanning", "effort", "effort", 40),
        ("bijdrage", "contribution", "contribution", 60),
    ),
)
ROLES_SHEET = Sheet(
    "Rollen",
    ROLES_SECTION.key,
    _cols(ProgrammeRole, ("soort", "kind", "kind", 25), ("titel", "title", "title", 30))
    + _cols(
        Person,
        ("persoon", "person.name", "name", 25),
        ("e-mail persoon", "person.email", "email", 25),
    )
    + _cols(ProgrammeRole, ("volgorde", "order", "order", 10), ("toelichting", "note", "note", 30))
    + _cols(
        RoleHours,
        ("jaar", "hours.year", "year", 10),
        ("geplande uren", "hours.planned_hours", "planned_hours", 14),
        ("gerealiseerde uren", "hours.realised_hours", "realised_hours", 14),
    ),
)
PEOPLE_SHEET = Sheet(
    "Personen",
    PEOPLE_SECTION.key,
    _cols(
        Person,
        ("naam", "name", "name", 25),
        ("functie", "function_title", "function_title", 25),
        ("e-mail", "email", "email", 25),
        ("organisatie", "organisation", "organisation", 25),
        ("toelichting", "note", "note", 30),
    ),
)
PARTNERS_SHEET = Sheet(
    "Partnerorganisaties",
    PARTNERS_SECTION.key,
    _cols(
        PartnerOrganisation,
        ("naam", "name", "name", 30),
        ("soort", "kind"),
        ("omschrijving", "description", "description", 50),
        ("website", "website", "website", 30),
    ),
)
SOURCES_SHEET = Sheet(
    "Bronnen",
    "bronnen",
    _cols(
        FundingSource,
        ("naam", "name", "name", 30),
        ("omschrijving", "description", "description", 50),
        ("volgorde", "order", "order", 10),
        ("toelichting", "note", "note", 30),
    ),
)
AVAILABLE_SHEET = Sheet(
    "Beschikbaar",
    "beschikbaar",
    _cols(SourceAvailability, ("bron", "source", "source", 30), ("jaar", "year", "year", 10))
    + (Column("bedrag", "amount", SourceAvailability, "amount", money=True, width=16),)
    + _cols(SourceAvailability, ("toelichting", "note", "note", 30)),
)
BUDGET_SHEET = Sheet(
    "Begroting",
    "begroting",
    _cols(
        BudgetLine,
        ("bron", "source", "source", 30),
        ("jaar", "year", "year", 10),
        ("inspanning", "effort", "effort", 40),
        ("post", "item", "item", 30),
    )
    + (Column("bedrag", "amount", BudgetLine, "amount", money=True, width=16),)
    + _cols(BudgetLine, ("toelichting", "note", "note", 30)),
)

# The sheets a new programme is read from, in the order of the workbook.
SHEETS = (
    PROGRAMME_SHEET,
    CHOICES_SHEET,
    STRATEGIC_GOALS_SHEET,
    OPERATIONAL_GOALS_SHEET,
    TRACKS_SHEET,
    EFFORTS_SHEET,
    ACTIVITIES_SHEET,
    LINKS_SHEET,
    ROLES_SHEET,
    PEOPLE_SHEET,
    PARTNERS_SHEET,
    SOURCES_SHEET,
    AVAILABLE_SHEET,
    BUDGET_SHEET,
)
# Columns that refer to a row of another sheet: (sheet, column) → (sheet, column) referred to.
REFERENCES = {
    ("Operationele doelen", "strategisch doel"): ("Strategische doelen", "code"),
    ("Inspanningen", "spoor"): ("Sporen", "naam"),
    ("Inspanningen", "trekker"): ("Personen", "naam"),
    ("Inspanningen", "e-mail trekker"): ("Personen", "e-mail"),
    ("Inspanningen", "partners"): ("Partnerorganisaties", "naam"),
    ("Activiteiten", "inspanning"): ("Inspanningen", "naam"),
    ("Koppelingen", "doel"): ("Operationele doelen", "code"),
    ("Koppelingen", "inspanning"): ("Inspanningen", "naam"),
    ("Rollen", "persoon"): ("Personen", "naam"),
    ("Rollen", "e-mail persoon"): ("Personen", "e-mail"),
    ("Personen", "organisatie"): ("Partnerorganisaties", "naam"),
    ("Beschikbaar", "bron"): ("Bronnen", "naam"),
    ("Begroting", "bron"): ("Bronnen", "naam"),
    ("Begroting", "inspanning"): ("Inspanningen", "naam"),
}
EXPLANATION_TITLE = "Uitleg"
KEY_VALUE_HEADERS = ("veld", "waarde")
