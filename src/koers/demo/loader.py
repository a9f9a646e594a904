"""Load the two Almelo demo programmes (:mod:`koers.demo.seed_data`) and the demo users.

Every write goes through :mod:`koers.programmes.services`, so the history records who loaded the
data. Loading is idempotent: a programme whose slug exists is left as it is. Each programme is
loaded in its own transaction, so a failure leaves no half-loaded programme behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.programmes import services
from koers.programmes.constants import AccessLevel
from koers.programmes.models import (
    Activity,
    Effort,
    PartnerOrganisation,
    Person,
    Programme,
    ProgrammeRole,
    StrategicChoice,
    StrategicGoal,
    Track,
)

from .budget import load_demo_budget
from .measurements import load_demo_measurements
from .reports import load_demo_reports
from .risks import load_demo_risks
from .seed_data import (
    BINNENSTAD,
    PARTNERS,
    PROGRAMMES,
    PersonData,
    ProgrammeData,
)

#: What :func:`load_demo` did with a programme (passed to its ``on_programme`` callback).
CREATED = "created"
PRESENT = "present"
RELOADED = "reloaded"

DEMO_SLUGS: tuple[str, ...] = tuple(p.slug for p in PROGRAMMES)


class DemoDataError(Exception):
    """A demo programme failed validation; nothing of that programme was saved."""

    def __init__(self, slug: str, error: ValidationError):
        self.slug = slug
        self.error = error
        if hasattr(error, "error_dict"):
            problems = "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
            )
        else:
            problems = "; ".join(error.messages)
        super().__init__(
            _(
                "The demo programme %(slug)s could not be loaded; nothing of it was saved. "
                "%(problems)s"
            )
            % {"slug": slug, "problems": problems}
        )


def load_demo(
    *,
    actor=None,
    reset: bool = False,
    on_programme: Callable[[Programme, str], None] | None = None,
) -> list[Programme]:
    """Create the demo programmes that do not exist yet and return all of them.

    With ``reset`` an existing demo programme is deleted and loaded again (in one transaction per
    programme). ``on_programme(programme, outcome)`` is told for each programme whether it was
    ``CREATED``, already ``PRESENT`` (left as it is) or ``RELOADED``.
    """
    programmes = []
    for data in PROGRAMMES:
        try:
            programme, outcome = _programme_ensure(data, actor=actor, reset=reset)
        except ValidationError as exc:
            raise DemoDataError(data.slug, exc) from exc
        programmes.append(programme)
        if on_programme is not None:
            on_programme(programme, outcome)
    return programmes


def _programme_ensure(data: ProgrammeData, *, actor, reset: bool) -> tuple[Programme, str]:
    """Load one programme in one transaction: (programme, outcome)."""
    with transaction.atomic():
        existing = Programme.objects.select_for_update().filter(slug=data.slug).first()
        if existing is not None and not reset:
            return existing, PRESENT
        if existing is not None:
            services.programme_delete(programme=existing, actor=actor, expected_version=None)
        programme = _programme_load(data, actor=actor)
        # The fictitious measurement series of the monitor (only for a programme loaded now: a
        # present programme is left as it is).
        load_demo_measurements(programme, actor=actor)
        # The fictitious reporting calendar and progress reports (Binnenstad only).
        load_demo_reports(programme, actor=actor)
        load_demo_budget(programme, actor=actor)
        load_demo_risks(programme, actor)
    return programme, (RELOADED if existing is not None else CREATED)


def _programme_load(data: ProgrammeData, *, actor) -> Programme:
    programme = services.programme_create(actor=actor, **data.programme_fields())
    for order, choice in enumerate(data.choices, start=1):
        services.object_create(
            StrategicChoice,
            actor=actor,
            programme=programme,
            order=order,
            title=choice.title,
            text=choice.text,
        )
    op_order = 0
    for sg_order, sg in enumerate(data.strategic_goals, start=1):
        strategic_goal = services.object_create(
            StrategicGoal,
            actor=actor,
            programme=programme,
            code=sg.code,
            title=sg.title,
            text=sg.text,
            order=sg_order,
            note=sg.note,
        )
        for og in sg.operational_goals:
            op_order += 1
            services.operational_goal_create(
                actor=actor,
                indicator=og.indicator.fields() if og.indicator is not None else None,
                programme=programme,
                strategic_goal=strategic_goal,
                code=og.code,
                statement=og.statement,
                kind=og.kind,
                order=op_order,
                note=og.note,
            )
    for order, track in enumerate(data.tracks, start=1):
        services.object_create(
            Track,
            actor=actor,
            programme=programme,
            name=track.name,
            description=track.description,
            order=order,
            start_year=track.start_year,
            end_year=track.end_year,
            note=track.note,
        )
    for order, effort_data in enumerate(data.efforts, start=1):
        effort = services.effort_create(
            actor=actor,
            partners=[_partner(name, actor=actor) for name in effort_data.partners],
            programme=programme,
            name=effort_data.name,
            description=effort_data.description,
            start_date=effort_data.start_date,
            end_date=effort_data.end_date,
            order=order,
            note=effort_data.note,
        )
        for a_order, activity in enumerate(effort_data.activities, start=1):
            services.object_create(
                Activity,
                actor=actor,
                effort=effort,
                year=activity.year,
                description=activity.description,
                order=a_order,
            )
    for order, role_data in enumerate(data.roles, start=1):
        role = services.object_create(
            ProgrammeRole,
            actor=actor,
            programme=programme,
            kind=role_data.kind,
            title=role_data.title,
            person=_person(role_data.person, actor=actor) if role_data.person else None,
            order=order,
            note=role_data.note,
        )
        for year, hours in role_data.hours:
            services.role_hours_set(role=role, year=year, planned_hours=hours, actor=actor)
    for name in data.organisations:
        _partner(name, actor=actor)
    return programme


def _partner(name: str, *, actor) -> PartnerOrganisation:
    """The partner organisation with this name; created from the seed data when missing.
    Partner organisations are shared between programmes, so an existing one is left as it is."""
    existing = PartnerOrganisation.objects.filter(name=name).first()
    if existing is not None:
        return existing
    data = PARTNERS[name]
    return services.object_create(
        PartnerOrganisation,
        actor=actor,
        name=data.name,
        kind=data.kind,
        description=data.description,
    )


def _person(data: PersonData, *, actor) -> Person:
    """The person with this name and function, created when missing (people are shared between
    programmes, and survive deleting a programme)."""
    existing = Person.objects.filter(
        name=data.name, function_title=data.function_title, organisation=None
    ).first()
    if existing is not None:
        return existing
    return services.object_create(
        Person, actor=actor, name=data.name, function_title=data.function_title
    )


# --- demo users ---------------------------------------------------------------------------------

TREKKER_PERSON_NAME = "Demo-trekker (fictief)"
TREKKER_PERSON_FUNCTION = "Trekker"
TREKKER_PERSON_NOTE = (
    "Fictieve demogebruiker: de bronnen noemen geen trekkers van inspanningen. Bestaat alleen om "
    "in demomodus de rol van trekker te laten zien."
)
TREKKER_EFFORT = "Communicatie & Marketing"


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    first_name: str
    last_name: str
    is_functional_admin: bool = False


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("beheerder", "demo-beheerder", "Demo", "Beheerder (fictief)", True),
    DemoUser("programmamanager", "demo-programmamanager", "Demo", "Programmamanager (fictief)"),
    DemoUser("trekker", "demo-trekker", "Demo", "Trekker (fictief)"),
    DemoUser("lezer", "demo-lezer", "Demo", "Lezer (fictief)"),
)


def _user_descriptions() -> dict[str, str]:
    return {
        "beheerder": _("functional administrator (may do everything)"),
        "programmamanager": _("programme manager (edits both demo programmes)"),
        "trekker": _("effort owner of “%(effort)s” (Programma Binnenstad)")
        % {"effort": TREKKER_EFFORT},
        "lezer": _("reader of both demo programmes (e.g. alderman, council)"),
    }


def demo_users_ensure(*, actor=None) -> list[tuple[str, str, str]]:
    """Create one demo user per role (idempotent) and return (username, password, description).

    Users that exist already are left as they are (their password is not reset). Access is
    granted on the demo programmes that exist; the effort owner is set when the Binnenstad effort
    exists. Only for demo mode (``KOERS_DEMO``): the passwords are public.
    """
    user_model = get_user_model()
    descriptions = _user_descriptions()
    result = []
    with transaction.atomic():
        users = {}
        for spec in DEMO_USERS:
            user = user_model.objects.filter(username=spec.username).first()
            if user is None:
                user = user_model.objects.create_user(
                    spec.username,
                    password=spec.password,
                    first_name=spec.first_name,
                    last_name=spec.last_name,
                    is_functional_admin=spec.is_functional_admin,
                )
            users[spec.username] = user
            result.append((spec.username, spec.password, descriptions[spec.username]))

        programmes = list(Programme.objects.filter(slug__in=DEMO_SLUGS).order_by("slug"))
        for programme in programmes:
            services.programme_access_grant(
                programme=programme,
                user=users["programmamanager"],
                level=AccessLevel.STAFF,
                actor=actor,
            )
            services.programme_access_grant(
                programme=programme, user=users["lezer"], level=AccessLevel.READER, actor=actor
            )

        trekker = users["trekker"]
        person = Person.objects.filter(user=trekker).first()
        if person is None:
            person = services.object_create(
                Person,
                actor=actor,
                name=TREKKER_PERSON_NAME,
                function_title=TREKKER_PERSON_FUNCTION,
                note=TREKKER_PERSON_NOTE,
                user=trekker,
            )
        effort = Effort.objects.filter(programme__slug=BINNENSTAD.slug, name=TREKKER_EFFORT).first()
        if effort is not None and effort.owner_id != person.pk:
            services.object_update(effort, actor=actor, expected_version=None, owner=person)
    return result


__all__ = [
    "CREATED",
    "DEMO_SLUGS",
    "DEMO_USERS",
    "DemoDataError",
    "PRESENT",
    "RELOADED",
    "demo_users_ensure",
    "load_demo",
]
