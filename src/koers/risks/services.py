"""Writes to the risk register. Keyword-only arguments, validation with ``full_clean()``, one
transaction, ``actor`` in the history; updates and deletes refuse a stale ``expected_version``
with :class:`ConflictError` (the generic functions of :mod:`koers.programmes.services`).

Linked goals and efforts must belong to the risk's own programme; that is checked here, because
a many-to-many link cannot be checked by the model's ``clean()``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from koers.programmes.models import Effort, OperationalGoal, Programme
from koers.programmes.services import ConflictError, object_create, object_delete, object_update

from .models import EffortRiskParagraph, Risk

__all__ = [
    "ConflictError",
    "risk_create",
    "risk_delete",
    "risk_paragraph_create",
    "risk_paragraph_update",
    "risk_update",
]


def _check_links(
    programme: Programme,
    goals: Iterable[OperationalGoal] | None,
    efforts: Iterable[Effort] | None,
) -> None:
    errors: dict[str, list[str]] = {}
    foreign = [g for g in goals or () if g.programme_id != programme.pk]
    if foreign:
        errors["goals"] = [
            _("These goals belong to another programme: %(items)s.")
            % {"items": ", ".join(g.code for g in foreign)}
        ]
    foreign = [e for e in efforts or () if e.programme_id != programme.pk]
    if foreign:
        errors["efforts"] = [
            _("These efforts belong to another programme: %(items)s.")
            % {"items": ", ".join(e.name for e in foreign)}
        ]
    if errors:
        raise ValidationError(errors)


def risk_create(
    *,
    actor,
    programme: Programme,
    goals: Iterable[OperationalGoal] = (),
    efforts: Iterable[Effort] = (),
    **fields: Any,
) -> Risk:
    goals, efforts = list(goals), list(efforts)
    _check_links(programme, goals, efforts)
    return object_create(
        Risk, actor=actor, programme=programme, goals=goals, efforts=efforts, **fields
    )


def risk_update(
    *,
    risk: Risk,
    actor,
    expected_version: int | None,
    goals: Iterable[OperationalGoal] | None = None,
    efforts: Iterable[Effort] | None = None,
    **fields: Any,
) -> Risk:
    if "programme" in fields:
        raise ValidationError(_("A risk cannot move to another programme."))
    links: dict[str, list] = {}
    if goals is not None:
        links["goals"] = list(goals)
    if efforts is not None:
        links["efforts"] = list(efforts)
    _check_links(risk.programme, links.get("goals"), links.get("efforts"))
    with transaction.atomic():
        return object_update(
            risk, actor=actor, expected_version=expected_version, **links, **fields
        )


def risk_delete(*, risk: Risk, actor, expected_version: int | None) -> None:
    object_delete(risk, actor=actor, expected_version=expected_version)


def risk_paragraph_create(
    *, actor, programme: Programme, effort: Effort, **fields: Any
) -> EffortRiskParagraph:
    """Write the effort's risk paragraph. The effort must be one of ``programme``'s; when someone
    else wrote a paragraph for it meanwhile, :class:`ConflictError` (an effort has one)."""
    if effort.programme_id != programme.pk:
        raise ValidationError(_("This effort belongs to another programme."))
    try:
        with transaction.atomic():
            existing = EffortRiskParagraph.objects.filter(effort=effort).first()
            if existing is not None:
                raise ConflictError(existing)
            return object_create(EffortRiskParagraph, actor=actor, effort=effort, **fields)
    except IntegrityError as exc:  # written at the same moment by someone else
        raise ConflictError() from exc


def risk_paragraph_update(
    *, paragraph: EffortRiskParagraph, actor, expected_version: int | None, **fields: Any
) -> EffortRiskParagraph:
    if "effort" in fields:
        raise ValidationError(_("A risk paragraph cannot move to another effort."))
    return object_update(paragraph, actor=actor, expected_version=expected_version, **fields)
