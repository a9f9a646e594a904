"""The recurring meetings of a programme (the contract's principals' meeting every two weeks,
the quarterly provincial meeting), each meeting held with its agenda, and the decisions and
actions taken there. An open action carries over to every later meeting of the series until it
is done."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.programmes.models import Person, Programme, Versioned
from koers.programmes.models.base import NOTE_HELP

from .constants import ITEM_ICONS, AgendaSource, Cadence, ItemKind, ItemStatus, MeetingKind


class Meeting(Versioned):
    """A recurring meeting of a programme (the series)."""

    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="meetings", verbose_name=_("programme")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=MeetingKind.choices)
    title = models.CharField(
        _("title"), max_length=200, help_text=_("E.g. 'Overleg opdrachtgevers Binnenstad'.")
    )
    cadence = models.CharField(
        _("how often"), max_length=20, choices=Cadence.choices, default=Cadence.BIWEEKLY
    )
    participants = models.TextField(
        _("participants"), blank=True, help_text=_("Who takes part, e.g. the principals.")
    )
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["programme", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portfolio:meeting", kwargs={"slug": self.programme.slug, "pk": self.pk})


class MeetingOccurrence(Versioned):
    """One meeting held (or planned) on a date."""

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="occurrences", verbose_name=_("meeting")
    )
    date = models.DateField(_("date"))
    minutes = models.TextField(
        _("minutes"), blank=True, help_text=_("What was discussed, in short.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting held")
        verbose_name_plural = _("meetings held")
        ordering = ["meeting", "-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "date"],
                name="meeting_occurrence_one_per_day",
                violation_error_message=_("This meeting already takes place on this date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} {self.date:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse(
            "portfolio:meeting_occurrence",
            kwargs={
                "slug": self.meeting.programme.slug,
                "pk": self.meeting_id,
                "occurrence": self.pk,
            },
        )


class AgendaItem(Versioned):
    """A point on the agenda: drawn from the principals' digest, or added by hand."""

    occurrence = models.ForeignKey(
        MeetingOccurrence, models.CASCADE, related_name="agenda", verbose_name=_("meeting held")
    )
    order = models.PositiveIntegerField(_("order"), default=1)
    title = models.CharField(_("point"), max_length=500)
    text = models.TextField(_("explanation"), blank=True)
    link = models.CharField(
        _("link"), max_length=300, blank=True, help_text=_("A page of Koers the point is about.")
    )
    source = models.CharField(
        _("source"), max_length=10, choices=AgendaSource.choices, default=AgendaSource.FREE
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["occurrence", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class MeetingItem(Versioned):
    """A decision or an action recorded at a meeting. An action has an owner and a due date
    and stays on the agenda of every later meeting of the series until it is done."""

    occurrence = models.ForeignKey(
        MeetingOccurrence,
        models.CASCADE,
        related_name="items",
        verbose_name=_("recorded at"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    text = models.TextField(_("text"))
    owner = models.ForeignKey(
        Person,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_actions",
        verbose_name=_("owner"),
        help_text=_("Who carries out the action."),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision or action")
        verbose_name_plural = _("decisions and actions")
        ordering = ["occurrence", "kind", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.kind == ItemKind.DECISION:
            if self.owner_id or self.due_date:
                errors["kind"] = _("A decision has no owner or due date; record an action.")
            self.status, self.done_on = ItemStatus.DONE, None
        elif self.status == ItemStatus.DONE and self.done_on is None:
            errors["done_on"] = _("Give the date the action was done.")
        elif self.status == ItemStatus.OPEN:
            self.done_on = None
        if errors:
            raise ValidationError(errors)

    @property
    def is_action(self) -> bool:
        return self.kind == ItemKind.ACTION

    @property
    def is_open(self) -> bool:
        return self.is_action and self.status == ItemStatus.OPEN

    @property
    def status_icon(self) -> str:
        return ITEM_ICONS.get(self.status, "")
