"""People, partner organisations and the programme roles with their hours per year."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..constants import PartnerKind, RoleKind
from .base import NOTE_HELP, Versioned
from .programme import Programme


class PartnerOrganisation(Versioned):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=PartnerKind.choices, default=PartnerKind.OTHER
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="partner_name_unique",
                violation_error_message=_("An organisation with this name already exists."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Person(Versioned):
    name = models.CharField(_("name"), max_length=200)
    function_title = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    organisation = models.ForeignKey(
        PartnerOrganisation,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation"),
        help_text=_("Empty for staff of the municipality."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("user account"),
        help_text=_("The log-in of this person; an effort owner edits their own efforts."),
    )
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        constraints = [
            # Efforts, roles and the JSON exchange refer to a person by name and e-mail address.
            models.UniqueConstraint(
                Lower("name"),
                Lower("email"),
                name="person_name_email_unique",
                violation_error_message=_(
                    "A person with this name and e-mail address already exists; give the e-mail "
                    "address to tell them apart."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.function_title})" if self.function_title else self.name


class ProgrammeRole(Versioned):
    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="roles", verbose_name=_("programme")
    )
    kind = models.CharField(_("role"), max_length=30, choices=RoleKind.choices)
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("The title as the contract gives it, e.g. 'strategisch programma-adviseur'."),
    )
    person = models.ForeignKey(
        Person,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("held by"),
        help_text=_("Empty when the source does not name the person."),
    )
    order = models.PositiveIntegerField(_("order"), default=1)
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme role")
        verbose_name_plural = _("programme roles")
        ordering = ["programme", "order", "id"]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()


class RoleHours(Versioned):
    role = models.ForeignKey(
        ProgrammeRole, models.CASCADE, related_name="hours", verbose_name=_("role")
    )
    year = models.PositiveIntegerField(_("year"), validators=[MinValueValidator(1900)])
    planned_hours = models.DecimalField(
        _("planned hours"), max_digits=8, decimal_places=1, validators=[MinValueValidator(0)]
    )
    realised_hours = models.DecimalField(
        _("realised hours"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Hours actually spent in the year, as far as known (from time registration)."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hours per year")
        verbose_name_plural = _("hours per year")
        ordering = ["role", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["role", "year"],
                name="role_hours_year_unique",
                violation_error_message=_("Hours for this role and year already exist."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.role} {self.year}: {self.planned_hours}"
