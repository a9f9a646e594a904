"""Moving money between efforts ("budget verschuiven").

Money moves from one budget line to the line of another effort **with the same source and
year** (that line is created when the effort has none yet). No more can be moved than the
from-line still has free: its amount minus what is committed and spent on it (the rule of
:mod:`koers.finance.exhaustion`). Both lines change in one transaction, locked with
``select_for_update``, with their versions raised and the reason in their history; the transfer
itself is recorded as a :class:`~koers.finance.models.BudgetTransfer`, and the change is handed to
the programme's change control (``ChangeKind.BUDGET_MOVED``) with its decision, when one is given.

:func:`transfer_preview` computes the same figures without writing, plus which operational goals
lose or gain support (:func:`koers.finance.support.goals_losing_support`), in a fixed number of
queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from koers.programmes.change_control import Change, controlled_change
from koers.programmes.constants import ChangeKind
from koers.programmes.models import Effort, GoalEffortLink, Programme
from koers.programmes.services import ConflictError, object_create, object_update

from .exhaustion import line_exhaustion
from .models import BudgetLine, BudgetTransfer, Spending
from .money import format_euro
from .spending import check_amount
from .support import SupportChange, goals_losing_support

__all__ = [
    "ConflictError",
    "TransferPlan",
    "budget_transfer_create",
    "goals_losing_support",
    "programme_transfers",
    "transfer_preview",
]


@dataclass
class TransferPlan:
    """A move of ``amount`` from ``from_line`` to ``to_effort``'s line of the same source and
    year (``to_line``, None when it does not exist yet), with the amounts before and after."""

    programme: Programme
    from_line: BudgetLine
    to_effort: Effort
    to_line: BudgetLine | None
    amount: Decimal
    available: Decimal
    reason: str
    decision: object = None
    support: SupportChange | None = field(default=None)

    @property
    def from_before(self) -> Decimal:
        return self.from_line.amount

    @property
    def from_after(self) -> Decimal:
        return self.from_line.amount - self.amount

    @property
    def to_before(self) -> Decimal:
        return self.to_line.amount if self.to_line is not None else Decimal("0.00")

    @property
    def to_after(self) -> Decimal:
        return self.to_before + self.amount

    @property
    def source(self):
        return self.from_line.source

    @property
    def year(self) -> int:
        return self.from_line.year

    def subject(self) -> str:
        return _("%(amount)s from %(from)s to %(to)s (%(source)s, %(year)s)") % {
            "amount": format_euro(self.amount),
            "from": self.from_line.label,
            "to": self.to_effort.name,
            "source": self.source.name,
            "year": self.year,
        }

    def _amounts(self, a: Decimal, b: Decimal) -> str:
        return f"{self.from_line.label}: {format_euro(a)}; {self.to_effort.name}: {format_euro(b)}"

    def before(self) -> str:
        return self._amounts(self.from_before, self.to_before)

    def after(self) -> str:
        return self._amounts(self.from_after, self.to_after)


def _available(line: BudgetLine) -> Decimal:
    """What ``line`` still has free: its amount minus commitments and expenditure (one query)."""
    entries = Spending.objects.filter(budget_line=line).only("budget_line_id", "kind", "amount")
    return line_exhaustion(line, entries).remaining


def _to_line(from_line: BudgetLine, to_effort: Effort, *, lock: bool = False) -> BudgetLine | None:
    lines = BudgetLine.objects.filter(
        source_id=from_line.source_id, year=from_line.year, effort=to_effort
    )
    if lock:
        lines = lines.select_for_update()
    return lines.first()


def _plan(
    *, from_line: BudgetLine, to_effort: Effort, amount, reason: str, decision, to_line
) -> TransferPlan:
    """Check everything at once; ValidationError with a message per field otherwise."""
    errors: dict[str, str] = {}
    value = None
    try:
        value = check_amount(amount)
    except ValidationError as exc:
        errors["amount"] = exc.message_dict["amount"][0]
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = _("Give the reason for moving the money.")
    programme = from_line.programme
    if to_effort.programme_id != from_line.programme_id:
        errors["to_effort"] = _("This effort belongs to another programme.")
    elif from_line.effort_id == to_effort.pk:
        errors["to_effort"] = _(
            "The money already belongs to ‘%(effort)s’; choose another effort to move it to."
        ) % {"effort": to_effort.name}
    if decision is not None and decision.programme_id != from_line.programme_id:
        errors["decision"] = _("This decision belongs to another programme.")
    if to_line is not None and (to_line.source_id, to_line.year) != (
        from_line.source_id,
        from_line.year,
    ):
        errors["to_effort"] = _("Money moves only between lines of the same source and year.")
    available = _available(from_line)
    if value is not None and value > available:
        errors["amount"] = _(
            "‘%(line)s’ has %(available)s that is not committed or spent; no more than that "
            "can be moved."
        ) % {"line": from_line, "available": format_euro(max(available, Decimal("0")))}
    if errors:
        raise ValidationError(errors)
    return TransferPlan(
        programme=programme,
        from_line=from_line,
        to_effort=to_effort,
        to_line=to_line,
        amount=value,
        available=available,
        reason=reason,
        decision=decision,
    )


def transfer_preview(
    programme: Programme,
    *,
    from_line: BudgetLine,
    to_effort: Effort,
    amount,
    reason: str,
    decision=None,
) -> TransferPlan:
    """The transfer as it would be booked now, with the goals that lose and gain support;
    ValidationError when it would be refused. Three queries, however large the programme."""
    from_line.programme = programme  # the same programme: no query
    plan = _plan(
        from_line=from_line,
        to_effort=to_effort,
        amount=amount,
        reason=reason,
        decision=decision,
        to_line=_to_line(from_line, to_effort),
    )
    served: dict[int, set] = {from_line.effort_id: set(), to_effort.pk: set()}
    links = GoalEffortLink.objects.filter(
        effort_id__in=[pk for pk in served if pk is not None]
    ).select_related("operational_goal")
    for link in links:
        goal = link.operational_goal
        goal.programme = programme  # for its URL, without a query
        served[link.effort_id].add(goal)
    from_goals = served[from_line.effort_id] if from_line.effort_id else set()
    plan.support = goals_losing_support(from_goals, served[to_effort.pk])
    return plan


def budget_transfer_create(
    *,
    actor,
    from_line: BudgetLine,
    to_effort: Effort,
    amount,
    reason: str,
    decision=None,
    expected_version: int | None = None,
) -> BudgetTransfer:
    """Move ``amount`` from ``from_line`` to ``to_effort``'s line of the same source and year
    (created when missing). ``expected_version`` is the from-line's version the user saw in the
    preview (ConflictError when it changed since); None takes the current one."""
    with transaction.atomic():
        locked = {
            line.pk: line
            for line in BudgetLine.objects.select_for_update()
            .filter(
                Q(pk=from_line.pk)
                | Q(source_id=from_line.source_id, year=from_line.year, effort=to_effort)
            )
            .order_by("pk")
        }
        fresh = locked.get(from_line.pk)
        if fresh is None:
            raise ConflictError(from_line)
        if expected_version is not None and fresh.version != expected_version:
            raise ConflictError(fresh)
        to_line = next((line for pk, line in locked.items() if pk != fresh.pk), None)
        plan = _plan(
            from_line=fresh,
            to_effort=to_effort,
            amount=amount,
            reason=reason,
            decision=decision,
            to_line=to_line,
        )
        controlled_change(
            Change(
                plan.programme,
                ChangeKind.BUDGET_MOVED,
                subject=plan.subject(),
                before=plan.before(),
                after=plan.after(),
            ),
            decision=decision,
            actor=actor,
        )
        object_update(
            fresh,
            actor=actor,
            expected_version=fresh.version,
            reason=plan.reason,
            amount=plan.from_after,
        )
        if to_line is None:
            to_line = object_create(
                BudgetLine,
                actor=actor,
                reason=plan.reason,
                programme=plan.programme,
                source=fresh.source,
                year=fresh.year,
                effort=to_effort,
                amount=plan.amount,
            )
        else:
            object_update(
                to_line,
                actor=actor,
                expected_version=to_line.version,
                reason=plan.reason,
                amount=plan.to_after,
            )
        record = BudgetTransfer(
            programme=plan.programme,
            from_line=fresh,
            to_line=to_line,
            amount=plan.amount,
            reason=plan.reason,
            decision=decision,
        )
        record.full_clean()
        record._history_user = actor
        record._change_reason = plan.reason
        record.save()
    return record


def programme_transfers(programme: Programme) -> list[BudgetTransfer]:
    """The programme's transfers, newest first, each with ``created_at`` and ``created_by`` from
    its history: two queries, however many there are."""
    transfers = list(
        BudgetTransfer.objects.filter(programme=programme)
        .select_related("from_line__source", "from_line__effort", "to_line__effort", "decision")
        .order_by("-pk")
    )
    if not transfers:
        return transfers
    created = {
        h.id: h
        for h in BudgetTransfer.history.filter(
            id__in=[t.pk for t in transfers], history_type="+"
        ).select_related("history_user")
    }
    for transfer in transfers:
        for line in (transfer.from_line, transfer.to_line):
            if line.effort_id:
                line.effort.programme = programme
        if transfer.decision_id:
            transfer.decision.programme = programme
        record = created.get(transfer.pk)
        transfer.created_at = record.history_date if record else None
        transfer.created_by = record.history_user if record else None
    return transfers
