"""Tracks (sporen), efforts, their activities per year and the links to operational goals."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..constants import EffortStatus, MunicipalityRole
from .base import NOTE_HELP, Archivable, Versioned
from .goals import OperationalGoal
from .people import PartnerOrganisation, Person
from .programme import Programme


class Track(Versioned):
    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="tracks", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=1)
    start_year = models.PositiveIntegerField(
        _("from year"), null=True, blank=True, validators=[MinValueValidator(1900)]
    )
    end_year = models.PositiveIntegerField(
        _("to year"), null=True, blank=True, validators=[MinValueValidator(1900)]
    )
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        ordering = ["programme", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "programme",
                name="track_name_unique",
                violation_error_message=_("This programme already has a track with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The last year lies before the first.")})


class Effort(Archivable, Versioned):
    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="efforts", verbose_name=_("programme")
    )
    track = models.ForeignKey(
        Track,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="efforts",
        verbose_name=_("track"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        Person,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_efforts",
        verbose_name=_("owner (trekker)"),
    )
    municipality_role = models.CharField(
        _("role of the municipality"),
        max_length=20,
        choices=MunicipalityRole.choices,
        blank=True,
        default=MunicipalityRole.UNKNOWN,
    )
    partners = models.ManyToManyField(
        PartnerOrganisation, blank=True, related_name="efforts", verbose_name=_("partners")
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EffortStatus.choices, default=EffortStatus.PLANNED
    )
    order = models.PositiveIntegerField(_("order"), default=1)
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    history = HistoricalRecords(m2m_fields=[partners])

    class Meta:
        verbose_name = _("effort")
        verbose_name_plural = _("efforts")
        ordering = ["programme", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "programme",
                name="effort_name_unique",
                violation_error_message=_("This programme already has an effort with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:effort", kwargs={"slug": self.programme.slug, "pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.track_id and self.programme_id and self.track.programme_id != self.programme_id:
            errors["track"] = _("The track belongs to another programme.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end lies before the start.")
        if errors:
            raise ValidationError(errors)


class GoalEffortLink(Versioned):
    """An effort contributes to an operational goal (the lines of the DIN)."""

    operational_goal = models.ForeignKey(
        OperationalGoal, models.CASCADE, related_name="links", verbose_name=_("operational goal")
    )
    effort = models.ForeignKey(
        Effort, models.CASCADE, related_name="links", verbose_name=_("effort")
    )
    contribution = models.TextField(
        _("contribution"), blank=True, help_text=_("Optional: how the effort serves the goal.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("link between goal and effort")
        verbose_name_plural = _("links between goals and efforts")
        ordering = ["operational_goal__code", "effort__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["operational_goal", "effort"],
                name="goal_effort_link_unique",
                violation_error_message=_("This effort is already linked to this goal."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.effort} → {self.operational_goal.code}"

    def clean(self) -> None:
        if (
            self.operational_goal_id
            and self.effort_id
            and self.operational_goal.programme_id != self.effort.programme_id
        ):
            raise ValidationError(_("The goal and the effort belong to different programmes."))


class Activity(Versioned):
    effort = models.ForeignKey(
        Effort, models.CASCADE, related_name="activities", verbose_name=_("effort")
    )
    year = models.PositiveIntegerField(_("year"), validators=[MinValueValidator(1900)])
    description = models.TextField(_("description"))
    order = models.PositiveIntegerField(_("order"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["effort", "year", "order", "id"]

    def __str__(self) -> str:
        return f"{self.year}: {self.description[:60]}"
