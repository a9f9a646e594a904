"""The programme itself, its strategic choices and who has access to it."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..constants import AccessLevel, ProgrammeStatus
from .base import NOTE_HELP, Versioned, validate_not_reserved


class Programme(Versioned):
    slug = models.SlugField(
        _("short name"),
        max_length=60,
        unique=True,
        help_text=_("Used in addresses and on the command line, e.g. almelo-binnenstad."),
        validators=[validate_not_reserved],
    )
    name = models.CharField(_("name"), max_length=200)
    municipality = models.CharField(_("municipality"), max_length=100)
    period_start = models.DateField(_("start of period"))
    period_end = models.DateField(_("end of period"))
    contract_version = models.CharField(
        _("contract version"),
        max_length=100,
        blank=True,
        help_text=_("The version label of the programme contract, e.g. 'versie maart 2019'."),
    )
    contract_date = models.DateField(_("contract date"), null=True, blank=True)
    mission = models.TextField(_("mission"), blank=True)
    vision = models.TextField(_("vision and ambition"), blank=True)
    scope = models.TextField(
        _("scope"), blank=True, help_text=_("What belongs to the programme and what does not.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.CONCEPT
    )
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The end of the period lies before its start.")})


class StrategicChoice(Versioned):
    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="choices", verbose_name=_("programme")
    )
    order = models.PositiveIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("explanation"), blank=True)
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strategic choice")
        verbose_name_plural = _("strategic choices")
        ordering = ["programme", "order", "id"]

    def __str__(self) -> str:
        return self.title


class ProgrammeAccess(Versioned):
    """Who may work on a programme: programme staff edit it, readers only read."""

    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="access", verbose_name=_("programme")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="programme_access",
        verbose_name=_("user"),
    )
    level = models.CharField(_("access"), max_length=10, choices=AccessLevel.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("access to a programme")
        verbose_name_plural = _("access to programmes")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "user"],
                name="programme_access_unique",
                violation_error_message=_("This user already has access to this programme."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.programme}: {self.get_level_display()}"
