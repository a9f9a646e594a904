"""The history of a programme (django-simple-history rows) as the optional section
``geschiedenis`` of the file: who changed which element, when, and its values after the change.

Each entry names the element by the same natural key the file uses (a goal by its code, an effort
by its name, a measurement by indicator and period…), the model by its label, and gives the plain
field values of that version; references to other elements are left out (they are database ids
in the history and may point at elements that no longer exist). Only the history of elements that
still exist is written. On import, the *creation* of each element of the kinds beyond the DIN is
recorded with the user, moment and reason of its first entry here (so "added by … on …" reads
the same); the other entries are for reading and are not restored.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from koers.programmes.models import (
    Activity,
    Effort,
    GoalEffortLink,
    Indicator,
    OperationalGoal,
    Programme,
    ProgrammeRole,
    RoleHours,
    StrategicChoice,
    StrategicGoal,
    Track,
)

from .elements import element_key
from .kinds import NOT_EXCHANGED, all_kinds

_DIN: tuple[tuple[type[models.Model], str], ...] = (
    (Programme, "pk"),
    (StrategicChoice, "programme"),
    (StrategicGoal, "programme"),
    (OperationalGoal, "programme"),
    (Indicator, "operational_goal__programme"),
    (Track, "programme"),
    (Effort, "programme"),
    (Activity, "effort__programme"),
    (GoalEffortLink, "effort__programme"),
    (ProgrammeRole, "programme"),
    (RoleHours, "role__programme"),
)


def _rows(programme: Programme, exporter) -> list[tuple[type[models.Model], dict]]:
    """(model, {pk: natural key}) of every element of the programme that has a history."""
    found = []
    for model, path in _DIN:
        lookup = {path: programme.pk if path == "pk" else programme}
        objs = model._default_manager.filter(**lookup)
        found.append((model, {o.pk: element_key(o) for o in objs}))
    for kind in all_kinds():
        if not hasattr(kind.model, "history") or kind.programme_path is None:
            continue
        objs = exporter.rows(kind)
        keys = {}
        for obj in objs:
            element = exporter.element(kind, obj, {c: {} for c in kind.children})
            keys[obj.pk] = history_key(kind, element)
        found.append((kind.model, keys))
    return found


def history_key(kind, element: dict) -> Any:
    """How the history names an element of a kind: the values of its sort keys."""
    return {k: element.get(k) for k in kind.sort} or None


def history_export(programme: Programme, exporter) -> list[dict[str, Any]]:
    from .export import canonical, render

    entries = []
    for model, keys in _rows(programme, exporter):
        if not keys or not hasattr(model, "history"):
            continue
        history = model.history.model
        kept = {f.attname for f in history._meta.concrete_fields}
        plain = [
            f.attname
            for f in model._meta.concrete_fields
            if not f.is_relation and f.attname not in NOT_EXCHANGED and f.attname in kept
        ]
        for row in (
            history.objects.filter(id__in=list(keys))
            .select_related("history_user")
            .order_by("history_date", "history_id")
            .iterator(chunk_size=2000)
        ):
            user = row.history_user
            entries.append(
                {
                    "model": model._meta.label_lower,
                    "element": keys[row.id],
                    "history_date": render(row.history_date),
                    "history_type": row.history_type,
                    "history_user": None if user is None else user.get_username(),
                    "history_change_reason": row.history_change_reason,
                    "values": {name: render(getattr(row, name)) for name in plain},
                }
            )
    return sorted(
        entries,
        key=lambda e: (e["history_date"], e["model"], canonical(e["element"]), canonical(e)),
    )
