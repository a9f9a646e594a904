"""Versioning: the generic write of every versioned object, in every app.

Each write takes keyword-only arguments, validates with ``full_clean()``, runs in a transaction
and records ``actor`` in the history. Updates and deletes take the ``expected_version`` the user
saw and claim the next version with one conditional ``UPDATE … WHERE version = expected``: when
someone else saved (or deleted) in the meantime a :class:`ConflictError` is raised and nothing is
written, however the two requests interleave.

Writes to the DIN that change the scope of an adopted programme go through change control here
(see :mod:`.changes`); for the other apps' objects those checks find nothing to do.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from ..change_control import check_decision, record
from ..models import Versioned
from .changes import controlled_state, scope_change, update_change

M = TypeVar("M", bound=Versioned)

__all__ = [
    "ConflictError",
    "history_stamp",
    "object_create",
    "object_delete",
    "object_update",
    "version_bump",
]


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


def history_stamp(instance: models.Model, actor, reason: str | None = None) -> None:
    """Have the next history record of ``instance`` name ``actor`` (and ``reason``)."""
    instance._history_user = actor
    if reason:
        instance._change_reason = reason


def version_bump(instance: Versioned, expected_version: int | None) -> None:
    """Atomically claim the next version; refuse when the row changed since ``expected_version``
    (``None``: whatever version is stored now) or is gone."""
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
    """Create any versioned object from its field values (the generic part of the ``*_create``
    services). Adding a goal, an effort or a link to an adopted programme needs a
    ``decision``."""
    m2m = {k: fields.pop(k) for k in list(fields) if _is_m2m(model, k)}
    instance = model(**fields)
    with transaction.atomic():
        instance.full_clean()
        change = scope_change(instance, added=True)
        if change is not None:
            check_decision(change, decision)
        history_stamp(instance, actor, reason)
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
    """Change fields of a versioned object, refusing a stale edit (generic ``*_update``).
    Changing a target of an adopted programme, or taking the programme out of the adopted status,
    needs a ``decision``."""
    m2m = {k: fields.pop(k) for k in list(fields) if _is_m2m(type(instance), k)}
    with transaction.atomic():
        before = controlled_state(instance)
        for name, value in fields.items():
            setattr(instance, name, value)
        instance.full_clean(exclude=["version"])
        change, controlled = update_change(instance, before)
        if change is not None:
            check_decision(change, decision, controlled=controlled)
        version_bump(instance, expected_version)
        history_stamp(instance, actor, reason)
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
    """Delete a versioned object (and what hangs under it), refusing a stale delete. The version
    is claimed with the same conditional ``UPDATE`` as an edit, so of an edit and a delete based
    on the same version exactly one succeeds; with ``expected_version=None`` the delete only
    needs the object to exist. Removing a goal, an effort or a link from an adopted programme
    needs a ``decision``."""
    with transaction.atomic():
        change = scope_change(instance, added=False)
        if change is not None:
            check_decision(change, decision)
        version_bump(instance, expected_version)
        _release_dependents(instance, actor=actor)
        history_stamp(instance, actor, reason)
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


def _is_m2m(model: type[models.Model], name: str) -> bool:
    try:
        return model._meta.get_field(name).many_to_many
    except Exception:
        return False
