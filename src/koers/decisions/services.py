"""Writes to the decisions register: decisions (college decisions and others) and the record of
every change to an adopted programme. Keyword-only arguments, ``full_clean()``, one transaction,
``actor`` in the history; updates and deletes refuse a stale ``expected_version``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from koers.programmes.change_control import Change
from koers.programmes.constants import ChangeKind
from koers.programmes.models import Programme
from koers.programmes.services import ConflictError, object_create, object_delete, object_update

from .models import Decision, ProgrammeChange

__all__ = [
    "ConflictError",
    "change_record",
    "decision_create",
    "decision_delete",
    "decision_update",
]

_FIELDS = {"kind", "date", "number", "title", "summary", "link", "note", "authorises"}


def _unknown(fields: dict) -> None:
    unknown = set(fields) - _FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    if "authorises" in fields:
        kinds = list(fields["authorises"] or [])
        wrong = [k for k in kinds if k not in ChangeKind.values]
        if wrong:
            raise ValidationError(
                {"authorises": _("Unknown kinds of change: %s") % ", ".join(wrong)}
            )
        fields["authorises"] = sorted(set(kinds))


def decision_create(*, actor, programme: Programme, **fields: Any) -> Decision:
    _unknown(fields)
    return object_create(Decision, actor=actor, programme=programme, **fields)


def decision_update(
    *, decision: Decision, actor, expected_version: int | None, **fields: Any
) -> Decision:
    _unknown(fields)
    if decision.proposal_id is not None and "authorises" in fields:
        # A decision on a proposal allows exactly that proposal's changes.
        fields.pop("authorises")
    return object_update(decision, actor=actor, expected_version=expected_version, **fields)


def decision_delete(*, decision: Decision, actor, expected_version: int | None) -> None:
    """Delete a decision; refused while changes refer to it (they are the programme's record)."""
    count = decision.changes.count()
    if count:
        raise ValidationError(
            _(
                "The decision ‘%(decision)s’ is the basis of %(count)s recorded change(s) and "
                "cannot be deleted. Correct its details instead."
            )
            % {"decision": decision, "count": count}
        )
    object_delete(decision, actor=actor, expected_version=expected_version)


def change_record(change: Change, decision: Decision | None, actor) -> ProgrammeChange:
    """Record one change to an adopted programme (called by the DIN's and the budget's services
    through :func:`koers.programmes.change_control.record`, inside their transaction; the record
    is never edited)."""
    return ProgrammeChange.objects.create(
        programme=change.programme,
        decision=decision,
        kind=change.kind,
        subject=change.subject[:500],
        before=change.before,
        after=change.after,
        changed_by=actor if getattr(actor, "pk", None) else None,
    )
