"""Every write to the DIN goes through these functions.

Each takes keyword-only arguments, validates with ``full_clean()``, runs in a transaction and
records ``actor`` in the history. Updates and deletes take the ``expected_version`` the user saw;
when someone else saved in the meantime a :class:`ConflictError` is raised and nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from .change_control import Change, ChangeKind, check_decision, is_controlled, record
from .constants import AccessLevel, GoalKind, ProgrammeStatus
from .models import (
    Activity,
    Effort,
    GoalEffortLink,
    Indicator,
    OperationalGoal,
    PartnerOrganisation,
    Person,
    Programme,
    ProgrammeAccess,
    ProgrammeRole,
    RoleHours,
    StrategicChoice,
    StrategicGoal,
    Track,
    Versioned,
)
from .presentation import target_sentence
from .rules import forget_access

M = TypeVar("M", bound=Versioned)


class ConflictError(Exception):
    """Someone else changed the object after the user opened it."""

    def __init__(self, instance: models.Model | None = None):
        self.instance = instance
        super().__init__(
            _(
                "Someone else changed this item while you were editing it. Your changes have not "
                "been saved; reload the page to see the current version."
            )
        )


def _stamp(instance: models.Model, actor, reason: str | None) -> None:
    instance._history_user = actor
    if reason:
        instance._change_reason = reason


def _bump_version(instance: Versioned, expected_version: int | None) -> None:
    """Atomically claim the next version; refuse when the row changed since ``expected_version``."""
    model = type(instance)
    if expected_version is None:
        expected_version = (
            model.objects.filter(pk=instance.pk).values_list("version", flat=True).first()
        )
        if expected_version is None:
            raise ConflictError(instance)
    updated = model.objects.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if updated != 1:
        raise ConflictError(instance)
    instance.version = expected_version + 1


def object_create(
    model: type[M], *, actor, reason: str | None = None, decision=None, **fields: Any
) -> M:
    """Create any DIN element from its field values (generic part of the ``*_create`` services).
    Adding a goal, an effort or a link to an adopted programme needs a ``decision``."""
    m2m = {k: fields.pop(k) for k in list(fields) if _is_m2m(model, k)}
    instance = model(**fields)
    with transaction.atomic():
        instance.full_clean()
        change = _scope_change(instance, added=True)
        if change is not None:
            check_decision(change, decision)
        _stamp(instance, actor, reason)
        instance.save()
        for name, values in m2m.items():
            getattr(instance, name).set(values)
        if change is not None:
            record(change, decision=decision, actor=actor)
    return instance


def object_update(
    instance: M,
    *,
    actor,
    expected_version: int | None,
    reason: str | None = None,
    decision=None,
    **fields: Any,
) -> M:
    """Change fields of a DIN element, refusing a stale edit (generic ``*_update``). Changing a
    target of an adopted programme, or taking the programme out of the adopted status, needs a
    ``decision``."""
    m2m = {k: fields.pop(k) for k in list(fields) if _is_m2m(type(instance), k)}
    with transaction.atomic():
        before = _controlled_state(instance)
        for name, value in fields.items():
            setattr(instance, name, value)
        instance.full_clean(exclude=["version"])
        change, controlled = _update_change(instance, before)
        if change is not None:
            check_decision(change, decision, controlled=controlled)
        _bump_version(instance, expected_version)
        _stamp(instance, actor, reason)
        instance.save()
        for name, values in m2m.items():
            getattr(instance, name).set(values)
        if change is not None:
            record(change, decision=decision, actor=actor)
    return instance


def object_delete(
    instance: Versioned,
    *,
    actor,
    expected_version: int | None,
    reason: str | None = None,
    decision=None,
) -> None:
    """Delete a DIN element (and what hangs under it), refusing a stale delete. Removing a goal,
    an effort or a link from an adopted programme needs a ``decision``."""
    with transaction.atomic():
        change = _scope_change(instance, added=False)
        if change is not None:
            check_decision(change, decision)
        if expected_version is not None:
            current = (
                type(instance)
                .objects.filter(pk=instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if current != expected_version:
                raise ConflictError(instance)
        _release_dependents(instance, actor=actor)
        _stamp(instance, actor, reason)
        try:
            instance.delete()
        except (ProtectedError, RestrictedError) as exc:
            blocking = getattr(exc, "protected_objects", None) or exc.restricted_objects
            raise ValidationError(
                _("This item cannot be deleted while other items depend on it: %(items)s.")
                % {"items": ", ".join(sorted({str(o) for o in blocking})[:5])}
            ) from exc
        if change is not None:
            record(change, decision=decision, actor=actor)


def _release_dependents(instance: models.Model, *, actor) -> None:
    """Before a delete, let go of what only refers to ``instance`` (an effort's owner or track, a
    role's holder, an effort's partners) one object at a time through :func:`object_update`, so
    each change shows in the history and raises that object's version. Django would otherwise
    clear these with one bulk update that leaves no trace."""
    for rel in instance._meta.related_objects:
        model = rel.related_model
        if not issubclass(model, Versioned):
            continue
        name = rel.field.name
        if rel.many_to_many:
            for obj in model.objects.filter(**{name: instance}).distinct():
                keep = list(getattr(obj, name).exclude(pk=instance.pk))
                object_update(obj, actor=actor, expected_version=None, **{name: keep})
        elif rel.on_delete is models.SET_NULL:
            for obj in model.objects.filter(**{name: instance}):
                object_update(obj, actor=actor, expected_version=None, **{name: None})


# --- change control -----------------------------------------------------------------------------

_SCOPE_KINDS: dict[type[models.Model], tuple[str, str]] = {
    StrategicGoal: (ChangeKind.STRATEGIC_GOAL_ADDED, ChangeKind.STRATEGIC_GOAL_REMOVED),
    OperationalGoal: (ChangeKind.GOAL_ADDED, ChangeKind.GOAL_REMOVED),
    Effort: (ChangeKind.EFFORT_ADDED, ChangeKind.EFFORT_REMOVED),
    GoalEffortLink: (ChangeKind.LINK_ADDED, ChangeKind.LINK_REMOVED),
}


def _scope_change(instance: models.Model, *, added: bool) -> Change | None:
    """The scope change that adding or removing ``instance`` is, if it is one."""
    kinds = _SCOPE_KINDS.get(type(instance))
    if kinds is None:
        return None
    if isinstance(instance, GoalEffortLink):
        goal = instance.operational_goal
        programme = goal.programme
        subject = f"{goal.code} ↔ {instance.effort.name}"
    else:
        programme = instance.programme
        subject = str(instance)
    if not is_controlled(programme):
        return None
    return Change(programme, kinds[0] if added else kinds[1], subject)


def _target_words(indicator: Indicator | None) -> str:
    if indicator is None:
        return _("no indicator")
    return target_sentence(indicator) or _("no target")


def _controlled_state(instance: models.Model):
    """What change control compares after an update: a programme's stored status, an
    indicator's stored target (one query, for those two kinds only)."""
    if isinstance(instance, Programme):
        return Programme.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    if isinstance(instance, Indicator):
        return Indicator.objects.filter(pk=instance.pk).first()
    return None


def _update_change(instance: models.Model, before) -> tuple[Change | None, bool | None]:
    """The controlled change an update makes, and whether the programme was adopted before."""
    if isinstance(instance, Programme) and before is not None and before != instance.status:
        return (
            Change(
                instance,
                ChangeKind.STATUS_CHANGED,
                str(instance),
                ProgrammeStatus(before).label,
                ProgrammeStatus(instance.status).label,
            ),
            before == ProgrammeStatus.ADOPTED,
        )
    if isinstance(instance, Indicator) and before is not None:
        return _target_change(instance.operational_goal, before, instance), None
    return None, None


def _target_change(goal: OperationalGoal, old: Indicator | None, new: Indicator | None):
    """A changed target of ``goal`` (its kind, value or date), or None."""
    fields = ("target_kind", "target_value", "target_date", "target_date_precision")

    def key(indicator):
        return None if indicator is None else tuple(getattr(indicator, f) for f in fields)

    if key(old) == key(new) or not is_controlled(goal.programme):
        return None
    return Change(
        goal.programme, ChangeKind.TARGET_CHANGED, str(goal), _target_words(old), _target_words(new)
    )


def _is_m2m(model: type[models.Model], name: str) -> bool:
    try:
        return model._meta.get_field(name).many_to_many
    except Exception:
        return False


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
            _stamp(goal, actor, None)
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
            change = _target_change(goal, existing, None)
            if change is not None:
                check_decision(change, decision)
            _stamp(existing, actor, None)
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
            change = None if new_goal else _target_change(goal, None, created)
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
    "Activity",
    "ConflictError",
    "PartnerOrganisation",
    "Person",
    "StrategicChoice",
    "StrategicGoal",
    "Track",
    "effort_create",
    "goal_effort_link_create",
    "goal_effort_link_delete",
    "object_create",
    "object_delete",
    "object_update",
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
