"""Writing a checked programme file through the services, in one transaction: the whole
programme is written or nothing is."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from .. import services
from ..change_control import Change, record
from ..constants import ChangeKind, ProgrammeStatus
from ..models import (
    Activity,
    PartnerOrganisation,
    Person,
    Programme,
    ProgrammeAccess,
    ProgrammeRole,
    StrategicChoice,
    StrategicGoal,
    Track,
)
from .problems import ExchangeError, Problem, ProgrammeExistsError, _show
from .schema import (
    CHOICES_SECTION,
    EFFORTS_SECTION,
    LINKS_SECTION,
    OPERATIONAL_GOALS_SECTION,
    PARTNERS_SECTION,
    PEOPLE_SECTION,
    ROLES_SECTION,
    STRATEGIC_GOALS_SECTION,
    TRACKS_SECTION,
)
from .validate import _check, _Checked, _Item, _validation_problems

_MISSING: Any = object()  # a referenced element that could not be written (problem reported)


def _lookup(mapping: dict[Any, Any], key: Any) -> Any:
    if key is None:
        return None
    return mapping.get(key, _MISSING)


class _Writer:
    """Writes a checked programme through the services. A ValidationError of one element is
    recorded with its path and the writing goes on (without what depends on that element), so
    that one run reports as much as possible; the caller then rolls everything back."""

    def __init__(self, actor, notes: list[str]):
        self.actor = actor
        self.notes = notes
        self.problems: list[Problem] = []

    def attempt(self, item: _Item, create: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return create(*args, **kwargs)
        except ValidationError as exc:
            self.problems.extend(_validation_problems(exc, item))
            return _MISSING

    def create(self, item: _Item, model: type[models.Model], **fields: Any) -> Any:
        return self.attempt(
            item, services.object_create, model, actor=self.actor, **item.fields, **fields
        )

    def partners(self, items: list[_Item]) -> dict[str, PartnerOrganisation]:
        names = [item.fields["name"] for item in items]
        existing = {p.name: p for p in PartnerOrganisation.objects.filter(name__in=names)}
        result = {}
        for item in items:
            name = item.fields["name"]
            partner = existing.get(name)
            if partner is None:
                partner = self.create(item, PartnerOrganisation)
            elif any(getattr(partner, k) != v for k, v in item.fields.items()):
                self.notes.append(
                    _(
                        "Partner organisation %(name)s already exists with other details; "
                        "the existing details are kept."
                    )
                    % {"name": _show(name)}
                )
            if partner is not _MISSING:
                result[name] = partner
        return result

    def people(
        self, items: list[_Item], partners: dict[str, PartnerOrganisation]
    ) -> dict[tuple[str, str], Person]:
        names = [item.fields["name"] for item in items]
        existing: dict[tuple[str, str], Person] = {}
        for person in (
            Person.objects.filter(name__in=names).select_related("organisation").order_by("pk")
        ):
            existing.setdefault((person.name, person.email), person)
        result = {}
        for item in items:
            key = (item.fields["name"], item.fields["email"])
            organisation = _lookup(partners, item.refs["organisation"])
            if organisation is _MISSING:
                continue
            person = existing.get(key)
            if person is None:
                person = self.create(item, Person, organisation=organisation)
            elif person.function_title != item.fields["function_title"] or (
                person.organisation != organisation
            ):
                self.notes.append(
                    _(
                        "Person %(name)s (%(email)s) already exists with other details; "
                        "the existing details are kept."
                    )
                    % {"name": _show(key[0]), "email": _show(key[1])}
                )
            if person is not _MISSING:
                result[key] = person
        return result

    def write(self, checked: _Checked) -> Programme | None:
        sections = checked.sections
        partners = self.partners(sections[PARTNERS_SECTION.key])
        people = self.people(sections[PEOPLE_SECTION.key], partners)
        # An adopted programme accepts new goals and efforts only with a decision: write it as
        # a draft and give it its status once everything is in.
        fields = dict(checked.programme.fields)
        status = fields.pop("status", None)
        programme = self.attempt(
            checked.programme, services.programme_create, actor=self.actor, **fields
        )
        if programme is _MISSING:
            return None
        for item in sections[CHOICES_SECTION.key]:
            self.create(item, StrategicChoice, programme=programme)

        strategic_goals = {}
        for item in sections[STRATEGIC_GOALS_SECTION.key]:
            goal = self.create(item, StrategicGoal, programme=programme)
            if goal is not _MISSING:
                strategic_goals[goal.code] = goal

        goals = {}
        for item in sections[OPERATIONAL_GOALS_SECTION.key]:
            strategic_goal = _lookup(strategic_goals, item.refs["strategic_goal"])
            if strategic_goal is _MISSING:
                continue
            indicator = item.nested["indicator"]
            goal = self.attempt(
                item,
                services.operational_goal_create,
                actor=self.actor,
                programme=programme,
                strategic_goal=strategic_goal,
                indicator=None if indicator is None else indicator.fields,
                **item.fields,
            )
            if goal is not _MISSING:
                goals[goal.code] = goal

        tracks = {}
        for item in sections[TRACKS_SECTION.key]:
            track = self.create(item, Track, programme=programme)
            if track is not _MISSING:
                tracks[track.name] = track

        efforts = {}
        for item in sections[EFFORTS_SECTION.key]:
            track = _lookup(tracks, item.refs["track"])
            owner = _lookup(people, item.refs["owner"])
            effort_partners = [_lookup(partners, name) for name in item.refs["partners"]]
            if _MISSING in (track, owner) or _MISSING in effort_partners:
                continue
            effort = self.attempt(
                item,
                services.effort_create,
                actor=self.actor,
                programme=programme,
                track=track,
                owner=owner,
                partners=effort_partners,
                **item.fields,
            )
            if effort is _MISSING:
                continue
            efforts[effort.name] = effort
            for activity in item.nested["activities"]:
                self.create(activity, Activity, effort=effort)

        for item in sections[LINKS_SECTION.key]:
            goal = _lookup(goals, item.refs["operational_goal"])
            effort = _lookup(efforts, item.refs["effort"])
            if _MISSING in (goal, effort):
                continue
            self.attempt(
                item,
                services.goal_effort_link_create,
                actor=self.actor,
                operational_goal=goal,
                effort=effort,
                **item.fields,
            )

        for item in sections[ROLES_SECTION.key]:
            person = _lookup(people, item.refs["person"])
            if person is _MISSING:
                continue
            role = self.create(item, ProgrammeRole, programme=programme, person=person)
            if role is _MISSING:
                continue
            for hours in item.nested["hours"]:
                self.attempt(
                    hours, services.role_hours_set, role=role, actor=self.actor, **hours.fields
                )
        if status == ProgrammeStatus.ADOPTED and programme.status != status:
            self.attempt(
                checked.programme, adopted_from_file, programme=programme, actor=self.actor
            )
        elif status and status != programme.status:
            self.attempt(
                checked.programme,
                services.programme_update,
                programme=programme,
                actor=self.actor,
                expected_version=None,
                status=status,
            )
        return programme


def adopted_from_file(*, programme: Programme, actor) -> Programme:
    """Give an imported programme the adopted status its file says it has. Adopting by hand
    takes the adopting decision; a programme file does not hold it, so the change record says
    that the adoption comes from the file and names no decision."""
    with transaction.atomic():
        before = programme.status
        programme.status = ProgrammeStatus.ADOPTED
        programme.full_clean(exclude=["version"])
        services.version_bump(programme, None)
        services.history_stamp(programme, actor, _("adopted according to the imported file"))
        programme.save()
        change = Change(
            programme,
            ChangeKind.ADOPTED,
            str(programme),
            ProgrammeStatus(before).label,
            _("adopted, according to the imported file (the file holds no adopting decision)"),
        )
        record(change, decision=None, actor=actor)
    return programme


def programme_import(
    data: Any, *, actor, replace: bool = False, notes: list[str] | None = None
) -> Programme:
    """Write a programme from the data of a programme file, completely or not at all.

    The data is checked first (:func:`validate_programme_dict`); then everything is written
    through the services in one transaction. People and partner organisations that already exist
    (a person by name and e-mail address, an organisation by name) are used as they are; any
    difference with the file is added to ``notes``. A programme with the same short name is
    refused with :class:`ProgrammeExistsError`, unless ``replace`` is given: then it is deleted
    in the same transaction and the access users had to it is given to the new programme.

    Raises :class:`ExchangeError` with every problem found; nothing is written then.
    """
    checked, problems = _check(data)
    if checked is None:
        raise ExchangeError(problems)
    notes = notes if notes is not None else []
    slug = checked.programme.fields["slug"]
    with transaction.atomic():
        existing = Programme.objects.filter(slug=slug).first()
        access: list[tuple[Any, str]] = []
        if existing is not None:
            if not replace:
                raise ProgrammeExistsError(slug)
            access = [(a.user, a.level) for a in existing.access.select_related("user")]
            services.programme_delete(programme=existing, actor=actor, expected_version=None)
        writer = _Writer(actor, notes)
        programme = writer.write(checked)
        if writer.problems or programme is None:
            raise ExchangeError(writer.problems)
        for user, level in access:
            if not ProgrammeAccess.objects.filter(programme=programme, user=user).exists():
                services.programme_access_grant(
                    programme=programme, user=user, level=level, actor=actor
                )
    return programme
