"""Writes of the intake: registering an initiative, assessing it, its moments of contact and
turning it into an effort. Keyword-only arguments, ``full_clean()``, one transaction, ``actor``
in the history; a stale ``expected_version`` raises :class:`ConflictError` (the generic functions
of :mod:`koers.programmes.services`).

Turning an initiative into an effort writes through the DIN's own services, so an adopted
programme's change control applies: without a ``decision`` nothing is written."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.programmes import services as din
from koers.programmes.constants import EffortStatus
from koers.programmes.models import Effort, OperationalGoal, Programme
from koers.programmes.services import ConflictError, object_create, object_delete, object_update

from .constants import TO_EFFORT, IntakeStatus, Outcome
from .models import ContactMoment, Initiative

__all__ = [
    "ConflictError",
    "contact_moment_add",
    "contact_moment_delete",
    "initiative_assess",
    "initiative_register",
    "initiative_to_effort",
]

#: What a registrant fills in.
REGISTRATION_FIELDS = (
    "title",
    "initiator",
    "origin",
    "origin_name",
    "location",
    "description",
    "expected_contribution",
)


def _check_goals(programme: Programme, goals: list[OperationalGoal]) -> None:
    foreign = [g for g in goals if g.programme_id != programme.pk]
    if foreign:
        raise ValidationError(
            {
                "goals": _("These goals belong to another programme: %(items)s.")
                % {"items": ", ".join(g.code for g in foreign)}
            }
        )


def initiative_register(
    *,
    actor,
    programme: Programme,
    goals: Iterable[OperationalGoal] = (),
    **fields: Any,
) -> Initiative:
    """Register a new (open) initiative for ``programme``; ``actor`` is its registrant, who needs
    no access to the programme."""
    unknown = set(fields) - set(REGISTRATION_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(names)s.") % {"names": ", ".join(unknown)})
    goals = list(goals)
    _check_goals(programme, goals)
    return object_create(
        Initiative,
        actor=actor,
        programme=programme,
        goals=goals,
        registered_by=actor,
        registered_at=timezone.now(),
        status=IntakeStatus.OPEN,
        **fields,
    )


def initiative_assess(
    *,
    initiative: Initiative,
    actor,
    expected_version: int | None,
    outcome: str,
    reasons: str,
) -> Initiative:
    """Record (or correct) the assessment: the outcome with its reasons. An initiative that has
    become an effort keeps an outcome that makes it one (opdrachtgever or regie)."""
    reasons = (reasons or "").strip()
    if initiative.effort_id is not None and outcome not in TO_EFFORT:
        raise ValidationError(
            {
                "outcome": _(
                    "This initiative has already become the effort “%(effort)s”: its outcome "
                    "stays opdrachtgever or regie."
                )
                % {"effort": initiative.effort}
            }
        )
    return object_update(
        initiative,
        actor=actor,
        expected_version=expected_version,
        status=IntakeStatus.ASSESSED,
        outcome=outcome,
        reasons=reasons,
        stamps={"assessed_by": actor, "assessed_at": timezone.now()},
    )


def contact_moment_add(*, initiative: Initiative, actor, **fields: Any) -> ContactMoment:
    """Agree a moment of contact with an initiative the programme aligns with."""
    if initiative.outcome != Outcome.ALIGNMENT:
        raise ValidationError(
            _("Moments of contact are agreed with initiatives assessed as afstemming.")
        )
    return object_create(ContactMoment, actor=actor, initiative=initiative, **fields)


def contact_moment_delete(
    *, moment: ContactMoment, actor, expected_version: int | None = None
) -> None:
    object_delete(moment, actor=actor, expected_version=expected_version)


def effort_description(initiative: Initiative) -> str:
    """The new effort's description: the initiative's description and expected contribution."""
    return "\n\n".join(
        [
            initiative.description.strip(),
            _("Expected contribution: %(text)s")
            % {"text": initiative.expected_contribution.strip()},
        ]
    )


def effort_note(initiative: Initiative) -> str:
    return _(
        "Arose from the initiative “%(title)s” of %(initiator)s (%(origin)s), assessed on "
        "%(date)s: %(outcome)s."
    ) % {
        "title": initiative.title,
        "initiator": initiative.initiator,
        "origin": initiative.origin_name,
        "date": timezone.localdate(initiative.assessed_at).strftime("%d-%m-%Y")
        if initiative.assessed_at
        else "—",
        "outcome": initiative.outcome_short,
    }


def initiative_to_effort(
    *,
    initiative: Initiative,
    actor,
    expected_version: int | None,
    name: str | None = None,
    decision=None,
) -> Effort:
    """Turn an initiative assessed as opdrachtgever or regie into a planned effort of its
    programme, linked to the goals named in the intake, in one transaction: the effort (its role
    the outcome's), one link per goal and the initiative's reference to the effort. An adopted
    programme needs ``decision`` for the effort and every link; refused, nothing is written."""
    with transaction.atomic():
        current = Initiative.objects.select_for_update().filter(pk=initiative.pk).first()
        if current is None:
            raise ConflictError(initiative)
        if current.effort_id is not None:
            raise ValidationError(
                _("This initiative has already become an effort: %(effort)s.")
                % {"effort": current.effort}
            )
        if expected_version is not None and current.version != expected_version:
            raise ConflictError(initiative)
        if current.outcome not in TO_EFFORT:
            raise ValidationError(
                _("Only an initiative assessed as opdrachtgever or regie becomes an effort.")
            )
        name = (name or current.title).strip()
        if Effort.objects.filter(programme=current.programme, name__iexact=name).exists():
            raise ValidationError(
                {
                    "name": _(
                        "This programme already has an effort with this name; choose another "
                        "name for the effort."
                    )
                }
            )
        effort = din.effort_create(
            actor=actor,
            decision=decision,
            programme=current.programme,
            name=name,
            description=effort_description(current),
            municipality_role=current.outcome,
            status=EffortStatus.PLANNED,
            note=effort_note(current),
        )
        for goal in current.goals.order_by("code"):
            din.goal_effort_link_create(
                operational_goal=goal,
                effort=effort,
                actor=actor,
                contribution=current.expected_contribution.strip(),
                decision=decision,
            )
        object_update(current, actor=actor, expected_version=current.version, effort=effort)
    initiative.effort = effort
    initiative.version = current.version
    return effort
