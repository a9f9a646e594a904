"""Versioning: the generic write of every versioned object, in every app.

Each write takes keyword-only arguments, validates with ``full_clean()``, runs in a transaction
and records ``actor`` in the history. Updates and deletes take the ``expected_version`` the user
saw and claim the next version with one conditional ``UPDATE … WHERE version = expected``: when
someone else saved (or deleted) in the meantime a :class:`ConflictError` is raised and nothing is
written, however the two requests interleave.

Every write stores text the same way (:func:`koers.text.normalise_text`: ``\n`` line
endings, no trailing spaces), and an update that changes nothing writes nothing: no version, no
history row, no entry in the change record (:func:`object_changes` says what would change).

Writes to the DIN that change the scope of an adopted programme go through change control here
(see :mod:`.changes`); for the other apps' objects those checks find nothing to do.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from koers.text import normalise_text

from ..change_control import check_decision, record
from ..models import Versioned
from .changes import controlled_state, scope_change, update_changes

M = TypeVar("M", bound=Versioned)

__all__ = [
    "ConflictError",
    "history_stamp",
    "object_changes",
    "object_create",
    "object_delete",
    "object_update",
    "record_check",
    "text_normalise",
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


def text_normalise(instance: models.Model) -> None:
    """Store every text field of ``instance`` the one way (see :mod:`koers.text`)."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, normalise_text(value))


def _compared_fields(model: type[models.Model]):
    """The stored fields an update can change: not the key, the version or a timestamp that
    Django sets on every save."""
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name == "version":
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        yield field


def _same(field: models.Field, stored: Any, new: Any) -> bool:
    text = isinstance(field, models.CharField | models.TextField)
    if text and isinstance(stored, str) and isinstance(new, str):
        # Text stored before it was normalised does not count as changed for its notation.
        return normalise_text(stored) == normalise_text(new)
    return stored == new


def _pks(values) -> set:
    return {getattr(v, "pk", v) for v in values}


def object_changes(
    instance: models.Model, stored: models.Model | None = None, m2m: dict | None = None
) -> list[str]:
    """The names of the fields (and many-to-many ``m2m`` values to be set) in which
    ``instance`` differs from its ``stored`` row (read when not given). Values compare as values:
    ``7000`` and ``Decimal("7000.00")``, or text that differs only in line endings, are the
    same."""
    model = type(instance)
    if stored is None:
        stored = model._default_manager.filter(pk=instance.pk).first()
        if stored is None:
            return [f.name for f in _compared_fields(model)]
    changed = [
        field.name
        for field in _compared_fields(model)
        if not _same(field, getattr(stored, field.attname), getattr(instance, field.attname))
    ]
    for name, values in (m2m or {}).items():
        current = set(getattr(stored, name).values_list("pk", flat=True))
        if current != _pks(values):
            changed.append(name)
    return changed


def _stored_row(instance: Versioned, expected_version: int | None) -> Versioned:
    """The stored row of ``instance``; a ``ConflictError`` when it is gone or no longer at
    ``expected_version`` (checked before anything else is decided: an unchanged save based on an
    old version is still refused, so the user sees what the other person saved)."""
    stored = type(instance).objects.filter(pk=instance.pk).first()
    if stored is None or (expected_version is not None and stored.version != expected_version):
        raise ConflictError(instance)
    return stored


def object_create(
    model: type[M], *, actor, reason: str | None = None, decision=None, **fields: Any
) -> M:
    """Create any versioned object from its field values (the generic part of the ``*_create``
    services). Adding a goal, an effort or a link to an adopted programme needs a
    ``decision``."""
    m2m = {k: fields.pop(k) for k in list(fields) if _is_m2m(model, k)}
    instance = model(**fields)
    text_normalise(instance)
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
    stamps: dict[str, Any] | None = None,
    **fields: Any,
) -> M:
    """Change fields of a versioned object, refusing a stale edit (generic ``*_update``).
    Changing a target of an adopted programme, or taking the programme out of the adopted status,
    needs a ``decision``. When nothing differs from the stored row (after the stale check) nothing
    is written: the version stays, no history row, nothing in the change record. ``stamps`` are
    fields that say who or when (``entered_by``, ``assessed_at``): set only when the update
    changes something else, so an unchanged save does not become a change of its editor."""
    m2m = {k: fields.pop(k) for k in list(fields) if _is_m2m(type(instance), k)}
    with transaction.atomic():
        before = controlled_state(instance)
        for name, value in fields.items():
            setattr(instance, name, value)
        text_normalise(instance)
        instance.full_clean(exclude=["version"])
        stored = _stored_row(instance, expected_version)
        if not object_changes(instance, stored, m2m):
            instance.version = stored.version
            return instance
        for name, value in (stamps or {}).items():
            setattr(instance, name, value)
        changes = update_changes(instance, before)
        for change, controlled in changes:
            check_decision(change, decision, controlled=controlled)
        version_bump(instance, expected_version)
        history_stamp(instance, actor, reason)
        instance.save()
        for name, values in m2m.items():
            getattr(instance, name).set(values)
        for change, _controlled in changes:
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
    needs a ``decision``. An effort, goal or indicator that the record refers to (submitted or
    accepted reports, measurements, money, recorded changes: :mod:`..deletion`) is refused: it
    is archived instead."""
    with transaction.atomic():
        record_check(instance)
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


def record_check(instance: models.Model) -> None:
    """Refuse to delete a DIN element that the record refers to (see :mod:`..deletion`): the
    same plan the confirmation page shows."""
    from ..deletion import delete_plan, refusal
    from ..models import Effort, Indicator, OperationalGoal

    if not isinstance(instance, Effort | OperationalGoal | Indicator):
        return
    refused = refusal(delete_plan(instance))
    if refused is not None:
        raise refused


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
