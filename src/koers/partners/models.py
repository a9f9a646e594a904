"""What partner organisations commit to a programme's efforts and what they delivered, and what
each partner wants out of its part in the programme (its interests).

A contribution is money (euros, exact to the cent), hours or a described deliverable, for one
effort in one year. It refers to its partner with ``PROTECT``: a partner organisation that has
committed something cannot be deleted; deleting the effort (or the programme) takes its
contributions with it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.finance.money import format_euro
from koers.programmes.models import Effort, PartnerOrganisation, Programme, Versioned
from koers.programmes.models.base import NOTE_HELP
from koers.programmes.presentation import format_number

from .constants import ContributionKind

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]
NOT_NEGATIVE = [MinValueValidator(0)]

#: The fields each kind uses; the others stay empty.
KIND_FIELDS = {
    ContributionKind.MONEY: ("committed_amount", "delivered_amount"),
    ContributionKind.HOURS: ("committed_hours", "delivered_hours"),
    ContributionKind.DELIVERABLE: (),
}
QUANTITY_FIELDS = ("committed_amount", "delivered_amount", "committed_hours", "delivered_hours")


def _money(verbose_name, help_text="") -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
        help_text=help_text,
    )


def _hours(verbose_name, help_text="") -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=9,
        decimal_places=1,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
        help_text=help_text,
    )


class Contribution(Versioned):
    """What one partner commits to one effort in one year, and what it delivered."""

    partner = models.ForeignKey(
        PartnerOrganisation,
        models.PROTECT,
        related_name="contributions",
        verbose_name=_("partner"),
    )
    effort = models.ForeignKey(
        Effort, models.CASCADE, related_name="contributions", verbose_name=_("effort")
    )
    year = models.PositiveIntegerField(_("year"), validators=YEAR_VALIDATORS)
    kind = models.CharField(_("kind"), max_length=10, choices=ContributionKind.choices)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What the partner commits; required for a deliverable."),
    )
    committed_amount = _money(_("committed amount"), _("In euros, for a contribution in money."))
    committed_hours = _hours(_("committed hours"), _("For a contribution in hours."))
    delivered_amount = _money(
        _("delivered amount"), _("In euros: what the partner actually paid, as far as known.")
    )
    delivered_hours = _hours(
        _("delivered hours"), _("The hours the partner actually spent, as far as known.")
    )
    delivered_note = models.TextField(
        _("what was delivered"),
        blank=True,
        help_text=_(
            "What the partner actually delivered; for a deliverable, empty means not delivered yet."
        ),
    )
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contribution of a partner")
        verbose_name_plural = _("contributions of partners")
        ordering = ["effort__programme", "partner__name", "year", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "effort", "year", "kind"],
                condition=Q(kind__in=[ContributionKind.MONEY, ContributionKind.HOURS]),
                name="contribution_partner_effort_year_kind_unique",
                violation_error_message=_(
                    "This partner already commits this kind of contribution to this effort in "
                    "this year; change that one."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} → {self.effort} {self.year}: {self.committed_text}"

    @property
    def committed_text(self) -> str:
        if self.kind == ContributionKind.MONEY:
            return format_euro(self.committed_amount)
        if self.kind == ContributionKind.HOURS:
            return _("%(hours)s hours") % {"hours": format_number(self.committed_hours)}
        return self.description

    @property
    def delivered_text(self) -> str:
        """What was delivered in words ('' when nothing is recorded)."""
        if self.kind == ContributionKind.MONEY and self.delivered_amount is not None:
            return format_euro(self.delivered_amount)
        if self.kind == ContributionKind.HOURS and self.delivered_hours is not None:
            return _("%(hours)s hours") % {"hours": format_number(self.delivered_hours)}
        return "" if self.kind != ContributionKind.DELIVERABLE else self.delivered_note

    def clean(self) -> None:
        errors: dict[str, str] = {}
        used = KIND_FIELDS.get(self.kind)
        if used is None:
            return
        for name in QUANTITY_FIELDS:
            if name not in used and getattr(self, name) is not None:
                errors[name] = _("Leave this empty for a contribution of the kind ‘%(kind)s’.") % {
                    "kind": self.get_kind_display()
                }
        if self.kind == ContributionKind.MONEY and self.committed_amount is None:
            errors["committed_amount"] = _("Give the amount the partner commits, in euros.")
        if self.kind == ContributionKind.HOURS and self.committed_hours is None:
            errors["committed_hours"] = _("Give the number of hours the partner commits.")
        if self.kind == ContributionKind.DELIVERABLE and not self.description.strip():
            errors["description"] = _("Describe the deliverable the partner commits.")
        if errors:
            raise ValidationError(errors)


class PartnerInterest(Versioned):
    """What a partner wants out of its part in a programme, in its own words."""

    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="partner_interests", verbose_name=_("programme")
    )
    partner = models.ForeignKey(
        PartnerOrganisation,
        models.PROTECT,
        related_name="interests",
        verbose_name=_("partner"),
    )
    interests = models.TextField(
        _("interests"),
        blank=True,
        help_text=_(
            "What the partner wants to achieve with its part in the programme, so its "
            "contributions can be related to it."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("interests of a partner")
        verbose_name_plural = _("interests of partners")
        ordering = ["programme", "partner__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "partner"],
                name="partner_interest_unique",
                violation_error_message=_(
                    "The interests of this partner in this programme are already recorded."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} ({self.programme})"
