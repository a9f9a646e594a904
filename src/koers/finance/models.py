"""The programme's money: funding sources, what each makes available per year, and the budget
lines that allocate it per year to an effort or a programme-level item.

Amounts are euros with two decimals (``Decimal``), never floats. A budget line uses an effort
with ``RESTRICT``: the effort cannot be deleted while money is allocated to it, but deleting the
whole programme takes its budget with it.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.programmes.models import Effort, Programme, Versioned
from koers.programmes.models.base import NOTE_HELP

from .constants import SpendingKind
from .money import format_euro

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]
AMOUNT_VALIDATORS = [MinValueValidator(0)]


def _amount(verbose_name) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=14, decimal_places=2, validators=AMOUNT_VALIDATORS
    )


class FundingSource(Versioned):
    """Where money comes from: the programme budget, a subsidy, a year's municipal budget."""

    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="funding_sources", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["programme", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"],
                name="funding_source_name_unique",
                violation_error_message=_("This programme already has a source with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SourceAvailability(Versioned):
    """What a source makes available to the programme in one year."""

    source = models.ForeignKey(
        FundingSource, models.CASCADE, related_name="availabilities", verbose_name=_("source")
    )
    year = models.PositiveIntegerField(_("year"), validators=YEAR_VALIDATORS)
    amount = _amount(_("amount available"))
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("availability")
        verbose_name_plural = _("availabilities")
        ordering = ["source", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "year"],
                name="source_availability_year_unique",
                violation_error_message=_(
                    "This source already has an available amount for this year; change that one."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.year}"


class BudgetLine(Versioned):
    """Money from one source in one year for one effort, or for a programme-level item (such as
    the programme's own organisation) that is no effort."""

    # Part of the programme's accountability record: what it refers to is archived, not deleted
    # (see koers.programmes.deletion).
    is_record = True

    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="budget_lines", verbose_name=_("programme")
    )
    source = models.ForeignKey(
        FundingSource, models.RESTRICT, related_name="lines", verbose_name=_("source")
    )
    year = models.PositiveIntegerField(_("year"), validators=YEAR_VALIDATORS)
    amount = _amount(_("amount"))
    effort = models.ForeignKey(
        Effort,
        models.RESTRICT,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("effort"),
    )
    item = models.CharField(
        _("programme-level item"),
        max_length=200,
        blank=True,
        help_text=_("For money that is not for one effort, e.g. the programme's organisation."),
    )
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["programme", "source__order", "source__name", "year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(effort__isnull=False) & Q(item=""))
                | (Q(effort__isnull=True) & ~Q(item="")),
                name="budget_line_effort_xor_item",
                violation_error_message=_(
                    "Choose an effort or name a programme-level item, not both."
                ),
            ),
            models.UniqueConstraint(
                fields=["source", "year", "effort"],
                condition=Q(effort__isnull=False),
                name="budget_line_effort_unique",
                violation_error_message=_(
                    "This effort already has a line from this source in this year; change that one."
                ),
            ),
            models.UniqueConstraint(
                fields=["source", "year", "item"],
                condition=Q(effort__isnull=True),
                name="budget_line_item_unique",
                violation_error_message=_(
                    "This item already has a line from this source in this year; change that one."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.source}, {self.year})"

    @property
    def label(self) -> str:
        return self.effort.name if self.effort_id else self.item

    def clean(self) -> None:
        super().clean()
        self.item = (self.item or "").strip()
        errors = {}
        if self.effort_id and self.item:
            errors["item"] = _("Choose an effort or name a programme-level item, not both.")
        elif not self.effort_id and not self.item:
            errors["effort"] = _("Choose an effort or name a programme-level item.")
        if self.source_id and self.programme_id and self.source.programme_id != self.programme_id:
            errors["source"] = _("This source belongs to another programme.")
        if self.effort_id and self.programme_id and self.effort.programme_id != self.programme_id:
            errors["effort"] = _("This effort belongs to another programme.")
        if errors:
            raise ValidationError(errors)


class Spending(Versioned):
    """A commitment or expenditure booked against one budget line, as the financial system
    records it. ``reference`` is the financial system's document number; it is unique per line
    and kind when given."""

    # Part of the programme's accountability record: what it refers to is archived, not deleted
    # (see koers.programmes.deletion).
    is_record = True

    # CASCADE so that deleting a whole programme takes its spending with it; deleting one budget
    # line that has spending is refused by the service (budget_line_delete).
    budget_line = models.ForeignKey(
        BudgetLine, models.CASCADE, related_name="spendings", verbose_name=_("budget line")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SpendingKind.choices)
    date = models.DateField(_("date"))
    amount = models.DecimalField(
        _("amount"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    description = models.CharField(_("description"), max_length=500, blank=True)
    reference = models.CharField(
        _("reference"),
        max_length=100,
        blank=True,
        help_text=_("The document number in the financial system, if any."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("spending")
        verbose_name_plural = _("spending")
        ordering = ["budget_line", "date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="spending_amount_positive",
                violation_error_message=_("The amount must be more than zero."),
            ),
            models.UniqueConstraint(
                fields=["budget_line", "kind", "reference"],
                condition=~Q(reference=""),
                name="spending_reference_unique",
                violation_error_message=_(
                    "This budget line already has an entry of this kind with this reference."
                ),
            ),
        ]

    def __str__(self) -> str:
        date = self.date.strftime("%d-%m-%Y") if hasattr(self.date, "strftime") else self.date
        return f"{str(self.get_kind_display()).capitalize()} {date} {format_euro(self.amount)}"


class BudgetTransfer(models.Model):
    """Money moved from one budget line to the line of another effort with the same source and
    year ("budget verschuiven"). Written by :func:`koers.finance.transfers.budget_transfer_create`
    together with the two lines' new amounts; never edited. When and by whom: the history."""

    # Part of the programme's accountability record: what it refers to is archived, not deleted
    # (see koers.programmes.deletion).
    is_record = True

    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="budget_transfers", verbose_name=_("programme")
    )
    from_line = models.ForeignKey(
        BudgetLine,
        models.RESTRICT,
        related_name="transfers_out",
        verbose_name=_("from budget line"),
    )
    to_line = models.ForeignKey(
        BudgetLine,
        models.RESTRICT,
        related_name="transfers_in",
        verbose_name=_("to budget line"),
    )
    amount = models.DecimalField(
        _("amount"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    reason = models.TextField(_("reason"), help_text=_("Why the money is moved."))
    decision = models.ForeignKey(
        "decisions.Decision",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_transfers",
        verbose_name=_("decision"),
        help_text=_("The decision that allowed the move, if any."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget transfer")
        verbose_name_plural = _("budget transfers")
        ordering = ["programme", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="budget_transfer_amount_positive",
                violation_error_message=_("The amount must be more than zero."),
            ),
            models.CheckConstraint(
                condition=~Q(from_line=models.F("to_line")),
                name="budget_transfer_other_line",
                violation_error_message=_("Money moves to another budget line."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.from_line_id} → {self.to_line_id}"

    def clean(self) -> None:
        super().clean()
        self.reason = (self.reason or "").strip()
        errors = {}
        if not self.reason:
            errors["reason"] = _("Give the reason for moving the money.")
        if self.from_line_id and self.to_line_id:
            a, b = self.from_line, self.to_line
            if (a.source_id, a.year) != (b.source_id, b.year):
                errors["to_line"] = _("Money moves only between lines of the same source and year.")
            if self.programme_id and {a.programme_id, b.programme_id} != {self.programme_id}:
                errors["to_line"] = _("This budget line belongs to another programme.")
        if (
            self.decision_id
            and self.programme_id
            and (self.decision.programme_id != self.programme_id)
        ):
            errors["decision"] = _("This decision belongs to another programme.")
        if errors:
            raise ValidationError(errors)


class SpendingSubmission(models.Model):
    """One sent spending form or confirmed spending upload, by the random key its page carried:
    the unique key makes a second POST of the same form or upload (a double click, the back
    button, a second tab) book nothing; it answers with what the first one booked. No foreign
    keys: it is a receipt, not part of the accountability record."""

    key = models.CharField(_("key"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    spending_count = models.PositiveIntegerField(_("entries"), default=0)
    total_amount = models.DecimalField(
        _("total amount"), max_digits=16, decimal_places=2, default=Decimal("0.00")
    )
    first_spending_id = models.PositiveIntegerField(_("first entry"), null=True, blank=True)

    class Meta:
        verbose_name = _("spending submission")
        verbose_name_plural = _("spending submissions")

    def __str__(self) -> str:
        return self.key
