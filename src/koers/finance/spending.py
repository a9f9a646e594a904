"""Every write to spending: commitments and expenditure booked against a budget line. The same
rules as the budget's services: keyword-only arguments, ``full_clean()``, a transaction, the actor
in the history, and ``expected_version`` with ``ConflictError`` on a stale change."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from koers.programmes.services import ConflictError, object_create, object_delete, object_update

from .constants import SpendingKind
from .models import BudgetLine, Spending, SpendingSubmission
from .money import format_euro

__all__ = [
    "ConflictError",
    "duplicate_warning",
    "new_submission_key",
    "similar_spending",
    "spending_create",
    "spending_delete",
    "spending_update",
    "submission_done",
]

FIELDS = {"budget_line", "kind", "date", "amount", "description", "reference"}
CENT = Decimal("0.01")


def check_amount(amount) -> Decimal:
    """``amount`` as a Decimal of more than zero with at most two decimals, or ValidationError."""
    try:
        value = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValidationError({"amount": _("Enter an amount in euros.")}) from exc
    if not value.is_finite():
        raise ValidationError({"amount": _("Enter an amount in euros.")})
    if value <= 0:
        raise ValidationError({"amount": _("The amount must be more than zero.")})
    if value != value.quantize(CENT):
        raise ValidationError({"amount": _("An amount has at most two decimals (cents).")})
    return value.quantize(CENT)


def _check(line: BudgetLine, kind: str, date, reference: str, exclude_pk=None) -> None:
    errors = {}
    if kind not in SpendingKind.values:
        errors["kind"] = _("Choose commitment or expenditure.")
    if not isinstance(date, dt.date):
        errors["date"] = _("Enter a date.")
    if errors:
        raise ValidationError(errors)
    if reference:
        clash = Spending.objects.filter(budget_line=line, kind=kind, reference=reference)
        if exclude_pk is not None:
            clash = clash.exclude(pk=exclude_pk)
        if clash.exists():
            raise ValidationError(
                {
                    "reference": _(
                        "‘%(line)s’ already has a %(kind)s with reference ‘%(reference)s’."
                    )
                    % {
                        "line": line,
                        "kind": SpendingKind(kind).label,
                        "reference": reference,
                    }
                }
            )


def _guarded(check, write):
    try:
        with transaction.atomic():
            check()
            return write()
    except IntegrityError:
        check()
        raise


# --- double booking: a key per form and per upload, a warning on the same line, date and amount


def new_submission_key() -> str:
    """The random key a spending form or upload preview carries (hidden) to its POST."""
    return secrets.token_urlsafe(24)


def submission_done(key: str) -> SpendingSubmission | None:
    """What was booked with ``key`` already, or None."""
    if not key:
        return None
    return SpendingSubmission.objects.filter(key=key[:64]).first()


def similar_spending(
    *, budget_line: BudgetLine, date: dt.date, amount, exclude_pk=None
) -> Spending | None:
    """Spending already booked on the same budget line, date and amount (perhaps the same
    invoice booked twice: a warning, not a refusal)."""
    found = Spending.objects.filter(budget_line=budget_line, date=date, amount=amount)
    if exclude_pk is not None:
        found = found.exclude(pk=exclude_pk)
    return found.order_by("pk").first()


def duplicate_warning(spending: Spending) -> str:
    return _(
        "There is already spending of %(amount)s on %(date)s on this budget line; save anyway?"
    ) % {"amount": format_euro(spending.amount, cents=True), "date": f"{spending.date:%d-%m-%Y}"}


def _first_result(done: SpendingSubmission) -> Spending:
    existing = Spending.objects.filter(pk=done.first_spending_id).first()
    if existing is None:  # deleted since
        raise ValidationError(
            _("This form has already been sent; nothing was saved a second time.")
        )
    return existing


def spending_create(
    *,
    actor,
    budget_line: BudgetLine,
    kind: str,
    date: dt.date,
    amount,
    description: str = "",
    reference: str = "",
    submission_key: str = "",
) -> Spending:
    """Book a commitment or expenditure of ``amount`` (euros, > 0, at most two decimals).

    ``submission_key`` (the form's random key): a second call with the same key books nothing
    and returns what the first one booked."""
    value = check_amount(amount)
    reference = (reference or "").strip()
    key = (submission_key or "")[:64]
    if key and (done := submission_done(key)) is not None:
        return _first_result(done)
    try:
        with transaction.atomic():
            spending = _guarded(
                lambda: _check(budget_line, kind, date, reference),
                lambda: object_create(
                    Spending,
                    actor=actor,
                    budget_line=budget_line,
                    kind=kind,
                    date=date,
                    amount=value,
                    description=(description or "").strip(),
                    reference=reference,
                ),
            )
            if key:
                SpendingSubmission.objects.create(
                    key=key,
                    spending_count=1,
                    total_amount=spending.amount,
                    first_spending_id=spending.pk,
                )
    except IntegrityError:
        if key and (done := submission_done(key)) is not None:  # another request was first
            return _first_result(done)
        raise
    return spending


def spending_update(
    *, spending: Spending, actor, expected_version: int | None, **fields
) -> Spending:
    unknown = set(fields) - FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    if "amount" in fields:
        fields["amount"] = check_amount(fields["amount"])
    for name in ("reference", "description"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    if "budget_line" in fields and fields["budget_line"].programme_id != (
        spending.budget_line.programme_id
    ):
        raise ValidationError({"budget_line": _("This budget line belongs to another programme.")})
    merged = {n: fields.get(n, getattr(spending, n)) for n in ("budget_line", "kind", "date")}
    reference = fields.get("reference", spending.reference)
    return _guarded(
        lambda: _check(
            merged["budget_line"], merged["kind"], merged["date"], reference, spending.pk
        ),
        lambda: object_update(spending, actor=actor, expected_version=expected_version, **fields),
    )


def spending_delete(*, spending: Spending, actor, expected_version: int | None) -> None:
    object_delete(spending, actor=actor, expected_version=expected_version)
