"""Writes that wait for a decision: the DIN's part of change proposals (see
:mod:`koers.decisions.proposals`).

A change that an adopted programme takes only with a decision can be proposed instead of made.
The edit pages describe such a write as an *operation* (``"programmes.doel:update"``: the element
kind of :mod:`koers.programmes.elements` and create, update or delete), the element it acts on
and the values it writes. :func:`try_out` makes the write inside a transaction that is rolled
back, with change control collecting the changes that need a decision instead of refusing them
(so a proposal holds only writes that validate, described by the same words as the change
record); :func:`apply` makes the write for real under the proposal's decision.

Values are stored as JSON (:func:`to_json`, :func:`from_json`): elements by model and key,
dates and amounts as text; of an update only the values that differ from the stored element
(:func:`changed_values`), so applying it later changes nothing else.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from .change_control import Change, capturing

__all__ = [
    "apply",
    "changed_values",
    "element_refs",
    "from_json",
    "operation_name",
    "to_json",
    "try_out",
]

ACTIONS = ("create", "update", "delete")


def operation_name(kind: str, action: str) -> str:
    return f"programmes.{kind}:{action}"


def _programme_update(programme, *, actor, expected_version, decision=None, **fields):
    from .services import programme_update

    return programme_update(
        programme=programme,
        actor=actor,
        expected_version=expected_version,
        decision=decision,
        **fields,
    )


PROGRAMME = "programma"  # the programme itself: its status and period


def _writes(operation: str):
    """The write behind ``operation``: the create, update or delete of an element kind, or the
    update of the programme."""
    from .editing import writes_of
    from .elements import ELEMENTS  # the element kinds of this app

    key, _sep, action = operation.partition(":")
    kind = key.removeprefix("programmes.")
    if operation == operation_name(PROGRAMME, "update"):
        return _programme_update
    if not key.startswith("programmes.") or kind not in ELEMENTS or action not in ACTIONS:
        raise ValidationError(_("Unknown operation: %s") % operation)
    return writes_of(kind)[action]


# --- values as JSON ---------------------------------------------------------------------------


def _label(model) -> str:
    return model._meta.label_lower


def to_json(value: Any) -> Any:
    """``value`` (service arguments: elements, lists of elements, dates, amounts, nested
    dicts) as JSON."""
    if isinstance(value, models.Model):
        return {"$ref": _label(type(value)), "pk": value.pk}
    if isinstance(value, models.QuerySet):
        value = list(value)
    if isinstance(value, list | tuple) and value and isinstance(value[0], models.Model):
        return {"$refs": _label(type(value[0])), "pks": [v.pk for v in value]}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    return value


def _element(label: str, pk):
    model = apps.get_model(label)
    found = model._default_manager.filter(pk=pk).first()
    if found is None:
        raise ValidationError(
            _("A %(kind)s that this change refers to no longer exists (number %(pk)s).")
            % {"kind": model._meta.verbose_name, "pk": pk}
        )
    return found


def from_json(value: Any) -> Any:
    """The inverse of :func:`to_json`; an element that no longer exists is a
    ``ValidationError``."""
    if isinstance(value, list):
        return [from_json(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "$ref" in value:
        return _element(value["$ref"], value["pk"])
    if "$refs" in value:
        return [_element(value["$refs"], pk) for pk in value["pks"]]
    if "$decimal" in value:
        return Decimal(value["$decimal"])
    if "$datetime" in value:
        return dt.datetime.fromisoformat(value["$datetime"])
    if "$date" in value:
        return dt.date.fromisoformat(value["$date"])
    return {k: from_json(v) for k, v in value.items()}


def element_refs(value: Any) -> set[tuple[str, int]]:
    """Every element (model label, key) that JSON ``value`` refers to."""
    found: set[tuple[str, int]] = set()
    if isinstance(value, list):
        for v in value:
            found |= element_refs(v)
    elif isinstance(value, dict):
        if "$ref" in value:
            found.add((value["$ref"], value["pk"]))
        elif "$refs" in value:
            found |= {(value["$refs"], pk) for pk in value["pks"]}
        else:
            for v in value.values():
                found |= element_refs(v)
    return found


# --- trying out and applying -----------------------------------------------------------------


def _same(stored: Any, new: Any) -> bool:
    from koers.text import normalise_text

    if isinstance(stored, str) and isinstance(new, str):
        return normalise_text(stored) == normalise_text(new)
    if isinstance(stored, Decimal | int | float) and isinstance(new, Decimal | int | float):
        return Decimal(str(stored)) == Decimal(str(new))
    return stored == new


def _differs(instance: models.Model, name: str, value: Any) -> bool:
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return True
    if field.many_to_many:
        current = set(getattr(instance, name).values_list("pk", flat=True))
        return current != {getattr(v, "pk", v) for v in value or []}
    if field.is_relation:
        return getattr(instance, field.attname) != getattr(value, "pk", value)
    return not _same(getattr(instance, field.attname), value)


def changed_values(target: models.Model, values: dict) -> dict:
    """Of the values of an update of ``target``, those that differ from its stored row (an
    indicator's values from its stored indicator)."""
    stored = type(target)._default_manager.get(pk=target.pk)
    changed = {}
    for name, value in values.items():
        if name == "decision":
            continue
        if name == "indicator":
            if value is None:
                continue
            indicator = getattr(stored, "indicator", None) if hasattr(stored, "indicator") else None
            if indicator is None:
                changed[name] = value
                continue
            diff = {k: v for k, v in value.items() if _differs(indicator, k, v)}
            if diff:
                changed[name] = diff
            continue
        if _differs(stored, name, value):
            changed[name] = value
    return changed


def _call(operation: str, target, values: dict, *, actor, decision, programme):
    writes = _writes(operation)
    values = {k: v for k, v in values.items() if k != "decision"}
    action = operation.rpartition(":")[2]
    if action == "create":
        return writes(actor=actor, programme=programme, decision=decision, **values)
    if action == "update":
        return writes(target, actor=actor, expected_version=None, decision=decision, **values)
    return writes(target, actor=actor, expected_version=None, decision=decision)


class _TriedOut(Exception):
    """Rolls back a write that was only tried out."""


def try_out(operation: str, *, target, values: dict, actor, programme, write=None) -> list[Change]:
    """Make the write inside a transaction that is rolled back; the changes in it that need a
    decision (or that a proposal can carry, like moving budget). A write that does not validate
    raises its ``ValidationError``, as it would when made. ``write(actor=, decision=, values=)``
    is the write of an operation of another app (moving budget), made instead of an element's."""
    pk = getattr(target, "pk", None)
    with capturing() as found:
        try:
            with transaction.atomic():
                if write is not None:
                    write(actor=actor, decision=None, values=values)
                else:
                    _call(
                        operation, target, values, actor=actor, decision=None, programme=programme
                    )
                raise _TriedOut
        except _TriedOut:
            pass
        finally:
            if target is not None:
                target.pk = pk  # a tried-out delete clears it; the row is still there
    return list(found)


def apply(
    operation: str,
    *,
    target_model: str,
    target_id,
    arguments: dict,
    actor,
    decision,
    write=None,
):
    """Make a proposed write under ``decision`` (inside the caller's transaction; see
    :func:`koers.programmes.change_control.applying`); ``write`` as for :func:`try_out`."""
    values = from_json(arguments)
    if write is not None:
        return write(actor=actor, decision=decision, values=values)
    target = _element(target_model, target_id) if target_model and target_id else None
    programme = decision.programme
    return _call(operation, target, values, actor=actor, decision=decision, programme=programme)
