"""Change proposals (wijzigingsvoorstellen): the changes that an adopted programme takes only
with a decision, prepared first, decided by the college, then applied.

"De omvang van het programma (scope) wordt vastgesteld door het college. Wijzigingen in de scope
gebeuren uitsluitend middels een collegebesluit." A proposal in *concept* collects pending
changes, each with its reason (:func:`change_propose`; the DIN's edit pages call it instead of
the write when the user puts the change in a proposal). Registering the decision on the proposal
(:func:`proposal_decide`) records the decision, which then allows exactly these changes, and
applies them all in one transaction, each recorded with that decision. A rejected proposal
(:func:`proposal_reject`) is kept with its changes unapplied.

Keyword-only arguments, ``full_clean()``, one transaction, ``actor`` in the history; updates
refuse a stale ``expected_version``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.programmes import proposing
from koers.programmes.change_control import applying
from koers.programmes.models import Programme
from koers.programmes.services import object_create, object_delete, object_update
from koers.text import normalise_text

from .constants import ProposalStatus
from .models import ChangeProposal, Decision, PendingChange
from .services import decision_create

__all__ = [
    "change_propose",
    "change_propose_into",
    "pending_statement_update",
    "pending_withdraw",
    "proposal_create",
    "proposal_decide",
    "proposal_delete",
    "proposal_reject",
    "proposal_update",
]


#: Moving budget between efforts (:mod:`koers.finance.transfers`) can be proposed too.
TRANSFER = "finance.transfer:create"


def _write_of(operation: str):
    """The write of an operation that is not a DIN element's (see
    :func:`koers.programmes.proposing.try_out`), or None."""
    if operation != TRANSFER:
        return None
    from koers.finance.transfers import budget_transfer_create  # the budget, above the DIN

    def transfer(*, actor, decision, values):
        return budget_transfer_create(actor=actor, decision=decision, **values)

    return transfer


def _concept(proposal: ChangeProposal) -> None:
    if not proposal.is_concept:
        raise ValidationError(
            _("The change proposal ‘%(proposal)s’ has been %(status)s and can no longer change.")
            % {"proposal": proposal, "status": proposal.get_status_display()}
        )


def proposal_create(*, actor, programme: Programme, title: str = "", summary: str = ""):
    title = title or _("Change proposal %(date)s") % {
        "date": timezone.localdate().strftime("%d-%m-%Y")
    }
    return object_create(
        ChangeProposal,
        actor=actor,
        programme=programme,
        title=title,
        summary=summary,
        created_by=actor if getattr(actor, "pk", None) else None,
    )


def proposal_update(
    *, proposal: ChangeProposal, actor, expected_version: int | None, **fields: Any
) -> ChangeProposal:
    unknown = set(fields) - {"title", "summary"}
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    _concept(proposal)
    return object_update(proposal, actor=actor, expected_version=expected_version, **fields)


def proposal_delete(*, proposal: ChangeProposal, actor, expected_version: int | None) -> None:
    """Delete a concept proposal with its pending changes (nothing of it is in force); a decided
    or rejected proposal is part of the record and stays."""
    _concept(proposal)
    with transaction.atomic():
        proposal.pending.all().delete()
        object_delete(proposal, actor=actor, expected_version=expected_version)


def change_propose(
    *,
    proposal: ChangeProposal,
    actor,
    operation: str,
    target=None,
    values: dict | None = None,
    reason: str,
) -> PendingChange:
    """Put a write of the DIN in ``proposal`` instead of making it: ``operation`` (see
    :mod:`koers.programmes.proposing`) on ``target`` with ``values``. The write is tried out
    first (it must validate, and it must contain a change that needs a decision); of an update
    only the values that differ from the stored element are kept."""
    _concept(proposal)
    reason = normalise_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for this change.")})
    values = dict(values or {})
    values.pop("decision", None)
    if operation.endswith(":update") and _write_of(operation) is None:
        values = proposing.changed_values(target, values)
    # Taken before the write is tried out: a tried-out delete leaves ``target.pk`` None.
    target_model = target._meta.label_lower if target is not None else ""
    target_id = target.pk if target is not None else None
    with transaction.atomic():
        changes = proposing.try_out(
            operation,
            target=target,
            values=values,
            actor=actor,
            programme=proposal.programme,
            write=_write_of(operation),
        )
        if not changes:
            raise ValidationError(
                {"proposal": _("This change needs no decision: save it without a change proposal.")}
            )
        if any(c.programme.pk != proposal.programme_id for c in changes):
            raise ValidationError({"proposal": _("This proposal belongs to another programme.")})
        return PendingChange.objects.create(
            proposal=proposal,
            operation=operation,
            target_model=target_model,
            target_id=target_id,
            arguments=proposing.to_json(values),
            described=[
                {
                    "kind": str(c.kind),
                    "subject": str(c.subject),
                    "before": str(c.before),
                    "after": str(c.after),
                }
                for c in changes
            ],
            reason=reason,
            created_by=actor if getattr(actor, "pk", None) else None,
        )


NEW = "nieuw"


def change_propose_into(
    *, programme: Programme, choice: str, actor, operation: str, target, values: dict, reason: str
) -> PendingChange:
    """:func:`change_propose` into the programme's concept proposal ``choice`` (its key), or
    into a new one (``"nieuw"``), in one transaction."""
    with transaction.atomic():
        if choice == NEW:
            proposal = proposal_create(actor=actor, programme=programme)
        else:
            proposal = ChangeProposal.objects.filter(
                programme=programme, pk=int(choice) if str(choice).isdigit() else None
            ).first()
            if proposal is None:
                raise ValidationError(
                    {"proposal": _("Choose a change proposal of this programme.")}
                )
        return change_propose(
            proposal=proposal,
            actor=actor,
            operation=operation,
            target=target,
            values=values,
            reason=reason,
        )


def pending_statement_update(*, pending: PendingChange, actor, statement: str) -> PendingChange:
    """Let a proposed target change of a goal also update the goal's statement (so the text
    agrees with the new target when the decision applies it), in the same pending change."""
    _concept(pending.proposal)
    if pending.operation != proposing.operation_name("doel", "update"):
        raise ValidationError(_("Only the change of a goal can update its statement."))
    statement = normalise_text(statement or "").strip()
    if not statement:
        raise ValidationError({"statement": _("Give the new statement of the goal.")})
    with transaction.atomic():
        goal = proposing.from_json({"$ref": pending.target_model, "pk": pending.target_id})
        values = proposing.from_json(pending.arguments) | {"statement": statement}
        proposing.try_out(
            pending.operation,
            target=goal,
            values=values,
            actor=actor,
            programme=pending.proposal.programme,
        )
        pending.arguments = proposing.to_json(values)
        pending.save(update_fields=["arguments"])
    return pending


def pending_withdraw(*, pending: PendingChange, actor) -> None:
    """Take a change out of a concept proposal."""
    _concept(pending.proposal)
    pending.delete()


def proposal_decide(
    *, proposal: ChangeProposal, actor, expected_version: int | None, **decision_fields: Any
) -> Decision:
    """Register the decision on ``proposal`` and apply all its changes, in one transaction, each
    recorded with that decision; the decision allows exactly these changes. When one change
    cannot be applied (an element it refers to is gone, a value no longer validates) nothing is
    applied and the error names the change."""
    _concept(proposal)
    pending = list(proposal.pending.order_by("created_at", "pk"))
    if not pending:
        raise ValidationError(_("This change proposal has no changes to decide on."))
    kinds = sorted({d["kind"] for p in pending for d in p.described})
    with transaction.atomic():
        object_update(
            proposal,
            actor=actor,
            expected_version=expected_version,
            status=ProposalStatus.DECIDED,
        )
        decision = decision_create(
            actor=actor, programme=proposal.programme, authorises=kinds, **decision_fields
        )
        Decision.objects.filter(pk=decision.pk).update(proposal=proposal)
        decision.proposal = proposal
        now = timezone.now()
        with applying(decision):
            for number, change in enumerate(pending, start=1):
                try:
                    proposing.apply(
                        change.operation,
                        target_model=change.target_model,
                        target_id=change.target_id,
                        arguments=change.arguments,
                        actor=actor,
                        decision=decision,
                        write=_write_of(change.operation),
                    )
                except ValidationError as exc:
                    raise ValidationError(
                        _("Change %(number)s (%(change)s) cannot be applied: %(error)s")
                        % {"number": number, "change": change, "error": " ".join(exc.messages)}
                    ) from exc
        proposal.pending.update(applied_at=now)
    return decision


def proposal_reject(
    *,
    proposal: ChangeProposal,
    actor,
    expected_version: int | None,
    date: dt.date,
    note: str = "",
) -> ChangeProposal:
    """Record that the proposal was rejected; its changes stay, unapplied."""
    _concept(proposal)
    return object_update(
        proposal,
        actor=actor,
        expected_version=expected_version,
        status=ProposalStatus.REJECTED,
        rejected_on=date,
        rejection_note=note,
    )
