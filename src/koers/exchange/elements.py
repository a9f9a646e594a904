"""Natural keys of the elements that a pending change may point at (its ``target`` and the
``{"$ref": label, "pk": id}`` values in its ``arguments``, see
:func:`koers.programmes.proposing.to_json`): database ids in the database, natural keys in the
file."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models

from koers.programmes.models import Programme

_KEYS: dict[str, tuple[str, ...]] = {
    "programmes.programme": ("slug",),
    "programmes.strategicchoice": ("order", "title"),
    "programmes.strategicgoal": ("code",),
    "programmes.operationalgoal": ("code",),
    "programmes.track": ("name",),
    "programmes.effort": ("name",),
    "programmes.partnerorganisation": ("name",),
    "programmes.person": ("name", "email"),
    "programmes.programmerole": ("kind", "title", "order"),
    "finance.fundingsource": ("name",),
}
# Elements keyed through their parent: label -> (parent field, own key fields).
_NESTED: dict[str, tuple[str, tuple[str, ...]]] = {
    "programmes.indicator": ("operational_goal", ()),
    "programmes.activity": ("effort", ("year", "order", "description")),
    "programmes.goaleffortlink": ("effort", ("operational_goal",)),
    "programmes.rolehours": ("role", ("year",)),
    "finance.budgetline": ("source", ("year", "effort", "item")),
}
_SHARED = {"programmes.partnerorganisation", "programmes.person", "programmes.programme"}


def element_key(obj: models.Model | None) -> Any:
    """The natural key of ``obj`` as JSON (a dict of field values), or None."""
    if obj is None:
        return None
    label = obj._meta.label_lower
    if label in _KEYS:
        return {name: getattr(obj, name) for name in _KEYS[label]}
    if label in _NESTED:
        parent_field, own = _NESTED[label]
        key = {parent_field: element_key(getattr(obj, parent_field))}
        for name in own:
            value = getattr(obj, name)
            key[name] = element_key(value) if isinstance(value, models.Model) else value
        return key
    raise LookupError(label)


def element_find(label: str, key: Any, programme: Programme) -> models.Model | None:
    """The element of ``programme`` (or the shared person/organisation) with natural key
    ``key``; None when there is none."""
    if key is None:
        return None
    model = apps.get_model(label)
    if label in _KEYS:
        query = dict(key)
        if label not in _SHARED:
            query["programme"] = programme
        return model._default_manager.filter(**query).order_by("pk").first()
    if label in _NESTED:
        parent_field, own = _NESTED[label]
        parent_label = model._meta.get_field(parent_field).related_model._meta.label_lower
        parent = element_find(parent_label, key.get(parent_field), programme)
        if parent is None:
            return None
        query: dict[str, Any] = {parent_field: parent}
        for name in own:
            value = key.get(name)
            field = model._meta.get_field(name)
            if field.is_relation and value is not None:
                value = element_find(field.related_model._meta.label_lower, value, programme)
                if value is None:
                    return None
            query[name] = value
        return model._default_manager.filter(**query).order_by("pk").first()
    raise LookupError(label)


def refs_to_keys(value: Any) -> Any:
    """JSON with ``{"$ref": label, "pk": id}`` (and ``$refs``/``pks``) turned into natural keys:
    ``{"$ref": label, "key": …}``; an element that no longer exists gets key null."""
    if isinstance(value, list):
        return [refs_to_keys(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "$ref" in value and "pk" in value:
        return {"$ref": value["$ref"], "key": _key_of(value["$ref"], value["pk"])}
    if "$refs" in value and "pks" in value:
        return {"$refs": value["$refs"], "keys": [_key_of(value["$refs"], p) for p in value["pks"]]}
    return {k: refs_to_keys(v) for k, v in value.items()}


def keys_to_refs(value: Any, programme: Programme, missing: list[str]) -> Any:
    """The inverse of :func:`refs_to_keys` in ``programme``; labels of elements not found are
    added to ``missing`` (their pk becomes null)."""
    if isinstance(value, list):
        return [keys_to_refs(v, programme, missing) for v in value]
    if not isinstance(value, dict):
        return value
    if "$ref" in value and "key" in value:
        return {
            "$ref": value["$ref"],
            "pk": _pk_of(value["$ref"], value["key"], programme, missing),
        }
    if "$refs" in value and "keys" in value:
        return {
            "$refs": value["$refs"],
            "pks": [_pk_of(value["$refs"], k, programme, missing) for k in value["keys"]],
        }
    return {k: keys_to_refs(v, programme, missing) for k, v in value.items()}


def _key_of(label: str, pk: Any) -> Any:
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    obj = model._default_manager.filter(pk=pk).first()
    try:
        return element_key(obj)
    except LookupError:
        return None


def _pk_of(label: str, key: Any, programme: Programme, missing: list[str]) -> Any:
    if key is None:
        return None
    try:
        obj = element_find(label, key, programme)
    except (LookupError, ValueError, AttributeError, TypeError):
        obj = None
    if obj is None:
        missing.append(label)
        return None
    return obj.pk
