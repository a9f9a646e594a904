"""The JSON exchange format of a whole programme: ``koers-programma``, format version 1.

One description serves the exporter, the validator and the tests that keep the documentation
(``docs/uitwisseling.md``) and the data model in step with the format:

* an :class:`ElementSpec` lists the keys of one kind of element, in the order they are written;
* a plain string is a field of the model, written under the model's own field name;
* a :class:`Ref` refers to another element of the same file by its natural key (never a database
  id): a strategic goal or operational goal by ``code``, a track, effort or partner organisation
  by ``name``, a person by ``{"name", "email"}``;
* a :class:`Nested` holds elements that belong to this one (an effort's activities, a role's
  hours, a goal's indicator).

Section names are Dutch (they are what a reader of the file looks for); field names are those of
the data model, so the file, the code and the API use the same words for the same things.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

from ..models import (
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
from ..services import INDICATOR_FIELDS

FORMAT = "koers-programma"
FORMAT_VERSION = 1

# What a reference points at (the ``target`` of a Ref).
STRATEGIC_GOAL = "strategic_goal"
OPERATIONAL_GOAL = "operational_goal"
TRACK = "track"
EFFORT = "effort"
PERSON = "person"
PARTNER = "partner"

PERSON_KEY_FIELDS = ("name", "email")


@dataclass(frozen=True)
class Ref:
    """A key whose value is the natural key of another element of the file."""

    key: str
    target: str
    many: bool = False  # a list of references (an effort's partners)
    required: bool = False  # must be present and not null


@dataclass(frozen=True)
class Nested:
    """A key holding the element(s) that belong to this one."""

    key: str
    spec: ElementSpec
    many: bool  # a list (activities, hours) or a single object or null (indicator)


@dataclass(frozen=True)
class ElementSpec:
    model: type[models.Model]
    keys: tuple[str | Ref | Nested, ...]
    # Sort key of an exported element (a JSON-ready dict); ties are broken by the whole element.
    sort_key: Callable[[dict[str, Any]], tuple] | None = None

    def model_field(self, name: str) -> models.Field:
        return self.model._meta.get_field(name)

    @property
    def key_names(self) -> tuple[str, ...]:
        return tuple(k if isinstance(k, str) else k.key for k in self.keys)


def _person_sort(ref: dict[str, str] | None) -> tuple[str, str]:
    return ("", "") if ref is None else (ref["name"], ref["email"])


PARTNER_SPEC = ElementSpec(
    PartnerOrganisation,
    ("name", "kind", "description", "website"),
    sort_key=lambda d: (d["name"],),
)
PERSON_SPEC = ElementSpec(
    Person,
    ("name", "function_title", "email", Ref("organisation", PARTNER), "note"),
    sort_key=lambda d: (d["name"], d["email"]),
)
PROGRAMME_SPEC = ElementSpec(
    Programme,
    (
        "slug",
        "name",
        "municipality",
        "period_start",
        "period_end",
        "contract_version",
        "contract_date",
        "mission",
        "vision",
        "scope",
        "status",
        "note",
    ),
)
CHOICE_SPEC = ElementSpec(
    StrategicChoice,
    ("order", "title", "text", "note"),
    sort_key=lambda d: (d["order"], d["title"]),
)
STRATEGIC_GOAL_SPEC = ElementSpec(
    StrategicGoal,
    ("code", "title", "text", "order", "note"),
    sort_key=lambda d: (d["order"], d["code"]),
)
# The indicator's fields are the ones operational_goal_create/update take.
INDICATOR_SPEC = ElementSpec(Indicator, tuple(INDICATOR_FIELDS))
OPERATIONAL_GOAL_SPEC = ElementSpec(
    OperationalGoal,
    (
        "code",
        Ref("strategic_goal", STRATEGIC_GOAL, required=True),
        "statement",
        "kind",
        "order",
        "note",
        "archived_at",
        Nested("indicator", INDICATOR_SPEC, many=False),
    ),
    sort_key=lambda d: (d["order"], d["code"]),
)
TRACK_SPEC = ElementSpec(
    Track,
    ("name", "description", "order", "start_year", "end_year", "note"),
    sort_key=lambda d: (d["order"], d["name"]),
)
ACTIVITY_SPEC = ElementSpec(
    Activity,
    ("year", "order", "description"),
    sort_key=lambda d: (d["year"], d["order"], d["description"]),
)
EFFORT_SPEC = ElementSpec(
    Effort,
    (
        "name",
        Ref("track", TRACK),
        "description",
        Ref("owner", PERSON),
        "municipality_role",
        Ref("partners", PARTNER, many=True),
        "start_date",
        "end_date",
        "status",
        "order",
        "archived_at",
        "note",
        Nested("activities", ACTIVITY_SPEC, many=True),
    ),
    sort_key=lambda d: (d["order"], d["name"]),
)
LINK_SPEC = ElementSpec(
    GoalEffortLink,
    (
        Ref("operational_goal", OPERATIONAL_GOAL, required=True),
        Ref("effort", EFFORT, required=True),
        "contribution",
    ),
    sort_key=lambda d: (d["operational_goal"], d["effort"]),
)
HOURS_SPEC = ElementSpec(
    RoleHours, ("year", "planned_hours", "realised_hours"), sort_key=lambda d: (d["year"],)
)
ROLE_SPEC = ElementSpec(
    ProgrammeRole,
    (
        "kind",
        "title",
        Ref("person", PERSON),
        "order",
        "note",
        Nested("hours", HOURS_SPEC, many=True),
    ),
    sort_key=lambda d: (d["order"], d["kind"], d["title"], _person_sort(d["person"])),
)


@dataclass(frozen=True)
class Section:
    key: str
    spec: ElementSpec
    many: bool


# The top-level keys after "format" and "format_version", in the order they are written.
PROGRAMME_SECTION = Section("programma", PROGRAMME_SPEC, many=False)
CHOICES_SECTION = Section("strategische_keuzes", CHOICE_SPEC, many=True)
STRATEGIC_GOALS_SECTION = Section("strategische_doelen", STRATEGIC_GOAL_SPEC, many=True)
OPERATIONAL_GOALS_SECTION = Section("operationele_doelen", OPERATIONAL_GOAL_SPEC, many=True)
TRACKS_SECTION = Section("sporen", TRACK_SPEC, many=True)
EFFORTS_SECTION = Section("inspanningen", EFFORT_SPEC, many=True)
LINKS_SECTION = Section("koppelingen", LINK_SPEC, many=True)
ROLES_SECTION = Section("rollen", ROLE_SPEC, many=True)
PEOPLE_SECTION = Section("personen", PERSON_SPEC, many=True)
PARTNERS_SECTION = Section("partnerorganisaties", PARTNER_SPEC, many=True)

SECTIONS = (
    PROGRAMME_SECTION,
    CHOICES_SECTION,
    STRATEGIC_GOALS_SECTION,
    OPERATIONAL_GOALS_SECTION,
    TRACKS_SECTION,
    EFFORTS_SECTION,
    LINKS_SECTION,
    ROLES_SECTION,
    PEOPLE_SECTION,
    PARTNERS_SECTION,
)

# Model fields that are deliberately not part of the file: database ids, the optimistic-locking
# counter, the parent an element is nested under or belongs to, and the link between a person and
# a user account (accounts belong to one installation), also the one who archived an element
# (when it was archived is exchanged).
NOT_EXCHANGED = {
    "id",
    "version",
    "programme",
    "user",
    "archived_by",
    "operational_goal",  # of Indicator: nested under its goal
    "effort",  # of Activity: nested under its effort
    "role",  # of RoleHours: nested under its role
}


def all_specs() -> list[ElementSpec]:
    """Every element spec, nested ones included."""
    found: list[ElementSpec] = []

    def visit(spec: ElementSpec) -> None:
        found.append(spec)
        for key in spec.keys:
            if isinstance(key, Nested):
                visit(key.spec)

    for section in SECTIONS:
        visit(section.spec)
    return found
