"""The kinds of data of a programme beyond the DIN, as the exchange format (version 2) writes
them: one :class:`Kind` per model, its section in the file, how its rows are found for a
programme, and which of its fields refer to other elements by natural key.

The plain fields of a kind are *derived from the model*: every concrete field that is not a
relation, not the database id and not the optimistic-locking counter ``version``, in the model's
field order. A new field on one of these models (a boolean ``archived``, a date ``ended_on``) is
therefore exported and imported without touching this module; the JSON Schema file must be
regenerated (``koers exchangeschema``, checked by ``tests/exchange/test_schema.py``) and
``docs/uitwisseling.md`` extended. The DIN kinds are listed explicitly in
:mod:`koers.programmes.exchange.schema` (add the field name to the ``ElementSpec`` there).

A relation must be declared as a :class:`Ref` (what it points at) or be the ``parent`` of a
nested kind or be named in ``skip`` (with the reason); ``tests/exchange`` checks that nothing is
left over, so a new relation cannot be silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.decisions.models import ChangeProposal, Decision, PendingChange, ProgrammeChange
from koers.finance.models import (
    BudgetLine,
    BudgetTransfer,
    FundingSource,
    SourceAvailability,
    Spending,
)
from koers.intake.models import ContactMoment, Initiative
from koers.monitoring.models import GoalJudgement, Measurement
from koers.partners.models import Contribution, PartnerInterest
from koers.portfolio.models import AgendaItem, Meeting, MeetingItem, MeetingOccurrence
from koers.programmes.models import CrossProgrammeLink
from koers.public.models import EffortPublication, IndicatorPublication, ProgrammePublication
from koers.reporting.models import (
    DigestLog,
    EffortReporting,
    ProgressReport,
    ReminderLog,
    ReportingCalendar,
)
from koers.risks.models import EffortRiskParagraph, Risk

# What a reference points at. Natural keys (docs/uitwisseling.md, "Verwijzingen"):
USER = "user"  # user name (accounts belong to an installation: restored when the user exists)
PERSON = "person"  # {"name", "email"}
PARTNER = "partner"  # name
GOAL = "goal"  # operational goal code, this programme
INDICATOR = "indicator"  # the code of the indicator's operational goal
EFFORT = "effort"  # effort name, this programme
SOURCE = "source"  # funding source name, this programme
BUDGET_LINE = "budget_line"  # {"source", "year", "effort", "item"}
DECISION = "decision"  # {"date", "number", "title"}
PROPOSAL = "proposal"  # {"title", "created_at"}
CROSS_EFFORT = "cross_effort"  # {"programme": slug, "name"}
CROSS_GOAL = "cross_goal"  # {"programme": slug, "code"}

#: Never in the file: database ids and the optimistic-locking counter.
NOT_EXCHANGED = {"id", "version"}


@dataclass(frozen=True)
class Ref:
    field: str
    target: str
    many: bool = False


@dataclass(frozen=True)
class Kind:
    section: str  # the key in the file (Dutch)
    model: type[models.Model]
    label: Any  # what the kind is called in lists (gettext_lazy)
    refs: tuple[Ref, ...] = ()
    # For a top-level kind: the lookup from the model to the programme ("effort__programme").
    programme_path: str | None = None
    # For a nested kind: the field that points at the element it is nested under.
    parent: str | None = None
    children: tuple[Kind, ...] = ()
    # Keys of the written element that name it in the history (and order cross-programme
    # links); the other rows are written in the order they were recorded.
    sort: tuple[str, ...] = ()
    # Relations deliberately not exchanged, with the reason in the comment where declared.
    skip: tuple[str, ...] = ()
    # Paths of JSON fields whose {"$ref": …, "pk": …} values are written as natural keys.
    element_json: tuple[str, ...] = ()
    streamed: bool = False  # written one element a line, last in the file

    def ref(self, name: str) -> Ref | None:
        return next((r for r in self.refs if r.field == name), None)

    def keys(self) -> list[tuple[str, models.Field, Ref | None]]:
        """(key, model field, reference) in the order they are written."""
        out = []
        for f in self.model._meta.get_fields():
            if f.auto_created and not f.concrete:
                continue
            if f.name in NOT_EXCHANGED or f.name == self.parent or f.name in self.skip:
                continue
            if f.name == self.programme_path:
                continue
            ref = self.ref(f.name)
            if f.is_relation and ref is None:
                continue  # reported by unclaimed_relations()
            out.append((f.name, f, ref))
        return out

    def unclaimed_relations(self) -> list[str]:
        claimed = {r.field for r in self.refs} | set(self.skip) | {self.parent}
        claimed.add(self.programme_path)
        return [
            f.name
            for f in self.model._meta.get_fields()
            if f.is_relation and f.concrete and f.name not in claimed
        ] + [
            f.name
            for f in self.model._meta.many_to_many
            if f.name not in claimed  # many-to-many fields have no column: not concrete
        ]


MEASUREMENTS = Kind(
    "metingen",
    Measurement,
    _("measurements"),
    refs=(Ref("indicator", INDICATOR), Ref("entered_by", USER)),
    programme_path="indicator__operational_goal__programme",
    # An import batch is the uploaded file of a measurement import: a working object of one
    # installation (its stored file is not in the exchange).
    skip=("import_batch",),
    sort=("indicator", "period_start", "period_end"),
    streamed=True,
)
JUDGEMENTS = Kind(
    "oordelen",
    GoalJudgement,
    _("judgements"),
    refs=(Ref("operational_goal", GOAL), Ref("recorded_by", USER)),
    programme_path="operational_goal__programme",
    sort=("operational_goal", "date", "recorded_at"),
)
CALENDAR = Kind(
    "rapportagekalender",
    ReportingCalendar,
    _("reporting calendar"),
    programme_path="programme",
)
EFFORT_REPORTING = Kind(
    "rapportageplicht",
    EffortReporting,
    _("reporting obligations of efforts"),
    refs=(Ref("effort", EFFORT),),
    programme_path="effort__programme",
    sort=("effort",),
)
REPORTS = Kind(
    "voortgangsrapportages",
    ProgressReport,
    _("progress reports"),
    refs=(Ref("effort", EFFORT), Ref("submitted_by", USER), Ref("reviewed_by", USER)),
    programme_path="effort__programme",
    sort=("effort", "period_start"),
)
REMINDERS = Kind(
    "herinneringen",
    ReminderLog,
    _("reminders sent"),
    refs=(Ref("effort", EFFORT),),
    programme_path="effort__programme",
    sort=("effort", "period_start", "kind"),
)
DIGESTS = Kind(
    "overzichten",
    DigestLog,
    _("digests sent"),
    refs=(Ref("sent_by", USER),),
    programme_path="programme",
    sort=("sent_at",),
)
AVAILABILITY = Kind(
    "beschikbaarheid",
    SourceAvailability,
    _("availability of funding sources"),
    parent="source",
    sort=("year",),
)
SOURCES = Kind(
    "financieringsbronnen",
    FundingSource,
    _("funding sources"),
    programme_path="programme",
    children=(AVAILABILITY,),
    sort=("order", "name"),
)
SPENDING = Kind(
    "uitgaven",
    Spending,
    _("spending"),
    parent="budget_line",
    sort=("date", "kind", "reference"),
)
BUDGET_LINES = Kind(
    "begrotingsregels",
    BudgetLine,
    _("budget lines"),
    refs=(Ref("source", SOURCE), Ref("effort", EFFORT)),
    programme_path="programme",
    children=(SPENDING,),
    sort=("source", "year", "effort", "item"),
)
PENDING = Kind(
    "wijzigingen",
    PendingChange,
    _("pending changes"),
    refs=(Ref("created_by", USER),),
    parent="proposal",
    element_json=("target", "arguments"),
    sort=("created_at",),
)
PROPOSALS = Kind(
    "wijzigingsvoorstellen",
    ChangeProposal,
    _("change proposals"),
    refs=(Ref("created_by", USER),),
    programme_path="programme",
    children=(PENDING,),
    sort=("created_at", "title"),
)
DECISIONS = Kind(
    "besluiten",
    Decision,
    _("decisions"),
    refs=(Ref("proposal", PROPOSAL),),
    programme_path="programme",
    sort=("date", "number", "title"),
)
CHANGES = Kind(
    "wijzigingslog",
    ProgrammeChange,
    _("change record"),
    refs=(Ref("decision", DECISION), Ref("changed_by", USER)),
    programme_path="programme",
    sort=("changed_at",),
)
TRANSFERS = Kind(
    "overhevelingen",
    BudgetTransfer,
    _("budget transfers"),
    refs=(
        Ref("from_line", BUDGET_LINE),
        Ref("to_line", BUDGET_LINE),
        Ref("decision", DECISION),
    ),
    programme_path="programme",
    sort=("from_line", "to_line", "amount", "reason"),
)
RISKS = Kind(
    "risicos",
    Risk,
    _("risks"),
    refs=(Ref("owner", PERSON), Ref("goals", GOAL, many=True), Ref("efforts", EFFORT, many=True)),
    programme_path="programme",
    sort=("title",),
)
RISK_PARAGRAPHS = Kind(
    "risicoparagrafen",
    EffortRiskParagraph,
    _("risk paragraphs"),
    refs=(Ref("effort", EFFORT), Ref("drawn_up_by", PERSON)),
    programme_path="effort__programme",
    sort=("effort",),
)
CONTRIBUTIONS = Kind(
    "bijdragen",
    Contribution,
    _("partner contributions"),
    refs=(Ref("partner", PARTNER), Ref("effort", EFFORT)),
    programme_path="effort__programme",
    sort=("partner", "effort", "year", "kind"),
)
INTERESTS = Kind(
    "partnerbelangen",
    PartnerInterest,
    _("partner interests"),
    refs=(Ref("partner", PARTNER),),
    programme_path="programme",
    sort=("partner",),
)
AGENDA = Kind(
    "agendapunten", AgendaItem, _("agenda items"), parent="occurrence", sort=("order", "title")
)
MEETING_ITEMS = Kind(
    "afspraken",
    MeetingItem,
    _("meeting items"),
    refs=(Ref("owner", PERSON),),
    parent="occurrence",
    sort=("kind",),
)
OCCURRENCES = Kind(
    "bijeenkomsten",
    MeetingOccurrence,
    _("meetings held"),
    parent="meeting",
    children=(AGENDA, MEETING_ITEMS),
    sort=("date",),
)
MEETINGS = Kind(
    "overleggen",
    Meeting,
    _("meetings"),
    programme_path="programme",
    children=(OCCURRENCES,),
    sort=("kind", "title"),
)
CONTACTS = Kind(
    "contactmomenten", ContactMoment, _("contact moments"), parent="initiative", sort=("date",)
)
INITIATIVES = Kind(
    "initiatieven",
    Initiative,
    _("initiatives"),
    refs=(
        Ref("registered_by", USER),
        Ref("assessed_by", USER),
        Ref("effort", EFFORT),
        Ref("goals", GOAL, many=True),
    ),
    programme_path="programme",
    children=(CONTACTS,),
    sort=("registered_at", "title"),
)
PUBLICATION = Kind(
    "publicatie", ProgrammePublication, _("publication choices"), programme_path="programme"
)
INDICATOR_PUBLICATIONS = Kind(
    "indicatorpublicaties",
    IndicatorPublication,
    _("publication choices of indicators"),
    refs=(Ref("indicator", INDICATOR),),
    programme_path="indicator__operational_goal__programme",
    sort=("indicator",),
)
EFFORT_PUBLICATIONS = Kind(
    "inspanningpublicaties",
    EffortPublication,
    _("publication choices of efforts"),
    refs=(Ref("effort", EFFORT),),
    programme_path="effort__programme",
    sort=("effort",),
)
CROSS_LINKS = Kind(
    "programmakoppelingen",
    CrossProgrammeLink,
    _("cross-programme links"),
    refs=(
        Ref("effort", CROSS_EFFORT),
        Ref("operational_goal", CROSS_GOAL),
        Ref("proposed_by", USER),
        Ref("decided_by", USER),
    ),
    # Written in the files of both programmes; restored when both ends exist.
    programme_path=None,
    sort=("effort", "operational_goal"),
)

#: The order of the sections after the DIN: a kind refers only to kinds before it.
KINDS: tuple[Kind, ...] = (
    CALENDAR,
    EFFORT_REPORTING,
    SOURCES,
    BUDGET_LINES,
    PROPOSALS,
    DECISIONS,
    CHANGES,
    TRANSFERS,
    RISKS,
    RISK_PARAGRAPHS,
    CONTRIBUTIONS,
    INTERESTS,
    MEETINGS,
    INITIATIVES,
    PUBLICATION,
    INDICATOR_PUBLICATIONS,
    EFFORT_PUBLICATIONS,
    CROSS_LINKS,
    JUDGEMENTS,
    REPORTS,
    REMINDERS,
    DIGESTS,
    MEASUREMENTS,  # last: read one line at a time (see koers.exchange.read)
)


def all_kinds() -> list[Kind]:
    found: list[Kind] = []

    def visit(kind: Kind) -> None:
        found.append(kind)
        for child in kind.children:
            visit(child)

    for kind in KINDS:
        visit(kind)
    return found
