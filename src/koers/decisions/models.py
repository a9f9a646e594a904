"""The decisions register of a programme: its decisions (college decisions and others) and the
record of every change made to it since it was adopted, with the decision that allowed it.

The tables were created when the register was part of :mod:`koers.risks` and keep their names
(``risks_decision``, ``risks_historicaldecision``, ``risks_programmechange``); the move changed
only where Django looks for the models.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.programmes.constants import ChangeKind
from koers.programmes.models import Programme, Versioned
from koers.programmes.models.base import NOTE_HELP

from .constants import DecisionKind


class Decision(Versioned):
    """A decision that changed the programme: a college decision (collegebesluit), a council
    decision or another; the changes it allowed refer to it."""

    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="decisions", verbose_name=_("programme")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=DecisionKind.choices, default=DecisionKind.COLLEGE
    )
    date = models.DateField(_("date"))
    number = models.CharField(
        _("number"),
        max_length=100,
        blank=True,
        help_text=_("The number or reference in the decision register, e.g. 2019/0123."),
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    link = models.URLField(
        _("link"),
        max_length=500,
        blank=True,
        help_text=_("Where the decision can be read, e.g. in the council information system."),
    )
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    # Tables keep the names from when the register was part of the risks app.
    history = HistoricalRecords(table_name="risks_historicaldecision")

    class Meta:
        db_table = "risks_decision"
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["programme", "-date", "-pk"]

    def __str__(self) -> str:
        label = f"{self.number} {self.title}" if self.number else self.title
        return f"{label} ({self.date:%d-%m-%Y})" if self.date else label

    def get_absolute_url(self) -> str:
        return reverse("decisions:detail", kwargs={"slug": self.programme.slug, "pk": self.pk})


class ProgrammeChange(models.Model):
    """One change to an adopted programme (a goal or effort added or removed, a target changed,
    budget moved, the status changed), with the decision that allowed it. Written by the services
    through :mod:`koers.programmes.change_control`; never edited."""

    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="changes", verbose_name=_("programme")
    )
    decision = models.ForeignKey(
        Decision,
        models.RESTRICT,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("decision"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=ChangeKind.choices)
    subject = models.CharField(_("subject"), max_length=500)
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("after"), blank=True)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        db_table = "risks_programmechange"
        verbose_name = _("programme change")
        verbose_name_plural = _("programme changes")
        ordering = ["programme", "-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject}"
