"""Every write to the budget: funding sources, what they make available per year, and budget
lines. Keyword-only arguments, ``full_clean()``, a transaction, the actor in the history;
changes and deletions take the ``expected_version`` the user saw and raise ``ConflictError``
when someone else saved in the meantime (the same rules as the DIN's services)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from koers.programmes.models import Effort, Programme
from koers.programmes.services import ConflictError, object_create, object_delete, object_update

from .models import BudgetLine, FundingSource, SourceAvailability

__all__ = [
    "ConflictError",
    "availability_create",
    "availability_delete",
    "availability_update",
    "budget_line_create",
    "budget_line_delete",
    "budget_line_update",
    "source_create",
    "source_delete",
    "source_update",
]


def _unknown(fields: dict, allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))


def _guarded(check, write):
    """Run ``check`` and ``write`` in one transaction; when a concurrent save wins the race on a
    unique constraint, run ``check`` again so the user gets the same message as when the other
    row already existed."""
    try:
        with transaction.atomic():
            check()
            return write()
    except IntegrityError:
        check()
        raise


# Sources ---------------------------------------------------------------------------------------


def _check_source(programme: Programme, name: str, exclude_pk: int | None = None) -> None:
    clash = FundingSource.objects.filter(programme=programme, name__iexact=name.strip())
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {"name": _("This programme already has a source named ‘%(name)s’.") % {"name": name}}
        )


def source_create(
    *, actor, programme: Programme, name: str, description: str = "", note: str = "", order=0
) -> FundingSource:
    return _guarded(
        lambda: _check_source(programme, name),
        lambda: object_create(
            FundingSource,
            actor=actor,
            programme=programme,
            name=name.strip(),
            description=description,
            note=note,
            order=order or 0,
        ),
    )


def source_update(
    *, source: FundingSource, actor, expected_version: int | None, **fields
) -> FundingSource:
    _unknown(fields, {"name", "description", "note", "order"})
    if "name" in fields:
        fields["name"] = fields["name"].strip()
    return _guarded(
        lambda: _check_source(source.programme, fields.get("name", source.name), source.pk),
        lambda: object_update(source, actor=actor, expected_version=expected_version, **fields),
    )


def source_delete(*, source: FundingSource, actor, expected_version: int | None) -> None:
    """Delete a source with what it makes available; refused while budget lines use it."""
    with transaction.atomic():
        count = source.lines.count()
        if count:
            raise ValidationError(
                _(
                    "The source ‘%(name)s’ still has %(count)s budget line(s); delete them or "
                    "move them to another source first."
                )
                % {"name": source.name, "count": count}
            )
        object_delete(source, actor=actor, expected_version=expected_version)


# Availability ----------------------------------------------------------------------------------


def _check_availability(source: FundingSource, year: int, exclude_pk: int | None = None) -> None:
    clash = SourceAvailability.objects.filter(source=source, year=year)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {
                "year": _(
                    "‘%(source)s’ already has an available amount for %(year)s; change that one."
                )
                % {"source": source.name, "year": year}
            }
        )


def _check_source_of(programme: Programme, source: FundingSource) -> None:
    if source.programme_id != programme.pk:
        raise ValidationError({"source": _("This source belongs to another programme.")})


def availability_create(
    *, actor, source: FundingSource, year: int, amount: Decimal, note: str = ""
) -> SourceAvailability:
    return _guarded(
        lambda: _check_availability(source, year),
        lambda: object_create(
            SourceAvailability, actor=actor, source=source, year=year, amount=amount, note=note
        ),
    )


def availability_update(
    *, availability: SourceAvailability, actor, expected_version: int | None, **fields
) -> SourceAvailability:
    _unknown(fields, {"source", "year", "amount", "note"})
    source = fields.get("source", availability.source)
    _check_source_of(availability.source.programme, source)
    return _guarded(
        lambda: _check_availability(source, fields.get("year", availability.year), availability.pk),
        lambda: object_update(
            availability, actor=actor, expected_version=expected_version, **fields
        ),
    )


def availability_delete(
    *, availability: SourceAvailability, actor, expected_version: int | None
) -> None:
    object_delete(availability, actor=actor, expected_version=expected_version)


# Budget lines ----------------------------------------------------------------------------------


def _check_line(
    source: FundingSource,
    year: int,
    effort: Effort | None,
    item: str,
    exclude_pk: int | None = None,
) -> None:
    clash = BudgetLine.objects.filter(source=source, year=year)
    if effort is not None:
        clash = clash.filter(effort=effort)
        field, what = "effort", effort.name
    else:
        clash = clash.filter(effort__isnull=True, item__iexact=(item or "").strip())
        field, what = "item", (item or "").strip()
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {
                field: _(
                    "‘%(what)s’ already has a line from ‘%(source)s’ in %(year)s; change that one."
                )
                % {"what": what, "source": source.name, "year": year}
            }
        )


def budget_line_create(
    *,
    actor,
    programme: Programme,
    source: FundingSource,
    year: int,
    amount: Decimal,
    effort: Effort | None = None,
    item: str = "",
    note: str = "",
) -> BudgetLine:
    """Allocate ``amount`` from ``source`` in ``year`` to ``effort`` or to a programme-level
    ``item`` (exactly one of the two)."""
    return _guarded(
        lambda: _check_line(source, year, effort, item),
        lambda: object_create(
            BudgetLine,
            actor=actor,
            programme=programme,
            source=source,
            year=year,
            amount=amount,
            effort=effort,
            item=(item or "").strip(),
            note=note,
        ),
    )


def budget_line_update(
    *, line: BudgetLine, actor, expected_version: int | None, **fields
) -> BudgetLine:
    _unknown(fields, {"source", "year", "amount", "effort", "item", "note"})
    if "item" in fields:
        fields["item"] = (fields["item"] or "").strip()
    merged = {
        name: fields.get(name, getattr(line, name)) for name in ("source", "year", "effort", "item")
    }
    return _guarded(
        lambda: _check_line(
            merged["source"], merged["year"], merged["effort"], merged["item"], line.pk
        ),
        lambda: object_update(line, actor=actor, expected_version=expected_version, **fields),
    )


def budget_line_delete(*, line: BudgetLine, actor, expected_version: int | None) -> None:
    """Delete a budget line; refused while commitments or expenditure are booked on it."""
    with transaction.atomic():
        count = line.spendings.count()
        if count:
            raise ValidationError(
                _(
                    "The budget line ‘%(line)s’ has %(count)s commitment(s) or expenditure(s) "
                    "booked on it; delete or move them first."
                )
                % {"line": line, "count": count}
            )
        object_delete(line, actor=actor, expected_version=expected_version)
