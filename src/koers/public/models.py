"""What is public of a programme. Deny by default: a programme, an indicator or an effort is
public only when it has a publication record that says so. Drafts, reports, budgets below the
programme total, risks and people's names are never published through these records."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.programmes.models import Effort, Indicator, Programme, Versioned


class ProgrammePublication(Versioned):
    programme = models.OneToOneField(
        Programme, models.CASCADE, related_name="publication", verbose_name=_("programme")
    )
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_(
            "Show the programme in the public monitor: its mission, its goals and the indicators "
            "and efforts published below. Nothing else of the programme becomes public."
        ),
    )
    introduction = models.TextField(
        _("public introduction"),
        blank=True,
        help_text=_("A short text for citizens at the top of the public page."),
    )
    show_budget_total = models.BooleanField(
        _("publish the budget total"),
        default=False,
        help_text=_(
            "Show the programme's total budget. Budgets below the programme total are never public."
        ),
    )
    published_at = models.DateTimeField(_("first published at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publication of a programme")
        verbose_name_plural = _("publications of programmes")

    def __str__(self) -> str:
        return str(self.programme)


class IndicatorPublication(Versioned):
    indicator = models.OneToOneField(
        Indicator, models.CASCADE, related_name="publication", verbose_name=_("indicator")
    )
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_(
            "Show this indicator, its measurements, chart and status in the public monitor."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publication of an indicator")
        verbose_name_plural = _("publications of indicators")

    def __str__(self) -> str:
        return str(self.indicator)


class EffortPublication(Versioned):
    effort = models.OneToOneField(
        Effort, models.CASCADE, related_name="publication", verbose_name=_("effort")
    )
    published = models.BooleanField(_("published"), default=False)
    public_description = models.TextField(
        _("public description"),
        blank=True,
        help_text=_(
            "What citizens read about this effort. Write it for the public: no names of people, "
            "no internal matters. The effort's own description is never shown."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publication of an effort")
        verbose_name_plural = _("publications of efforts")

    def __str__(self) -> str:
        return str(self.effort)
