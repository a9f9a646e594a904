"""The DIN's services: programmes and access, goals and their indicators, links, efforts and
the team's hours. Each builds on the generic writes of :mod:`.versioning` (keyword-only
arguments, ``full_clean()``, one transaction, ``actor`` in the history, a stale
``expected_version`` refused) and on change control for an adopted programme.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..change_control import check_decision, record
from ..constants import AccessLevel, GoalKind
from ..models import (
    Effort,
    GoalEffortLink,
    Indicator,
    OperationalGoal,
    PartnerOrganisation,
    Programme,
    ProgrammeAccess,
    ProgrammeRole,
    RoleHours,
    StrategicGoal,
)
from ..rules import forget_access
from .changes import target_change
from .versioning import history_stamp, object_create, object_delete, object_update, record_check

# --- programme --------------------------------------------------------------------------------


def programme_create(*, actor, **fields: Any) -> Programme:
    """Create a programme; a creator who is not a functional administrator becomes its staff."""
    with transaction.atomic():
        programme = object_create(Programme, actor=actor, **fields)
        if actor is not None and not getattr(actor, "is_functional_admin", False):
            programme_access_grant(
                programme=programme, user=actor, level=AccessLevel.STAFF, actor=actor
            )
    return programme


def programme_update(
    *, programme: Programme, actor, expected_version: int | None, **fields: Any
) -> Programme:
    return object_update(programme, actor=actor, expected_version=expected_version, **fields)


def programme_delete(*, programme: Programme, actor, expected_version: int | None) -> None:
    with transaction.atomic():
        # Operational goals protect their strategic goal; remove them first, inside the delete.
        for goal in programme.operational_goals.all():
            history_stamp(goal, actor, None)
            goal.delete()
        object_delete(programme, actor=actor, expected_version=expected_version)


def programme_access_grant(*, programme: Programme, user, level: str, actor) -> ProgrammeAccess:
    access = ProgrammeAccess.objects.filter(programme=programme, user=user).first()
    if access is None:
        access = object_create(
            ProgrammeAccess, actor=actor, programme=programme, user=user, level=level
        )
    elif access.level != level:
        access = object_update(access, actor=actor, expected_version=None, level=level)
    forget_access(user)
    return access


def programme_access_revoke(*, programme: Programme, user, actor) -> None:
    for access in ProgrammeAccess.objects.filter(programme=programme, user=user):
        object_delete(access, actor=actor, expected_version=None)
    forget_access(user)


# --- goals --------------------------------------------------------------------------------------

INDICATOR_FIELDS = [
    "name",
    "unit",
    "baseline_value",
    "baseline_date",
    "baseline_date_precision",
    "target_kind",
    "target_value",
    "target_date",
    "target_date_precision",
    "data_source",
    "measuring_frequency",
    "decimals",
    "tolerance_percent",
]


def _indicator_save(
    goal: OperationalGoal,
    indicator: dict[str, Any] | None,
    actor,
    decision=None,
    new_goal: bool = False,
) -> None:
    """Keep the indicator in step with the goal's kind: measurable goals have one, qualitative
    goals none. Validation errors are reported with the field name prefixed ``indicator-``."""
    existing = Indicator.objects.filter(operational_goal=goal).first()
    if goal.kind != GoalKind.MEASURABLE or indicator is None:
        if goal.kind == GoalKind.MEASURABLE and indicator is None and existing is None:
            raise ValidationError(
                {
                    "indicator-name": _(
                        "A measurable goal needs an indicator; give at least its name."
                    )
                }
            )
        if existing is not None and goal.kind != GoalKind.MEASURABLE:
            change = target_change(goal, existing, None)
            if change is not None:
                check_decision(change, decision)
            record_check(existing)  # its measurements are part of the record
            history_stamp(existing, actor, None)
            existing.delete()
            if change is not None:
                record(change, decision=decision, actor=actor)
        return
    unknown = set(indicator) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown indicator fields: %s") % ", ".join(sorted(unknown)))
    try:
        if existing is None:
            created = Indicator(operational_goal=goal, **indicator)
            change = None if new_goal else target_change(goal, None, created)
            if change is not None:
                check_decision(change, decision)
            object_create(Indicator, actor=actor, operational_goal=goal, **indicator)
            if change is not None:
                record(change, decision=decision, actor=actor)
        else:
            object_update(
                existing, actor=actor, expected_version=None, decision=decision, **indicator
            )
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            raise ValidationError(
                {(k if k == "decision" else f"indicator-{k}"): v for k, v in exc.error_dict.items()}
            ) from exc
        raise


def operational_goal_create(
    *, actor, indicator: dict[str, Any] | None = None, decision=None, **fields: Any
) -> OperationalGoal:
    with transaction.atomic():
        goal = object_create(OperationalGoal, actor=actor, decision=decision, **fields)
        _indicator_save(goal, indicator, actor, decision, new_goal=True)
    return goal


def operational_goal_update(
    *,
    goal: OperationalGoal,
    actor,
    expected_version: int | None,
    indicator: dict[str, Any] | None = None,
    decision=None,
    **fields: Any,
) -> OperationalGoal:
    with transaction.atomic():
        goal = object_update(goal, actor=actor, expected_version=expected_version, **fields)
        _indicator_save(goal, indicator, actor, decision)
    return goal


def operational_goal_delete(
    *, goal: OperationalGoal, actor, expected_version: int | None, decision=None
) -> None:
    object_delete(goal, actor=actor, expected_version=expected_version, decision=decision)


def strategic_goal_delete(
    *, goal: StrategicGoal, actor, expected_version: int | None, decision=None
) -> None:
    if goal.operational_goals.exists():
        raise ValidationError(
            _(
                "This strategic goal still has operational goals. Delete them or move them to "
                "another strategic goal first."
            )
        )
    object_delete(goal, actor=actor, expected_version=expected_version, decision=decision)


# --- links --------------------------------------------------------------------------------------


def goal_effort_link_create(
    *,
    operational_goal: OperationalGoal,
    effort: Effort,
    actor,
    contribution: str = "",
    decision=None,
) -> GoalEffortLink:
    return object_create(
        GoalEffortLink,
        actor=actor,
        decision=decision,
        operational_goal=operational_goal,
        effort=effort,
        contribution=contribution,
    )


def goal_effort_link_delete(
    *, link: GoalEffortLink, actor, expected_version: int | None, decision=None
) -> None:
    object_delete(link, actor=actor, expected_version=expected_version, decision=decision)


# --- efforts, activities, team ------------------------------------------------------------------


def effort_create(
    *, actor, partners: Iterable[PartnerOrganisation] = (), decision=None, **fields: Any
) -> Effort:
    return object_create(Effort, actor=actor, decision=decision, partners=list(partners), **fields)


def role_hours_set(
    *, role: ProgrammeRole, year: int, planned_hours, actor, realised_hours=None
) -> RoleHours:
    """Set the planned (and, if known, realised) hours of a role for a year (creates or updates
    that year's row)."""
    existing = RoleHours.objects.filter(role=role, year=year).first()
    fields = {"planned_hours": planned_hours, "realised_hours": realised_hours}
    if existing is None:
        return object_create(RoleHours, actor=actor, role=role, year=year, **fields)
    return object_update(existing, actor=actor, expected_version=None, **fields)


__all__ = [
    "INDICATOR_FIELDS",
    "effort_create",
    "goal_effort_link_create",
    "goal_effort_link_delete",
    "operational_goal_create",
    "operational_goal_delete",
    "operational_goal_update",
    "programme_access_grant",
    "programme_access_revoke",
    "programme_create",
    "programme_delete",
    "programme_update",
    "role_hours_set",
    "strategic_goal_delete",
]
