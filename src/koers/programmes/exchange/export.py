"""Export: a programme as plain data and JSON text in the exchange format (natural keys, no
ids), read through one prefetched query set."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from ..models import (
    Activity,
    Effort,
    GoalEffortLink,
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
from .problems import ExchangeError, Problem, _show
from .schema import (
    CHOICES_SECTION,
    EFFORTS_SECTION,
    FORMAT,
    FORMAT_VERSION,
    LINKS_SECTION,
    OPERATIONAL_GOAL,
    OPERATIONAL_GOALS_SECTION,
    PARTNER,
    PARTNERS_SECTION,
    PEOPLE_SECTION,
    PERSON,
    PERSON_KEY_FIELDS,
    PROGRAMME_SECTION,
    ROLES_SECTION,
    STRATEGIC_GOAL,
    STRATEGIC_GOALS_SECTION,
    TRACKS_SECTION,
    ElementSpec,
    Ref,
)

# --- rendering of values ------------------------------------------------------------------------


def decimal_to_str(value: Decimal) -> str:
    """The canonical text of a decimal: exact, no trailing zeros, no exponent ("7.5", "93000")."""
    if value == 0:
        return "0"
    return format(value.normalize(), "f")


def _render(value: Any) -> Any:
    if isinstance(value, Decimal):
        return decimal_to_str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


# --- export -------------------------------------------------------------------------------------


def export_queryset() -> QuerySet[Programme]:
    """Programmes with everything the export reads, in a fixed number of queries."""
    return Programme.objects.prefetch_related(
        Prefetch("choices", queryset=StrategicChoice.objects.order_by()),
        Prefetch("strategic_goals", queryset=StrategicGoal.objects.order_by()),
        Prefetch(
            "operational_goals",
            queryset=OperationalGoal.objects.select_related(
                "strategic_goal", "indicator"
            ).order_by(),
        ),
        Prefetch("tracks", queryset=Track.objects.order_by()),
        Prefetch(
            "efforts",
            queryset=Effort.objects.select_related("track", "owner__organisation").order_by(),
        ),
        Prefetch("efforts__partners", queryset=PartnerOrganisation.objects.order_by()),
        Prefetch("efforts__activities", queryset=Activity.objects.order_by()),
        Prefetch(
            "efforts__links",
            queryset=GoalEffortLink.objects.select_related("operational_goal").order_by(),
        ),
        Prefetch(
            "roles",
            queryset=ProgrammeRole.objects.select_related("person__organisation").order_by(),
        ),
        Prefetch("roles__hours", queryset=RoleHours.objects.order_by()),
    )


def _canonical(item: dict[str, Any]) -> str:
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


def _sorted(items: Iterable[dict[str, Any]], spec: ElementSpec) -> list[dict[str, Any]]:
    """Order then natural key (``spec.sort_key``); the whole element breaks any remaining tie."""
    key = spec.sort_key or (lambda d: ())
    return sorted(items, key=lambda d: (key(d), _canonical(d)))


class _Exporter:
    def __init__(self) -> None:
        self.people: dict[tuple[str, str], Person] = {}
        self.partners: dict[str, PartnerOrganisation] = {}
        self.problems: list[Problem] = []

    def person_ref(self, person: Person) -> dict[str, str]:
        key = (person.name, person.email)
        known = self.people.setdefault(key, person)
        if known.pk != person.pk:
            self.problems.append(
                Problem(
                    PEOPLE_SECTION.key,
                    _(
                        "Two different people are called %(name)s and have the same e-mail "
                        "address %(email)s; give them a different name or e-mail address first."
                    )
                    % {"name": _show(person.name), "email": _show(person.email)},
                )
            )
        return dict(zip(PERSON_KEY_FIELDS, key, strict=True))

    def partner_ref(self, partner: PartnerOrganisation) -> str:
        self.partners[partner.name] = partner
        return partner.name

    def ref(self, target: str, obj: Any) -> Any:
        if obj is None:
            return None
        if target == PERSON:
            return self.person_ref(obj)
        if target == PARTNER:
            return self.partner_ref(obj)
        if target in (STRATEGIC_GOAL, OPERATIONAL_GOAL):
            return obj.code
        return obj.name  # TRACK, EFFORT

    def element(self, obj: models.Model, spec: ElementSpec) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in spec.keys:
            if isinstance(key, str):
                out[key] = _render(getattr(obj, key))
            elif isinstance(key, Ref):
                if key.many:
                    out[key.key] = sorted(
                        self.ref(key.target, o) for o in getattr(obj, key.key).all()
                    )
                else:
                    out[key.key] = self.ref(key.target, getattr(obj, key.key))
            elif key.many:
                children = [self.element(o, key.spec) for o in getattr(obj, key.key).all()]
                out[key.key] = _sorted(children, key.spec)
            else:
                try:
                    child = getattr(obj, key.key)
                except ObjectDoesNotExist:
                    child = None
                out[key.key] = None if child is None else self.element(child, key.spec)
        return out

    def elements(self, objs: Iterable[models.Model], spec: ElementSpec) -> list[dict[str, Any]]:
        return _sorted((self.element(o, spec) for o in objs), spec)


def programme_to_dict(programme: Programme) -> dict[str, Any]:
    """The whole programme as plain data in the exchange format (natural keys, no ids).

    Reads through :func:`export_queryset`: the number of queries does not depend on the size of
    the programme. Raises :class:`ExchangeError` when the programme cannot be written with natural
    keys (two people with the same name and e-mail address; track, effort and goal names are
    unique per programme by database constraint).
    """
    programme = export_queryset().get(pk=programme.pk)
    ex = _Exporter()
    efforts = list(programme.efforts.all())
    tracks = list(programme.tracks.all())
    data: dict[str, Any] = {"format": FORMAT, "format_version": FORMAT_VERSION}
    data[PROGRAMME_SECTION.key] = ex.element(programme, PROGRAMME_SECTION.spec)
    data[CHOICES_SECTION.key] = ex.elements(programme.choices.all(), CHOICES_SECTION.spec)
    data[STRATEGIC_GOALS_SECTION.key] = ex.elements(
        programme.strategic_goals.all(), STRATEGIC_GOALS_SECTION.spec
    )
    data[OPERATIONAL_GOALS_SECTION.key] = ex.elements(
        programme.operational_goals.all(), OPERATIONAL_GOALS_SECTION.spec
    )
    data[TRACKS_SECTION.key] = ex.elements(tracks, TRACKS_SECTION.spec)
    data[EFFORTS_SECTION.key] = ex.elements(efforts, EFFORTS_SECTION.spec)
    data[LINKS_SECTION.key] = ex.elements(
        (link for effort in efforts for link in effort.links.all()), LINKS_SECTION.spec
    )
    data[ROLES_SECTION.key] = ex.elements(programme.roles.all(), ROLES_SECTION.spec)
    # People first: their organisations are partner organisations the programme refers to.
    data[PEOPLE_SECTION.key] = ex.elements(list(ex.people.values()), PEOPLE_SECTION.spec)
    data[PARTNERS_SECTION.key] = ex.elements(list(ex.partners.values()), PARTNERS_SECTION.spec)
    if ex.problems:
        raise ExchangeError(ex.problems)
    return data


def dict_to_json(data: dict[str, Any]) -> str:
    """The file text: UTF-8 characters as they are, indent 2, a newline at the end."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def programme_to_json(programme: Programme) -> str:
    return dict_to_json(programme_to_dict(programme))
